import { ALWAYS, defineRule } from "../types";

/** Log groups expire their events. */
export const logRetention = defineRule({
  id: "LOG-RETENTION",
  cites: ["FSBP CloudWatch.16", "CKV_AWS_66"],
  description: "CloudWatch log groups set retention_in_days (never-expiring logs grow cost forever and keep personal data indefinitely).",
  severity: ALWAYS,
  resourceTypes: ["aws_cloudwatch_log_group"],
  check: (g) => {
    const days = g.config.retention_in_days;
    return typeof days === "number" && days > 0 ? undefined : typeof days === "string" && days.includes("${") ? undefined : "retention_in_days is unset (logs never expire)";
  },
  fix: "set retentionInDays (e.g. 30 in dev, 365 in prod)",
});
