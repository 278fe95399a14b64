import { ALWAYS, defineRule } from "../types";

/** RDS is not reachable from the internet. */
export const rdsNotPublic = defineRule({
  id: "RDS-NOT-PUBLIC",
  cites: ["FSBP RDS.2", "CKV_AWS_17"],
  description:
    "RDS instances are not publicly accessible: no public IP, reachable only inside the VPC. `PostgresDatabase` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  dataProtection: true,
  resourceTypes: ["aws_db_instance"],
  check: (r) => (r.config.publicly_accessible === true ? "publicly_accessible is true: the instance gets a public address" : undefined),
  fix: "`PostgresDatabase` is never public (private subnets of its `network`); raw `DbInstance`: `publiclyAccessible: false` in private subnets",
});
