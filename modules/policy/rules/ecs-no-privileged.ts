import { containerLabel, containerSubject, containersOf } from "../containers";
import { ALWAYS, defineRule } from "../types";

/** No container runs privileged. */
export const ecsNoPrivileged = defineRule({
  id: "ECS-NO-PRIVILEGED",
  cites: ["FSBP ECS.4", "CKV_AWS_334"],
  description:
    "No container definition sets privileged: true (root on the host; Fargate refuses it anyway). The library's services never do; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_ecs_task_definition"],
  check: (t) =>
    (containersOf(t) ?? []).flatMap((c, i) =>
      c.privileged === true ? [{ subject: containerSubject(c, i), message: `${containerLabel(c, i)} is privileged` }] : [],
    ),
  fix: "`WebService`/`WorkerService` never run privileged containers; raw `EcsTaskDefinition`: remove `privileged: true` from the container definition",
});
