import { Construct } from "constructs";
import { ContainerWebApp } from "../modules/patterns/container-web-app";
import { appProps } from "./app-props";
import { EnvironmentConfig } from "./config";
import { EnvironmentStack } from "./environment-stack";

/**
 * `dev`: 2 AZs without NAT (the task has a public IP), single-AZ `db.t4g.micro` without deletion protection (final
 * snapshot kept), one Fargate Spot task behind an internal load balancer that CloudFront reaches through a
 * VPC origin (HTTPS on the distribution's *.cloudfront.net name: no domain needed).
 */
export function buildDev(scope: Construct, config: EnvironmentConfig): EnvironmentStack {
  const stack = new EnvironmentStack(scope, "dev", config);
  new ContainerWebApp(stack, "App", appProps(stack, config));
  return stack;
}
