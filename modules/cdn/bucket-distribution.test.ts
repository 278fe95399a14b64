import { describe, expect, it } from "vitest";
import { TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { PrivateBucket } from "../core/private-bucket";
import { SynthJson, policyOf, resource, resources, scratchStack, synth, synthStack } from "../internal/testing";
import { policyReport } from "../policy";
import { BucketDistribution, BucketDistributionProps } from "./bucket-distribution";
import { CACHING_OPTIMIZED_POLICY_ID } from "./managed-policies";

const TOPICS = {
  criticalTopicArn: "arn:aws:sns:us-east-1:123456789012:photos-prod-critical",
  warningTopicArn: "arn:aws:sns:us-east-1:123456789012:photos-prod-warning",
};

function build(props: Partial<BucketDistributionProps> = {}): { stack: TerraformStack; json: SynthJson } {
  const stack = scratchStack();
  const usEast1 = new AwsProvider(stack, "aws_us_east_1", { alias: "us_east_1", region: "us-east-1" });
  const bucket = new PrivateBucket(stack, "Photos", { bucketName: "photos-prod-media" });
  new BucketDistribution(stack, "Cdn", { name: "photos-prod", bucket, usEast1Provider: usEast1, ...props });
  return { stack, json: synthStack(stack) };
}

describe("BucketDistribution", () => {
  it("serves the bucket alone on every path through origin access control, cached, HTTPS only, with the security headers", () => {
    const { json } = build();
    const dist = resource(json, "aws_cloudfront_distribution");
    expect(dist.origin).toHaveLength(1);
    expect(dist.origin[0]).toMatchObject({
      origin_id: "bucket",
      origin_access_control_id: expect.stringMatching(/aws_cloudfront_origin_access_control\./),
    });
    expect(dist.origin[0].domain_name).toMatch(/aws_s3_bucket\.Photos_Bucket_\w+\.bucket_regional_domain_name/);
    expect(dist.origin[0].custom_origin_config).toBeUndefined();
    expect(dist.default_cache_behavior).toMatchObject({
      target_origin_id: "bucket",
      allowed_methods: ["GET", "HEAD"],
      cache_policy_id: CACHING_OPTIMIZED_POLICY_ID,
      viewer_protocol_policy: "redirect-to-https",
      response_headers_policy_id: expect.stringMatching(/aws_cloudfront_response_headers_policy\./),
    });
    expect(dist.default_cache_behavior.function_association).toBeUndefined();
    expect(dist).toMatchObject({
      http_version: "http2and3",
      is_ipv6_enabled: true,
      viewer_certificate: { cloudfront_default_certificate: true },
    });
    expect(resources(json, "aws_cloudfront_function")).toEqual({});
    expect(resource(json, "aws_cloudfront_response_headers_policy").security_headers_config.strict_transport_security).toMatchObject({
      include_subdomains: true,
    });
  });

  it("lets only this distribution read the bucket", () => {
    const { json } = build();
    const statement = policyOf(resource(json, "aws_s3_bucket_policy")).Statement.find((s: any) => s.Sid === "AllowCloudFrontRead");
    expect(statement).toMatchObject({ Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject" });
    expect(statement.Condition.StringEquals["AWS:SourceArn"]).toMatch(/aws_cloudfront_distribution\.Cdn_Distribution_\w+\.arn/);
  });

  it("takes the same WAF, access logs, alarm and domain choices as CdnDistribution", () => {
    const { json } = build({
      webAcl: true,
      accessLogs: true,
      alarms: TOPICS,
      domain: { names: ["photos.example.com"], hostedZoneId: "Z0EXAMPLE0ZONE0ID" },
      defaultRootObject: "index.html",
    });
    const dist = resource(json, "aws_cloudfront_distribution");
    expect(dist.web_acl_id).toMatch(/aws_wafv2_web_acl\./);
    expect(dist.aliases).toEqual(["photos.example.com"]);
    expect(dist.default_root_object).toBe("index.html");
    expect(dist.viewer_certificate).toMatchObject({ ssl_support_method: "sni-only", minimum_protocol_version: "TLSv1.2_2021" });
    expect(Object.keys(resources(json, "aws_route53_record")).filter((n) => n.includes("Alias"))).toHaveLength(2);
    expect(Object.keys(resources(json, "aws_cloudwatch_log_delivery"))).toHaveLength(1);
    expect(resource(json, "aws_cloudwatch_metric_alarm")).toMatchObject({ metric_name: "5xxErrorRate", provider: "aws.us_east_1" });
  });

  it("passes the production policy tier with WAF and logs, with nothing suppressed", () => {
    const { stack } = build({
      webAcl: true,
      accessLogs: true,
      logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
    });
    const report = policyReport(stack, { tier: "production" });
    expect(report.failed.filter((f) => f.severity === "error")).toEqual([]);
    expect(report.suppressed).toEqual([]);
    // Without them the rules do fire: the check above can fail.
    expect(policyReport(build().stack, { tier: "production" }).failed.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(["CLOUDFRONT-WAF"]),
    );
  });

  it.each([
    [{ defaultRootObject: "/index.html" }, /defaultRootObject must be an object key such as index.html.*got "\/index.html"/],
    [{ originShieldRegion: "us-east" }, /originShieldRegion must be an AWS region code/],
    [{ priceClass: "PriceClass_50" as never }, /priceClass must be one of/],
    [{ domain: { names: ["photos.example.com"] } }, /domain needs a certificate for its aliases/],
  ])("refuses %o", (props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  it("needs the us-east-1 provider for what CloudFront takes from there", () => {
    expect(() =>
      synth(
        (s) =>
          new BucketDistribution(s, "Cdn", {
            name: "photos-dev",
            bucket: new PrivateBucket(s, "B", { bucketName: "photos-dev-media" }),
            webAcl: true,
          }),
      ),
    ).toThrow(/usEast1Provider is required for webAcl/);
  });
});

describe("BucketDistribution in its own stack", () => {
  it("synthesizes with no raw resource beside the package's constructs", () => {
    const stack = scratchStack();
    const bucket = new PrivateBucket(stack, "Photos", { bucketName: "photos-dev-media" });
    new BucketDistribution(stack, "Cdn", { name: "photos-dev", bucket });
    const json = synthStack(stack);
    expect(Object.keys(json.resource ?? {}).sort()).toEqual([
      "aws_cloudfront_distribution",
      "aws_cloudfront_origin_access_control",
      "aws_cloudfront_response_headers_policy",
      "aws_s3_bucket",
      "aws_s3_bucket_lifecycle_configuration",
      "aws_s3_bucket_ownership_controls",
      "aws_s3_bucket_policy",
      "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_server_side_encryption_configuration",
      "aws_s3_bucket_versioning",
    ]);
  });
});
