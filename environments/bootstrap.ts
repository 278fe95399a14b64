import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { GitHubDeployRoles } from "../modules/identity/github-deploy-roles";
import { HcpTerraformWorkspaceRoles } from "../modules/identity/hcp-terraform-workspace-roles";
import { PermissionsBoundaryPolicy, permissionsBoundaryName } from "../modules/identity/permissions-boundary-policy";
import { GitHubActionsOidc, HcpTerraformOidc } from "../modules/identity/oidc-provider";
import { CrossEnvironmentSettings } from "../modules/identity/deploy-role-pair";
import { crossEnvironmentGuardStatements } from "../modules/identity/environment-guard";
import { awsContext } from "../modules/internal/aws-context";
import { baseName, pascalCase } from "../modules/internal/naming";
import { cloudWorkspaceName, stateKey } from "../modules/state/remote-state";
import { PrivateBucket } from "../modules/core/private-bucket";
import { DeliverySettings, EnvironmentConfig } from "./config";
import { REQUIRED_TERRAFORM_VERSION } from "./environment-stack";

/** Props for {@link BootstrapStack}. */
export interface BootstrapStackProps {
  /** The account the stack is applied to: its provider refuses any other. */
  readonly accountId: string;
  /** The environments that live in that account (each `accountId` must equal it). */
  readonly environments: readonly EnvironmentConfig[];
  /** Which pipelines get roles; nothing is created for what it leaves out. @default {} */
  readonly delivery?: DeliverySettings;
}

/**
 * Environments grouped by account, in the given order: one bootstrap per group.
 */
export function environmentsByAccount(environments: readonly EnvironmentConfig[]): Map<string, EnvironmentConfig[]> {
  const groups = new Map<string, EnvironmentConfig[]>();
  for (const env of environments) groups.set(env.accountId, [...(groups.get(env.accountId) ?? []), env]);
  return groups;
}

/**
 * The bootstrap stack of an account: `bootstrap` when every environment shares one account,
 * otherwise `bootstrap-<its environments>` (e.g. `bootstrap-prod`, `bootstrap-dev-staging`).
 */
export function bootstrapStackName(environments: readonly EnvironmentConfig[], accountId: string): string {
  const groups = environmentsByAccount(environments);
  const group = groups.get(accountId);
  if (!group) throw new Error(`bootstrap: no environment lives in account ${accountId}`);
  return groups.size === 1 ? "bootstrap" : `bootstrap-${group.map((e) => e.environment).join("-")}`;
}

/**
 * The one-time bootstrap of one account: the S3 bucket that holds the state of the account's
 * environments and, when `delivery` asks for them, the OIDC providers and per-environment deploy
 * roles that let GitHub Actions and HCP Terraform plan and apply without AWS access keys. It
 * keeps its own state locally (`terraform.<stack>.tfstate`, commit nothing: see the README), and
 * the bucket can never be destroyed by Terraform. Applied by hand, once per account, before the
 * account's environments; CI never applies it (no deploy role may change it).
 */
export class BootstrapStack extends TerraformStack {
  /** The bootstrap stacks of an app, in creation order. */
  public static all(app: Construct): BootstrapStack[] {
    return app.node.children.filter((c): c is BootstrapStack => c instanceof BootstrapStack);
  }

  /** The bootstrap stack of the account `environment` lives in. */
  public static forEnvironment(app: Construct, environment: string): BootstrapStack {
    const stack = BootstrapStack.all(app).find((s) => s.environments.includes(environment));
    if (!stack) throw new Error(`bootstrap: no bootstrap stack holds environment ${environment}`);
    return stack;
  }

  public readonly accountId: string;
  /** Names of the environments of the account. */
  public readonly environments: readonly string[];
  public readonly stateBucket: PrivateBucket;
  /** GitHub Actions plan/apply roles, per environment. */
  public readonly gitHubRoles: Readonly<Record<string, GitHubDeployRoles>> = {};
  /** HCP Terraform plan/apply roles, per environment workspace. */
  public readonly hcpTerraformRoles: Readonly<Record<string, HcpTerraformWorkspaceRoles>> = {};
  /** Permissions boundary of each environment's roles (when `delivery.permissionsBoundary`). */
  public readonly boundaries: Readonly<Record<string, PermissionsBoundaryPolicy>> = {};

  public constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id);
    const { accountId, environments } = props;
    const delivery = props.delivery ?? {};
    if (environments.length === 0) throw new Error(`${id}: environments must list at least one environment of account ${accountId}`);
    for (const env of environments) {
      if (env.accountId !== accountId) {
        throw new Error(
          `${id}: environment ${env.environment} lives in account ${env.accountId}, not ${accountId}: its bootstrap is that account's`,
        );
      }
    }
    this.accountId = accountId;
    this.environments = environments.map((e) => e.environment);
    // The account's state bucket is the one its environments name (the first S3 one).
    const config = environments.find((e) => e.state.s3) ?? environments[0];
    const s3 = config.state.s3;
    const region = s3?.region ?? config.region;
    new AwsProvider(this, "aws", {
      region,
      defaultTags: [{ tags: { ...config.tags, Project: config.project, Environment: "shared", ManagedBy: "cdktf" } }], // flavour: keep (a deployed tag value: moving to cdktn changes no resource)
      allowedAccountIds: [accountId],
    });
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    // Local state, kept beside the project (not in cdktf.out, which synth rewrites).
    // Relative to cdktf.out/stacks/<id>, where Terraform runs.
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    const bucketName = s3?.bucket ?? `${config.project}-tfstate-${accountId}`;
    this.stateBucket = new PrivateBucket(this, "StateBucket", {
      bucketName,
      preventDestroy: true,
      noncurrentVersionExpirationDays: 90,
    });
    new TerraformOutput(this, "account_id", {
      value: accountId,
      description: `account of ${environments.map((e) => e.environment).join(", ")}`,
    });
    new TerraformOutput(this, "state_bucket", {
      value: this.stateBucket.bucketName,
      description: "S3 bucket holding the Terraform state of this account's environments",
    });
    new TerraformOutput(this, "state_bucket_region", { value: region });

    // Names are matched as `*<project>-<env>*` by the guards: no environment's may contain another's.
    for (const a of environments) {
      for (const b of environments) {
        if (a !== b && baseName(b.project, b.environment).includes(baseName(a.project, a.environment))) {
          throw new Error(
            `${id}: environments ${a.environment} and ${b.environment} share account ${accountId}, and ${b.environment}'s names contain ${a.environment}'s: the cross-environment guard could not tell them apart; rename one`,
          );
        }
      }
    }
    const { partition } = awsContext(this);
    if (delivery.permissionsBoundary) {
      this.boundaries = Object.fromEntries(
        environments.map((env) => [
          env.environment,
          new PermissionsBoundaryPolicy(this, `Boundary${pascalCase(env.environment)}`, {
            name: permissionsBoundaryName(env.project, env.environment),
            // Every role the environment's apply role creates: off the other environments and the state bucket.
            denyStatements: crossEnvironmentGuardStatements({
              ...this.crossEnvironment(env, environments, bucketName),
              partition,
              environment: env.environment,
              principal: "boundary",
              stateBucketArn: this.stateBucket.bucketArn,
            }),
          }),
        ]),
      );
    }
    if (delivery.github) this.gitHubRoles = this.addGitHub(delivery.github, environments, bucketName);
    if (delivery.hcpTerraform) this.hcpTerraformRoles = this.addHcpTerraform(delivery.hcpTerraform, environments, bucketName);
  }

  private addGitHub(settings: NonNullable<DeliverySettings["github"]>, environments: readonly EnvironmentConfig[], bucketName: string) {
    const oidc = new GitHubActionsOidc(this, "GitHubOidc", {
      existingProviderArn: settings.existingProviderArn,
      lookupExisting: settings.useExistingProvider,
    });
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
        crossEnvironment: this.crossEnvironment(env, environments, bucketName),
        ...(s3 ? { state: { bucketArn: this.stateBucket.bucketArn, key: stateKey(env.project, name, s3.keyPrefix) } } : {}),
      });
      for (const statement of pair.stateBucketStatements(this.stateBucket.bucketArn)) this.stateBucket.addToResourcePolicy(statement);
      new TerraformOutput(this, `github_${name}_plan_role_arn`, {
        value: pair.planRole.roleArn,
        description: `role-to-assume of the ${name} plan jobs (account ${env.accountId})`,
      });
      new TerraformOutput(this, `github_${name}_apply_role_arn`, {
        value: pair.applyRole.roleArn,
        description: `role-to-assume of the ${name} apply job (GitHub environment ${name}, account ${env.accountId})`,
      });
      roles[name] = pair;
    }
    return roles;
  }

  /** The other environments of the account, as `env`'s guards see them. */
  private crossEnvironment(
    env: EnvironmentConfig,
    environments: readonly EnvironmentConfig[],
    bucketName: string,
  ): CrossEnvironmentSettings {
    return {
      project: env.project,
      domain: env.domain,
      neighbours: environments
        .filter((other) => other !== env)
        .map((other) => ({
          environment: other.environment,
          domain: other.domain,
          emailDomain: other.emailDomain,
          ...(other.state.s3?.bucket === bucketName
            ? {
                state: { bucketArn: this.stateBucket.bucketArn, key: stateKey(other.project, other.environment, other.state.s3.keyPrefix) },
              }
            : {}),
        })),
    };
  }

  private addHcpTerraform(
    settings: NonNullable<DeliverySettings["hcpTerraform"]>,
    environments: readonly EnvironmentConfig[],
    bucketName: string,
  ) {
    const oidc = new HcpTerraformOidc(this, "HcpTerraformOidc", {
      hostname: settings.hostname,
      existingProviderArn: settings.existingProviderArn,
      lookupExisting: settings.useExistingProvider,
    });
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
        crossEnvironment: this.crossEnvironment(env, environments, bucketName),
      });
      // HCP Terraform keeps the state: these roles get nothing of the state bucket.
      for (const statement of pair.stateBucketStatements(this.stateBucket.bucketArn)) this.stateBucket.addToResourcePolicy(statement);
      new TerraformOutput(this, `hcp_terraform_${name}_workspace_variables`, {
        value: pair.workspaceVariables,
        description: `environment variables of HCP Terraform workspace ${workspace} (roles in account ${env.accountId})`,
      });
      roles[name] = pair;
    }
    return roles;
  }
}
