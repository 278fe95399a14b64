import { ALWAYS, defineRule } from "../types";

/** The task role (the app's permissions) is not the execution role (ECS agent's permissions). */
export const ecsSeparateRoles = defineRule({
  id: "ECS-SEPARATE-ROLES",
  cites: ["CKV_AWS_249"],
  description:
    "An ECS task definition's task role (what the app may call) differs from its execution role (image pull, logs, secrets injection), so the app never holds the agent's secret-reading grants. The library's services always do; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_ecs_task_definition"],
  check: (t) => {
    const { execution_role_arn: exec, task_role_arn: task } = t.config;
    return exec !== undefined && exec === task ? "task_role_arn and execution_role_arn are the same role" : undefined;
  },
  fix: "`WebService`/`WorkerService` always create separate task and execution roles (grant the app through `taskRole`); raw `EcsTaskDefinition`: a `taskRoleArn` different from `executionRoleArn`",
});
