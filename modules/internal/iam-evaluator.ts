/**
 * Test helper: a small evaluator of IAM policy documents, enough to ask "may this principal do
 * this action on this resource?" of synthesized policies. It implements the parts of the IAM
 * evaluation logic the library's documents use:
 * - Action / NotAction with `*` and `?` wildcards (case-insensitive);
 * - Resource / NotResource ARNs matched segment by segment (partition, service, region, account,
 *   resource; `*` in the last segment also spans colons);
 * - Condition operators String(Not)Equals, String(Not)Like, Arn(Not)Like, Arn(Not)Equals, Null,
 *   Bool, with `IfExists` and the `ForAnyValue:` / `ForAllValues:` set qualifiers; several keys
 *   and several operators are ANDed, several values ORed; a missing key makes positive
 *   operators false and negated ones true (as IAM does);
 * - Principal of resource policies (`*` or exact AWS ARNs);
 * - an explicit Deny anywhere wins; otherwise identity policy (or resource policy) Allow AND,
 *   when there is one, permissions boundary Allow.
 * It is not a full IAM: no policy variables, no Numeric/Date/IpAddress operators, no SCPs or
 * session policies (the library writes none). Unknown operators throw, so a policy that uses one
 * cannot pass a test by accident.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

/** A policy statement as IAM JSON. */
export interface IamStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
  readonly Principal?: "*" | Record<string, string | string[]>;
}

/** One request: who does what on which resource, with the request context keys. */
export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  /** Condition keys: `aws:ResourceTag/Environment`, `ecs:cluster`, ... (arrays for multi-valued keys). */
  readonly context?: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The caller's ARN, matched against resource policies' principals. */
  readonly principalArn?: string;
}

/** The policies that apply to one principal. */
export interface IamPrincipalPolicies {
  /** Identity policies (inline and attached), as statement lists. */
  readonly identity: readonly (readonly IamStatement[])[];
  /** The permissions boundary. @default - none */
  readonly boundary?: readonly IamStatement[];
}

export type IamDecision = "allow" | "explicitDeny" | "implicitDeny";

const list = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === "string" ? [v] : [...v]);

/** Glob match: `*` any run of characters, `?` one character. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, ignoreCase ? "is" : "s").test(value);
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return [...parts.slice(1, 5), parts.slice(5).join(":")];
}

/** Does a Resource pattern cover an ARN (segment by segment)? */
export function arnMatch(pattern: string, arn: string): boolean {
  if (pattern === "*") return true;
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (!p || !a) return pattern === arn;
  return p.every((segment, i) => globMatch(segment, a[i]));
}

function actionMatches(s: IamStatement, action: string): boolean {
  const matches = (patterns: string[]) => patterns.some((p) => globMatch(p, action, true));
  if (s.NotAction !== undefined) return !matches(list(s.NotAction));
  return matches(list(s.Action));
}

function resourceMatches(s: IamStatement, resource: string): boolean {
  if (s.NotResource !== undefined) return !list(s.NotResource).some((p) => arnMatch(p, resource));
  return list(s.Resource).some((p) => arnMatch(p, resource));
}

const BASE_OPERATORS: Record<string, { negated: boolean; test: (policy: string, value: string) => boolean }> = {
  StringEquals: { negated: false, test: (p, v) => p === v },
  StringNotEquals: { negated: true, test: (p, v) => p === v },
  StringEqualsIgnoreCase: { negated: false, test: (p, v) => p.toLowerCase() === v.toLowerCase() },
  StringLike: { negated: false, test: (p, v) => globMatch(p, v) },
  StringNotLike: { negated: true, test: (p, v) => globMatch(p, v) },
  ArnEquals: { negated: false, test: (p, v) => p === v },
  ArnNotEquals: { negated: true, test: (p, v) => p === v },
  ArnLike: { negated: false, test: (p, v) => arnMatch(p, v) },
  ArnNotLike: { negated: true, test: (p, v) => arnMatch(p, v) },
  Bool: { negated: false, test: (p, v) => p.toLowerCase() === v.toLowerCase() },
};

function conditionHolds(operator: string, key: string, policyValues: string[], context: IamRequest["context"]): boolean {
  const raw = context?.[key];
  const present = raw !== undefined && !(Array.isArray(raw) && raw.length === 0);
  if (operator === "Null") {
    // Null "true": the key is absent; "false": it is present.
    return policyValues.some((v) => (v === "true") === !present);
  }
  const set = /^(ForAnyValue|ForAllValues):/.exec(operator)?.[1];
  let base = set ? operator.slice(set.length + 1) : operator;
  const ifExists = base.endsWith("IfExists");
  if (ifExists) base = base.slice(0, -"IfExists".length);
  const op = BASE_OPERATORS[base];
  if (!op) throw new Error(`iam-evaluator: unsupported condition operator ${operator}`);
  // One context value satisfies the operator: positive = matches a policy value; negated = matches none.
  const one = (value: string) => (op.negated ? !policyValues.some((p) => op.test(p, value)) : policyValues.some((p) => op.test(p, value)));
  const values = list(raw as string | string[] | undefined);
  if (set === "ForAnyValue") return present && values.some(one);
  if (set === "ForAllValues") return !present || values.every(one);
  if (!present) return ifExists || op.negated;
  return values.some(one);
}

function conditionsHold(s: IamStatement, context: IamRequest["context"]): boolean {
  return Object.entries(s.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => conditionHolds(operator, key, list(values), context)),
  );
}

function principalMatches(s: IamStatement, principalArn: string | undefined): boolean {
  if (s.Principal === undefined) return true;
  if (s.Principal === "*") return true;
  const aws = list(s.Principal.AWS);
  return aws.includes("*") || (principalArn !== undefined && aws.includes(principalArn));
}

/** The statements of `statements` that apply to the request (principal, action, resource, conditions). */
export function matchingStatements(statements: readonly IamStatement[], request: IamRequest): IamStatement[] {
  return statements.filter(
    (s) =>
      principalMatches(s, request.principalArn) &&
      actionMatches(s, request.action) &&
      resourceMatches(s, request.resource) &&
      conditionsHold(s, request.context),
  );
}

/**
 * The decision for one principal and request, in one account: an explicit Deny in any identity
 * policy, the boundary or the resource policy wins; otherwise an Allow of an identity policy or
 * of the resource policy (for this principal), within the boundary when there is one.
 */
export function evaluate(principal: IamPrincipalPolicies, request: IamRequest, resourcePolicy: readonly IamStatement[] = []): IamDecision {
  const all = [...principal.identity.flat(), ...(principal.boundary ?? []), ...resourcePolicy];
  if (matchingStatements(all, request).some((s) => s.Effect === "Deny")) return "explicitDeny";
  const allows = (statements: readonly IamStatement[]) => matchingStatements(statements, request).some((s) => s.Effect === "Allow");
  const granted = allows(principal.identity.flat()) || allows(resourcePolicy.filter((s) => s.Principal !== undefined));
  const bounded = principal.boundary === undefined || allows(principal.boundary);
  return granted && bounded ? "allow" : "implicitDeny";
}

/**
 * The AWS managed `PowerUserAccess` policy (version 5), as the apply roles get it: everything but
 * IAM, Organizations and Account, and a few reads and service-linked roles of those.
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html
 */
export const POWER_USER_ACCESS: readonly IamStatement[] = [
  { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
  {
    Effect: "Allow",
    Action: [
      "account:GetAccountInformation",
      "account:GetPrimaryEmail",
      "account:ListRegions",
      "iam:CreateServiceLinkedRole",
      "iam:DeleteServiceLinkedRole",
      "iam:ListRoles",
      "organizations:DescribeOrganization",
    ],
    Resource: "*",
  },
];

/** What a role may be given at worst: every action on every resource (its boundary caps it). */
export const ANY_POLICY: readonly IamStatement[] = [{ Effect: "Allow", Action: "*", Resource: "*" }];
