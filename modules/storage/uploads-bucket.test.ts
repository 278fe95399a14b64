import { describe, expect, it } from "vitest";
import { WorkloadRole } from "../core/workload-role";
import { findResources, policyOf, resource, resources, synth } from "../internal/testing";
import { UploadsBucket } from "./uploads-bucket";

describe("UploadsBucket", () => {
  const json = synth((s) => {
    const uploads = new UploadsBucket(s, "Uploads", { bucketName: "shop-dev-uploads", allowedOrigins: ["https://shop.example.com"] });
    uploads.grantReadWrite(new WorkloadRole(s, "App", { name: "shop-dev-task", assumedBy: "ecs-tasks.amazonaws.com" }), "uploads/*");
  });

  it("is versioned, expires old versions after 30 days and aborts stale multipart uploads", () => {
    expect(resource(json, "aws_s3_bucket_versioning").versioning_configuration).toEqual({ status: "Enabled" });
    const rules = resource(json, "aws_s3_bucket_lifecycle_configuration").rule;
    expect(rules).toContainEqual(expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 30 }] }));
    expect(rules).toContainEqual(expect.objectContaining({ abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }));
  });

  it("lets pages of the app's origin upload with presigned URLs (CORS)", () => {
    expect(resource(json, "aws_s3_bucket_cors_configuration").cors_rule).toEqual([
      {
        allowed_origins: ["https://shop.example.com"],
        allowed_methods: ["GET", "HEAD", "PUT", "POST"],
        allowed_headers: ["*"],
        expose_headers: ["ETag"],
        max_age_seconds: 3000,
      },
    ]);
  });

  it("grants the role read and write under the prefix only", () => {
    const grant = findResources(json, "aws_iam_role_policy", (p) => p.role.includes("App"))[0];
    const resourcesOf = policyOf(grant).Statement.flatMap((s: any) => [s.Resource].flat());
    expect(resourcesOf).toContainEqual(expect.stringMatching(/aws_s3_bucket\.Uploads_Bucket_.*\.arn\}\/uploads\/\*$/));
  });

  it("has no CORS configuration without allowed origins", () => {
    expect(
      resources(
        synth((s) => new UploadsBucket(s, "Uploads", { bucketName: "shop-dev-uploads" })),
        "aws_s3_bucket_cors_configuration",
      ),
    ).toEqual({});
  });

  it("refuses an origin with a path", () => {
    expect(() =>
      synth((s) => new UploadsBucket(s, "Uploads", { bucketName: "shop-dev-uploads", allowedOrigins: ["https://shop.example.com/app"] })),
    ).toThrow(/test\/Uploads: allowedOrigins\[0\] must be \* or an origin/);
  });

  it("admits other apps' origins beside the app's own", () => {
    const other = synth(
      (s) =>
        new UploadsBucket(s, "Uploads", {
          bucketName: "photos-prod-uploads",
          allowedOrigins: ["https://app.example.com", "https://admin.example.org:8443"],
        }),
    );
    expect(resource(other, "aws_s3_bucket_cors_configuration").cors_rule[0].allowed_origins).toEqual([
      "https://app.example.com",
      "https://admin.example.org:8443",
    ]);
  });

  it.each([
    ["https://app.example.com:443", /allowedOrigins\[0\] must not name the scheme's default port: browsers send https:\/\/app.example.com/],
    ["http://app.example.com:80", /must not name the scheme's default port/],
    [
      "https://app.example.com/upload",
      /must be \* or an origin such as https:\/\/app.example.com.*got "https:\/\/app.example.com\/upload"/,
    ],
    ["app.example.com", /must be \* or an origin/],
  ])("refuses the CORS origin %s", (origin, message) => {
    expect(() => synth((s) => new UploadsBucket(s, "Uploads", { bucketName: "photos-prod-uploads", allowedOrigins: [origin] }))).toThrow(
      message,
    );
  });
});
