import { isUnknown } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** Log types each engine must export to CloudWatch Logs. */
const REQUIRED_EXPORTS: Record<string, string[]> = {
  postgres: ["postgresql"],
  mysql: ["error", "slowquery"],
  mariadb: ["error", "slowquery"],
};

/** RDS exports its logs to CloudWatch Logs. */
export const rdsLogExports = defineRule({
  id: "RDS-LOG-EXPORTS",
  cites: ["FSBP RDS.9", "CKV_AWS_129"],
  description:
    "RDS database logs are exported to CloudWatch Logs, where they are retained and searchable after the instance is gone. `PostgresDatabase` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_db_instance"],
  check: (r) => {
    if (isUnknown(r.config.enabled_cloudwatch_logs_exports)) return undefined; // a list known only at apply
    const exported: string[] = Array.isArray(r.config.enabled_cloudwatch_logs_exports) ? r.config.enabled_cloudwatch_logs_exports : [];
    const engine = String(r.config.engine ?? "");
    const required = REQUIRED_EXPORTS[engine] ?? [];
    if (exported.length === 0)
      return `enabled_cloudwatch_logs_exports is empty${required.length ? ` (${engine} needs ${required.join(", ")})` : ""}`;
    const missing = required.filter((t) => !exported.includes(t));
    return missing.length > 0 ? `enabled_cloudwatch_logs_exports lacks ${missing.join(", ")} for ${engine}` : undefined;
  },
  fix: '`PostgresDatabase` always exports postgresql and upgrade logs (prop `logRetentionDays`); raw `DbInstance`: `enabledCloudwatchLogsExports`, e.g. ["postgresql", "upgrade"]',
});
