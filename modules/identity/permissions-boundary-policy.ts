import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { Construct } from "constructs";
import { PolicyStatement, policyDocument } from "../core/policy-document";
import { physicalName } from "../internal/naming";
import { permissionsBoundaryStatements } from "./deploy-permissions";

/** The boundary policy's name for an environment: `<project>-boundary-<environment>`, outside `<project>-<environment>-*`. */
export function permissionsBoundaryName(project: string, environment: string): string {
  return `${project}-boundary-${environment}`;
}

/** Props for {@link PermissionsBoundaryPolicy}. */
export interface PermissionsBoundaryPolicyProps {
  /**
   * Policy name; keep it outside the prefix the apply role manages, or the apply role could
   * rewrite its own ceiling (see {@link permissionsBoundaryName}).
   */
  readonly name: string;
  /**
   * Deny statements every role under the boundary is held to besides, such as the
   * cross-environment guards of a shared account ({@link crossEnvironmentGuardStatements}).
   * @default []
   */
  readonly denyStatements?: readonly PolicyStatement[];
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The customer managed policy used as the permissions boundary of an environment's roles:
 * everything but IAM, Organizations and Account, and no role chaining
 * ({@link permissionsBoundaryStatements}). Pass `policyArn` to the deploy roles'
 * `permissionsBoundaryArn`, and give the environment's roles the boundary with
 * `applyPermissionsBoundary`.
 */
export class PermissionsBoundaryPolicy extends Construct {
  public readonly policy: IamPolicy;
  public readonly policyArn: string;

  public constructor(scope: Construct, id: string, props: PermissionsBoundaryPolicyProps) {
    super(scope, id);
    this.policy = new IamPolicy(this, "Policy", {
      name: physicalName(this, "iamPolicy", props.name),
      description: "Permissions boundary: everything but IAM, Organizations, Account and role chaining",
      policy: policyDocument([
        ...permissionsBoundaryStatements(),
        ...(props.denyStatements ?? []).map((s) => ({ ...s, effect: "Deny" as const })),
      ]),
      tags: props.tags,
    });
    this.policyArn = this.policy.arn;
  }
}
