import { blocks } from "../stack-index";
import { SECURITY_GROUP_RULE_TYPES } from "../network";
import { ALWAYS, defineRule } from "../types";

const missing = (d: unknown): boolean => typeof d !== "string" || d.trim() === "" || d === "Managed by Terraform";

/** Security groups and their rules say what they are for. */
export const sgDescription = defineRule({
  id: "SG-DESCRIPTION",
  cites: ["CKV_AWS_23", "AVD-AWS-0099", "AVD-AWS-0124"],
  description:
    "Security groups and every rule (inline or standalone) have a description saying who may connect and why, so reviews and audits can tell intended access from drift. The library's groups and rules always have one; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_security_group", ...SECURITY_GROUP_RULE_TYPES],
  check: (r) => {
    if (r.type !== "aws_security_group") return missing(r.config.description) ? "rule has no description" : undefined;
    const problems: { subject: string; message: string }[] = [];
    if (missing(r.config.description))
      problems.push({
        subject: "group",
        message: `group description is ${JSON.stringify(r.config.description ?? "Managed by Terraform")}`,
      });
    for (const kind of ["ingress", "egress"] as const) {
      blocks(r.config[kind]).forEach((rule: any, i: number) => {
        if (missing(rule.description))
          problems.push({
            subject: `${kind}#${i + 1}`,
            message: `inline ${kind} rule #${i + 1} (ports ${rule.from_port}-${rule.to_port}) has no description`,
          });
      });
    }
    return problems;
  },
  fix: 'the library\'s groups and rules are always described; raw `SecurityGroup` and rules: a `description` on the group and on every rule, e.g. "HTTPS from the internet to the load balancer"',
});
