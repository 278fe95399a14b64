import { Construct } from "constructs";
import { ContainerWebApp } from "../modules/patterns/container-web-app";
import { appProps } from "./app-props";
import { EnvironmentConfig } from "./config";
import { EnvironmentStack } from "./environment-stack";

/**
 * `staging`: by default one Fargate Spot task (any account), scaled to zero at night, with a public
 * IP and no NAT. With `STAGING_COMPUTE = "apprunner"` in config.ts (accounts that already use App
 * Runner; seed 003): App Runner (1 vCPU / 2 GB, 1-3 instances) reaching a single-AZ
 * `db.t4g.micro` through a VPC connector; no load balancer, no ECS.
 */
export function buildStaging(scope: Construct, config: EnvironmentConfig): EnvironmentStack {
  const stack = new EnvironmentStack(scope, "staging", config);
  new ContainerWebApp(stack, "App", appProps(stack, config));
  return stack;
}
