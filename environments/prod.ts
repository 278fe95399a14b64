import { Construct } from "constructs";
import { enforcePolicies } from "../modules/policy";
import { appOrigin, cdn, dashboard, email, fargateWebApp, foundation, operatorOutputs } from "./blocks";
import { EnvironmentConfig } from "./config";
import { EnvironmentStack } from "./environment-stack";

/**
 * `prod` (seed 001): seed 001's network with a NAT per AZ, Multi-AZ PostgreSQL with deletion
 * protection and prevent_destroy, ECS Fargate (0.5 vCPU / 1 GB, 2-10 tasks on CPU 70 %) behind an
 * HTTPS load balancer that only CloudFront can reach, CloudFront with WAF and the static-assets
 * bucket on the domain, SES sending from it, every alarm, a dashboard.
 */
export function buildProd(scope: Construct, config: EnvironmentConfig): EnvironmentStack {
  const stack = new EnvironmentStack(scope, "prod", config);
  const base = foundation(stack);
  const web = fargateWebApp(stack, base);
  const distribution = cdn(stack, base, appOrigin(stack, web), web.taskRole);
  email(stack, web.taskRole);
  dashboard(stack, base, web, distribution);
  operatorOutputs(stack, base, web, distribution.url);
  enforcePolicies(stack, { tier: config.production ? "production" : "baseline" });
  return stack;
}
