import { PRODUCTION_ERROR, defineRule } from "../types";

/** Web ACLs log their decisions. */
export const wafLogging = defineRule({
  id: "WAF-LOGGING",
  cites: ["FSBP WAF.11", "CKV2_AWS_31"],
  description: "Every WAFv2 web ACL has a logging configuration (CloudWatch Logs group named aws-waf-logs-*, S3 or Firehose).",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_wafv2_web_acl"],
  check: (acl, { stack }) =>
    stack.pointingAt(acl, ["aws_wafv2_web_acl_logging_configuration"], "resource_arn").length > 0
      ? undefined
      : "web ACL has no aws_wafv2_web_acl_logging_configuration",
  fix: "keep `CloudFrontWebAcl` prop `logging` (`CdnDistribution` prop `webAclLogging`) true, the default; raw `Wafv2WebAcl`: a `Wafv2WebAclLoggingConfiguration` to a log group named aws-waf-logs-... (redact Authorization/Cookie)",
});
