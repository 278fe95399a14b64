import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { PolicyStatement, policyDocument, webIdentityTrustPolicy } from "../core/policy-document";
import { RoleRef } from "../core/workload-role";
import { awsContext } from "../internal/aws-context";
import { physicalName, pascalCase } from "../internal/naming";
import { checkIntegerRange, checkTags, checkUnique, fail } from "../internal/validate";
import { OidcProviderRef } from "./oidc-provider";
import { awsManagedPolicyArn } from "./deploy-permissions";

/** Props for {@link DeployRole}. */
export interface DeployRoleProps {
  /** Physical role name (at most 64 characters). */
  readonly name: string;
  /** The OIDC provider whose tokens the role trusts. */
  readonly oidc: OidcProviderRef;
  /** Exact `sub` claims allowed to assume the role (StringEquals; no wildcards). */
  readonly subjects: readonly string[];
  /** AWS managed policies to attach, by name (e.g. `ReadOnlyAccess`). @default [] */
  readonly awsManagedPolicies?: readonly string[];
  /** Inline policy statements. @default - no inline policy */
  readonly statements?: readonly PolicyStatement[];
  /** Longest session, seconds (3600-43200). @default 3600 */
  readonly maxSessionDurationSeconds?: number;
  /** @default - names the provider host */
  readonly description?: string;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * A role for a pipeline that signs in with an OIDC token (GitHub Actions, HCP Terraform): trusted
 * by exactly one provider, for exactly the given subjects and the provider's audience.
 */
export class DeployRole extends Construct implements RoleRef {
  public readonly role: IamRole;
  public readonly roleName: string;
  public readonly roleArn: string;
  /** The physical name, known at synth (for naming checks and outputs). */
  public readonly name: string;
  /** The subjects it trusts. */
  public readonly subjects: readonly string[];

  public constructor(scope: Construct, id: string, props: DeployRoleProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    this.name = physicalName(this, "iamRole", props.name);
    if (props.subjects.length === 0) fail(this, "subjects", "must list at least one sub claim", props.subjects);
    for (const subject of props.subjects) {
      if (/[*?]/.test(subject)) fail(this, "subjects", "must be exact sub claims (no * or ?): wildcards would widen the trust", subject);
    }
    checkUnique(this, "subjects", props.subjects);
    const maxSession = props.maxSessionDurationSeconds ?? 3600;
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html (MaxSessionDuration)
    checkIntegerRange(this, "maxSessionDurationSeconds", maxSession, 3600, 43200);
    this.subjects = [...props.subjects];
    this.role = new IamRole(this, "Role", {
      name: this.name,
      description: props.description ?? `Assumed with ${props.oidc.host} tokens`,
      assumeRolePolicy: webIdentityTrustPolicy(props.oidc.providerArn, props.oidc.host, props.oidc.audience, props.subjects),
      maxSessionDuration: maxSession,
      tags: props.tags,
    });
    this.roleName = this.role.name;
    this.roleArn = this.role.arn;
    const { partition } = awsContext(this);
    for (const policy of props.awsManagedPolicies ?? []) {
      new IamRolePolicyAttachment(this, pascalCase(policy), { role: this.role.name, policyArn: awsManagedPolicyArn(partition, policy) });
    }
    if (props.statements && props.statements.length > 0) {
      new IamRolePolicy(this, "Policy", { role: this.role.name, name: "deploy", policy: policyDocument(props.statements) });
    }
  }
}
