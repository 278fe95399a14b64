import { PRODUCTION_ONLY, defineRule } from "../types";

/** Minimum prod log retention, days. */
export const PROD_LOG_RETENTION_DAYS = 365;

/** Prod logs are kept at least a year. */
export const logRetentionOneYear = defineRule({
  id: "LOG-RETENTION-1Y",
  cites: ["FSBP CloudWatch.16", "CKV_AWS_338"],
  description: `In prod, CloudWatch log groups keep events at least ${PROD_LOG_RETENTION_DAYS} days (incident investigations often start months later).`,
  severity: PRODUCTION_ONLY,
  resourceTypes: ["aws_cloudwatch_log_group"],
  check: (g) => {
    const days = g.config.retention_in_days;
    if (typeof days !== "number" || days === 0) return undefined; // LOG-RETENTION reports unset retention
    return days >= PROD_LOG_RETENTION_DAYS ? undefined : `retention_in_days is ${days}, below ${PROD_LOG_RETENTION_DAYS}`;
  },
  fix: "set 365 or more: `WebService`/`WorkerService`/`PostgresDatabase`/`DatabaseAdminTask`/`CloudFrontWebAcl` prop `logRetentionDays`, `CdnDistribution` prop `webAclLogRetentionDays`, `Network` prop `flowLogs.retentionDays`; raw `CloudwatchLogGroup`: `retentionInDays`",
});
