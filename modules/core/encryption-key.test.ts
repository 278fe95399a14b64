import { describe, expect, it } from "vitest";
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { policyOf, resource, synth, synthStack } from "../internal/testing";
import { EncryptionKey, cloudWatchLogsKey } from "./encryption-key";

describe("EncryptionKey", () => {
  it("defaults to a rotating key administered by the account, with an alias", () => {
    const json = synth((s) => new EncryptionKey(s, "Key", { alias: "shop-prod-data", description: "data" }));
    const key = resource(json, "aws_kms_key");
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(policyOf(key).Statement.map((st: any) => st.Sid)).toEqual(["EnableIamPolicies"]);
    expect(resource(json, "aws_kms_alias").name).toBe("alias/shop-prod-data");
  });

  it("lets the given services generate data keys and decrypt", () => {
    const json = synth(
      (s) =>
        new EncryptionKey(s, "Key", {
          alias: "a",
          description: "d",
          servicePrincipals: ["cloudwatch.amazonaws.com", "events.amazonaws.com"],
        }),
    );
    const services = policyOf(resource(json, "aws_kms_key")).Statement[1];
    expect(services).toMatchObject({
      Principal: { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
    });
  });

  it("gives the services the actions and conditions asked for", () => {
    const conditions = { StringEquals: { "aws:SourceAccount": "123456789012" } };
    const json = synth(
      (s) =>
        new EncryptionKey(s, "Key", {
          alias: "a",
          description: "d",
          servicePrincipals: ["events.amazonaws.com"],
          serviceActions: ["kms:Decrypt"],
          serviceConditions: conditions,
        }),
    );
    expect(policyOf(resource(json, "aws_kms_key")).Statement[1]).toEqual({
      Sid: "AllowServicesToUseKey",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: conditions,
    });
  });

  it("refuses terraform destroy only when preventDestroy is set", () => {
    const key = (preventDestroy?: boolean) =>
      resource(
        synth((s) => new EncryptionKey(s, "Key", { alias: "a", description: "d", preventDestroy })),
        "aws_kms_key",
      );
    expect(key(true).lifecycle).toEqual({ prevent_destroy: true });
    expect(key(undefined).lifecycle).toBeUndefined();
    expect(key(false).lifecycle).toBeUndefined();
  });

  it.each([
    [{ alias: "aws/mine" }, /Key: alias must be 1-250 letters.*got "aws\/mine"/],
    [{ alias: "alias/x y" }, /alias must be 1-250/],
    [{ alias: "a", deletionWindowInDays: 3 }, /deletionWindowInDays must be an integer from 7 to 30, got 3/],
    [
      { alias: "a", servicePrincipals: ["cloudwatch"] },
      /servicePrincipals\[0\] must be a service principal with its domain, such as ecs-tasks.amazonaws.com, got "cloudwatch"/,
    ],
    [{ alias: "a", serviceActions: ["kms:Decrypt"] }, /Key: serviceActions has no effect without servicePrincipals.*got \["kms:Decrypt"\]/],
    [
      { alias: "a", serviceConditions: { Bool: { "aws:SecureTransport": "true" } } },
      /Key: serviceConditions has no effect without servicePrincipals/,
    ],
    [{ alias: "a", servicePrincipals: ["events.amazonaws.com"], serviceActions: [] }, /serviceActions must list at least one kms: action/],
    [
      { alias: "a", servicePrincipals: ["events.amazonaws.com"], serviceActions: ["s3:GetObject"] },
      /serviceActions must be KMS actions.*got "s3:GetObject"/,
    ],
  ])("fails on %j", (props, message) => {
    expect(() => synth((s) => new EncryptionKey(s, "Key", { description: "d", ...props }))).toThrow(message);
  });
});

describe("cloudWatchLogsKey", () => {
  it("lets the regional logs principal use the key only for this account's log groups", () => {
    const stack = new TerraformStack(Testing.app(), "eu");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    cloudWatchLogsKey(stack, "LogsKey", { alias: "shop-prod-logs", region: "eu-west-1" });
    const json = synthStack(stack);
    const key = resource(json, "aws_kms_key");
    expect(key).toMatchObject({ enable_key_rotation: true, description: "CloudWatch Logs encryption (shop-prod-logs)" });
    expect(key.lifecycle).toBeUndefined();
    const logs = policyOf(key).Statement[1];
    expect(logs.Principal).toEqual({ Service: "logs.eu-west-1.amazonaws.com" });
    expect(logs.Action).toEqual(["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]);
    expect(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toMatch(
      /^arn:\$\{data\.aws_partition\.\w+\.partition\}:logs:eu-west-1:\$\{data\.aws_caller_identity\.\w+\.account_id\}:log-group:\*$/,
    );
    expect(resource(json, "aws_kms_alias").name).toBe("alias/shop-prod-logs");
  });

  it("passes preventDestroy and tags to the key", () => {
    const json = synth((s) =>
      cloudWatchLogsKey(s, "LogsKey", { alias: "a", region: "us-east-1", preventDestroy: true, tags: { team: "ops" } }),
    );
    expect(resource(json, "aws_kms_key")).toMatchObject({ lifecycle: { prevent_destroy: true }, tags: { team: "ops" } });
  });

  it("fails on a region other than the stack's, where the key is created", () => {
    expect(() => synth((s) => cloudWatchLogsKey(s, "LogsKey", { alias: "a", region: "eu-west-1" }))).toThrow(
      /^test\/LogsKey: region must be the stack's AWS provider region us-east-1, where the key is created \(KMS keys are regional; CloudWatch Logs uses keys of its own region only\), got "eu-west-1"$/,
    );
  });

  it("fails on a region that is not a region code", () => {
    expect(() => synth((s) => cloudWatchLogsKey(s, "LogsKey", { alias: "a", region: "Europe" }))).toThrow(
      /test\/LogsKey: region must be an AWS region code such as us-east-1.*got "Europe"/,
    );
  });
});
