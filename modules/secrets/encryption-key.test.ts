import { describe, expect, it } from "vitest";
import { policyOf, resource, synth } from "../internal/testing";
import { EncryptionKey } from "./encryption-key";

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
      (s) => new EncryptionKey(s, "Key", { alias: "a", description: "d", servicePrincipals: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] }),
    );
    const services = policyOf(resource(json, "aws_kms_key")).Statement[1];
    expect(services).toMatchObject({
      Principal: { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
    });
  });

  it.each([
    [{ alias: "aws/mine" }, /Key: alias must be 1-250 letters.*got "aws\/mine"/],
    [{ alias: "alias/x y" }, /alias must be 1-250/],
    [{ alias: "a", deletionWindowInDays: 3 }, /deletionWindowInDays must be an integer from 7 to 30, got 3/],
    [{ alias: "a", servicePrincipals: ["cloudwatch"] }, /servicePrincipals must be service principals/],
  ])("fails on %j", (props, message) => {
    expect(() => synth((s) => new EncryptionKey(s, "Key", { description: "d", ...props }))).toThrow(message);
  });
});
