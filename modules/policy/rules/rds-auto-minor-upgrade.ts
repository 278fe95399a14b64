import { PRODUCTION_ERROR, defineRule } from "../types";

/** RDS applies minor engine upgrades (security patches) in the maintenance window. */
export const rdsAutoMinorUpgrade = defineRule({
  id: "RDS-AUTO-MINOR-UPGRADE",
  cites: ["FSBP RDS.13", "CKV_AWS_226"],
  description:
    "RDS instances apply minor engine versions (security fixes) automatically in the maintenance window. `PostgresDatabase` always sets it; the rule guards raw resources and overrides.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_db_instance"],
  check: (r) =>
    r.config.auto_minor_version_upgrade === false ? "auto_minor_version_upgrade is false: security patches are never applied" : undefined,
  fix: "`PostgresDatabase` always applies minor versions (prop `engineVersion` pins the major); raw `DbInstance`: leave `autoMinorVersionUpgrade` unset or true",
});
