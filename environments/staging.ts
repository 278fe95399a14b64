import { Construct } from "constructs";
import { EnvironmentConfig } from "./config";
import { EnvironmentStack } from "./environment-stack";

/** The `staging` environment. */
export function buildStaging(scope: Construct, config: EnvironmentConfig): EnvironmentStack {
  const stack = new EnvironmentStack(scope, "staging", config);
  return stack;
}
