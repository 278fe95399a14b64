import { PRODUCTION_ERROR, defineRule } from "../types";

/** RDS snapshots carry the instance's tags. */
export const rdsCopyTagsToSnapshot = defineRule({
  id: "RDS-COPY-TAGS-TO-SNAPSHOT",
  cites: ["FSBP RDS.17", "CKV2_AWS_60"],
  description:
    "RDS instances copy their tags to snapshots, so snapshots stay attributable (owner, environment, cost) after the instance is gone. `PostgresDatabase` always sets it; the rule guards raw resources and overrides.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_db_instance"],
  check: (r) => (r.config.copy_tags_to_snapshot === true ? undefined : "copy_tags_to_snapshot is not true"),
  fix: "`PostgresDatabase` always copies tags; raw `DbInstance`: `copyTagsToSnapshot: true`",
});
