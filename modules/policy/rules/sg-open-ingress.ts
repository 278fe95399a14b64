import {
  IngressPermission,
  inlineIngress,
  isOnlyPorts,
  isWorldOpen,
  publicLoadBalancersOf,
  securityGroupOf,
  standaloneIngress,
} from "../network";
import { ALWAYS, ResourceBlock, defineRule } from "../types";

/** Ports the internet may reach, and only on an internet-facing load balancer's group. */
export const PUBLIC_WEB_PORTS = [80, 443];

function describe(p: IngressPermission): string {
  const ports = p.protocol === "-1" ? "all ports" : p.fromPort === p.toPort ? `port ${p.fromPort}` : `ports ${p.fromPort}-${p.toPort}`;
  return `${p.protocol === "-1" ? "all traffic" : p.protocol} ${ports} from ${p.cidrs.filter((c) => c === "0.0.0.0/0" || c === "::/0").join(", ")}`;
}

/** No security group admits the internet, except 80/443 on an internet-facing load balancer. */
export const sgOpenIngress = defineRule({
  id: "SG-OPEN-INGRESS",
  cites: ["FSBP EC2.18", "FSBP EC2.19", "CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277", "AVD-AWS-0107"],
  description:
    "No security group rule admits 0.0.0.0/0 or ::/0, except TCP 80 and 443 on a group attached to an internet-facing load balancer.",
  severity: ALWAYS,
  resourceTypes: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
  check: (r, { stack }) => {
    let group: ResourceBlock | undefined;
    let permissions: IngressPermission[];
    if (r.type === "aws_security_group") {
      group = r;
      permissions = inlineIngress(r);
    } else {
      group = securityGroupOf(r, stack);
      const p = standaloneIngress(r);
      permissions = p ? [p] : [];
    }
    const open = permissions.filter(isWorldOpen);
    if (open.length === 0) return undefined;
    const publicLb = group !== undefined && publicLoadBalancersOf(group, stack).length > 0;
    return open
      .filter((p) => !(publicLb && isOnlyPorts(p, PUBLIC_WEB_PORTS)))
      .map((p) => ({
        subject: p.protocol === "-1" ? "all" : `${p.protocol}/${p.fromPort === p.toPort ? p.fromPort : `${p.fromPort}-${p.toPort}`}`,
        message: `ingress ${describe(p)}${publicLb ? "" : " on a group not attached to an internet-facing load balancer"}`,
      }));
  },
  fix: 'set `WebService` prop `ingress` to "cloudfront" where CloudFront fronts the app (only 80/443 on an internet-facing load balancer may be world-open); raw rules: admit other security groups (referencedSecurityGroupId) or the CloudFront origin-facing prefix list',
});
