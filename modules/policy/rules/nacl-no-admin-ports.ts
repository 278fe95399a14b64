import { blocks } from "../stack-index";
import { PRODUCTION_ERROR, ResourceBlock, defineRule } from "../types";

/** Remote administration ports Security Hub checks on network ACLs. */
export const ADMIN_PORTS = [22, 3389] as const;

const WORLD = ["0.0.0.0/0", "::/0"];

interface NaclEntry {
  readonly ruleNo: number;
  readonly allow: boolean;
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly cidrs: string[];
}

function entries(acl: ResourceBlock): NaclEntry[] {
  return blocks(acl.config.ingress)
    .map((e: any) => ({
      ruleNo: Number(e.rule_no),
      allow: String(e.action).toLowerCase() === "allow",
      protocol: String(e.protocol ?? "-1").toLowerCase(),
      from: Number(e.from_port ?? 0),
      to: Number(e.to_port ?? 0),
      cidrs: [e.cidr_block, e.ipv6_cidr_block].filter((c) => typeof c === "string"),
    }))
    .sort((a, b) => a.ruleNo - b.ruleNo);
}

/** True when the first entry matching TCP `port` from `cidr` allows it (NACLs evaluate in rule_no order; no match denies). */
function admits(list: NaclEntry[], port: number, cidr: string): boolean {
  const all = (p: string) => p === "-1" || p === "all";
  const first = list.find(
    (e) => e.cidrs.includes(cidr) && (all(e.protocol) || ((e.protocol === "tcp" || e.protocol === "6") && e.from <= port && port <= e.to)),
  );
  return first?.allow ?? false;
}

/** Network ACLs (the default one included) do not admit SSH/RDP from the internet. */
export const naclNoAdminPorts = defineRule({
  id: "NACL-NO-ADMIN-PORTS",
  cites: ["FSBP EC2.21", "CKV_AWS_229", "CKV_AWS_231", "CKV_AWS_232", "CKV_AWS_352"],
  description:
    "Every VPC adopts its default network ACL (aws_default_network_acl), and no network ACL admits TCP 22 or 3389 from 0.0.0.0/0 or ::/0. AWS's unmanaged default ACL allows all inbound traffic, which Security Hub EC2.21 reports. `Network` always does (its public subnets' ACL suppresses 3389 with the reason); the rule guards raw resources and overrides.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_vpc", "aws_default_network_acl", "aws_network_acl"],
  check: (r, { stack }) => {
    if (r.type === "aws_vpc") {
      const adopted = stack
        .resources("aws_default_network_acl")
        .some((acl) => stack.resolveAll(acl.config.default_network_acl_id).some((b) => b.address === r.address));
      return adopted
        ? undefined
        : "the VPC's default network ACL is not managed (aws_default_network_acl): it allows all inbound traffic, SSH and RDP included";
    }
    const list = entries(r);
    return ADMIN_PORTS.flatMap((port) =>
      WORLD.filter((cidr) => admits(list, port, cidr)).map((cidr) => ({
        subject: `tcp/${port}`,
        message: `ingress admits TCP ${port} from ${cidr}`,
      })),
    );
  },
  fix: "`Network` always adopts the default network ACL (`Network.defaultNetworkAcl`: deny TCP 22 and 3389 from the internet, then allow all); raw `Vpc`: a `DefaultNetworkAcl` (defaultNetworkAclId: vpc.defaultNetworkAclId) doing the same",
});
