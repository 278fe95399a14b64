import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { SynthJson, policyOf, resource, resources } from "../../modules/internal/testing";
import { policyReport } from "../../modules/policy";
import { PhotoStorageStack } from "./main";

const synth = (environment: string): { stack: PhotoStorageStack; json: SynthJson } => {
  const stack = new PhotoStorageStack(Testing.app(), `photos-${environment}`, environment);
  return { stack, json: JSON.parse(Testing.synth(stack, true)) as SynthJson };
};

describe("photo-storage: a bucket-only distribution from the package alone", () => {
  const { stack, json } = synth("dev");

  it("serves the private bucket through CloudFront with origin access control, and no app origin", () => {
    const dist = resource(json, "aws_cloudfront_distribution");
    expect(dist.origin).toHaveLength(1);
    expect(dist.origin[0].origin_access_control_id).toMatch(/aws_cloudfront_origin_access_control\./);
    expect(dist.aliases).toEqual(["photos-dev.community.example.com"]);
    const read = policyOf(resource(json, "aws_s3_bucket_policy")).Statement.find((s: any) => s.Sid === "AllowCloudFrontRead");
    expect(read.Principal).toEqual({ Service: "cloudfront.amazonaws.com" });
  });

  it("lets the app's origins upload (CORS), named by scheme and host", () => {
    expect(resource(json, "aws_s3_bucket_cors_configuration").cors_rule[0].allowed_origins).toEqual([
      "https://dev.community.example.com",
      "https://admin.community.example.com",
    ]);
  });

  it("passes the baseline policy tier with nothing suppressed, and production with WAF and logs", () => {
    const dev = policyReport(stack, { tier: "baseline" });
    expect(dev.failed.filter((f) => f.severity === "error")).toEqual([]);
    expect(dev.suppressed).toEqual([]);
    const prod = synth("prod");
    expect(Object.keys(resources(prod.json, "aws_wafv2_web_acl"))).toHaveLength(1);
    expect(policyReport(prod.stack, { tier: "baseline" }).suppressed).toEqual([]);
  });

  it("has no raw resource: every resource belongs to a construct of the package", () => {
    const types = Object.keys(json.resource ?? {});
    expect(types).toContain("aws_cloudfront_distribution");
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const name of Object.keys(byName)) expect(name, type).toMatch(/^(Photos|Cdn)_/);
    }
  });
});
