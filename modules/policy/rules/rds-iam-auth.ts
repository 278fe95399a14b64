import { ALWAYS, defineRule } from "../types";

/** RDS accepts IAM database authentication. */
export const rdsIamAuth = defineRule({
  id: "RDS-IAM-AUTH",
  cites: ["FSBP RDS.10", "CKV_AWS_161", "AVD-AWS-0176"],
  description:
    "RDS instances enable IAM database authentication, so workloads can connect with short-lived tokens instead of stored passwords. `PostgresDatabase` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_db_instance"],
  check: (r) => (r.config.iam_database_authentication_enabled === true ? undefined : "iam_database_authentication_enabled is not true"),
  fix: "`PostgresDatabase` always enables it; raw `DbInstance`: `iamDatabaseAuthenticationEnabled: true`",
});
