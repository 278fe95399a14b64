import { PRODUCTION_ERROR, defineRule } from "../types";

/** RDS runs a standby in a second AZ in prod. */
export const rdsMultiAz = defineRule({
  id: "RDS-MULTI-AZ",
  cites: ["FSBP RDS.5", "CKV_AWS_157"],
  description: "RDS instances are Multi-AZ in prod: a synchronous standby takes over on AZ or host failure.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_db_instance"],
  check: (r) => (r.config.multi_az === true ? undefined : "multi_az is not true: an AZ outage or host failure stops the database"),
  fix: "set `PostgresDatabase` prop `multiAz` to true (the default with `isProduction`); raw `DbInstance`: `multiAz: true`",
});
