import { Construct } from "constructs";
import { enforcePolicies, suppress } from "../modules/policy";
import { dashboard, fargateWebApp, foundation, operatorOutputs } from "./blocks";
import { EnvironmentConfig } from "./config";
import { EnvironmentStack } from "./environment-stack";

/**
 * `dev`: 2 AZs with one NAT, single-AZ `db.t4g.micro` without deletion protection (final
 * snapshot kept), one Fargate Spot task behind a plain-HTTP load balancer (no domain), no CDN.
 */
export function buildDev(scope: Construct, config: EnvironmentConfig): EnvironmentStack {
  const stack = new EnvironmentStack(scope, "dev", config);
  const base = foundation(stack);
  const web = fargateWebApp(stack, base);
  if (!web.httpsListener) {
    suppress(web.httpListener, "ALB-HTTPS-REDIRECT", "dev has no domain, hence no certificate: the load balancer serves plain HTTP");
  }
  dashboard(stack, base, web);
  operatorOutputs(stack, base, web);
  enforcePolicies(stack, { tier: config.production ? "production" : "baseline" });
  return stack;
}
