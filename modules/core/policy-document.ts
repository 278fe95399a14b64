/**
 * IAM policy documents as plain data. Rendered with JSON.stringify: cdktf resolves the
 * token strings inside (ARNs of resources in the stack) into Terraform references, and the
 * synthesized JSON stays readable and testable with JSON.parse.
 */

import { ValidationError } from "../internal/validate";

/** Condition block: operator → key → value(s). */
export type PolicyConditions = Record<string, Record<string, string | string[]>>;

/** One IAM policy statement. `Action: "*"` is never produced by this library. */
export interface PolicyStatement {
  /** Statement id (letters and digits). @default - none */
  readonly sid?: string;
  /** @default "Allow" */
  readonly effect?: "Allow" | "Deny";
  /** Actions, `service:Action` (empty when `notActions` is set). */
  readonly actions: string[];
  /**
   * Every action except these (`NotAction`), for ceilings such as a permissions boundary
   * ("everything but IAM"); `actions` must then be empty.
   * @default - none: the statement applies to `actions`
   */
  readonly notActions?: string[];
  /** Resource ARNs the actions are limited to (empty when `notResources` is set). */
  readonly resources: string[];
  /**
   * Every resource except these (`NotResource`), for Deny statements such as "nothing in this
   * bucket but these keys"; `resources` must then be empty.
   * @default - none: the statement applies to `resources`
   */
  readonly notResources?: string[];
  /** @default - no conditions */
  readonly conditions?: PolicyConditions;
  /** Principal, for resource policies only (bucket, topic, key policies). @default - none */
  readonly principal?: PolicyPrincipal | "*";
}

/** A principal for trust policies. */
export interface PolicyPrincipal {
  readonly Service?: string | string[];
  readonly AWS?: string | string[];
  /** An OIDC/SAML identity provider ARN (web identity federation). */
  readonly Federated?: string | string[];
}

function one<T>(values: T[]): T | T[] {
  return values.length === 1 ? values[0] : values;
}

/** Render statements as an IAM policy document (JSON string). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((s) => {
      for (const [list, not, name] of [
        [s.resources, s.notResources, "resources"],
        [s.actions, s.notActions, "actions"],
      ] as const) {
        if (not && list.length > 0) {
          const notName = name === "resources" ? "notResources" : "notActions";
          throw new ValidationError(
            `policy statement ${s.sid ?? "(no sid)"}: set ${name} or ${notName}, not both, got ${JSON.stringify(list)} and ${JSON.stringify(not)}`,
          );
        }
      }
      return {
        ...(s.sid ? { Sid: s.sid } : {}),
        Effect: s.effect ?? "Allow",
        ...(s.principal ? { Principal: s.principal } : {}),
        ...(s.notActions ? { NotAction: one([...s.notActions]) } : { Action: one([...s.actions]) }),
        ...(s.notResources ? { NotResource: one([...s.notResources]) } : { Resource: one([...s.resources]) }),
        ...(s.conditions ? { Condition: s.conditions } : {}),
      };
    }),
  });
}

/** A one-statement trust policy: `principal` may call `action`, under `condition` when given. */
function trustPolicy(principal: PolicyPrincipal, action: string, condition?: PolicyConditions): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principal, Action: action, ...(condition ? { Condition: condition } : {}) }],
  });
}

/**
 * A trust policy letting an AWS service assume the role, limited to the given account
 * through `aws:SourceAccount` (confused-deputy protection) when one is given. `ifExists`
 * (`StringEqualsIfExists`) for services that do not document sending the key: the account is
 * enforced whenever the key is present, and a request without it is not refused.
 */
export function serviceTrustPolicy(service: string, sourceAccount?: string, ifExists = false): string {
  return trustPolicy(
    { Service: service },
    "sts:AssumeRole",
    sourceAccount ? { [ifExists ? "StringEqualsIfExists" : "StringEquals"]: { "aws:SourceAccount": sourceAccount } } : undefined,
  );
}

/**
 * A trust policy letting workloads that present a token of an OIDC identity provider assume the
 * role (`sts:AssumeRoleWithWebIdentity`): the token's audience must equal `audience`, and its
 * subject must equal one of `subjects` (`StringEquals`, no wildcards; several subjects are ORed).
 * `host` is the provider URL without `https://` (the condition-key prefix IAM uses).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
 */
export function webIdentityTrustPolicy(providerArn: string, host: string, audience: string, subjects: readonly string[]): string {
  return trustPolicy({ Federated: providerArn }, "sts:AssumeRoleWithWebIdentity", {
    StringEquals: { [`${host}:aud`]: audience, [`${host}:sub`]: one([...subjects]) },
  });
}
