// The package's operator commands; cdktf-aws-webapp.ts (package.json "bin") runs them.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Exec, spawnExec } from "./exec";
import { checkTaskSettings, runOneOffTask } from "./run-task";
import { OutputError, OutputSource, readOutput } from "./stack-outputs";

/** Where a command writes and what it runs programs with; tests pass their own. */
export interface CliIo {
  readonly exec: Exec;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const USAGE = `Usage: cdktf-aws-webapp <command> [options]

Operator commands of @platform/cdktf-aws-webapp. Each reads the stack's outputs (terraform output
-json in the stack's directory) and runs a one-off ECS task with the AWS CLI v2.

Commands:
  db-create-app-role   create the app's database role (IAM mode), or its login and DATABASE_URL
                       (URL mode; running it again rotates the password)
  release              run the app's release command (migrations) on an image before it is
                       deployed, and exit with its exit code

Run 'cdktf-aws-webapp <command> --help' for a command's options.`;

const COMMON_OPTIONS = `  --stack NAME       the stack: reads cdktf.out/stacks/NAME
  --stack-dir DIR    the stack's Terraform directory instead (initialized, applied)
  --outputs FILE     read the outputs from FILE (saved 'terraform output -json') instead of terraform
  --output-prefix P  prefix of the output names (the pattern's outputPrefix; default none)
  --dry-run          print the AWS commands instead of running them; without --outputs, reads the
                     synthesized cdk.tf.json (no terraform, no AWS): references show as <address>
  -h, --help         this help`;

const DB_USAGE = `Usage: cdktf-aws-webapp db-create-app-role (--stack NAME | --stack-dir DIR) [options]

Runs the stack's one-off database admin task (output db_admin_task) and waits for its exit code.
It logs in as the master user (its secret goes to that task only) and creates or re-grants the
app's least-privilege role; safe to run again at any time.
  IAM mode: the role logs in with rds_iam (IAM tokens, no password).
  URL mode: it sets a new generated password on the login the DATABASE_URL secret does not use,
            then writes the URL with it into the secret (Terraform created it empty). Running
            tasks keep the previous login until their next deployment, which reads the new URL:
            deploy between two rotations.

Options:
${COMMON_OPTIONS}
  --output NAME      output holding the task settings (default: db_admin_task)

Needs terraform (unless --outputs or --dry-run) and the AWS CLI v2 with credentials for the
stack's account. Exits with the task's exit code.`;

const RELEASE_USAGE = `Usage: cdktf-aws-webapp release (--stack NAME | --stack-dir DIR) [--image-tag TAG] [options]

Runs the app's release command (ContainerWebApp release, output release_task) as a one-off
Fargate task with the app's environment, secrets, roles, subnets and security group, waits for
it and exits with its exit code: run it before the deployment that changes the image, and stop
the deployment when it fails (Heroku's release phase).

Options:
${COMMON_OPTIONS}
  --output NAME      output holding the task settings (default: release_task)
  --image-tag TAG    run on this tag of the app's repository: registers a revision of the release
                     task definition with that image, runs it, then deregisters it
                     (default: the image the definition has, i.e. the deployed one)
  --skip-if-current  with --image-tag: do nothing when the definition already runs TAG (the
                     deployment does not change the image)
  --if-present       do nothing when the stack has no release_task output (no release command,
                     or nothing applied yet)
  --timeout-minutes N  stop waiting after N minutes (default 60; the task keeps running)

Needs terraform (unless --outputs or --dry-run) and the AWS CLI v2 with credentials that may run
tasks, register task definitions and pass the app's roles.`;

interface Parsed {
  readonly flags: Record<string, string | true>;
  readonly positional: string[];
}

function parse(args: readonly string[], withValue: readonly string[]): Parsed {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-h") flags.help = true;
    else if (a.startsWith("--")) {
      const [key, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (withValue.includes(key)) {
        const value = inline ?? args[++i];
        if (value === undefined || value === "") throw new UsageError(`--${key} needs a value`);
        flags[key] = value;
      } else if (inline !== undefined) throw new UsageError(`--${key} takes no value`);
      else flags[key] = true;
    } else positional.push(a);
  }
  return { flags, positional };
}

class UsageError extends Error {}

function outputSource(flags: Record<string, string | true>): OutputSource {
  const stack = flags.stack as string | undefined;
  const dir = flags["stack-dir"] as string | undefined;
  if (stack !== undefined && dir !== undefined) throw new UsageError("give --stack or --stack-dir, not both");
  if (stack === undefined && dir === undefined && flags.outputs === undefined)
    throw new UsageError("give --stack NAME, --stack-dir DIR or --outputs FILE");
  if (stack !== undefined && !/^[A-Za-z0-9_-]+$/.test(stack)) throw new UsageError(`--stack must be a stack name, got ${stack}`);
  return {
    stackDir: dir ?? join("cdktf.out", "stacks", stack ?? ""),
    outputsFile: flags.outputs as string | undefined,
    synthesized: flags["dry-run"] === true && flags.outputs === undefined,
  };
}

const COMMON_VALUE_FLAGS = ["stack", "stack-dir", "outputs", "output-prefix", "output"];

function dbCreateAppRole(args: readonly string[], io: CliIo): number {
  const { flags, positional } = parse(args, COMMON_VALUE_FLAGS);
  if (flags.help) {
    io.out(DB_USAGE);
    return 0;
  }
  const known = ["stack", "stack-dir", "outputs", "output-prefix", "output", "dry-run"];
  const unknown = Object.keys(flags).find((k) => !known.includes(k));
  if (unknown) throw new UsageError(`unknown option --${unknown}`);
  if (positional.length > 0) throw new UsageError(`unexpected argument ${positional[0]}`);
  const source = outputSource(flags);
  const name = `${(flags["output-prefix"] as string | undefined) ?? ""}${(flags.output as string | undefined) ?? "db_admin_task"}`;
  const raw = readOutput(source, name, io.exec);
  const settings = checkTaskSettings(raw, name);
  const user = String(raw.app_user ?? "app_user");
  const url = raw.access === "url";
  io.out(
    url
      ? `Creating ${user}'s next login and writing DATABASE_URL (${String(raw.url_secret_arn ?? "the URL secret")})`
      : `Creating role ${user} (IAM authentication)`,
  );
  const code = runOneOffTask(settings, { exec: io.exec, out: io.out, err: io.err, dryRun: flags["dry-run"] === true, timeoutMinutes: 20 });
  if (code === 0 && flags["dry-run"] !== true) {
    io.out(
      url
        ? "DATABASE_URL is written: deploy the app (new tasks read it); the previous login works until the next rotation."
        : `Role ${user} is ready.`,
    );
  }
  return code;
}

function release(args: readonly string[], io: CliIo): number {
  const { flags, positional } = parse(args, [...COMMON_VALUE_FLAGS, "image-tag", "timeout-minutes"]);
  if (flags.help) {
    io.out(RELEASE_USAGE);
    return 0;
  }
  const known = [
    "stack",
    "stack-dir",
    "outputs",
    "output-prefix",
    "output",
    "dry-run",
    "image-tag",
    "skip-if-current",
    "if-present",
    "timeout-minutes",
  ];
  const unknown = Object.keys(flags).find((k) => !known.includes(k));
  if (unknown) throw new UsageError(`unknown option --${unknown}`);
  if (positional.length > 0) throw new UsageError(`unexpected argument ${positional[0]}`);
  const tag = flags["image-tag"] as string | undefined;
  if (tag !== undefined && (!/^[\w][\w.-]{0,127}$/.test(tag) || tag === "latest"))
    throw new UsageError(`--image-tag must be an immutable Docker tag (not latest), got ${tag}`);
  if (flags["skip-if-current"] && tag === undefined) throw new UsageError("--skip-if-current needs --image-tag");
  const timeout = flags["timeout-minutes"] === undefined ? 60 : Number(flags["timeout-minutes"]);
  if (!Number.isInteger(timeout) || timeout < 1)
    throw new UsageError(`--timeout-minutes must be a whole number of minutes, got ${String(flags["timeout-minutes"])}`);
  const dryRun = flags["dry-run"] === true;
  const source = outputSource(flags);
  const name = `${(flags["output-prefix"] as string | undefined) ?? ""}${(flags.output as string | undefined) ?? "release_task"}`;
  let raw: Record<string, unknown>;
  try {
    raw = readOutput(source, name, io.exec);
  } catch (e) {
    if (e instanceof OutputError && e.missing && flags["if-present"]) {
      io.out(`release: no output ${name}: nothing to run (no release command, or the stack is not applied yet)`);
      return 0;
    }
    throw e;
  }
  const settings = checkTaskSettings(raw, name);
  const container = String(raw.container ?? "app");
  const command = Array.isArray(raw.command) ? raw.command.join(" ") : "the release command";
  let taskDefinition = settings.task_definition;
  let registered: string | undefined;
  if (tag !== undefined) {
    const swapped = registerWithImage(settings.task_definition, container, tag, flags["skip-if-current"] === true, dryRun, io);
    if (swapped === "current") {
      io.out(`release: the release task already runs tag ${tag}: the image does not change, nothing to run`);
      return 0;
    }
    taskDefinition = registered = swapped;
  }
  io.out(`Running ${command}${tag !== undefined ? ` on tag ${tag}` : ""}`);
  const code = runOneOffTask(settings, { exec: io.exec, out: io.out, err: io.err, dryRun, taskDefinition, timeoutMinutes: timeout });
  if (registered !== undefined) {
    const args = ["ecs", "deregister-task-definition", "--task-definition", registered, "--output", "json"];
    if (dryRun) io.out(`+ aws ${args.slice(0, 4).join(" ")}`);
    else if (io.exec("aws", args).status !== 0) io.err(`could not deregister ${registered} (harmless: an inactive revision stays listed)`);
  }
  if (code === 0 && !dryRun) io.out("release: done; deploy the new image.");
  if (code !== 0) io.err(`release: failed with exit code ${code}: do not deploy this image (fix it, or the migration, and run again)`);
  return code;
}

/**
 * A new revision of the release task definition whose `container` runs `tag` of the same
 * repository ("current" when it already does and `skipIfCurrent`): the image of a run-task
 * cannot be overridden, and the definition Terraform keeps still names the deployed image.
 */
function registerWithImage(arn: string, container: string, tag: string, skipIfCurrent: boolean, dryRun: boolean, io: CliIo): string {
  const describe = ["ecs", "describe-task-definition", "--task-definition", arn, "--output", "json"];
  if (dryRun) {
    io.out(`+ aws ${describe.slice(0, 4).join(" ")}`);
    io.out(`+ aws ecs register-task-definition --cli-input-json file://<the definition with ${container}'s image at :${tag}>`);
    return "<the registered revision>";
  }
  const described = io.exec("aws", describe);
  if (described.status !== 0) throw new Error(`cannot read ${arn}: ${described.stderr.trim()}`);
  const definition = (JSON.parse(described.stdout) as { taskDefinition: Record<string, unknown> }).taskDefinition;
  const containers = definition.containerDefinitions as { name: string; image: string }[];
  const target = containers.find((c) => c.name === container);
  if (!target) throw new Error(`${arn} has no container ${container}`);
  const repository = target.image.replace(/(@sha256:[a-f0-9]+|:[\w][\w.-]*)$/, "");
  if (target.image === `${repository}:${tag}` && skipIfCurrent) return "current";
  const input: Record<string, unknown> = {};
  for (const key of [
    "family",
    "taskRoleArn",
    "executionRoleArn",
    "networkMode",
    "volumes",
    "placementConstraints",
    "requiresCompatibilities",
    "cpu",
    "memory",
    "runtimePlatform",
    "ephemeralStorage",
  ]) {
    if (definition[key] !== undefined) input[key] = definition[key];
  }
  input.containerDefinitions = containers.map((c) => (c.name === container ? { ...c, image: `${repository}:${tag}` } : c));
  const file = join(mkdtempSync(join(tmpdir(), "release-")), "task-definition.json");
  writeFileSync(file, JSON.stringify(input));
  const registered = io.exec("aws", ["ecs", "register-task-definition", "--cli-input-json", `file://${file}`, "--output", "json"]);
  if (registered.status !== 0) throw new Error(`cannot register a revision with ${repository}:${tag}: ${registered.stderr.trim()}`);
  const newArn = (JSON.parse(registered.stdout) as { taskDefinition: { taskDefinitionArn: string } }).taskDefinition.taskDefinitionArn;
  io.out(`Registered ${newArn} (${container}: ${repository}:${tag})`);
  return newArn;
}

const COMMANDS: Record<string, (args: readonly string[], io: CliIo) => number> = {
  "db-create-app-role": dbCreateAppRole,
  release,
};

/** Runs the CLI; returns the exit code (2 for usage errors). */
export function main(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help") {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`unknown command: ${command}\n\n${USAGE}`);
    return 2;
  }
  try {
    return run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${command}: ${e.message} (see cdktf-aws-webapp ${command} --help)`);
      return 2;
    }
    // A missing output or a malformed one: say what to do, no stack trace.
    if (e instanceof OutputError || e instanceof Error) {
      io.err(`${command}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/** The real programs and the process's streams. */
export const PROCESS_IO: CliIo = {
  exec: spawnExec,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
