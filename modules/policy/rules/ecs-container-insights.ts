import { blocks } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** ECS clusters publish Container Insights metrics. */
export const ecsContainerInsights = defineRule({
  id: "ECS-CONTAINER-INSIGHTS",
  cites: ["FSBP ECS.12", "CKV_AWS_65"],
  description:
    "ECS clusters enable Container Insights (setting containerInsights = enabled or enhanced) for task-level CPU, memory and restart metrics. `FargateCluster` cannot turn it off; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_ecs_cluster"],
  check: (c) => {
    const setting = blocks(c.config.setting).find((s: any) => s.name === "containerInsights");
    return setting && (setting.value === "enabled" || setting.value === "enhanced")
      ? undefined
      : `containerInsights is ${setting?.value ?? "unset"}`;
  },
  fix: '`FargateCluster` prop `containerInsights` ("enabled", the default, or "enhanced"); raw `EcsCluster`: `setting: [{ name: "containerInsights", value: "enabled" }]`',
});
