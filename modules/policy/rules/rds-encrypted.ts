import { ALWAYS, defineRule } from "../types";

/** RDS storage is encrypted at rest. */
export const rdsEncrypted = defineRule({
  id: "RDS-ENCRYPTED",
  cites: ["FSBP RDS.3", "CKV_AWS_16", "AVD-AWS-0080"],
  description:
    "RDS instances encrypt storage, snapshots and backups at rest; encryption cannot be turned on later without a restore. `PostgresDatabase` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  dataProtection: true,
  resourceTypes: ["aws_db_instance"],
  check: (r) =>
    r.config.storage_encrypted === true ? undefined : "storage_encrypted is not true: data, backups and snapshots are stored unencrypted",
  fix: "`PostgresDatabase` always encrypts (prop `kmsKeyArn` for a customer managed key); raw `DbInstance`: `storageEncrypted: true`",
});
