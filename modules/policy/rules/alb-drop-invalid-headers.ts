import { LOAD_BALANCER_TYPES, isApplicationLoadBalancer } from "../network";
import { ALWAYS, defineRule } from "../types";

/** ALBs drop headers that are not valid HTTP (request smuggling). */
export const albDropInvalidHeaders = defineRule({
  id: "ALB-DROP-INVALID-HEADERS",
  cites: ["FSBP ELB.4", "CKV_AWS_131", "AVD-AWS-0052"],
  description:
    "Application load balancers drop invalid HTTP header fields instead of forwarding them to targets (HTTP desync / smuggling). `WebService` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: [...LOAD_BALANCER_TYPES],
  check: (lb) =>
    !isApplicationLoadBalancer(lb) || lb.config.drop_invalid_header_fields === true ? undefined : "drop_invalid_header_fields is not true",
  fix: "`WebService` always drops them; raw `Lb`: `dropInvalidHeaderFields: true`",
});
