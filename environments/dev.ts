import { Construct } from "constructs";
import { ContainerWebApp } from "../modules/patterns/container-web-app";
import { appProps } from "./app-props";
import { EnvironmentConfig } from "./config";
import { EnvironmentStack } from "./environment-stack";

/**
 * `dev`: 2 AZs without NAT (the task has a public IP), single-AZ `db.t4g.micro` without deletion protection (final
 * snapshot kept), one Fargate Spot task behind a plain-HTTP load balancer (no domain), no CDN.
 */
export function buildDev(scope: Construct, config: EnvironmentConfig): EnvironmentStack {
  const stack = new EnvironmentStack(scope, "dev", config);
  new ContainerWebApp(stack, "App", appProps(stack, config));
  return stack;
}
