import { ALWAYS, defineRule } from "../types";

/** Log groups expire their events. */
export const logRetention = defineRule({
  id: "LOG-RETENTION",
  cites: ["FSBP CloudWatch.16", "CKV_AWS_66"],
  description:
    "CloudWatch log groups set retention_in_days (never-expiring logs grow cost forever and keep personal data indefinitely). The library's log groups always set it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_cloudwatch_log_group"],
  check: (g) => {
    const days = g.config.retention_in_days;
    return typeof days === "number" && days > 0
      ? undefined
      : typeof days === "string" && days.includes("${")
        ? undefined
        : "retention_in_days is unset (logs never expire)";
  },
  fix: "the library's log groups always expire: `WebService`/`WorkerService`/`PostgresDatabase`/`DatabaseAdminTask`/`CloudFrontWebAcl` prop `logRetentionDays`, `CdnDistribution` prop `webAclLogRetentionDays`, `Network` prop `flowLogs.retentionDays`; raw `CloudwatchLogGroup`: `retentionInDays`",
});
