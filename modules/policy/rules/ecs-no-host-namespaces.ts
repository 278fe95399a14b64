import { ALWAYS, defineRule } from "../types";

/** Task definitions do not share the host's process, IPC or network namespace. */
export const ecsNoHostNamespaces = defineRule({
  id: "ECS-NO-HOST-NAMESPACES",
  cites: ["FSBP ECS.3", "FSBP ECS.1", "CKV_AWS_335"],
  description:
    "ECS task definitions do not share the host's namespaces: pid_mode and ipc_mode are not host, network_mode is not host (awsvpc gives each task its own interface and security group). The library's services never share host namespaces; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_ecs_task_definition"],
  check: (t) =>
    (["pid_mode", "ipc_mode", "network_mode"] as const).flatMap((k) =>
      t.config[k] === "host" ? [{ subject: k, message: `${k} is host: containers share the host's namespace` }] : [],
    ),
  fix: "`WebService`/`WorkerService` always use awsvpc; raw `EcsTaskDefinition`: remove pidMode/ipcMode host and use networkMode awsvpc",
});
