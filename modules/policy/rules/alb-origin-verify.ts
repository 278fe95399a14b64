import { LISTENER_TYPES, SECURITY_GROUP_RULE_TYPES, isInternetFacingAlb, loadBalancerOf, securityGroupOf } from "../network";
import { StackIndex, blocks } from "../stack-index";
import { PRODUCTION_ERROR, ResourceBlock, defineRule } from "../types";

/**
 * True when a security group admits a managed prefix list (CloudFront's origin-facing list, in this library), inline or by a rule resource.
 */
function admitsPrefixList(group: ResourceBlock, stack: StackIndex): boolean {
  if (blocks(group.config.ingress).some((i: any) => [i.prefix_list_ids].flat().filter(Boolean).length > 0)) return true;
  return stack
    .resources(...SECURITY_GROUP_RULE_TYPES)
    .filter((r) => securityGroupOf(r, stack) === group)
    .some((r) =>
      r.type === "aws_vpc_security_group_ingress_rule"
        ? r.config.prefix_list_id !== undefined
        : r.type === "aws_security_group_rule" &&
          r.config.type === "ingress" &&
          [r.config.prefix_list_ids].flat().filter(Boolean).length > 0,
    );
}

/**
 * An internet-facing load balancer that lets CloudFront in answers only requests with the
 * secret origin header. Source: CloudFront Developer Guide, "Restrict access to Application Load
 * Balancers" (custom header + listener rule); any distribution passes the prefix list.
 */
export const albOriginVerify = defineRule({
  id: "ALB-ORIGIN-VERIFY",
  cites: ["CloudFront Developer Guide: Restrict access to Application Load Balancers"],
  description:
    "A listener of an internet-facing application load balancer whose security groups admit a managed prefix list (CloudFront's origin-facing addresses) does not forward by default: only a rule matching a secret origin header does. Every CloudFront distribution, anyone's, passes the prefix list, and with it around this one's WAF. An internal load balancer behind a CloudFront VPC origin needs no header.",
  severity: PRODUCTION_ERROR,
  resourceTypes: [...LISTENER_TYPES],
  check: (listener, { stack }) => {
    const lb = loadBalancerOf(listener, stack);
    if (!lb || !isInternetFacingAlb(lb)) return undefined;
    const groups = stack.resolveAll(lb.config.security_groups).filter((g) => g.type === "aws_security_group");
    if (!groups.some((g) => admitsPrefixList(g, stack))) return undefined;
    const forwards = blocks(listener.config.default_action).some((a: any) => a.type === "forward");
    return forwards
      ? `listener on port ${listener.config.port ?? "?"} forwards every request although the load balancer admits CloudFront's origin-facing prefix list: any CloudFront distribution reaches the app around this one's WAF`
      : undefined;
  },
  fix: 'set `WebService` prop `originVerifyHeader` (the listener answers 403 without it; a `CdnDistribution` given appOrigin.loadBalancer: web.origin sends it), or `WebService` prop `scheme` "internal" behind a CloudFront VPC origin',
});
