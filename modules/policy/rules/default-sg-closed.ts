import { blocks } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** The VPC's default security group allows nothing. */
export const defaultSgClosed = defineRule({
  id: "DEFAULT-SG-CLOSED",
  cites: ["FSBP EC2.2", "CKV2_AWS_12", "AVD-AWS-0173"],
  description:
    "Every VPC's default security group is adopted with an aws_default_security_group that has no ingress and no egress rules, so anything launched without a group is isolated. `Network` always does; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_vpc", "aws_default_security_group"],
  check: (r, { stack }) => {
    if (r.type === "aws_default_security_group") {
      const rules = [...blocks(r.config.ingress), ...blocks(r.config.egress)];
      return rules.length > 0 ? `default security group has ${rules.length} rule(s)` : undefined;
    }
    return stack.pointingAt(r, ["aws_default_security_group"], "vpc_id").length > 0
      ? undefined
      : "VPC has no aws_default_security_group: its default group still allows all traffic between members and all egress";
  },
  fix: "`Network` always adopts the VPC's default security group without rules; raw `Vpc`: add a `DefaultSecurityGroup { vpcId }` with no ingress and no egress",
});
