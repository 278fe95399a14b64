import { ResourceBlock } from "./types";

/** One container definition (ECS JSON, camelCase as the ECS API spells it). */
export interface ContainerDefinition {
  readonly name?: string;
  readonly privileged?: boolean;
  readonly readonlyRootFilesystem?: boolean;
  readonly logConfiguration?: { logDriver?: string; options?: Record<string, string> };
  readonly environment?: { name?: string; value?: string }[];
  readonly secrets?: { name?: string; valueFrom?: string }[];
  readonly [key: string]: unknown;
}

/**
 * The container definitions of an `aws_ecs_task_definition` (its `container_definitions` JSON
 * string). Undefined when the JSON is only known at apply (e.g. built with `jsonencode()`).
 */
export function containersOf(taskDefinition: ResourceBlock): ContainerDefinition[] | undefined {
  const raw = taskDefinition.config.container_definitions;
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    try {
      parsed = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  // Entries that are not objects (null, strings) are not container definitions: skipped.
  return Array.isArray(parsed)
    ? parsed.filter((c): c is ContainerDefinition => c !== null && typeof c === "object" && !Array.isArray(c))
    : undefined;
}

/** A container's subject for per-finding suppressions: its name, or `#2` when it has none. */
export function containerSubject(c: ContainerDefinition, index: number): string {
  return c.name ? c.name : `#${index + 1}`;
}

/** `container "web"` for messages. */
export function containerLabel(c: ContainerDefinition, index: number): string {
  return c.name ? `container "${c.name}"` : `container #${index + 1}`;
}
