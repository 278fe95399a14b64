import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { PrivateBucket } from "../modules/storage/private-bucket";
import { EnvironmentConfig } from "./config";
import { REQUIRED_TERRAFORM_VERSION } from "./environment-stack";

/**
 * The one-time `bootstrap` stack: the S3 bucket that holds every environment's state.
 * It keeps its own state locally (commit nothing: see the README), and the bucket can
 * never be destroyed by Terraform.
 */
export class BootstrapStack extends TerraformStack {
  public readonly stateBucket: PrivateBucket;

  public constructor(scope: Construct, id: string, config: EnvironmentConfig) {
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
    this.stateBucket = new PrivateBucket(this, "StateBucket", {
      bucketName: s3?.bucket ?? `${config.project}-terraform-state`,
      preventDestroy: true,
      noncurrentVersionExpirationDays: 90,
    });
    new TerraformOutput(this, "state_bucket", { value: this.stateBucket.bucketName, description: "S3 bucket holding Terraform state" });
    new TerraformOutput(this, "state_bucket_region", { value: s3?.region ?? config.region });
  }
}
