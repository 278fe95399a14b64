import { cacheBehaviors } from "../cloudfront";
import { ALWAYS, defineRule } from "../types";

/** Viewers reach every cache behavior over HTTPS only. */
export const cloudfrontHttps = defineRule({
  id: "CLOUDFRONT-HTTPS",
  cites: ["FSBP CloudFront.3", "CKV_AWS_34", "AVD-AWS-0012"],
  description:
    "Every cache behavior of a CloudFront distribution uses viewer protocol policy redirect-to-https or https-only. `CdnDistribution` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_cloudfront_distribution"],
  check: (d) =>
    cacheBehaviors(d)
      .filter(({ behavior }) => behavior.viewer_protocol_policy !== "redirect-to-https" && behavior.viewer_protocol_policy !== "https-only")
      .map(({ label, subject, behavior }) => ({
        subject,
        message: `${label} has viewer_protocol_policy ${behavior.viewer_protocol_policy ?? "unset"}`,
      })),
  fix: '`CdnDistribution` always redirects to HTTPS; raw `CloudfrontDistribution`: `viewerProtocolPolicy: "redirect-to-https"` on the default and every ordered cache behavior',
});
