import { block } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** HTTP(S) target groups health-check a real path. */
export const albTargetHealthCheck = defineRule({
  id: "ALB-TARGET-HEALTH-CHECK",
  cites: ["CKV_AWS_261"],
  description:
    "HTTP and HTTPS target groups define an enabled health check with a path, so the load balancer stops routing to a task that is up but not serving. `WebService` always defines one; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_lb_target_group", "aws_alb_target_group"],
  check: (tg) => {
    const protocol = String(tg.config.protocol ?? "HTTP").toUpperCase();
    if (tg.config.target_type === "lambda" || !["HTTP", "HTTPS"].includes(protocol)) return undefined;
    const hc = block(tg.config.health_check);
    if (!hc) return "health_check is not defined";
    if (hc.enabled === false) return "health_check is disabled";
    return hc.path ? undefined : "health_check has no path";
  },
  fix: "set `WebService` prop `healthCheck` (`path` defaults to /api/health; routes take their own `healthCheck`); raw `LbTargetGroup`: `healthCheck: { enabled: true, path }`",
});
