import { Construct } from "constructs";
import { enforcePolicies, suppress } from "../modules/policy";
import { WebService } from "../modules/service/web-service";
import { appOrigin, appRole, appRunnerWebApp, cdn, dashboard, email, fargateWebApp, foundation, operatorOutputs } from "./blocks";
import { EnvironmentConfig } from "./config";
import { EnvironmentStack } from "./environment-stack";

/**
 * `staging` (seed 003): App Runner (1 vCPU / 2 GB, 1-3 instances) reaching a single-AZ
 * `db.t4g.micro` through a VPC connector; no load balancer, no ECS. With `STAGING_COMPUTE=fargate`
 * (accounts App Runner no longer admits): one Fargate Spot task, scaled to zero at night.
 */
export function buildStaging(scope: Construct, config: EnvironmentConfig): EnvironmentStack {
  const stack = new EnvironmentStack(scope, "staging", config);
  const base = foundation(stack);
  const web = config.compute === "apprunner" ? appRunnerWebApp(stack, base) : fargateWebApp(stack, base);
  if (web instanceof WebService && !web.httpsListener) {
    suppress(web.httpListener, "ALB-HTTPS-REDIRECT", "staging on Fargate has no domain, hence no certificate: plain HTTP");
  }
  const distribution = config.cdn ? cdn(stack, base, appOrigin(stack, web), appRole(web)) : undefined;
  email(stack, appRole(web));
  dashboard(stack, base, web, distribution);
  operatorOutputs(stack, base, web, distribution?.url);
  enforcePolicies(stack, { tier: config.production ? "production" : "baseline" });
  return stack;
}
