import { IConstruct } from "constructs";
import { fail, isToken } from "../internal/validate";

/**
 * A reference to a value held by AWS (never the value itself), injected into a container or
 * App Runner instance at start. Either a Secrets Manager secret ARN or an SSM parameter ARN
 * as a string, or the structured form to pick one JSON key of a secret.
 */
export type SecretRef =
  | string
  | {
      /** ARN of the Secrets Manager secret or SSM parameter. */
      readonly arn: string;
      /** A key inside a JSON secret (Secrets Manager only). @default - the whole value */
      readonly jsonKey?: string;
      /**
       * Where the value lives; needed only when `arn` is a token that cannot be inspected.
       * @default - from the ARN; "secretsmanager" when the ARN is a token
       */
      readonly kind?: "secretsmanager" | "ssm";
    };

/** The ARN IAM must allow for a reference (without any JSON key suffix). */
export function secretResourceArn(ref: SecretRef): string {
  return typeof ref === "string" ? ref : ref.arn;
}

/** Secrets Manager or SSM. */
export function secretKind(ref: SecretRef): "secretsmanager" | "ssm" {
  if (typeof ref !== "string" && ref.kind) return ref.kind;
  return /^arn:aws[a-z-]*:ssm:/.test(secretResourceArn(ref)) ? "ssm" : "secretsmanager";
}

/**
 * The `valueFrom` ECS expects: the ARN, or `<secret-arn>:<json-key>::` for one key of a
 * JSON secret (App Runner does not: it takes whole-secret ARNs only).
 */
export function secretValueFrom(ref: SecretRef): string {
  if (typeof ref === "string" || !ref.jsonKey) return secretResourceArn(ref);
  return `${ref.arn}:${ref.jsonKey}::`;
}

/**
 * Check a reference before its ARN goes into an IAM `Resource` and a `valueFrom`:
 * - a Secrets Manager reference must be the FULL secret ARN, ending in the `-` and six
 *   characters Secrets Manager appends: IAM compares `Resource` with the full ARN, so a name, a
 *   partial ARN (without the suffix) or an ARN with a `:<json-key>::` tail grants nothing and the
 *   task fails to start (select one key with `{ arn, jsonKey }` instead);
 *   https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html#iam-resources
 * - an SSM reference must be a parameter ARN (`...:parameter/<name>` without the name's leading
 *   `/`): ECS takes a bare name, but IAM refuses it as a `Resource` (MalformedPolicyDocument);
 *   https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html
 * - `kind`, when given, must agree with the ARN's service; so must `expected`, when the caller
 *   takes only one kind (e.g. `grantReadSecrets`).
 * ARNs known only at apply are skipped.
 */
export function checkSecretRef(scope: IConstruct | string, prop: string, ref: SecretRef, expected?: "secretsmanager" | "ssm"): void {
  const arn = secretResourceArn(ref);
  if (isToken(arn)) return;
  const parsed = /^arn:aws[a-z-]*:(secretsmanager|ssm):[a-z0-9-]+:\d{12}:(.+)$/.exec(arn);
  if (!parsed) {
    fail(
      scope,
      prop,
      "must be the ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>-AbCdEf) or SSM parameter (arn:aws:ssm:<region>:<account>:parameter/<name>), not a name: IAM grants need ARNs",
      arn,
    );
  }
  const [, service, resource] = parsed;
  if (expected !== undefined && service !== expected) {
    fail(scope, prop, `must be ${expected === "ssm" ? "an SSM parameter" : "a Secrets Manager secret"} ARN (arn:aws:${expected}:...)`, arn);
  }
  if (typeof ref !== "string" && ref.kind !== undefined && ref.kind !== service) {
    fail(scope, `${prop}.kind`, `must match the ARN's service (${service})`, ref.kind);
  }
  if (service === "secretsmanager" && !/^secret:[^:]+-[A-Za-z0-9]{6}$/.test(resource)) {
    fail(
      scope,
      prop,
      "must be the full secret ARN ending in the six characters Secrets Manager appends (…:secret:<name>-AbCdEf), without a :<json-key>:: tail (use { arn, jsonKey }): IAM matches the full ARN only",
      arn,
    );
  }
  if (service === "ssm" && !/^parameter\/[^/]/.test(resource)) {
    fail(
      scope,
      prop,
      "must be an SSM parameter ARN …:parameter/<name> (the name's leading / is dropped in the ARN: …:parameter/app/key, not …:parameter//app/key)",
      arn,
    );
  }
}
