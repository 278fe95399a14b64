import { LOAD_BALANCER_TYPES, ingressOf, isInternetFacingAlb, isWorldOpen } from "../network";
import { PRODUCTION_ERROR, defineRule } from "../types";

/** An internet-facing ALB is behind a WAF web ACL, or reachable only through the CDN. */
export const albWaf = defineRule({
  id: "ALB-WAF",
  cites: ["FSBP ELB.16", "CKV2_AWS_28"],
  description:
    "An internet-facing application load balancer has a WAFv2 web ACL association, unless its security groups admit no internet CIDR (it is then reachable only through CloudFront, whose web ACL applies).",
  severity: PRODUCTION_ERROR,
  resourceTypes: [...LOAD_BALANCER_TYPES],
  check: (lb, { stack }) => {
    if (!isInternetFacingAlb(lb)) return undefined;
    if (stack.pointingAt(lb, ["aws_wafv2_web_acl_association"], "resource_arn").length > 0) return undefined;
    const groups = stack.resolveAll(lb.config.security_groups).filter((g) => g.type === "aws_security_group");
    const open = groups.length === 0 || groups.some((g) => ingressOf(g, stack).some(isWorldOpen));
    return open ? "internet-facing load balancer has no WAFv2 web ACL association and admits traffic from the whole internet" : undefined;
  },
  fix: 'set `WebService` prop `ingress` to "cloudfront" (only CloudFront reaches the load balancer) behind a `CdnDistribution` with prop `webAcl` or `webAclArn`; raw: a `Wafv2WebAclAssociation` (resourceArn: the load balancer) with a REGIONAL web ACL',
});
