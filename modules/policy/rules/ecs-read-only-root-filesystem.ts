import { containerLabel, containerSubject, containersOf } from "../containers";
import { ADVISORY, defineRule } from "../types";

/** Containers mount their root filesystem read-only (advice: apps that write to disk need a volume). */
export const ecsReadOnlyRootFilesystem = defineRule({
  id: "ECS-READ-ONLY-ROOT-FS",
  cites: ["FSBP ECS.5", "CKV_AWS_336"],
  description:
    "Container definitions set readonlyRootFilesystem: true, so an intruder cannot modify the image's files. Advisory: many web frameworks write temp files.",
  severity: ADVISORY,
  resourceTypes: ["aws_ecs_task_definition"],
  check: (t) =>
    (containersOf(t) ?? []).flatMap((c, i) =>
      c.readonlyRootFilesystem === true
        ? []
        : [{ subject: containerSubject(c, i), message: `${containerLabel(c, i)} has a writable root filesystem` }],
    ),
  fix: "set `WebService`/`WorkerService` prop `readonlyRootFilesystem` to true (mount an ephemeral volume for /tmp if the app writes files); raw `EcsTaskDefinition`: `readonlyRootFilesystem: true` per container",
});
