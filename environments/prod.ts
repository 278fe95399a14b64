import { Construct } from "constructs";
import { ContainerWebApp } from "../modules/patterns/container-web-app";
import { appProps } from "./app-props";
import { EnvironmentConfig } from "./config";
import { EnvironmentStack } from "./environment-stack";

/**
 * `prod` (seed 001): seed 001's network, Multi-AZ PostgreSQL with deletion protection and
 * prevent_destroy, ECS Fargate (0.5 vCPU / 1 GB, 2-10 tasks on CPU 70 %) behind an internal load
 * balancer that only CloudFront reaches (VPC origin), CloudFront with WAF and the static-assets
 * bucket on the domain, SES sending from it, every alarm, a dashboard, a budget.
 */
export function buildProd(scope: Construct, config: EnvironmentConfig): EnvironmentStack {
  const stack = new EnvironmentStack(scope, "prod", config);
  new ContainerWebApp(stack, "App", appProps(stack, config));
  return stack;
}
