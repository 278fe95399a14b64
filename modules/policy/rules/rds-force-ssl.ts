import { blocks } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** The parameter that refuses unencrypted connections, per engine family. */
function tlsParameter(engine: string): { name: string; on: string[] } {
  return /mysql|mariadb/.test(engine)
    ? { name: "require_secure_transport", on: ["1", "ON", "on", "true"] }
    : { name: "rds.force_ssl", on: ["1", "true"] };
}

/** RDS refuses connections without TLS (parameter group attached to the instance). */
export const rdsForceSsl = defineRule({
  id: "RDS-FORCE-SSL",
  cites: ["CKV2_AWS_69"],
  description:
    "RDS instances use a parameter group of this stack that sets rds.force_ssl=1 (PostgreSQL) or require_secure_transport=1 (MySQL), so clients cannot connect in clear text. `PostgresDatabase` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_db_instance"],
  check: (r, { stack }) => {
    const param = tlsParameter(String(r.config.engine ?? "postgres"));
    const groups = stack.resolveAll(r.config.parameter_group_name).filter((g) => g.type === "aws_db_parameter_group");
    const literal = stack
      .resources("aws_db_parameter_group")
      .filter((g) => typeof r.config.parameter_group_name === "string" && g.config.name === r.config.parameter_group_name);
    const group = groups[0] ?? literal[0];
    if (!group) {
      return r.config.parameter_group_name === undefined
        ? `no parameter group attached (parameter_group_name unset), so ${param.name} is not enforced`
        : `parameter group ${r.config.parameter_group_name} is not defined in this stack; cannot prove ${param.name}=1`;
    }
    const setting = blocks(group.config.parameter).find((p: any) => p.name === param.name);
    return setting && param.on.includes(String(setting.value)) ? undefined : `parameter group ${group.path} does not set ${param.name}=1`;
  },
  fix: "`PostgresDatabase` always sets rds.force_ssl = 1 in its parameter group; raw `DbInstance`: a `DbParameterGroup` with rds.force_ssl = 1 (require_secure_transport = 1 for MySQL) as `parameterGroupName`",
});
