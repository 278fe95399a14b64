import { StackIndex, blocks } from "./stack-index";
import { ResourceBlock } from "./types";

/** One ingress permission, from an inline block or a standalone rule resource. */
export interface IngressPermission {
  /** IPv4 and IPv6 CIDRs (source security groups and prefix lists are not listed). */
  readonly cidrs: readonly string[];
  readonly fromPort?: number;
  readonly toPort?: number;
  /** `tcp`, `udp`, `icmp`, or `-1` for all. */
  readonly protocol: string;
  readonly description?: string;
}

/** Security group rule resource types, standalone (not inline in `aws_security_group`). */
export const SECURITY_GROUP_RULE_TYPES = [
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
] as const;

/** Load balancer resource types (`aws_alb` is the legacy alias). */
export const LOAD_BALANCER_TYPES = ["aws_lb", "aws_alb"] as const;

/** Listener resource types. */
export const LISTENER_TYPES = ["aws_lb_listener", "aws_alb_listener"] as const;

const num = (v: unknown): number | undefined =>
  typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined;
const strings = (...vs: unknown[]): string[] =>
  vs.flatMap((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])).map(String);

/** Ingress blocks written inline in an `aws_security_group` (or `aws_default_security_group`). */
export function inlineIngress(group: ResourceBlock): IngressPermission[] {
  return blocks(group.config.ingress).map((i: any) => ({
    cidrs: strings(i.cidr_blocks, i.ipv6_cidr_blocks),
    fromPort: num(i.from_port),
    toPort: num(i.to_port),
    protocol: String(i.protocol ?? "-1"),
    description: i.description,
  }));
}

/** The ingress permission of a standalone rule resource (undefined for egress rules). */
export function standaloneIngress(rule: ResourceBlock): IngressPermission | undefined {
  const c = rule.config;
  if (rule.type === "aws_security_group_rule") {
    if (c.type !== "ingress") return undefined;
    return {
      cidrs: strings(c.cidr_blocks, c.ipv6_cidr_blocks),
      fromPort: num(c.from_port),
      toPort: num(c.to_port),
      protocol: String(c.protocol ?? "-1"),
      description: c.description,
    };
  }
  if (rule.type === "aws_vpc_security_group_ingress_rule") {
    return {
      cidrs: strings(c.cidr_ipv4, c.cidr_ipv6),
      fromPort: num(c.from_port),
      toPort: num(c.to_port),
      protocol: String(c.ip_protocol ?? "-1"),
      description: c.description,
    };
  }
  return undefined;
}

/** The security group a standalone rule belongs to, when it is in this stack. */
export function securityGroupOf(rule: ResourceBlock, stack: StackIndex): ResourceBlock | undefined {
  return stack
    .resolveAll(rule.config.security_group_id)
    .find((b) => b.type === "aws_security_group" || b.type === "aws_default_security_group");
}

/** Every ingress permission of a group: inline ones and standalone rules pointing at it. */
export function ingressOf(group: ResourceBlock, stack: StackIndex): IngressPermission[] {
  const standalone = stack
    .pointingAt(group, ["aws_security_group_rule", "aws_vpc_security_group_ingress_rule"], "security_group_id")
    .map(standaloneIngress)
    .filter((p): p is IngressPermission => p !== undefined);
  return [...inlineIngress(group), ...standalone];
}

/** True when a permission admits the whole internet (0.0.0.0/0 or ::/0). */
export function isWorldOpen(permission: IngressPermission): boolean {
  return permission.cidrs.some((c) => c === "0.0.0.0/0" || c === "::/0");
}

/** True when the permission covers exactly one port among `ports` (TCP). */
export function isOnlyPorts(permission: IngressPermission, ports: readonly number[]): boolean {
  return (
    (permission.protocol === "tcp" || permission.protocol === "6") &&
    permission.fromPort !== undefined &&
    permission.fromPort === permission.toPort &&
    ports.includes(permission.fromPort)
  );
}

/** True for an application load balancer (the default type) that is internet-facing. */
export function isInternetFacingAlb(lb: ResourceBlock): boolean {
  const kind = lb.config.load_balancer_type ?? "application";
  return kind === "application" && lb.config.internal !== true;
}

/** True for application load balancers (the default `load_balancer_type`). */
export function isApplicationLoadBalancer(lb: ResourceBlock): boolean {
  return (lb.config.load_balancer_type ?? "application") === "application";
}

/** Internet-facing load balancers this group is attached to. */
export function publicLoadBalancersOf(group: ResourceBlock, stack: StackIndex): ResourceBlock[] {
  return stack
    .resources(...LOAD_BALANCER_TYPES)
    .filter((lb) => lb.config.internal !== true && stack.pointsAt(lb.config.security_groups, group));
}

/** The load balancer a listener belongs to, when it is in this stack. */
export function loadBalancerOf(listener: ResourceBlock, stack: StackIndex): ResourceBlock | undefined {
  return stack.resolveAll(listener.config.load_balancer_arn).find((b) => (LOAD_BALANCER_TYPES as readonly string[]).includes(b.type));
}
