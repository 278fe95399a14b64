import { describe, expect, it } from "vitest";
import { checkResourceArn } from "./arns";

const where = "stack/Thing";

describe("checkResourceArn", () => {
  // Each mistake, then the nearest valid value.
  it.each([
    [
      "a role where an OIDC provider goes",
      "iamOidcProvider",
      "arn:aws:iam::123456789012:role/github",
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
    ],
    [
      "an OIDC provider with a region",
      "iamOidcProvider",
      "arn:aws:iam:us-east-1:123456789012:oidc-provider/app.terraform.io",
      "arn:aws:iam::123456789012:oidc-provider/app.terraform.io",
    ],
    ["a permissions boundary given by name", "iamPolicy", "shop-boundary", "arn:aws:iam::123456789012:policy/shop-boundary"],
    [
      "a permissions boundary given as a role",
      "iamPolicy",
      "arn:aws:iam::123456789012:role/shop-boundary",
      "arn:aws:iam::123456789012:policy/boundaries/shop-boundary",
    ],
    ["a bucket ARN with a region", "s3Bucket", "arn:aws:s3:us-east-1::shop-state", "arn:aws:s3:::shop-state"],
    ["a bucket ARN with an account", "s3Bucket", "arn:aws:s3::123456789012:shop-state", "arn:aws:s3:::shop-state"],
    ["a bare bucket name", "s3Bucket", "shop-state", "arn:aws:s3:::shop-state"],
    ["an object ARN", "s3Bucket", "arn:aws:s3:::shop-state/env/prod.tfstate", "arn:aws:s3:::shop-state"],
    ["a topic without a region", "snsTopic", "arn:aws:sns::123456789012:alerts", "arn:aws:sns:eu-west-1:123456789012:alerts"],
    [
      "an alarm ARN of a dashboard",
      "cloudwatchAlarm",
      "arn:aws:cloudwatch::123456789012:dashboard/ops",
      "arn:aws:cloudwatch:us-east-1:123456789012:alarm:shop-5xx",
    ],
    [
      "an IAM server certificate",
      "acmCertificate",
      "arn:aws:iam::123456789012:server-certificate/x",
      "arn:aws:acm:us-east-1:123456789012:certificate/0c6b1a7e-1b2c-4d3e-8f9a-0123456789ab",
    ],
    [
      "a WAF classic ACL",
      "wafv2WebAcl",
      "arn:aws:waf::123456789012:webacl/0c6b1a7e",
      "arn:aws:wafv2:us-east-1:123456789012:global/webacl/shop/0c6b1a7e-1b2c-4d3e-8f9a-0123456789ab",
    ],
  ] as const)("refuses %s and takes the nearest valid ARN", (_, kind, bad, good) => {
    expect(() => checkResourceArn(where, "arn", bad, kind)).toThrow(
      new RegExp(
        `^stack/Thing: arn must be an? .* ARN \\(arn:aws:.*\\), got ${JSON.stringify(bad).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`,
      ),
    );
    expect(() => checkResourceArn(where, "arn", good, kind)).not.toThrow();
  });

  it("takes the other partitions and says why when asked", () => {
    expect(() => checkResourceArn(where, "arn", "arn:aws-us-gov:iam::123456789012:policy/b", "iamPolicy")).not.toThrow();
    expect(() => checkResourceArn(where, "arn", "arn:aws-cn:sns:cn-north-1:123456789012:t", "snsTopic")).not.toThrow();
    expect(() => checkResourceArn(where, "boundary", "b", "iamPolicy", "IAM takes a boundary by ARN")).toThrow(
      /: IAM takes a boundary by ARN, got "b"$/,
    );
  });
});
