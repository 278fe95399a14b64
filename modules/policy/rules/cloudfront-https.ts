import { block, blocks } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** Viewers reach every cache behavior over HTTPS only. */
export const cloudfrontHttps = defineRule({
  id: "CLOUDFRONT-HTTPS",
  cites: ["FSBP CloudFront.3", "CKV_AWS_34", "AVD-AWS-0012"],
  description: "Every cache behavior of a CloudFront distribution uses viewer protocol policy redirect-to-https or https-only.",
  severity: ALWAYS,
  resourceTypes: ["aws_cloudfront_distribution"],
  check: (d) => {
    const behaviors = [
      { where: "default_cache_behavior", b: block(d.config.default_cache_behavior) },
      ...blocks(d.config.ordered_cache_behavior).map((b: any) => ({ where: `ordered_cache_behavior ${b.path_pattern}`, b })),
    ];
    return behaviors
      .filter(({ b }) => b && b.viewer_protocol_policy !== "redirect-to-https" && b.viewer_protocol_policy !== "https-only")
      .map(({ where, b }) => `${where} has viewer_protocol_policy ${b.viewer_protocol_policy ?? "unset"}`);
  },
  fix: 'set viewerProtocolPolicy: "redirect-to-https" on the default and every ordered cache behavior',
});
