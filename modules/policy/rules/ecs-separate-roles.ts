import { ALWAYS, defineRule } from "../types";

/** The task role (the app's permissions) is not the execution role (ECS agent's permissions). */
export const ecsSeparateRoles = defineRule({
  id: "ECS-SEPARATE-ROLES",
  cites: ["CKV_AWS_249"],
  description: "An ECS task definition's task role (what the app may call) differs from its execution role (image pull, logs, secrets injection), so the app never holds the agent's secret-reading grants.",
  severity: ALWAYS,
  resourceTypes: ["aws_ecs_task_definition"],
  check: (t) => {
    const { execution_role_arn: exec, task_role_arn: task } = t.config;
    return exec !== undefined && exec === task ? "task_role_arn and execution_role_arn are the same role" : undefined;
  },
  fix: "give the task its own role with only what the app calls; keep image pull, log and secret grants on the execution role",
});
