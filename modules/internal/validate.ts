import { Token } from "cdktf";
import { IConstruct } from "constructs";

/**
 * Synth-time validation helpers. Every error names the construct path, the prop, what is
 * allowed and the value that was given, so the fix is obvious from the message alone.
 * Values that are unresolved tokens (known only at apply) are skipped: they cannot be checked here.
 */

/** Thrown for invalid props or configuration; the message is complete on its own. */
export class ValidationError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = "ValidationError";
  }
}

/**
 * Render a value for an error message, as the user wrote it: strings quoted, and numbers JSON
 * cannot spell (NaN, Infinity, -Infinity) by name, also inside arrays and objects, where
 * `JSON.stringify` would print `null`.
 */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  const marker = "\u0000number:";
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? `${marker}${v}` : v));
    return text === undefined ? String(value) : text.replace(/"\\u0000number:([^"]*)"/g, "$1");
  } catch {
    return String(value);
  }
}

/**
 * Where a composing construct (a pattern) takes the props of the parts it creates: child id (or
 * id prefix ending in `*`) → the composing construct's prop, e.g. `{ Web: "compute (or compute.overrides)" }`.
 */
const propHints = new WeakMap<IConstruct, { readonly owner: string; readonly hints: Readonly<Record<string, string>> }>();

/**
 * Let errors of the parts `composer` creates name the prop of `composer` that sets them: a user of
 * a pattern never constructs its parts, so `App/Web: desiredCount ...` alone would point at a prop
 * it cannot see. The message then ends with `(set through <owner> prop <hint>)`.
 */
export function registerPropHints(composer: IConstruct, owner: string, hints: Readonly<Record<string, string>>): void {
  propHints.set(composer, { owner, hints });
}

/** The hint of the nearest composing ancestor of `scope`, if any. */
function propHint(scope: IConstruct): string | undefined {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 2; i >= 0; i--) {
    const entry = propHints.get(scopes[i]);
    if (entry === undefined) continue;
    const childId = scopes[i + 1].node.id;
    const hint = Object.entries(entry.hints).find(([id]) => (id.endsWith("*") ? childId.startsWith(id.slice(0, -1)) : childId === id))?.[1];
    return hint === undefined ? undefined : ` (set through ${entry.owner} prop ${hint})`;
  }
  return undefined;
}

/** Throw `<path>: <prop> <rule>, got <value>`. */
export function fail(scope: IConstruct | string, prop: string, rule: string, value: unknown): never {
  const where = typeof scope === "string" ? scope : scope.node.path;
  const hint = typeof scope === "string" ? "" : (propHint(scope) ?? "");
  throw new ValidationError(`${where}: ${prop} ${rule}, got ${show(value)}${hint}`);
}

/** True when the value is only known at apply time (a cdktf token). */
export function isToken(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "number") return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value);
  return false;
}

/** Require an integer within [min, max]. */
export function checkIntegerRange(scope: IConstruct | string, prop: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined || isToken(value)) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(scope, prop, `must be an integer from ${min} to ${max}`, value);
  }
}

/** Require a finite number (rejects NaN, Infinity and numeric strings). */
export function checkNumber(scope: IConstruct | string, prop: string, value: unknown): void {
  if (value === undefined || isToken(value)) return;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    fail(scope, prop, "must be a finite number", value);
  }
}

/** Require one of a fixed set of values. */
export function checkOneOf<T>(scope: IConstruct | string, prop: string, value: T | undefined, allowed: readonly T[]): void {
  if (value === undefined || isToken(value)) return;
  if (!allowed.includes(value)) {
    fail(scope, prop, `must be one of ${allowed.map((a) => show(a)).join(", ")}`, value);
  }
}

/** Require a string matching a pattern; `rule` says in words what the pattern allows. */
export function checkPattern(scope: IConstruct | string, prop: string, value: string | undefined, pattern: RegExp, rule: string): void {
  if (value === undefined || isToken(value)) return;
  if (typeof value !== "string" || !pattern.test(value)) fail(scope, prop, rule, value);
}

/** Require `value.length <= max`. */
export function checkMaxLength(scope: IConstruct | string, prop: string, value: string | undefined, max: number): void {
  if (value === undefined || isToken(value)) return;
  if (value.length > max) fail(scope, prop, `must be at most ${max} characters (is ${value.length})`, value);
}

/** Require that a list has no repeated entries. */
export function checkUnique(scope: IConstruct | string, prop: string, values: readonly string[] | undefined): void {
  if (!values) return;
  const seen = new Set<string>();
  for (const v of values) {
    if (isToken(v)) continue;
    if (seen.has(v)) fail(scope, prop, "must not contain duplicates", v);
    seen.add(v);
  }
}

/** Require min <= max, naming both props. */
export function checkMinMax(
  scope: IConstruct | string,
  minProp: string,
  min: number | undefined,
  maxProp: string,
  max: number | undefined,
): void {
  if (min === undefined || max === undefined || isToken(min) || isToken(max)) return;
  if (min > max) fail(scope, minProp, `must not exceed ${maxProp} (${max})`, min);
}

/** A TCP/UDP port, 1-65535. */
export function checkPort(scope: IConstruct | string, prop: string, value: number | undefined): void {
  checkIntegerRange(scope, prop, value, 1, 65535);
}

/** An ARN, optionally of one service (`arn:<partition>:<service>:...`). */
export function checkArn(scope: IConstruct | string, prop: string, value: string | undefined, service?: string): void {
  const svc = service ? service.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : "[a-z0-9-]+";
  checkPattern(
    scope,
    prop,
    value,
    new RegExp(`^arn:aws[a-z-]*:${svc}:[a-z0-9-]*:(\\d{12})?:.+$`),
    `must be ${service ? `an ARN of ${service}` : "an AWS ARN"} (arn:aws:${service ?? "<service>"}:...)`,
  );
}

/** An AWS region code such as us-east-1. */
export const REGION_PATTERN =
  /^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d$/;

/**
 * A DNS domain name (no trailing dot), as Route 53, ACM and SES accept it; internationalized
 * top-level domains come in their punycode form (`xn--p1ai`), which Route 53 and ACM take.
 */
export const DOMAIN_PATTERN = /^(?=.{1,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59}(?<!-))$/;

/** An email address, strict enough to catch typos that AWS would reject. */
export const EMAIL_PATTERN = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9-]{1,63}\.)+([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** A domain name, lower case, no trailing dot. */
export function checkDomain(scope: IConstruct | string, prop: string, value: string | undefined): void {
  checkPattern(
    scope,
    prop,
    value,
    DOMAIN_PATTERN,
    "must be a lower-case DNS name such as example.com (labels of 1-63 letters, digits or hyphens; no trailing dot)",
  );
}

/** An email address. */
export function checkEmail(scope: IConstruct | string, prop: string, value: string | undefined): void {
  checkPattern(scope, prop, value, EMAIL_PATTERN, "must be an email address such as ops@example.com");
}

/** CloudWatch Logs accepts only these retention values (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** A CloudWatch Logs retention value. 0 ("never expire") is refused: logs must not grow forever. */
export function checkLogRetention(scope: IConstruct | string, prop: string, value: number | undefined): void {
  checkOneOf<number>(scope, prop, value, LOG_RETENTION_DAYS);
}

/**
 * Tags: keys of 1-128 and values of at most 256 Unicode characters, of letters, digits, spaces
 * and `_ . : / = + - @` (the set every tagging service accepts; IAM, EFS and others refuse more),
 * and neither keys nor values starting with `aws:` in any case (reserved for AWS).
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html ("Tag naming limits and requirements")
 */
export function checkTags(scope: IConstruct | string, prop: string, tags: Readonly<Record<string, string>> | undefined): void {
  if (tags === undefined) return;
  const chars = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
  const rule = "letters, digits, spaces and _ . : / = + - @";
  for (const [key, value] of Object.entries(tags)) {
    if (isToken(key)) continue;
    const length = [...key].length;
    if (length < 1 || length > 128) fail(scope, `${prop} key`, `must be 1-128 characters (is ${length})`, key);
    if (!chars.test(key)) fail(scope, `${prop} key`, `must contain only ${rule}`, key);
    if (/^aws:/i.test(key)) fail(scope, `${prop} key`, "must not start with aws: (reserved for AWS)", key);
    if (value === undefined || isToken(value)) continue;
    if (typeof value !== "string") fail(scope, `${prop}.${key}`, "must be a string", value);
    if ([...value].length > 256) fail(scope, `${prop}.${key}`, `must be at most 256 characters (is ${[...value].length})`, value);
    if (!chars.test(value)) fail(scope, `${prop}.${key}`, `must contain only ${rule}`, value);
    if (/^aws:/i.test(value)) fail(scope, `${prop}.${key}`, "must not start with aws: (reserved for AWS)", value);
  }
}

/**
 * A KMS key ARN (`arn:aws:kms:<region>:<account>:key/<id>`), not an alias ARN: where the ARN
 * lands in an IAM `Resource` (kms:Decrypt is authorized on the key, so an alias ARN grants
 * nothing) or in a service that takes key ARNs only (CloudWatch Logs `kmsKeyId`).
 * https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html
 */
export function checkKmsKeyArn(scope: IConstruct | string, prop: string, value: string | undefined, why: string): void {
  checkPattern(
    scope,
    prop,
    value,
    /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/,
    `must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias: ${why}`,
  );
}

/** An AWS service principal with its domain, e.g. `ecs-tasks.amazonaws.com` (not `ecs-tasks`). */
export const SERVICE_PRINCIPAL_PATTERN = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;

/**
 * A service principal as IAM takes it in a `Principal.Service`: the service's DNS name, such as
 * `ecs-tasks.amazonaws.com`; a bare `ecs-tasks` is refused by IAM (MalformedPolicyDocument).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services
 */
export function checkServicePrincipal(scope: IConstruct | string, prop: string, value: string | undefined): void {
  checkPattern(
    scope,
    prop,
    value,
    SERVICE_PRINCIPAL_PATTERN,
    "must be a service principal with its domain, such as ecs-tasks.amazonaws.com",
  );
}

/** An HCP Terraform project name: 1-40 letters, digits, spaces, `-` and `_`. */
export const HCP_PROJECT_PATTERN = /^[A-Za-z0-9 _-]{1,40}$/;
