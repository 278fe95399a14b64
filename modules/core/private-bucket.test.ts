import { describe, expect, it } from "vitest";
import { PrivateBucket } from "./private-bucket";
import { policyOf, resource, synth } from "../internal/testing";

describe("PrivateBucket", () => {
  it("encrypts with a customer-managed key and a bucket key when given one", () => {
    const json = synth(
      (s) => new PrivateBucket(s, "B", { bucketName: "acme-assets", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" }),
    );
    expect(resource(json, "aws_s3_bucket_server_side_encryption_configuration").rule[0]).toEqual({
      apply_server_side_encryption_by_default: {
        sse_algorithm: "aws:kms",
        kms_master_key_id: "arn:aws:kms:us-east-1:123456789012:key/abc",
      },
      bucket_key_enabled: true,
    });
    expect(resource(json, "aws_s3_bucket").lifecycle).toBeUndefined();
  });

  it("adds resource-policy statements after the TLS-only deny", () => {
    const json = synth((s) => {
      const b = new PrivateBucket(s, "B", { bucketName: "acme-assets" });
      b.addToResourcePolicy({
        sid: "CloudFrontRead",
        principal: { Service: "cloudfront.amazonaws.com" },
        actions: ["s3:GetObject"],
        resources: [`${b.bucketArn}/*`],
      });
    });
    const statements = policyOf(resource(json, "aws_s3_bucket_policy")).Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(["DenyInsecureTransport", "CloudFrontRead"]);
    expect(statements[1].Principal).toEqual({ Service: "cloudfront.amazonaws.com" });
  });

  it("rejects bad names, keys and lifecycle days", () => {
    expect(() => synth((s) => new PrivateBucket(s, "B", { bucketName: "Acme_Assets" }))).toThrow(
      /test\/B: bucketName must be a valid s3Bucket name.*"Acme_Assets"/,
    );
    expect(() => synth((s) => new PrivateBucket(s, "B", { bucketName: "acme-assets", kmsKeyArn: "alias/aws/s3" }))).toThrow(
      /kmsKeyArn must be an ARN of kms/,
    );
    expect(() =>
      synth(
        (s) =>
          new PrivateBucket(s, "B", {
            bucketName: "acme-assets",
            kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555",
          }),
      ),
    ).toThrow(
      /test\/B: kmsKeyArn must be in the stack's AWS provider region us-east-1 \(KMS keys are regional and S3 .*\), not in eu-west-1/,
    );
    expect(() => synth((s) => new PrivateBucket(s, "B", { bucketName: "acme-assets", noncurrentVersionExpirationDays: 0 }))).toThrow(
      /noncurrentVersionExpirationDays must be an integer from 1/,
    );
  });
});

describe("LoadBalancerLogsBucket", () => {
  it("lets ELB write only under this account's AWSLogs prefix, and expires logs", async () => {
    const { LoadBalancerLogsBucket } = await import("../storage/load-balancer-logs-bucket");
    const json = synth((s) => new LoadBalancerLogsBucket(s, "Logs", { bucketName: "acme-prod-alb-logs", prefix: "acme-prod" }));
    const statements = policyOf(resource(json, "aws_s3_bucket_policy")).Statement;
    const writes = statements.filter((s: any) => s.Action === "s3:PutObject");
    expect(writes.map((s: any) => s.Principal)).toEqual([
      { AWS: "${data.aws_elb_service_account.Logs_ElbAccount_4513F5EE.arn}" },
      { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
    ]);
    for (const w of writes) expect(w.Resource).toMatch(/\}\/acme-prod\/AWSLogs\/\$\{data.aws_caller_identity.AwsContext.account_id\}\/\*$/);
    const rules = resource(json, "aws_s3_bucket_lifecycle_configuration").rule;
    expect(rules.find((r: any) => r.id === "expire-objects").expiration).toEqual([{ days: 90 }]);
    expect(
      resource(json, "aws_s3_bucket_server_side_encryption_configuration").rule[0].apply_server_side_encryption_by_default.sse_algorithm,
    ).toBe("AES256");
  });

  it("refuses a prefix the load balancer cannot use", async () => {
    const { LoadBalancerLogsBucket } = await import("../storage/load-balancer-logs-bucket");
    expect(() => synth((s) => new LoadBalancerLogsBucket(s, "Logs", { bucketName: "acme-logs", prefix: "app/" }))).toThrow(
      /test\/Logs: prefix must be an S3 key prefix without leading or trailing '\/'.*"app\/"/,
    );
  });
});
