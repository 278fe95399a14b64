import { blocks, block } from "../stack-index";
import { LISTENER_TYPES, loadBalancerOf, isApplicationLoadBalancer } from "../network";
import { ALWAYS, defineRule } from "../types";

/** Plain-HTTP listeners only redirect to HTTPS. */
export const albHttpsRedirect = defineRule({
  id: "ALB-HTTPS-REDIRECT",
  cites: ["FSBP ELB.1", "CKV_AWS_2", "CKV2_AWS_20", "AVD-AWS-0054"],
  description:
    "An HTTP listener on an application load balancer only redirects to HTTPS; it never forwards requests in clear text. An environment without a certificate must suppress this with its reason.",
  severity: ALWAYS,
  resourceTypes: [...LISTENER_TYPES],
  check: (listener, { stack }) => {
    const lb = loadBalancerOf(listener, stack);
    if (lb && !isApplicationLoadBalancer(lb)) return undefined;
    const protocol = listener.config.protocol ?? (listener.config.port === 443 ? "HTTPS" : "HTTP");
    if (protocol !== "HTTP") return undefined;
    const actions = blocks(listener.config.default_action);
    const redirects = actions.length > 0 && actions.every((a: any) => a.type === "redirect" && block(a.redirect)?.protocol === "HTTPS");
    return redirects
      ? undefined
      : `HTTP listener on port ${listener.config.port ?? "?"} does not redirect to HTTPS (default action: ${actions.map((a: any) => a.type).join(", ") || "none"})`;
  },
  fix: 'give `WebService` prop `domain` or `certificateArn` (HTTPS on 443, port 80 redirects; `https` defaults to true then), or suppress on `WebService.httpListener` with the reason when there is no certificate; raw `LbListener`: port-80 default action `{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }`',
});
