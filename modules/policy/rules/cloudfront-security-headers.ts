import { block, blocks } from "../stack-index";
import { PROD_ERROR, defineRule } from "../types";

/** Responses carry security headers (HSTS, nosniff, frame options...). */
export const cloudfrontSecurityHeaders = defineRule({
  id: "CLOUDFRONT-SECURITY-HEADERS",
  cites: ["CKV2_AWS_32"],
  description: "Every cache behavior of a CloudFront distribution has a response headers policy (HSTS, X-Content-Type-Options, X-Frame-Options, Referrer-Policy).",
  severity: PROD_ERROR,
  resourceTypes: ["aws_cloudfront_distribution"],
  check: (d) =>
    [block(d.config.default_cache_behavior), ...blocks(d.config.ordered_cache_behavior)]
      .filter((b: any) => b && !b.response_headers_policy_id)
      .map((b: any) => `${b.path_pattern ? `ordered_cache_behavior ${b.path_pattern}` : "default_cache_behavior"} has no response_headers_policy_id`),
  fix: 'set responseHeadersPolicyId (the managed "SecurityHeadersPolicy" 67f7725c-6f97-4210-82d7-5512b31e9d03, or a CloudfrontResponseHeadersPolicy with HSTS)',
});
