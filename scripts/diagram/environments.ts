import { TerraformStack, Testing } from "cdktf";
import { buildApp } from "../../environments/app";
import { ENVIRONMENTS, EnvironmentName } from "../../environments/config";
import { StackJson } from "./diagram";

/** Where the generated diagrams live, relative to the repository root. */
export const ARCHITECTURE_DOC = "docs/architecture.md";

/**
 * Each environment's synthesized JSON, in-process and from the checked-in settings only (no
 * environment-variable overrides), so the docs do not depend on who generates them.
 */
export function synthesizeEnvironments(): Record<EnvironmentName, StackJson> {
  const app = buildApp(Testing.app(), {});
  return Object.fromEntries(
    ENVIRONMENTS.map((name) => [name, JSON.parse(Testing.synth(app.node.findChild(name) as TerraformStack)) as StackJson]),
  ) as Record<EnvironmentName, StackJson>;
}
