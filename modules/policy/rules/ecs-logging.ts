import { containerLabel, containerSubject, containersOf } from "../containers";
import { ALWAYS, defineRule } from "../types";

/** Every container ships its logs. */
export const ecsLogging = defineRule({
  id: "ECS-LOGGING",
  cites: ["FSBP ECS.9"],
  description: "Every container definition has a logConfiguration with a log driver (awslogs to a log group with retention).",
  severity: ALWAYS,
  resourceTypes: ["aws_ecs_task_definition"],
  check: (t) => (containersOf(t) ?? []).flatMap((c, i) => (c.logConfiguration?.logDriver ? [] : [{ subject: containerSubject(c, i), message: `${containerLabel(c, i)} has no logConfiguration.logDriver` }])),
  fix: 'add logConfiguration { logDriver: "awslogs", options: { "awslogs-group", "awslogs-region", "awslogs-stream-prefix" } } to every container',
});
