import { Exec } from "./exec";

/** What `aws ecs run-task` needs, as the pattern's `db_admin_task` and `release_task` outputs hold it. */
export interface OneOffTaskSettings {
  readonly cluster: string;
  readonly task_definition: string;
  readonly subnets: readonly string[];
  readonly security_groups: readonly string[];
  /** `ENABLED` or `DISABLED` (the default). */
  readonly assign_public_ip?: string;
  readonly log_group?: string;
}

/** How to run it. */
export interface RunTaskOptions {
  readonly exec: Exec;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Print the commands instead of running them. */
  readonly dryRun?: boolean;
  /** Run this task definition instead of the settings' one (a revision with another image). */
  readonly taskDefinition?: string;
  /** Give up waiting after this many minutes (the task keeps running). @default 60 */
  readonly timeoutMinutes?: number;
}

/** Checks the settings' shape before anything runs; names the missing field. */
export function checkTaskSettings(settings: Record<string, unknown>, output: string): OneOffTaskSettings {
  for (const key of ["cluster", "task_definition"]) {
    if (typeof settings[key] !== "string" || settings[key] === "") throw new Error(`output ${output} has no ${key}`);
  }
  for (const key of ["subnets", "security_groups"]) {
    if (!Array.isArray(settings[key]) || (settings[key] as unknown[]).length === 0) throw new Error(`output ${output} has no ${key}`);
  }
  return settings as unknown as OneOffTaskSettings;
}

/** The `aws ecs run-task` arguments: Fargate, one task, the settings' subnets and groups. */
export function runTaskArgs(settings: OneOffTaskSettings, taskDefinition = settings.task_definition): string[] {
  const publicIp = settings.assign_public_ip === "ENABLED" ? "ENABLED" : "DISABLED";
  return [
    "ecs",
    "run-task",
    "--cluster",
    settings.cluster,
    "--task-definition",
    taskDefinition,
    "--launch-type",
    "FARGATE",
    "--count",
    "1",
    "--started-by",
    "cdktf-aws-webapp",
    "--network-configuration",
    `awsvpcConfiguration={subnets=[${settings.subnets.join(",")}],securityGroups=[${settings.security_groups.join(",")}],assignPublicIp=${publicIp}}`,
  ];
}

/** Shell-quoted for display. */
export function shellLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(" ");
}

/**
 * Runs the task, waits for it to stop and returns its exit code: 0 when every container exited
 * with 0, else the first non-zero code (1 when a container has none: it never started).
 */
export function runOneOffTask(settings: OneOffTaskSettings, options: RunTaskOptions): number {
  const { exec, out, err } = options;
  const args = runTaskArgs(settings, options.taskDefinition);
  if (options.dryRun) {
    out(`+ ${shellLine("aws", args)}`);
    out(`+ aws ecs wait tasks-stopped --cluster ${settings.cluster} --tasks <task arn>`);
    out(`+ aws ecs describe-tasks --cluster ${settings.cluster} --tasks <task arn>`);
    return 0;
  }
  const started = exec("aws", [...args, "--output", "json"]);
  if (started.status !== 0) {
    err(started.stderr.trim());
    return started.status;
  }
  const response = JSON.parse(started.stdout) as { tasks?: { taskArn: string }[]; failures?: unknown[] };
  const task = response.tasks?.[0]?.taskArn;
  if (!task) {
    err(`the task did not start: ${JSON.stringify(response.failures ?? [])}`);
    return 1;
  }
  out(`Started ${task}; waiting for it to stop...`);
  // One `wait` polls for 10 minutes; migrations may take longer.
  const rounds = Math.max(1, Math.ceil((options.timeoutMinutes ?? 60) / 10));
  let stopped = false;
  for (let i = 0; i < rounds && !stopped; i++)
    stopped = exec("aws", ["ecs", "wait", "tasks-stopped", "--cluster", settings.cluster, "--tasks", task]).status === 0;
  if (!stopped) {
    err(
      `gave up waiting after ${options.timeoutMinutes ?? 60} minutes; the task still runs: aws ecs describe-tasks --cluster ${settings.cluster} --tasks ${task}`,
    );
    return 1;
  }
  const described = exec("aws", ["ecs", "describe-tasks", "--cluster", settings.cluster, "--tasks", task, "--output", "json"]);
  if (described.status !== 0) {
    err(described.stderr.trim());
    return 1;
  }
  const stoppedTask = (
    JSON.parse(described.stdout) as {
      tasks: { stoppedReason?: string; containers: { name: string; exitCode?: number; reason?: string }[] }[];
    }
  ).tasks[0];
  if (settings.log_group) out(`Logs: aws logs tail ${settings.log_group} --since 1h (streams <container>/${task.split("/").pop()})`);
  const failed = stoppedTask.containers.find((c) => c.exitCode !== 0);
  if (!failed) return 0;
  err(
    `container ${failed.name} failed (exit code ${failed.exitCode ?? "none"}${failed.reason ? `; ${failed.reason}` : ""}; task: ${stoppedTask.stoppedReason ?? "stopped"}). Read the logs above.`,
  );
  return failed.exitCode !== undefined && failed.exitCode > 0 ? failed.exitCode : 1;
}
