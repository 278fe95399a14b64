import { describe, expect, it } from "vitest";
import { Fn, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BedrockGrant, WorkloadRole, grantTo } from "./workload-role";
import { sendEmailStatements } from "./statements";
import { policyOf, resource, resources, synth, synthStack } from "../internal/testing";

/** The grants policy of a role granted `grant` in a stack whose provider is in `region`. */
function bedrockPolicy(region: string, grant: BedrockGrant): any[] {
  const stack = new TerraformStack(Testing.app(), "s");
  new AwsProvider(stack, "aws", { region });
  new WorkloadRole(stack, "R", { name: "app", assumedBy: "ecs-tasks.amazonaws.com" }).grantInvokeBedrock(grant);
  return policyOf(resource(synthStack(stack), "aws_iam_role_policy")).Statement;
}
const P = "${data.aws_partition.AwsContextPartition.partition}";
const PROFILE = (id: string) =>
  `arn:${P}:bedrock:\${data.aws_region.AwsContextRegion.region}:\${data.aws_caller_identity.AwsContext.account_id}:inference-profile/${id}`;

describe("WorkloadRole", () => {
  const json = synth((scope) => {
    const role = new WorkloadRole(scope, "TaskRole", { name: "app-prod-task", assumedBy: "ecs-tasks.amazonaws.com" });
    role.grantReadSecrets(["arn:aws:secretsmanager:us-east-1:123456789012:secret:app/AUTH_SECRET-AbCdEf"]);
    role.grantSendEmail("arn:aws:ses:us-east-1:123456789012:identity/example.com", { fromAddresses: ["noreply@example.com"] });
    role.grantInvokeBedrock({ inferenceProfileIds: ["us.anthropic.claude-3-5-sonnet-20241022-v2:0"] });
    role.grantBucketReadWrite("arn:aws:s3:::assets");
    grantTo(
      scope,
      "ExternalGrant",
      { roleName: "other", roleArn: "arn:aws:iam::123456789012:role/other" },
      sendEmailStatements("arn:aws:ses:us-east-1:1:identity/x"),
    );
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
    expect(statements.map((s: any) => s.Sid)).toEqual([
      "ReadSecrets",
      "SendEmail",
      "InvokeBedrockProfiles",
      "InvokeBedrockProfileModels",
      "ListBucket",
      "ReadWriteObjects",
    ]);
    for (const s of statements) {
      expect([s.Action].flat()).not.toContain("*");
      expect([s.Resource].flat()).not.toContain("*");
    }
    expect(statements[1].Condition).toEqual({ StringLike: { "ses:FromAddress": ["noreply@example.com"] } });
    const profile =
      "arn:${data.aws_partition.AwsContextPartition.partition}:bedrock:${data.aws_region.AwsContextRegion.region}:${data.aws_caller_identity.AwsContext.account_id}:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0";
    expect(statements[2].Resource).toBe(profile);
    expect(statements[3].Resource).toBe(
      "arn:${data.aws_partition.AwsContextPartition.partition}:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-20241022-v2:0",
    );
    expect(statements[3].Condition).toEqual({ StringEquals: { "bedrock:InferenceProfileArn": [profile] } });
  });

  it("refuses a role ARN where the inline policy needs the role's name", () => {
    expect(() =>
      synth((s) =>
        grantTo(
          s,
          "Grant",
          { roleName: "arn:aws:iam::123456789012:role/other", roleArn: "arn:aws:iam::123456789012:role/other" },
          sendEmailStatements("arn:aws:ses:us-east-1:123456789012:identity/x"),
        ),
      ),
    ).toThrow(
      /test: role\.roleName must be an IAM role name \(1-64 letters, digits and \+=,\.@_-\), not the role's ARN, got "arn:aws:iam::123456789012:role\/other"/,
    );
  });

  it("gives a role known only by name its own inline policy", () => {
    const external = Object.values(resources(json, "aws_iam_role_policy")).filter((p: any) => p.role === "other");
    expect(external).toHaveLength(1);
    expect(policyOf(external[0]).Statement).toEqual([
      { Sid: "SendEmail", Effect: "Allow", Action: ["ses:SendEmail", "ses:SendRawEmail"], Resource: "arn:aws:ses:us-east-1:1:identity/x" },
    ]);
  });

  it("refuses a Bedrock grant with nothing to invoke and a role name over 64 characters", () => {
    expect(() =>
      synth((s) => new WorkloadRole(s, "R", { name: "r", assumedBy: "ecs-tasks.amazonaws.com" }).grantInvokeBedrock({})),
    ).toThrow(/^test\/R: grantInvokeBedrock needs foundationModelIds or inferenceProfileIds \(at least one id\), got \{\}$/);
    expect(() => synth((s) => new WorkloadRole(s, "R", { name: "r".repeat(65), assumedBy: "ecs-tasks.amazonaws.com" }))).toThrow(
      /1-64 characters for a iamRole/,
    );
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
      expect(role((r) => r.grantReadSecrets(["app/db"]))).toThrow(
        /grantReadSecrets secretArns\[0\] must be the ARN of a Secrets Manager secret.*got "app\/db"/,
      );
      expect(role((r) => r.grantReadSecrets(["arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db"]))).toThrow(
        /secretArns\[0\] must be the full secret ARN ending in the six characters Secrets Manager appends/,
      );
      expect(role((r) => r.grantReadSecrets([`${secret}:password::`]))).toThrow(/without a :<json-key>:: tail/);
      expect(role((r) => r.grantReadSecrets(["arn:aws:ssm:us-east-1:123456789012:parameter/app/x"]))).toThrow(
        /secretArns\[0\] must be a Secrets Manager secret ARN/,
      );
      expect(
        role((r) => r.grantReadSecrets([secret, "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0a1b-Xy12Zw"], [key])),
      ).not.toThrow();
    });

    it("alias ARNs as decryption keys; key ARNs pass", () => {
      expect(role((r) => r.grantReadSecrets([secret], ["arn:aws:kms:us-east-1:123456789012:alias/app"]))).toThrow(
        /grantReadSecrets kmsKeyArns\[0\] must be a KMS key ARN .*not an alias: kms:Decrypt is authorized on the key/,
      );
      expect(role((r) => r.grantReadParameters(["arn:aws:ssm:us-east-1:123456789012:parameter/app/x"], ["alias/app"]))).toThrow(
        /grantReadParameters kmsKeyArns\[0\] must be a KMS key ARN/,
      );
    });

    it("parameter names and double-slash parameter ARNs; parameter ARNs pass", () => {
      expect(role((r) => r.grantReadParameters(["/app/x"]))).toThrow(
        /grantReadParameters parameterArns\[0\] must be the ARN of .*got "\/app\/x"/,
      );
      expect(role((r) => r.grantReadParameters(["arn:aws:ssm:us-east-1:123456789012:parameter//app/x"]))).toThrow(
        /not …:parameter\/\/app\/key/,
      );
      expect(role((r) => r.grantReadParameters(["arn:aws:ssm:us-east-1:123456789012:parameter/app/x"], [key]))).not.toThrow();
    });

    it("bare identities and bucket names, object ARNs; identity and bucket ARNs pass", () => {
      expect(role((r) => r.grantSendEmail("example.com"))).toThrow(
        /grantSendEmail identityArn must be an SES identity ARN .*got "example\.com"/,
      );
      expect(
        role((r) => r.grantSendEmail("arn:aws:ses:us-east-1:123456789012:identity/example.com", { configurationSetArn: "app" })),
      ).toThrow(/grantSendEmail configurationSetArn must be an SES configuration set ARN/);
      expect(role((r) => r.grantBucketRead("assets"))).toThrow(/grantBucketRead bucketArn must be an ARN of s3/);
      expect(role((r) => r.grantBucketReadWrite("arn:aws:s3:::assets/*"))).toThrow(
        /grantBucketReadWrite bucketArn must be a bucket ARN arn:aws:s3:::<bucket> \(no object path/,
      );
      expect(
        role((r) => {
          r.grantSendEmail("arn:aws:ses:us-east-1:123456789012:identity/example.com", {
            configurationSetArn: "arn:aws:ses:us-east-1:123456789012:configuration-set/app",
          });
          r.grantBucketRead("arn:aws:s3:::assets.example.com", "public/*");
        }),
      ).not.toThrow();
    });
  });
});

describe("WorkloadRole.grantInvokeBedrock", () => {
  it("grants a foundation model in the stack's region, without conditions", () => {
    const [direct, ...rest] = bedrockPolicy("eu-west-1", { foundationModelIds: ["amazon.nova-lite-v1:0"] });
    expect(rest).toEqual([]);
    expect(direct).toMatchObject({
      Sid: "InvokeBedrock",
      Resource: `arn:${P}:bedrock:\${data.aws_region.AwsContextRegion.region}::foundation-model/amazon.nova-lite-v1:0`,
    });
    expect(direct.Condition).toBeUndefined();
  });

  it("grants an eu. profile from an eu-west-1 stack: the profile there, its model anywhere through the profile only", () => {
    const [profiles, models] = bedrockPolicy("eu-west-1", { inferenceProfileIds: ["eu.anthropic.claude-3-7-sonnet-20250219-v1:0"] });
    expect(profiles.Resource).toBe(PROFILE("eu.anthropic.claude-3-7-sonnet-20250219-v1:0"));
    expect(models.Resource).toBe(`arn:${P}:bedrock:*::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0`);
    expect(models.Condition).toEqual({
      StringEquals: { "bedrock:InferenceProfileArn": [PROFILE("eu.anthropic.claude-3-7-sonnet-20250219-v1:0")] },
    });
  });

  it("refuses a us. profile from an eu-west-1 stack (it does not exist there), naming the profiles that do", () => {
    expect(() => bedrockPolicy("eu-west-1", { inferenceProfileIds: ["us.anthropic.claude-3-7-sonnet-20250219-v1:0"] })).toThrow(
      /^s\/R: grantInvokeBedrock\.inferenceProfileIds\[0\] must be a profile of the geography of the stack's AWS provider region eu-west-1: us\. profiles are called from us-east-1, .*; from eu-west-1 use eu\. or global\. \(as of 2026-11-28: https:\/\/docs\.aws\.amazon\.com\/bedrock\/latest\/userguide\/inference-profiles-support\.html\), got "us\.anthropic\.claude-3-7-sonnet-20250219-v1:0"$/,
    );
  });

  it("accepts a us. profile from ca-central-1 (a documented US source region) and any profile when the region is only known at apply", () => {
    expect(bedrockPolicy("ca-central-1", { inferenceProfileIds: ["us.amazon.nova-pro-v1:0"] })[0].Resource).toBe(
      PROFILE("us.amazon.nova-pro-v1:0"),
    );
    const stack = new TerraformStack(Testing.app(), "t");
    new AwsProvider(stack, "aws", { region: Fn.lookup({ r: "eu-west-1" }, "r") });
    new WorkloadRole(stack, "R", { name: "app", assumedBy: "ecs-tasks.amazonaws.com" }).grantInvokeBedrock({
      inferenceProfileIds: ["us.amazon.nova-pro-v1:0"],
    });
    expect(policyOf(resource(synthStack(stack), "aws_iam_role_policy")).Statement[0].Resource).toBe(PROFILE("us.amazon.nova-pro-v1:0"));
  });

  it("grants a global. profile from any region, with the region-less model ARN Bedrock documents for it", () => {
    const [, models] = bedrockPolicy("eu-west-1", { inferenceProfileIds: ["global.anthropic.claude-sonnet-4-5-20250929-v1:0"] });
    expect(models.Resource).toEqual([
      `arn:${P}:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`,
      `arn:${P}:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`,
    ]);
  });

  it.each<[string, BedrockGrant, RegExp]>([
    [
      "a profile id among the foundation models",
      { foundationModelIds: ["us.amazon.nova-pro-v1:0"] },
      /grantInvokeBedrock\.foundationModelIds\[0\] is a cross-region inference profile id \(us\.\): pass it in inferenceProfileIds/,
    ],
    [
      "a model id among the profiles",
      { inferenceProfileIds: ["amazon.nova-pro-v1:0"] },
      /grantInvokeBedrock\.inferenceProfileIds\[0\] must be a cross-region inference profile id <geography>\.<provider>\.<model>/,
    ],
    [
      "a model id that is no id",
      { foundationModelIds: ["claude 3"] },
      /grantInvokeBedrock\.foundationModelIds\[0\] must be a Bedrock model id <provider>\.<model>.*got "claude 3"/,
    ],
    [
      "a repeated profile",
      { inferenceProfileIds: ["eu.amazon.nova-pro-v1:0", "eu.amazon.nova-pro-v1:0"] },
      /grantInvokeBedrock\.inferenceProfileIds must not contain duplicates/,
    ],
  ])("refuses %s", (_, grant, message) => {
    expect(() => bedrockPolicy("eu-west-1", grant)).toThrow(message);
  });

  it("refuses a model Bedrock invokes only through a profile, naming the profiles of the stack's geography, and takes the profile", () => {
    expect(() => bedrockPolicy("eu-west-1", { foundationModelIds: ["anthropic.claude-sonnet-4-5-20250929-v1:0"] })).toThrow(
      /^s\/R: grantInvokeBedrock\.foundationModelIds\[0\] can only be invoked through an inference profile .*pass eu\.anthropic\.claude-sonnet-4-5-20250929-v1:0 or global\.anthropic\.claude-sonnet-4-5-20250929-v1:0 in inferenceProfileIds/,
    );
    expect(() => bedrockPolicy("eu-west-1", { inferenceProfileIds: ["eu.anthropic.claude-sonnet-4-5-20250929-v1:0"] })).not.toThrow();
    // An older model with on-demand invocation stays a foundation model.
    expect(() => bedrockPolicy("eu-west-1", { foundationModelIds: ["anthropic.claude-3-haiku-20240307-v1:0"] })).not.toThrow();
  });
});
