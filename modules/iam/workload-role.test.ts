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
    expect(() => synth((s) => new WorkloadRole(s, "R", { name: "r", assumedBy: "x" }).grantInvokeBedrock({}))).toThrow(
      /grantInvokeBedrock needs foundationModelIds or inferenceProfileIds/,
    );
    expect(() => synth((s) => new WorkloadRole(s, "R", { name: "r".repeat(65), assumedBy: "x" }))).toThrow(/1-64 characters for a iamRole/);
  });
});
