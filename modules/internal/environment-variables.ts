import { IConstruct } from "constructs";
import { looksLikeSecret } from "./secret-heuristic";
import { fail } from "./validate";

/** A name/value pair as ECS and App Runner take it. */
export interface NameValue {
  readonly name: string;
  readonly value: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Options for {@link renderEnvironment}. */
export interface RenderEnvironmentOptions {
  /** Prefixes the platform reserves (e.g. `AWSAPPRUNNER`, `ECS_`). */
  readonly reservedPrefixes?: readonly string[];
  /** Exact names the platform reserves. */
  readonly reservedNames?: readonly string[];
  /** Names already used by secrets: the same name in both is a conflict. */
  readonly secretNames?: readonly string[];
}

/**
 * Validate plain environment variables and return them sorted by name. A stable order
 * matters: ECS stores container definitions as JSON, and a reordered list shows up as a
 * perpetual diff and "inconsistent result after apply".
 */
export function renderEnvironment(
  scope: IConstruct,
  prop: string,
  variables: Readonly<Record<string, string>> | undefined,
  options: RenderEnvironmentOptions = {},
): NameValue[] {
  const entries = Object.entries(variables ?? {});
  const seen = new Map<string, string>();
  for (const [name, value] of entries) {
    if (!NAME.test(name)) fail(scope, `${prop}.${name}`, "must be a variable name of letters, digits and _ not starting with a digit", name);
    const upper = name.toUpperCase();
    if (seen.has(upper)) fail(scope, prop, `must not repeat a name (also given as ${seen.get(upper)})`, name);
    seen.set(upper, name);
    for (const p of options.reservedPrefixes ?? []) {
      if (upper.startsWith(p.toUpperCase())) fail(scope, `${prop}.${name}`, `must not start with the reserved prefix ${p}`, name);
    }
    if ((options.reservedNames ?? []).some((r) => r.toUpperCase() === upper)) {
      fail(scope, `${prop}.${name}`, "is reserved by the platform", name);
    }
    if ((options.secretNames ?? []).some((s) => s.toUpperCase() === upper)) {
      fail(scope, `${prop}.${name}`, "is also given as a secret; keep it in one place", name);
    }
    if (typeof value !== "string") fail(scope, `${prop}.${name}`, "must be a string", value);
    // The library's one heuristic, shared with the NO-PLAINTEXT-SECRETS policy rule. A value
    // known only at apply (a token) is judged by its name.
    const suspicion = looksLikeSecret(name, value);
    if (suspicion?.kind === "name") {
      fail(scope, `${prop}.${name}`, "looks like a secret; pass it in `secrets` as a Secrets Manager or SSM reference, not as a plain value", "<redacted>");
    }
    if (suspicion?.kind === "value") {
      fail(scope, `${prop}.${name}`, `holds a value that looks like a credential (${suspicion.reason}); store it in Secrets Manager and pass it in \`secrets\``, "<redacted>");
    }
  }
  return entries
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
