import { App, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { CONFIG, EnvironmentConfig } from "./config";
import { BootstrapStack } from "./bootstrap";
import { EnvironmentStack } from "./environment-stack";
import { resource, synthStack } from "../modules/internal/testing";

function stackJson(config: EnvironmentConfig) {
  const app: App = Testing.app();
  return synthStack(new EnvironmentStack(app, config.environment, config));
}

describe("EnvironmentStack", () => {
  it("tags everything through the provider and requires Terraform >= 1.10", () => {
    const json = stackJson({ ...CONFIG.prod, accountId: "123456789012" });
    const provider = json.provider!.aws[0];
    expect(provider.default_tags[0].tags).toMatchObject({ Project: "fckdoomscroll", Environment: "prod", ManagedBy: "cdktf" }); // flavour: keep
    expect(provider.allowed_account_ids).toEqual(["123456789012"]);
    expect(provider.region).toBe("us-east-1");
    expect(json.terraform!.required_version).toBe(">= 1.10");
  });

  it("pins every environment's providers to exactly its own account", () => {
    expect(stackJson(CONFIG.dev).provider!.aws[0].allowed_account_ids).toEqual([CONFIG.dev.accountId]);
    const app: App = Testing.app();
    const west = new EnvironmentStack(app, "west", {
      ...CONFIG.prod,
      region: "eu-west-1",
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
    });
    void west.usEast1Provider;
    expect(synthStack(west).provider!.aws.map((p: any) => p.allowed_account_ids)).toEqual([
      [CONFIG.prod.accountId],
      [CONFIG.prod.accountId],
    ]);
  });

  it("stores state in S3, encrypted, with the native lock file and a per-environment key", () => {
    const backend = stackJson(CONFIG.staging).terraform!.backend;
    expect(Object.keys(backend)).toEqual(["s3"]);
    expect(backend.s3).toEqual({
      bucket: `fckdoomscroll-tfstate-${CONFIG.staging.accountId}`,
      key: "fckdoomscroll/staging.tfstate",
      region: "us-east-1",
      encrypt: true,
      use_lockfile: true,
    });
  });

  it("keeps a DynamoDB lock table only when asked", () => {
    const backend = stackJson({ ...CONFIG.dev, state: { s3: { bucket: "acme-state", region: "us-east-1", dynamodbTable: "locks" } } })
      .terraform!.backend;
    expect(backend.s3).toMatchObject({ dynamodb_table: "locks", use_lockfile: true });
  });

  it("uses a Terraform Cloud named workspace per environment", () => {
    const terraform = stackJson({ ...CONFIG.prod, state: { cloud: { organization: "acme" } } }).terraform!;
    expect(terraform.backend).toBeUndefined();
    expect(terraform.cloud).toEqual({ organization: "acme", hostname: "app.terraform.io", workspaces: { name: "fckdoomscroll-prod" } });
  });

  it("refuses both backends, or neither", () => {
    expect(() =>
      stackJson({ ...CONFIG.dev, state: { s3: { bucket: "acme-state", region: "us-east-1" }, cloud: { organization: "acme" } } }),
    ).toThrow(/dev: state must configure exactly one backend, got both s3.*and cloud/);
    expect(() => stackJson({ ...CONFIG.dev, state: {} })).toThrow(/exactly one backend \(s3 or cloud\), got neither/);
    expect(() => stackJson({ ...CONFIG.dev, state: { s3: { bucket: "Bad_Bucket", region: "us-east-1" } } })).toThrow(
      /state.s3.bucket must be a valid s3Bucket name/,
    );
  });

  it("refuses a state region, organization or workspace the backend would reject", () => {
    expect(() => stackJson({ ...CONFIG.dev, state: { s3: { bucket: "acme-state", region: "us-east" } } })).toThrow(
      /^dev: state.s3.region must be an AWS region such as us-east-1, got "us-east"$/,
    );
    expect(() => stackJson({ ...CONFIG.dev, state: { cloud: { organization: "acme corp" } } })).toThrow(
      /^dev: state.cloud.organization must be a Terraform Cloud organization name \(letters, digits, - and _\), got "acme corp"$/,
    );
    expect(() => stackJson({ ...CONFIG.dev, state: { cloud: { organization: "acme", workspace: "w".repeat(91) } } })).toThrow(
      /^dev: state.cloud.workspace must be 1-90 letters, digits, - and _, got "w{91}"$/,
    );
    expect(() => stackJson({ ...CONFIG.dev, state: { cloud: { organization: "acme", project: "shop:prod" } } })).toThrow(
      /^dev: state.cloud.project must be an HCP Terraform project name \(1-40 letters, digits, spaces, - and _\), got "shop:prod"$/,
    );
    expect(
      stackJson({ ...CONFIG.dev, state: { cloud: { organization: "acme", project: "Default Project" } } }).terraform!.cloud.workspaces,
    ).toEqual({ name: "fckdoomscroll-dev", project: "Default Project" });
  });

  it("gives us-east-1 stacks their default provider for CloudFront, and others an alias", () => {
    const app: App = Testing.app();
    const east = new EnvironmentStack(app, "east", CONFIG.dev);
    expect(east.usEast1Provider).toBe(east.provider);
    const west = new EnvironmentStack(app, "west", { ...CONFIG.dev, region: "eu-west-1", availabilityZones: ["eu-west-1a", "eu-west-1b"] });
    expect(west.usEast1Provider.alias).toBe("us_east_1");
    expect(synthStack(west).provider!.aws).toHaveLength(2);
  });
});

describe("BootstrapStack", () => {
  const json = synthStack(
    new BootstrapStack(Testing.app(), "bootstrap", { accountId: CONFIG.prod.accountId, environments: [CONFIG.prod] }),
  );

  it("keeps its own state locally", () => {
    expect(json.terraform!.backend).toEqual({ local: { path: "../../../terraform.bootstrap.tfstate" } });
  });

  it("protects the state bucket", () => {
    expect(resource(json, "aws_s3_bucket")).toMatchObject({
      bucket: `fckdoomscroll-tfstate-${CONFIG.prod.accountId}`,
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(resource(json, "aws_s3_bucket_versioning").versioning_configuration.status).toBe("Enabled");
    expect(
      resource(json, "aws_s3_bucket_server_side_encryption_configuration").rule[0].apply_server_side_encryption_by_default.sse_algorithm,
    ).toBe("AES256");
    expect(resource(json, "aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resource(json, "aws_s3_bucket_ownership_controls").rule.object_ownership).toBe("BucketOwnerEnforced");
    const rules = resource(json, "aws_s3_bucket_lifecycle_configuration").rule;
    expect(rules.find((r: any) => r.noncurrent_version_expiration)?.noncurrent_version_expiration[0].noncurrent_days).toBe(90);
  });

  it("denies every request that is not made over TLS", () => {
    const policy = JSON.parse(resource(json, "aws_s3_bucket_policy").policy);
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    );
  });
});
