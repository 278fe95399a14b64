import { IConstruct } from "constructs";
import { providerRegion } from "./aws-context";
import { looksLikeSecret } from "./secret-heuristic";
import { fail, isToken } from "./validate";

/** A name/value pair as ECS and App Runner take it. */
export interface NameValue {
  readonly name: string;
  readonly value: string;
}

/**
 * What an environment variable name may be. ECS (`KeyValuePair.name`, `Secret.name`) and App Runner
 * (`RuntimeEnvironmentVariables`, keys of 1-51200 characters, pattern `.*`) put no pattern on names,
 * and Linux passes any `NAME=value` string to the process: names are case-sensitive (`http_proxy`
 * and `HTTP_PROXY` are two variables, both read by common HTTP clients) and may start with a digit.
 * Only what cannot be a variable is refused: an empty name, `=` (the separator) and NUL (the
 * terminator). https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KeyValuePair.html
 * https://docs.aws.amazon.com/apprunner/latest/api/API_ImageConfiguration.html
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly the character refused here
const NAME = /^[^=\u0000]+$/;

/**
 * Check one variable name (plain or secret): its form, the platform's reserved prefixes (compared
 * without case: a platform that reserves `AWSAPPRUNNER` refuses it in any spelling) and reserved
 * names (exact: names are case-sensitive).
 */
export function checkVariableName(scope: IConstruct, prop: string, name: string, options: RenderEnvironmentOptions = {}): void {
  if (!NAME.test(name)) fail(scope, prop, "must be a non-empty variable name without = or NUL", name);
  for (const p of options.reservedPrefixes ?? []) {
    if (name.toUpperCase().startsWith(p.toUpperCase())) fail(scope, prop, `must not start with the reserved prefix ${p}`, name);
  }
  if ((options.reservedNames ?? []).includes(name))
    fail(scope, prop, `is reserved by the platform (${options.reservedWhy ?? "it sets the variable itself"})`, name);
}

/** Options for {@link renderEnvironment}. */
export interface RenderEnvironmentOptions {
  /** Prefixes the platform reserves (e.g. `AWSAPPRUNNER`, `ECS_`). */
  readonly reservedPrefixes?: readonly string[];
  /** Exact names the platform reserves. */
  readonly reservedNames?: readonly string[];
  /** Why the names are reserved, for the message. @default "it sets the variable itself" */
  readonly reservedWhy?: string;
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
  for (const [name, value] of entries) {
    checkVariableName(scope, `${prop}.${name}`, name, options);
    if ((options.secretNames ?? []).includes(name)) {
      fail(scope, `${prop}.${name}`, "is also given as a secret; keep it in one place", name);
    }
    if (typeof value !== "string") fail(scope, `${prop}.${name}`, "must be a string", value);
    // ECS and App Runner set AWS_REGION to the task's region; another value sends the AWS SDK's
    // calls to another region, where this stack's secrets, buckets and queues do not exist.
    if ((name === "AWS_REGION" || name === "AWS_DEFAULT_REGION") && !isToken(value)) {
      const region = providerRegion(scope);
      if (region !== undefined && value !== region) {
        fail(
          scope,
          `${prop}.${name}`,
          `must be the stack's AWS provider region ${region} (the SDK would call another region than the stack's resources), or be left out: the platform sets it`,
          value,
        );
      }
    }
    // The library's one heuristic, shared with the NO-PLAINTEXT-SECRETS policy rule. A value
    // known only at apply (a token) is judged by its name.
    const suspicion = looksLikeSecret(name, value);
    if (suspicion?.kind === "name") {
      fail(
        scope,
        `${prop}.${name}`,
        "looks like a secret; pass it in `secrets` as a Secrets Manager or SSM reference, not as a plain value",
        "<redacted>",
      );
    }
    if (suspicion?.kind === "value") {
      fail(
        scope,
        `${prop}.${name}`,
        `holds a value that looks like a credential (${suspicion.reason}); store it in Secrets Manager and pass it in \`secrets\``,
        "<redacted>",
      );
    }
  }
  return entries.map(([name, value]) => ({ name, value })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
