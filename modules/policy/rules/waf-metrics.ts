import { blocks, block } from "../stack-index";
import { PRODUCTION_ERROR, defineRule } from "../types";

/** Web ACLs and each of their rules publish CloudWatch metrics. */
export const wafMetrics = defineRule({
  id: "WAF-METRICS",
  cites: ["FSBP WAF.12"],
  description:
    "WAFv2 web ACLs and every rule in them have visibility_config.cloudwatch_metrics_enabled, so blocked and counted requests can be graphed and alarmed on. `CloudFrontWebAcl` always sets them; the rule guards raw resources and overrides.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_wafv2_web_acl", "aws_wafv2_rule_group"],
  check: (acl) => {
    const problems: { subject: string; message: string }[] = [];
    if (block(acl.config.visibility_config)?.cloudwatch_metrics_enabled !== true)
      problems.push({ subject: "visibility_config", message: "visibility_config.cloudwatch_metrics_enabled is not true" });
    blocks(acl.config.rule).forEach((r: any, i: number) => {
      if (block(r.visibility_config)?.cloudwatch_metrics_enabled !== true)
        problems.push({
          subject: `rule ${r.name ?? `#${i + 1}`}`,
          message: `rule ${r.name ?? `#${i + 1}`} has cloudwatch_metrics_enabled not true`,
        });
    });
    return problems;
  },
  fix: "`CloudFrontWebAcl` always enables them; raw `Wafv2WebAcl`: `visibilityConfig { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true }` on the web ACL and on each rule",
});
