import { StackIndex, blocks } from "./stack-index";

/** One IAM policy statement, normalized from JSON or from an `aws_iam_policy_document` data source. */
export interface Statement {
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** Principal identifiers, flattened; `*` for anyone. Empty for identity policies. */
  readonly principals: readonly string[];
  readonly conditions: readonly { operator: string; key: string; values: readonly string[] }[];
}

const list = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function fromJsonStatement(s: any): Statement {
  const principal = s.Principal;
  const principals =
    principal === undefined || principal === null
      ? []
      : typeof principal === "object"
        ? Object.values(principal).flatMap((v) => list(v))
        : [String(principal)];
  const condition = s.Condition !== null && typeof s.Condition === "object" ? (s.Condition as Record<string, unknown>) : {};
  const conditions = Object.entries(condition).flatMap(([operator, keys]) =>
    keys !== null && typeof keys === "object" ? Object.entries(keys).map(([key, values]) => ({ operator, key, values: list(values) })) : [],
  );
  return {
    effect: s.Effect === "Deny" ? "Deny" : "Allow",
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    notResources: list(s.NotResource),
    principals,
    conditions,
  };
}

function fromDataStatement(s: any): Statement {
  return {
    effect: s.effect === "Deny" ? "Deny" : "Allow",
    actions: list(s.actions),
    notActions: list(s.not_actions),
    resources: list(s.resources),
    notResources: list(s.not_resources),
    principals: blocks(s.principals).flatMap((p: any) => list(p.identifiers)),
    conditions: blocks(s.condition).map((c: any) => ({ operator: String(c.test), key: String(c.variable), values: list(c.values) })),
  };
}

/**
 * The statements of a policy attribute: a JSON string (literal or with `${...}` references
 * inside), a parsed document, or a reference to an `aws_iam_policy_document` data source.
 * Undefined when the document cannot be read at synth (e.g. built with `jsonencode()`).
 */
export function statementsOf(policy: unknown, stack: StackIndex): Statement[] | undefined {
  if (policy === undefined || policy === null) return undefined;
  if (typeof policy === "string") {
    const trimmed = policy.trim();
    const dataRef = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.(json|minified_json)\}$/.exec(trimmed);
    if (dataRef) {
      const doc = stack.get(`data.aws_iam_policy_document.${dataRef[1]}`);
      return doc ? blocks(doc.config.statement).map(fromDataStatement) : undefined;
    }
    try {
      return statementsOf(JSON.parse(trimmed), stack);
    } catch {
      return undefined;
    }
  }
  if (typeof policy === "object") {
    // A statement that is not an object (a stray string or number) is no statement at all.
    return blocks((policy as any).Statement)
      .filter((s) => typeof s === "object")
      .map(fromJsonStatement);
  }
  return undefined;
}

/** True when a pattern such as `*`, `s3:*` or `iam:*` grants every action of a service (or all). */
export function isWildcardAction(action: string): boolean {
  return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

/** Resource types that carry identity-based policy documents. */
export const IDENTITY_POLICY_TYPES = [
  "aws_iam_policy",
  "aws_iam_role_policy",
  "aws_iam_user_policy",
  "aws_iam_group_policy",
  "aws_iam_role",
] as const;

/** The identity policy documents a resource carries (`policy`, or a role's `inline_policy` blocks). */
export function identityPolicies(resource: { type: string; config: Record<string, any> }): unknown[] {
  if (resource.type === "aws_iam_role")
    return blocks(resource.config.inline_policy)
      .map((p: any) => p.policy)
      .filter((p) => p !== undefined);
  return resource.config.policy === undefined ? [] : [resource.config.policy];
}

/** Allow statements of a resource's identity policies (empty when unreadable). */
export function allowStatements(resource: { type: string; config: Record<string, any> }, stack: StackIndex): Statement[] {
  return identityPolicies(resource)
    .flatMap((p) => statementsOf(p, stack) ?? [])
    .filter((s) => s.effect === "Allow");
}
