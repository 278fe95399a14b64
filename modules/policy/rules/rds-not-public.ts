import { ALWAYS, defineRule } from "../types";

/** RDS is not reachable from the internet. */
export const rdsNotPublic = defineRule({
  id: "RDS-NOT-PUBLIC",
  cites: ["FSBP RDS.2", "CKV_AWS_17"],
  description: "RDS instances are not publicly accessible: no public IP, reachable only inside the VPC.",
  severity: ALWAYS,
  dataProtection: true,
  resourceTypes: ["aws_db_instance"],
  check: (r) => (r.config.publicly_accessible === true ? "publicly_accessible is true: the instance gets a public address" : undefined),
  fix: "set publiclyAccessible: false and place the instance in private subnets",
});
