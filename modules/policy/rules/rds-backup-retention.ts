import { isUnknown } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** Minimum automated backup retention, days. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

/** RDS keeps automated backups at least 7 days. */
export const rdsBackupRetention = defineRule({
  id: "RDS-BACKUP-RETENTION",
  cites: ["FSBP RDS.11", "CKV_AWS_133"],
  description: `RDS automated backups (point-in-time recovery) are kept at least ${MIN_BACKUP_RETENTION_DAYS} days.`,
  severity: ALWAYS,
  dataProtection: true,
  resourceTypes: ["aws_db_instance"],
  check: (r) => {
    const days = r.config.backup_retention_period;
    if (isUnknown(days)) return undefined;
    if (r.config.replicate_source_db !== undefined) return undefined; // read replicas have no backups of their own
    return typeof days === "number" && days >= MIN_BACKUP_RETENTION_DAYS
      ? undefined
      : `backup_retention_period is ${days ?? "unset (1 day)"}, below ${MIN_BACKUP_RETENTION_DAYS} days`;
  },
  fix: "set `PostgresDatabase` prop `backupRetentionDays` to 7 or more (35 at most); raw `DbInstance`: `backupRetentionPeriod`",
});
