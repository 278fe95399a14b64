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
