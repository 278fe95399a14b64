import { block } from "../stack-index";
import { PRODUCTION_ERROR, defineRule } from "../types";

/** The CDN writes access logs (legacy S3 logging or CloudWatch log delivery v2). */
export const cloudfrontLogging = defineRule({
  id: "CLOUDFRONT-LOGGING",
  cites: ["FSBP CloudFront.5", "CKV_AWS_86"],
  description:
    "Every CloudFront distribution writes access logs: a logging_config bucket, or an aws_cloudwatch_log_delivery_source (ACCESS_LOGS) for the distribution.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_cloudfront_distribution"],
  check: (d, { stack }) => {
    if (block(d.config.logging_config)?.bucket) return undefined;
    const v2 = stack.pointingAt(d, ["aws_cloudwatch_log_delivery_source"], "resource_arn").some((s) => s.config.log_type === "ACCESS_LOGS");
    return v2 ? undefined : "no access logging: neither logging_config nor a CloudWatch log delivery source";
  },
  fix: "set `CdnDistribution` prop `accessLogs` to true (or add `CloudFrontAccessLogs`); raw: a `CloudwatchLogDeliverySource` (logType ACCESS_LOGS) with a delivery, or `loggingConfig { bucket }`",
});
