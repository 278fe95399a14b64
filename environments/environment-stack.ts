import { TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { baseName } from "../modules/internal/naming";
import { applyPermissionsBoundary } from "../modules/iam/permissions-boundary";
import { permissionsBoundaryName } from "../modules/identity/permissions-boundary-policy";
import { awsContext } from "../modules/internal/aws-context";
import { configureRemoteState } from "../modules/state/remote-state";
import { DELIVERY, EnvironmentConfig } from "./config";

/** Terraform version every stack requires: 1.10 brought S3 native state locking. */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.10";

/** Tags every resource of a stack carries (through the provider's default_tags). */
export function defaultTags(config: EnvironmentConfig): Record<string, string> {
  return { ...config.tags, Project: config.project, Environment: config.environment, ManagedBy: "cdktf" }; // flavour: keep (a deployed tag value: moving to cdktn changes no resource)
}

/**
 * One environment: its AWS provider (default tags, pinned to the environment's one account), its remote backend and
 * the Terraform version floor. The environment files add modules to it.
 */
export class EnvironmentStack extends TerraformStack {
  public readonly config: EnvironmentConfig;
  public readonly provider: AwsProvider;
  /** `<project>-<environment>`: the base of every physical name. */
  public readonly baseName: string;
  private usEast1?: AwsProvider;

  public constructor(scope: Construct, id: string, config: EnvironmentConfig) {
    super(scope, id);
    this.config = config;
    this.baseName = baseName(config.project, config.environment);
    this.provider = new AwsProvider(this, "aws", {
      region: config.region,
      defaultTags: [{ tags: defaultTags(config) }],
      allowedAccountIds: [config.accountId],
    });
    configureRemoteState(this, { project: config.project, environment: config.environment, state: config.state });
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    if (DELIVERY.permissionsBoundary) {
      // The bootstrap's boundary for this environment: the deploy roles create roles only with it.
      const { partition, accountId } = awsContext(this);
      applyPermissionsBoundary(
        this,
        `arn:${partition}:iam::${accountId}:policy/${permissionsBoundaryName(config.project, config.environment)}`,
      );
    }
  }

  /**
   * A provider aliased `us_east_1` for what must live there (CloudFront certificates and WAF).
   * Created on first use; the default provider itself when the stack is in us-east-1.
   */
  public get usEast1Provider(): AwsProvider {
    if (this.config.region === "us-east-1") return this.provider;
    this.usEast1 ??= new AwsProvider(this, "aws_us_east_1", {
      alias: "us_east_1",
      region: "us-east-1",
      defaultTags: [{ tags: defaultTags(this.config) }],
      allowedAccountIds: [this.config.accountId],
    });
    return this.usEast1;
  }
}
