import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";

/** Options for `addOneOffTask` on a web service or worker. */
export interface OneOffTaskOptions {
  /** Lower-case word: the family is `<service name>-<purpose>` (e.g. `release`). */
  readonly purpose: string;
  /** What the task runs instead of the image's CMD, e.g. `["npx", "prisma", "migrate", "deploy"]`. */
  readonly command: readonly string[];
  /** Task CPU units. @default - the service's */
  readonly cpu?: number;
  /** Task memory, MiB (a Fargate pair with `cpu`). @default - the service's */
  readonly memoryMiB?: number;
}

/** Where and how `aws ecs run-task` starts a one-off Fargate task: the part every run-settings output shares. */
export interface RunTaskTarget {
  readonly cluster: string;
  readonly task_definition: string;
  readonly subnets: string[];
  readonly security_groups: string[];
  /** `ENABLED` or `DISABLED`, as `aws ecs run-task` takes it. */
  readonly assign_public_ip: "ENABLED" | "DISABLED";
  readonly log_group: string;
}

/** Everything `aws ecs run-task` needs (the `release_task` output; `cdktf-aws-webapp release` reads it). */
export interface OneOffTaskRunSettings extends RunTaskTarget {
  /** The container that runs the command (`app`). */
  readonly container: string;
  readonly command: string[];
}

/** A one-off task definition of a service and how to run it. */
export interface OneOffTask {
  /** Family `<service name>-<purpose>`: the service's image, environment, secrets, roles and log group. */
  readonly taskDefinition: EcsTaskDefinition;
  /** In the service's subnets with its security group. */
  readonly runSettings: OneOffTaskRunSettings;
}
