import { cacheBehaviors } from "../cloudfront";
import { PRODUCTION_ERROR, defineRule } from "../types";

/** Responses carry security headers (HSTS, nosniff, frame options...). */
export const cloudfrontSecurityHeaders = defineRule({
  id: "CLOUDFRONT-SECURITY-HEADERS",
  cites: ["CKV2_AWS_32"],
  description:
    "Every cache behavior of a CloudFront distribution has a response headers policy (HSTS, X-Content-Type-Options, X-Frame-Options, Referrer-Policy). `CdnDistribution` always does; the rule guards raw resources and overrides.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_cloudfront_distribution"],
  check: (d) =>
    cacheBehaviors(d)
      .filter(({ behavior }) => !behavior.response_headers_policy_id)
      .map(({ label, subject }) => ({ subject, message: `${label} has no response_headers_policy_id` })),
  fix: "`CdnDistribution` puts its `SecurityHeadersPolicy` on every behavior; raw `CloudfrontDistribution`: `responseHeadersPolicyId` on every cache behavior (the managed SecurityHeadersPolicy 67f7725c-6f97-4210-82d7-5512b31e9d03, or one with HSTS)",
});
