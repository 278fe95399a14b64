import { Construct } from "constructs";
import { EnvironmentConfig } from "./config";
import { EnvironmentStack } from "./environment-stack";

/** The `dev` environment. */
export function buildDev(scope: Construct, config: EnvironmentConfig): EnvironmentStack {
  const stack = new EnvironmentStack(scope, "dev", config);
  return stack;
}
