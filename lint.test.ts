// The tree lints clean (eslint.config.mjs: ESLint and typescript-eslint's recommended rules) and is
// formatted (Prettier, .prettierrc.json). Part of the suite so that every landing and CI check both, as
// they check types. Failures list each finding or file: `npm run format` formats, `npm run lint -- --fix`
// fixes some findings, the rest need an edit (or a disable comment with a reason).
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CDKTF as LINE, LINES } from "./scripts/flavour/lines";

const ROOT = __dirname;

/** Runs a tool from node_modules/.bin in the repository root; resolves with its exit code and output. */
function tool(name: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done) =>
    execFile(join(ROOT, "node_modules", ".bin", name), args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error?.code === "ENOENT"
        ? done({
            code: 127,
            output: `node_modules/.bin/${name} not found: run npm ci (rm node_modules first if it is a link to another checkout's)`,
          })
        : done({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}`.trim() }),
    ),
  );
}

// The source line only: the cdktn line's tree is rendered from this one (scripts/flavour/), not edited.
describe.runIf(LINE !== LINES.cdktn)("lint", () => {
  it("eslint finds nothing", async () => {
    // The cache (git-ignored) re-lints only changed files; results are keyed by file and config.
    expect(await tool("eslint", ["--cache", "--cache-location", ".eslintcache", "."])).toEqual({ code: 0, output: "" });
  }, 180_000);

  it("prettier finds every file formatted", async () => {
    // The files git tracks (a scratch file in a working tree is not checked); .prettierignore leaves out
    // Markdown, snapshots and lockfiles. The cache (git-ignored) is keyed by content and options.
    const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
      .split("\0")
      .filter((file) => file !== "" && existsSync(join(ROOT, file)));
    const args = ["--list-different", "--ignore-unknown", "--cache", "--cache-location", ".prettiercache"];
    expect(await tool("prettier", [...args, ...files])).toEqual({ code: 0, output: "" });
  }, 180_000);
});
