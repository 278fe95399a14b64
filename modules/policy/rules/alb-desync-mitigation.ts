import { LOAD_BALANCER_TYPES, isApplicationLoadBalancer } from "../network";
import { PRODUCTION_ERROR, defineRule } from "../types";

/** ALBs mitigate HTTP desync in defensive or strictest mode. */
export const albDesyncMitigation = defineRule({
  id: "ALB-DESYNC-MITIGATION",
  cites: ["FSBP ELB.12", "CKV_AWS_328"],
  description:
    "Application load balancers use desync mitigation mode defensive (the default) or strictest, never monitor. `WebService` never changes it; the rule guards raw resources and overrides.",
  severity: PRODUCTION_ERROR,
  resourceTypes: [...LOAD_BALANCER_TYPES],
  check: (lb) => {
    const mode = lb.config.desync_mitigation_mode;
    return !isApplicationLoadBalancer(lb) || mode === undefined || mode === "defensive" || mode === "strictest"
      ? undefined
      : `desync_mitigation_mode is ${mode}`;
  },
  fix: '`WebService` leaves the default (defensive); raw `Lb`: leave `desyncMitigationMode` unset or set it to "defensive" or "strictest"',
});
