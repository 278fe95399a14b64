import { block } from "../stack-index";
import { LOAD_BALANCER_TYPES } from "../network";
import { PRODUCTION_ERROR, defineRule } from "../types";

/** Load balancers write access logs to S3. */
export const albAccessLogs = defineRule({
  id: "ALB-ACCESS-LOGS",
  cites: ["FSBP ELB.5", "CKV_AWS_91"],
  description: "Load balancers write access logs to an S3 bucket, the record of every request for incident response.",
  severity: PRODUCTION_ERROR,
  resourceTypes: [...LOAD_BALANCER_TYPES],
  check: (lb) => {
    const logs = block(lb.config.access_logs);
    return logs?.enabled === true && logs.bucket ? undefined : "access_logs is not enabled with a bucket";
  },
  fix: "set `WebService` prop `accessLogsBucket` (e.g. a `LoadBalancerLogsBucket`, whose policy lets ELB log delivery write); raw `Lb`: `accessLogs: { enabled: true, bucket }`",
});
