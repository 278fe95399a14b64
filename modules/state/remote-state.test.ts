import { describe, expect, it } from "vitest";
import { scratchStack, synthStack } from "../internal/testing";
import { configureRemoteState } from "./remote-state";

const s3 = { bucket: "acme-terraform-state", region: "us-east-1" };

describe("configureRemoteState S3 key", () => {
  it("refuses key prefixes that would give a key Terraform refuses (leading or trailing /, //)", () => {
    for (const keyPrefix of ["/shop", "shop/", "shop//state"]) {
      expect(() => configureRemoteState(scratchStack(), { project: "shop", environment: "prod", state: { s3: { ...s3, keyPrefix } } })).toThrow(
        `test: state.s3.keyPrefix must not start or end with / nor contain // (it makes the S3 state key <keyPrefix>/<environment>.tfstate, which Terraform refuses then), got ${JSON.stringify(keyPrefix)}`,
      );
    }
    expect(() => configureRemoteState(scratchStack(), { project: "shop", environment: "/prod", state: { s3 } })).toThrow(
      /test: environment must not start with \/ \(the S3 state key would be shop\/\/prod\.tfstate, with \/\/\), got "\/prod"/,
    );
  });

  it("accepts a nested key prefix", () => {
    const stack = scratchStack();
    configureRemoteState(stack, { project: "shop", environment: "prod", state: { s3: { ...s3, keyPrefix: "teams/shop" } } });
    expect(synthStack(stack).terraform?.backend?.s3?.key).toBe("teams/shop/prod.tfstate");
  });
});
