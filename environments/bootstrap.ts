import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { GitHubDeployRoles } from "../modules/identity/github-deploy-roles";
import { HcpTerraformWorkspaceRoles } from "../modules/identity/hcp-terraform-workspace-roles";
import { PermissionsBoundaryPolicy, permissionsBoundaryName } from "../modules/identity/permissions-boundary-policy";
import { GitHubActionsOidc, HcpTerraformOidc } from "../modules/identity/oidc-provider";
import { baseName, pascalCase } from "../modules/internal/naming";
import { cloudWorkspaceName, stateKey } from "../modules/state/remote-state";
import { PrivateBucket } from "../modules/core/private-bucket";
import { DeliverySettings, EnvironmentConfig } from "./config";
import { REQUIRED_TERRAFORM_VERSION } from "./environment-stack";

/**
 * The one-time `bootstrap` stack: the S3 bucket that holds every environment's state and, when
 * `delivery` asks for them, the OIDC providers and per-environment deploy roles that let GitHub
 * Actions and HCP Terraform plan and apply without AWS access keys. It keeps its own state
 * locally (commit nothing: see the README), and the bucket can never be destroyed by Terraform.
 * Applied by hand, first and once per account; CI never applies it (no deploy role may change it).
 */
export class BootstrapStack extends TerraformStack {
  public readonly stateBucket: PrivateBucket;
  /** GitHub Actions plan/apply roles, per environment. */
  public readonly gitHubRoles: Readonly<Record<string, GitHubDeployRoles>> = {};
  /** HCP Terraform plan/apply roles, per environment workspace. */
  public readonly hcpTerraformRoles: Readonly<Record<string, HcpTerraformWorkspaceRoles>> = {};
  /** Permissions boundary of each environment's roles (when `delivery.permissionsBoundary`). */
  public readonly boundaries: Readonly<Record<string, PermissionsBoundaryPolicy>> = {};

  /**
   * @param config the settings of the environment whose account and region hold the state (prod)
   * @param environments every environment whose deploy roles to create (dev, staging, prod)
   * @param delivery which pipelines get roles; nothing is created for what it leaves out
   */
  public constructor(
    scope: Construct,
    id: string,
    config: EnvironmentConfig,
    environments: readonly EnvironmentConfig[] = [],
    delivery: DeliverySettings = {},
  ) {
    super(scope, id);
    const s3 = config.state.s3;
    new AwsProvider(this, "aws", {
      region: s3?.region ?? config.region,
      defaultTags: [{ tags: { ...config.tags, Project: config.project, Environment: "shared", ManagedBy: "cdktf" } }],
      ...(config.allowedAccountIds.length > 0 ? { allowedAccountIds: [...config.allowedAccountIds] } : {}),
    });
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    // Local state, kept beside the project (not in cdktf.out, which synth rewrites).
    // Relative to cdktf.out/stacks/bootstrap, where Terraform runs.
    new LocalBackend(this, { path: "../../../terraform.bootstrap.tfstate" });
    const bucketName = s3?.bucket ?? `${config.project}-terraform-state`;
    this.stateBucket = new PrivateBucket(this, "StateBucket", {
      bucketName,
      preventDestroy: true,
      noncurrentVersionExpirationDays: 90,
    });
    new TerraformOutput(this, "state_bucket", { value: this.stateBucket.bucketName, description: "S3 bucket holding Terraform state" });
    new TerraformOutput(this, "state_bucket_region", { value: s3?.region ?? config.region });

    if (delivery.permissionsBoundary) {
      this.boundaries = Object.fromEntries(
        environments.map((env) => [
          env.environment,
          new PermissionsBoundaryPolicy(this, `Boundary${pascalCase(env.environment)}`, { name: permissionsBoundaryName(env.project, env.environment) }),
        ]),
      );
    }
    if (delivery.github) this.gitHubRoles = this.addGitHub(delivery.github, environments, bucketName);
    if (delivery.hcpTerraform) this.hcpTerraformRoles = this.addHcpTerraform(delivery.hcpTerraform, environments);
  }

  private addGitHub(settings: NonNullable<DeliverySettings["github"]>, environments: readonly EnvironmentConfig[], bucketName: string) {
    const oidc = new GitHubActionsOidc(this, "GitHubOidc", { existingProviderArn: settings.existingProviderArn });
    const roles: Record<string, GitHubDeployRoles> = {};
    for (const env of environments) {
      const name = env.environment;
      // Only an environment whose state is in this stack's bucket gets state access.
      const s3 = env.state.s3?.bucket === bucketName ? env.state.s3 : undefined;
      const pair = new GitHubDeployRoles(this, `GitHub${pascalCase(name)}`, {
        oidc,
        repository: settings.repository,
        name: `${env.project}-deploy-${name}`,
        environment: name,
        managedNamePrefix: baseName(env.project, name),
        planBranches: settings.planBranches,
        permissionsBoundaryArn: this.boundaries[name]?.policyArn,
        ...(s3 ? { state: { bucketArn: this.stateBucket.bucketArn, key: stateKey(env.project, name, s3.keyPrefix) } } : {}),
      });
      for (const statement of pair.stateBucketStatements(this.stateBucket.bucketArn)) this.stateBucket.addToResourcePolicy(statement);
      new TerraformOutput(this, `github_${name}_plan_role_arn`, { value: pair.planRole.roleArn, description: `role-to-assume of the ${name} plan jobs` });
      new TerraformOutput(this, `github_${name}_apply_role_arn`, { value: pair.applyRole.roleArn, description: `role-to-assume of the ${name} apply job (GitHub environment ${name})` });
      roles[name] = pair;
    }
    return roles;
  }

  private addHcpTerraform(settings: NonNullable<DeliverySettings["hcpTerraform"]>, environments: readonly EnvironmentConfig[]) {
    const oidc = new HcpTerraformOidc(this, "HcpTerraformOidc", { hostname: settings.hostname, existingProviderArn: settings.existingProviderArn });
    const roles: Record<string, HcpTerraformWorkspaceRoles> = {};
    for (const env of environments) {
      const name = env.environment;
      const workspace = cloudWorkspaceName(env.project, name, env.state.cloud?.workspace);
      const pair = new HcpTerraformWorkspaceRoles(this, `HcpTerraform${pascalCase(name)}`, {
        oidc,
        organization: settings.organization,
        project: settings.project,
        workspace,
        name: `${env.project}-tfc-${name}`,
        environment: name,
        managedNamePrefix: baseName(env.project, name),
        permissionsBoundaryArn: this.boundaries[name]?.policyArn,
      });
      // HCP Terraform keeps the state: these roles get nothing of the state bucket.
      for (const statement of pair.stateBucketStatements(this.stateBucket.bucketArn)) this.stateBucket.addToResourcePolicy(statement);
      new TerraformOutput(this, `hcp_terraform_${name}_workspace_variables`, {
        value: pair.workspaceVariables,
        description: `environment variables of HCP Terraform workspace ${workspace}`,
      });
      roles[name] = pair;
    }
    return roles;
  }
}
