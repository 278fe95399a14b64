import { ALWAYS, defineRule } from "../types";

/** Certificate authorities RDS still issues server certificates from. */
export const MODERN_RDS_CAS = ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"] as const;

/** RDS instances use a current certificate authority. */
export const rdsCaCert = defineRule({
  id: "RDS-CA-CERT",
  cites: ["CKV_AWS_211"],
  description: `RDS instances use a current certificate authority (${MODERN_RDS_CAS.join(", ")}; unset means the region's default, rds-ca-rsa2048-g1), so clients verifying the server certificate keep working and are not pinned to an expired CA. \`PostgresDatabase\` refuses older CAs; the rule guards raw resources and overrides.`,
  severity: ALWAYS,
  resourceTypes: ["aws_db_instance"],
  check: (db) => {
    const ca = db.config.ca_cert_identifier;
    return ca === undefined || (MODERN_RDS_CAS as readonly string[]).includes(ca) ? undefined : `ca_cert_identifier is ${ca}`;
  },
  fix: "`PostgresDatabase` prop `caCertIdentifier` accepts only current CAs (rds-ca-rsa2048-g1 by default); raw `DbInstance`: `caCertIdentifier` rds-ca-rsa2048-g1, rds-ca-rsa4096-g1 or rds-ca-ecc384-g1",
});
