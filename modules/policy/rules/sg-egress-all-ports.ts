import { blocks } from "../stack-index";
import { ResourceBlock } from "../types";
import { ALWAYS, defineRule } from "../types";

const WORLD = ["0.0.0.0/0", "::/0"];
const list = (...vs: unknown[]): string[] =>
  vs.flatMap((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])).map(String);

/** Egress permissions of a group (inline) or of a standalone egress rule: protocol and CIDRs. */
function egressOf(r: ResourceBlock): { protocol: string; cidrs: string[] }[] {
  const c = r.config;
  switch (r.type) {
    case "aws_security_group":
      return blocks(c.egress).map((e: any) => ({ protocol: String(e.protocol ?? "-1"), cidrs: list(e.cidr_blocks, e.ipv6_cidr_blocks) }));
    case "aws_security_group_rule":
      return c.type === "egress" ? [{ protocol: String(c.protocol ?? "-1"), cidrs: list(c.cidr_blocks, c.ipv6_cidr_blocks) }] : [];
    case "aws_vpc_security_group_egress_rule":
      return [{ protocol: String(c.ip_protocol ?? "-1"), cidrs: list(c.cidr_ipv4, c.cidr_ipv6) }];
    default:
      return [];
  }
}

/** No group lets everything out to the whole internet. */
export const sgEgressAllPorts = defineRule({
  id: "SG-EGRESS-ALL-PORTS",
  cites: ["CKV_AWS_382"],
  description:
    "No security group rule allows egress on all protocols and ports (-1) to 0.0.0.0/0 or ::/0: outbound access names its protocol and ports (e.g. TCP 443), which limits exfiltration and command-and-control channels.",
  severity: ALWAYS,
  resourceTypes: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_egress_rule"],
  check: (r) =>
    egressOf(r)
      .filter((e) => (e.protocol === "-1" || e.protocol === "all") && e.cidrs.some((c) => WORLD.includes(c)))
      .map(() => "egress on all protocols and ports to the whole internet"),
  fix: "keep `AppRunnerService` prop `allowAllOutbound` false (the default: HTTPS only); raw groups and rules: the protocols and ports the workload needs (TCP 443 to the internet, the database port to its group)",
});
