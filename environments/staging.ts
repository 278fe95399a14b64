import { Construct } from "constructs";
import { ContainerWebApp } from "../modules/patterns/container-web-app";
import { appProps } from "./app-props";
import { EnvironmentConfig } from "./config";
import { EnvironmentStack } from "./environment-stack";

/**
 * `staging` (seed 003): App Runner (1 vCPU / 2 GB, 1-3 instances) reaching a single-AZ
 * `db.t4g.micro` through a VPC connector; no load balancer, no ECS. With `STAGING_COMPUTE=fargate`
 * (accounts App Runner no longer admits): one Fargate Spot task, scaled to zero at night.
 */
export function buildStaging(scope: Construct, config: EnvironmentConfig): EnvironmentStack {
  const stack = new EnvironmentStack(scope, "staging", config);
  new ContainerWebApp(stack, "App", appProps(stack, config));
  return stack;
}
