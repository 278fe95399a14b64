import { describe, expect, it } from "vitest";
import { Fn, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { APP_RUNNER_REGIONS } from "./aws-facts";
import { arnRegion, checkKmsKeyInStackRegion, checkRegionOffers, zoneIdPrefix } from "./region-checks";

/** A construct in a stack whose default provider has this region (undefined: no region argument). */
function scopeIn(region: string | undefined): Construct {
  const stack = new TerraformStack(Testing.app(), "s");
  new AwsProvider(stack, "aws", { region });
  return new Construct(stack, "Thing");
}

const key = (region: string) => `arn:aws:kms:${region}:123456789012:key/11111111-2222-3333-4444-555555555555`;

describe("region checks", () => {
  it("shortens region names as AWS zone IDs do, and gives up on words it does not know", () => {
    expect(
      ["us-east-1", "us-west-2", "ap-northeast-1", "ap-southeast-2", "ca-central-1", "eu-north-1", "us-gov-west-1", "il-central-1"].map(
        zoneIdPrefix,
      ),
    ).toEqual(["use1", "usw2", "apne1", "apse2", "cac1", "eun1", "usgw1", "ilc1"]);
    expect(zoneIdPrefix("xx-middle-1")).toBeUndefined();
  });

  it("reads the region of literal ARNs only", () => {
    expect(arnRegion(key("eu-west-1"))).toBe("eu-west-1");
    expect(arnRegion("arn:aws:kms:ap-south-1:123456789012:alias/app")).toBe("ap-south-1");
    expect(arnRegion("arn:aws:s3:::bucket")).toBe("");
    expect(arnRegion(`arn:aws:kms:${Fn.lookup({ r: "x" }, "r")}:1:key/k`)).toBeUndefined();
  });

  it("refuses a KMS key (or alias) of another region, naming both regions", () => {
    expect(() => checkKmsKeyInStackRegion(scopeIn("eu-west-1"), "kmsKeyArn", key("us-east-1"), "SNS")).toThrow(
      /^s\/Thing: kmsKeyArn must be in the stack's AWS provider region eu-west-1 \(KMS keys are regional and SNS uses keys of its own region only\), not in us-east-1, got "arn:aws:kms:us-east-1:/,
    );
    expect(() =>
      checkKmsKeyInStackRegion(scopeIn("eu-west-1"), "kmsKeyArn", "arn:aws:kms:eu-west-2:123456789012:alias/app", "SNS"),
    ).toThrow(/not in eu-west-2/);
  });

  it("accepts a key of the stack's region, and any key when the region is only known at apply", () => {
    expect(() => checkKmsKeyInStackRegion(scopeIn("eu-west-1"), "kmsKeyArn", key("eu-west-1"), "SNS")).not.toThrow();
    expect(() => checkKmsKeyInStackRegion(scopeIn(Fn.lookup({ r: "eu-west-1" }, "r")), "kmsKeyArn", key("us-east-1"), "SNS")).not.toThrow();
    expect(() => checkKmsKeyInStackRegion(scopeIn(undefined), "kmsKeyArn", key("us-east-1"), "SNS")).not.toThrow();
  });

  it("refuses a region the service is not offered in and accepts one it is", () => {
    const scope = scopeIn("us-east-1");
    expect(() => checkRegionOffers(scope, "region", "sa-east-1", APP_RUNNER_REGIONS, "App Runner", "appRunner")).toThrow(
      /^s\/Thing: region must be a region where App Runner is offered: us-east-1, .* \(as of 2026-11-28: https:\/\/docs\.aws\.amazon\.com\/general\/latest\/gr\/apprunner\.html\), got "sa-east-1"$/,
    );
    expect(() => checkRegionOffers(scope, "region", "eu-west-1", APP_RUNNER_REGIONS, "App Runner", "appRunner")).not.toThrow();
  });
});
