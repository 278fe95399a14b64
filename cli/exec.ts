import { spawnSync } from "node:child_process";

/** What a command printed and how it ended. */
export interface ExecResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program (terraform, aws); tests pass a fake. */
export type Exec = (command: string, args: readonly string[]) => ExecResult;

/** The real thing: the program's output is captured, its stderr passed through on failure by the caller. */
export const spawnExec: Exec = (command, args) => {
  const run = spawnSync(command, [...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) return { status: 127, stdout: "", stderr: `${command}: ${run.error.message}` };
  return { status: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
};
