// The package's operator commands; cdktf-aws-webapp.ts (package.json "bin") runs them.
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
  if (stack === undefined && dir === undefined && flags.outputs === undefined) throw new UsageError("give --stack NAME, --stack-dir DIR or --outputs FILE");
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
  io.out(url ? `Creating ${user}'s next login and writing DATABASE_URL (${String(raw.url_secret_arn ?? "the URL secret")})` : `Creating role ${user} (IAM authentication)`);
  const code = runOneOffTask(settings, { exec: io.exec, out: io.out, err: io.err, dryRun: flags["dry-run"] === true, timeoutMinutes: 20 });
  if (code === 0 && flags["dry-run"] !== true) {
    io.out(url ? "DATABASE_URL is written: deploy the app (new tasks read it); the previous login works until the next rotation." : `Role ${user} is ready.`);
  }
  return code;
}

const COMMANDS: Record<string, (args: readonly string[], io: CliIo) => number> = {
  "db-create-app-role": dbCreateAppRole,
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
