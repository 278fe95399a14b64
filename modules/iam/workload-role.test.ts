import { describe, expect, it } from "vitest";
import { WorkloadRole, grantTo } from "./workload-role";
import { sendEmailStatements } from "./statements";
import { policyOf, resource, resources, synth } from "../internal/testing";

describe("WorkloadRole", () => {
  const json = synth((scope) => {
    const role = new WorkloadRole(scope, "TaskRole", { name: "app-prod-task", assumedBy: "ecs-tasks.amazonaws.com" });
    role.grantReadSecrets(["arn:aws:secretsmanager:us-east-1:123456789012:secret:app/AUTH_SECRET-AbCdEf"]);
    role.grantSendEmail("arn:aws:ses:us-east-1:123456789012:identity/example.com", { fromAddresses: ["noreply@example.com"] });
    role.grantInvokeBedrock({ inferenceProfileIds: ["us.anthropic.claude-3-5-sonnet-20241022-v2:0"] });
    role.grantBucketReadWrite("arn:aws:s3:::assets");
    grantTo(scope, "ExternalGrant", { roleName: "other", roleArn: "arn:aws:iam::123456789012:role/other" }, sendEmailStatements("arn:aws:ses:us-east-1:1:identity/x"));
  });

  it("trusts only the service, in this account", () => {
    const trust = policyOf(resource(json, "aws_iam_role"), "assume_role_policy");
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.AwsContext.account_id}" } },
      },
    ]);
  });

  it("collects every grant into one policy, scoped to ARNs, never Action *", () => {
    const policies = Object.values(resources(json, "aws_iam_role_policy"));
    const grants = policies.find((p: any) => p.name === "grants");
    const statements = policyOf(grants).Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(["ReadSecrets", "SendEmail", "InvokeBedrock", "ListBucket", "ReadWriteObjects"]);
    for (const s of statements) {
      expect([s.Action].flat()).not.toContain("*");
      expect([s.Resource].flat()).not.toContain("*");
    }
    expect(statements[1].Condition).toEqual({ StringLike: { "ses:FromAddress": ["noreply@example.com"] } });
    expect(statements[2].Resource).toEqual([
      "arn:${data.aws_partition.AwsContextPartition.partition}:bedrock:${data.aws_region.AwsContextRegion.region}:${data.aws_caller_identity.AwsContext.account_id}:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0",
      "arn:${data.aws_partition.AwsContextPartition.partition}:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-20241022-v2:0",
    ]);
  });

  it("gives a role known only by name its own inline policy", () => {
    const external = Object.values(resources(json, "aws_iam_role_policy")).filter((p: any) => p.role === "other");
    expect(external).toHaveLength(1);
    expect(policyOf(external[0]).Statement).toEqual([
      { Sid: "SendEmail", Effect: "Allow", Action: ["ses:SendEmail", "ses:SendRawEmail"], Resource: "arn:aws:ses:us-east-1:1:identity/x" },
    ]);
  });

  it("refuses a Bedrock grant with nothing to invoke and a role name over 64 characters", () => {
    expect(() => synth((s) => new WorkloadRole(s, "R", { name: "r", assumedBy: "ecs-tasks.amazonaws.com" }).grantInvokeBedrock({}))).toThrow(
      /grantInvokeBedrock needs foundationModelIds or inferenceProfileIds/,
    );
    expect(() => synth((s) => new WorkloadRole(s, "R", { name: "r".repeat(65), assumedBy: "ecs-tasks.amazonaws.com" }))).toThrow(/1-64 characters for a iamRole/);
  });

  describe("refuses what IAM would not take (or would take and never match)", () => {
    const role = (build: (r: WorkloadRole) => void) => () =>
      synth((s) => build(new WorkloadRole(s, "R", { name: "r", assumedBy: "ecs-tasks.amazonaws.com" })));
    const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf";

    it("a service principal without its domain", () => {
      expect(() => synth((s) => new WorkloadRole(s, "R", { name: "r", assumedBy: "ecs-tasks" }))).toThrow(
        /R: assumedBy must be a service principal with its domain, such as ecs-tasks\.amazonaws\.com, got "ecs-tasks"/,
      );
    });

    it("secret names, partial secret ARNs and JSON-key tails; full ARNs pass", () => {
      expect(role((r) => r.grantReadSecrets(["app/db"]))).toThrow(/grantReadSecrets secretArns\[0\] must be the ARN of a Secrets Manager secret.*got "app\/db"/);
      expect(role((r) => r.grantReadSecrets(["arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db"]))).toThrow(
        /secretArns\[0\] must be the full secret ARN ending in the six characters Secrets Manager appends/,
      );
      expect(role((r) => r.grantReadSecrets([`${secret}:password::`]))).toThrow(/without a :<json-key>:: tail/);
      expect(role((r) => r.grantReadSecrets(["arn:aws:ssm:us-east-1:123456789012:parameter/app/x"]))).toThrow(/secretArns\[0\] must be a Secrets Manager secret ARN/);
      expect(role((r) => r.grantReadSecrets([secret, "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0a1b-Xy12Zw"], [key]))).not.toThrow();
    });

    it("alias ARNs as decryption keys; key ARNs pass", () => {
      expect(role((r) => r.grantReadSecrets([secret], ["arn:aws:kms:us-east-1:123456789012:alias/app"]))).toThrow(
        /grantReadSecrets kmsKeyArns\[0\] must be a KMS key ARN .*not an alias: kms:Decrypt is authorized on the key/,
      );
      expect(role((r) => r.grantReadParameters(["arn:aws:ssm:us-east-1:123456789012:parameter/app/x"], ["alias/app"]))).toThrow(/grantReadParameters kmsKeyArns\[0\] must be a KMS key ARN/);
    });

    it("parameter names and double-slash parameter ARNs; parameter ARNs pass", () => {
      expect(role((r) => r.grantReadParameters(["/app/x"]))).toThrow(/grantReadParameters parameterArns\[0\] must be the ARN of .*got "\/app\/x"/);
      expect(role((r) => r.grantReadParameters(["arn:aws:ssm:us-east-1:123456789012:parameter//app/x"]))).toThrow(/not …:parameter\/\/app\/key/);
      expect(role((r) => r.grantReadParameters(["arn:aws:ssm:us-east-1:123456789012:parameter/app/x"], [key]))).not.toThrow();
    });

    it("bare identities and bucket names, object ARNs; identity and bucket ARNs pass", () => {
      expect(role((r) => r.grantSendEmail("example.com"))).toThrow(/grantSendEmail identityArn must be an SES identity ARN .*got "example\.com"/);
      expect(role((r) => r.grantSendEmail("arn:aws:ses:us-east-1:123456789012:identity/example.com", { configurationSetArn: "app" }))).toThrow(
        /grantSendEmail configurationSetArn must be an SES configuration set ARN/,
      );
      expect(role((r) => r.grantBucketRead("assets"))).toThrow(/grantBucketRead bucketArn must be an ARN of s3/);
      expect(role((r) => r.grantBucketReadWrite("arn:aws:s3:::assets/*"))).toThrow(/grantBucketReadWrite bucketArn must be a bucket ARN arn:aws:s3:::<bucket> \(no object path/);
      expect(role((r) => {
        r.grantSendEmail("arn:aws:ses:us-east-1:123456789012:identity/example.com", { configurationSetArn: "arn:aws:ses:us-east-1:123456789012:configuration-set/app" });
        r.grantBucketRead("arn:aws:s3:::assets.example.com", "public/*");
      })).not.toThrow();
    });
  });
});
