/**
 * IAM policy documents as plain data. Rendered with JSON.stringify: cdktf resolves the
 * token strings inside (ARNs of resources in the stack) into Terraform references, and the
 * synthesized JSON stays readable and testable with JSON.parse.
 */

/** Condition block: operator → key → value(s). */
export type PolicyConditions = Record<string, Record<string, string | string[]>>;

/** One IAM policy statement. `Action: "*"` is never produced by this library. */
export interface PolicyStatement {
  /** Statement id (letters and digits). @default - none */
  readonly sid?: string;
  /** @default "Allow" */
  readonly effect?: "Allow" | "Deny";
  /** Actions, `service:Action`. */
  readonly actions: string[];
  /** Resource ARNs the actions are limited to. */
  readonly resources: string[];
  /** @default - no conditions */
  readonly conditions?: PolicyConditions;
  /** Principal, for resource policies only (bucket, topic, key policies). @default - none */
  readonly principal?: PolicyPrincipal | "*";
}

/** A principal for trust policies. */
export interface PolicyPrincipal {
  readonly Service?: string | string[];
  readonly AWS?: string | string[];
}

function one<T>(values: T[]): T | T[] {
  return values.length === 1 ? values[0] : values;
}

/** Render statements as an IAM policy document (JSON string). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: s.effect ?? "Allow",
      ...(s.principal ? { Principal: s.principal } : {}),
      Action: one([...s.actions]),
      Resource: one([...s.resources]),
      ...(s.conditions ? { Condition: s.conditions } : {}),
    })),
  });
}

/**
 * A trust policy letting an AWS service assume the role, limited to the given account
 * through `aws:SourceAccount` (confused-deputy protection) when one is given.
 */
export function serviceTrustPolicy(service: string, sourceAccount?: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        ...(sourceAccount ? { Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } } } : {}),
      },
    ],
  });
}
