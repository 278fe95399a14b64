import { Construct } from "constructs";
import { EnvironmentConfig } from "./config";
import { EnvironmentStack } from "./environment-stack";

/** The `prod` environment. */
export function buildProd(scope: Construct, config: EnvironmentConfig): EnvironmentStack {
  const stack = new EnvironmentStack(scope, "prod", config);
  return stack;
}
