import { PRODUCTION_ERROR, defineRule } from "../types";

/** RDS Performance Insights on, encrypted with a customer managed key. */
export const rdsPerformanceInsights = defineRule({
  id: "RDS-PERFORMANCE-INSIGHTS",
  cites: ["CKV_AWS_353", "CKV_AWS_354"],
  description: "RDS instances enable Performance Insights, encrypted with a customer managed KMS key (query text can hold personal data).",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_db_instance"],
  check: (r) => {
    if (r.config.performance_insights_enabled !== true) return "performance_insights_enabled is not true";
    return r.config.performance_insights_kms_key_id
      ? undefined
      : "performance_insights_kms_key_id is unset: Performance Insights uses the AWS managed key";
  },
  fix: "keep `PostgresDatabase` prop `performanceInsights` true (the default) and set its prop `kmsKeyArn` to a customer managed key; raw `DbInstance`: `performanceInsightsEnabled: true` with `performanceInsightsKmsKeyId`",
});
