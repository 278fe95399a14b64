import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { describe, expect, it } from "vitest";
import { resource } from "../internal/testing";
import { ContainerWebApp, ContainerWebAppProps } from "./container-web-app";

function synth(props: Partial<ContainerWebAppProps>): any {
  const stack = new TerraformStack(Testing.app(), "shop-qa");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new ContainerWebApp(stack, "App", { project: "shop", environment: "qa", profile: "non-production", imageTag: "v1", ...props });
  return JSON.parse(Testing.synth(stack, true));
}

describe("ContainerWebApp uploads", () => {
  it("lets pages of the app's URL and of the other origins named upload (CORS)", () => {
    const json = synth({ uploads: { allowedOrigins: ["https://admin.example.com"] } });
    expect(resource(json, "aws_s3_bucket_cors_configuration").cors_rule[0].allowed_origins).toEqual([
      expect.stringMatching(/^https:\/\/\$\{aws_cloudfront_distribution\.\w+\.domain_name\}$/),
      "https://admin.example.com",
    ]);
  });

  it("refuses an origin with the scheme's default port", () => {
    expect(() => synth({ uploads: { allowedOrigins: ["https://admin.example.com:443"] } })).toThrow(
      /allowedOrigins\[1\] must not name the scheme's default port/,
    );
  });
});
