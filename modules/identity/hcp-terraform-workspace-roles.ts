import { Construct } from "constructs";
import { checkPattern, HCP_PROJECT_PATTERN } from "../internal/validate";
import { CrossEnvironmentSettings, DeployRolePair } from "./deploy-role-pair";
import { HCP_TERRAFORM_AWS_AUDIENCE, OidcProviderRef } from "./oidc-provider";

/** A phase of an HCP Terraform run; each authenticates to AWS on its own. */
export type HcpTerraformRunPhase = "plan" | "apply";

/** The workspace an HCP Terraform token is issued for. */
export interface HcpTerraformWorkspace {
  /** Organization name. */
  readonly organization: string;
  /** HCP Terraform project holding the workspace (new workspaces land in `Default Project`). */
  readonly project: string;
  /** Workspace name. */
  readonly workspace: string;
}

const ORGANIZATION = /^[A-Za-z0-9_-]+$/;
const WORKSPACE = /^[A-Za-z0-9_-]{1,90}$/;

/**
 * The `sub` claim of an HCP Terraform run phase:
 * `organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>`.
 * https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens
 */
export function hcpTerraformSubject(scope: Construct | string, target: HcpTerraformWorkspace, phase: HcpTerraformRunPhase): string {
  checkPattern(
    scope,
    "organization",
    target.organization,
    ORGANIZATION,
    "must be an HCP Terraform organization name (letters, digits, - and _)",
  );
  checkPattern(
    scope,
    "project",
    target.project,
    HCP_PROJECT_PATTERN,
    "must be an HCP Terraform project name (1-40 letters, digits, spaces, - and _)",
  );
  checkPattern(scope, "workspace", target.workspace, WORKSPACE, "must be an HCP Terraform workspace name (1-90 letters, digits, - and _)");
  return `organization:${target.organization}:project:${target.project}:workspace:${target.workspace}:run_phase:${phase}`;
}

/** Props for {@link HcpTerraformWorkspaceRoles}. */
export interface HcpTerraformWorkspaceRolesProps extends HcpTerraformWorkspace {
  /** The HCP Terraform provider ({@link HcpTerraformOidc}, or one the account already has). */
  readonly oidc: OidcProviderRef;
  /** Role names are `<name>-plan` and `<name>-apply` (e.g. `shop-tfc-prod`). */
  readonly name: string;
  /** The environment, as its resources' `Environment` tag says. */
  readonly environment: string;
  /** IAM roles and policies of the environment are named `<managedNamePrefix>-*`. */
  readonly managedNamePrefix: string;
  /** @default - none required */
  readonly permissionsBoundaryArn?: string;
  /** The other environments of the account (see `DeployRolePairProps.crossEnvironment`). @default - none */
  readonly crossEnvironment?: CrossEnvironmentSettings;
  /** Service prefixes the plan role may also read (see `DeployRolePairProps.additionalPlanReadServices`). @default [] */
  readonly additionalPlanReadServices?: readonly string[];
  /** @default 7200 */
  readonly applyMaxSessionDurationSeconds?: number;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * Dynamic provider credentials for one HCP Terraform workspace: a plan role trusted only by the
 * workspace's plan phase and an apply role trusted only by its apply phase. State stays in HCP
 * Terraform, so neither role gets any state bucket access. Set {@link workspaceVariables} on the
 * workspace (environment variables).
 */
export class HcpTerraformWorkspaceRoles extends DeployRolePair {
  /**
   * The workspace's environment variables: `TFC_AWS_PROVIDER_AUTH=true`,
   * `TFC_AWS_PLAN_ROLE_ARN`, `TFC_AWS_APPLY_ROLE_ARN` (per phase, instead of one
   * `TFC_AWS_RUN_ROLE_ARN`), and `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE` when not the default.
   * https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/aws-configuration#configure-hcp-terraform
   */
  public readonly workspaceVariables: Readonly<Record<string, string>>;

  public constructor(scope: Construct, id: string, props: HcpTerraformWorkspaceRolesProps) {
    const path = `${scope.node.path}/${id}`;
    super(scope, id, {
      ...props,
      planSubjects: [hcpTerraformSubject(path, props, "plan")],
      applySubjects: [hcpTerraformSubject(path, props, "apply")],
    });
    this.workspaceVariables = {
      TFC_AWS_PROVIDER_AUTH: "true",
      TFC_AWS_PLAN_ROLE_ARN: this.planRole.roleArn,
      TFC_AWS_APPLY_ROLE_ARN: this.applyRole.roleArn,
      ...(props.oidc.audience !== HCP_TERRAFORM_AWS_AUDIENCE ? { TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE: props.oidc.audience } : {}),
    };
  }
}
