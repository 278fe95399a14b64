import { containerLabel, containerSubject, containersOf } from "../containers";
import { ALWAYS, defineRule } from "../types";

/** Every container ships its logs. */
export const ecsLogging = defineRule({
  id: "ECS-LOGGING",
  cites: ["FSBP ECS.9"],
  description:
    "Every container definition has a logConfiguration with a log driver (awslogs to a log group with retention). The library's services always log; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_ecs_task_definition"],
  check: (t) =>
    (containersOf(t) ?? []).flatMap((c, i) =>
      c.logConfiguration?.logDriver
        ? []
        : [{ subject: containerSubject(c, i), message: `${containerLabel(c, i)} has no logConfiguration.logDriver` }],
    ),
  fix: '`WebService`/`WorkerService` always log to their log group (props `logRetentionDays`, `logsKmsKeyArn`); raw `EcsTaskDefinition`: `logConfiguration { logDriver: "awslogs", options }` on every container',
});
