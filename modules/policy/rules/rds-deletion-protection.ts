import { PRODUCTION_ERROR, defineRule } from "../types";

/** RDS refuses deletion in prod. */
export const rdsDeletionProtection = defineRule({
  id: "RDS-DELETION-PROTECTION",
  cites: ["FSBP RDS.8", "CKV_AWS_293", "AVD-AWS-0177"],
  description: "RDS instances have deletion protection, so a destroy or replacement cannot drop the database.",
  severity: PRODUCTION_ERROR,
  dataProtection: true,
  resourceTypes: ["aws_db_instance"],
  check: (r) =>
    r.config.deletion_protection === true
      ? undefined
      : "deletion_protection is not true: terraform destroy or a replacement deletes the database",
  fix: "keep `PostgresDatabase` prop `deletionProtection` true (the default); raw `DbInstance`: `deletionProtection: true`",
});
