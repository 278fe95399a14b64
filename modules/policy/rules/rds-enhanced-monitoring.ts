import { isUnknown } from "../stack-index";
import { PRODUCTION_ERROR, defineRule } from "../types";

/** RDS enhanced monitoring (OS metrics). */
export const rdsEnhancedMonitoring = defineRule({
  id: "RDS-ENHANCED-MONITORING",
  cites: ["FSBP RDS.6", "CKV_AWS_118"],
  description: "RDS instances collect enhanced monitoring (OS-level metrics every 60 s or less) through a monitoring role.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_db_instance"],
  check: (r) => {
    const interval = r.config.monitoring_interval;
    const known = typeof interval === "number" || !isUnknown(interval);
    if (known && (typeof interval !== "number" || interval <= 0))
      return `monitoring_interval is ${interval ?? "unset"}: enhanced monitoring is off`;
    return r.config.monitoring_role_arn ? undefined : "monitoring_interval is set but monitoring_role_arn is missing";
  },
  fix: "set `PostgresDatabase` prop `enhancedMonitoringIntervalSeconds` (1, 5, 10, 15, 30 or 60; it creates the monitoring role); raw `DbInstance`: `monitoringInterval` with `monitoringRoleArn`",
});
