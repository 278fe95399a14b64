import { describe, expect, it } from "vitest";
import { scratchStack, synthStack } from "../internal/testing";
import { configureRemoteState } from "./remote-state";

const s3 = { bucket: "acme-terraform-state", region: "us-east-1" };

describe("configureRemoteState S3 key", () => {
  it("refuses key prefixes that would give a key Terraform refuses (leading or trailing /, //)", () => {
    for (const keyPrefix of ["/shop", "shop/", "shop//state"]) {
      expect(() =>
        configureRemoteState(scratchStack(), { project: "shop", environment: "prod", state: { s3: { ...s3, keyPrefix } } }),
      ).toThrow(
        `test: state.s3.keyPrefix must not start or end with / nor contain // (it makes the S3 state key <keyPrefix>/<environment>.tfstate, which Terraform refuses then), got ${JSON.stringify(keyPrefix)}`,
      );
    }
    expect(() => configureRemoteState(scratchStack(), { project: "shop", environment: "/prod", state: { s3 } })).toThrow(
      /test: environment must not start with \/ \(the S3 state key would be shop\/\/prod\.tfstate, with \/\/\), got "\/prod"/,
    );
  });

  it("refuses a state key of another region than the bucket's, and takes one of the bucket's region", () => {
    const key = (region: string) => `arn:aws:kms:${region}:123456789012:key/11111111-2222-3333-4444-555555555555`;
    expect(() =>
      configureRemoteState(scratchStack(), { project: "shop", environment: "prod", state: { s3: { ...s3, kmsKeyId: key("eu-west-1") } } }),
    ).toThrow(
      /^test: state\.s3\.kmsKeyId must be a KMS key in the state bucket's region us-east-1 \(state\.s3\.region; S3 encrypts with keys of the bucket's region only\), not in eu-west-1, got "arn:aws:kms:eu-west-1:/,
    );
    const stack = scratchStack();
    configureRemoteState(stack, { project: "shop", environment: "prod", state: { s3: { ...s3, kmsKeyId: key("us-east-1") } } });
    expect(synthStack(stack).terraform?.backend?.s3?.kms_key_id).toBe(key("us-east-1"));
  });

  it("accepts a nested key prefix", () => {
    const stack = scratchStack();
    configureRemoteState(stack, { project: "shop", environment: "prod", state: { s3: { ...s3, keyPrefix: "teams/shop" } } });
    expect(synthStack(stack).terraform?.backend?.s3?.key).toBe("teams/shop/prod.tfstate");
  });
});
