// The tree lints clean (eslint.config.mjs: ESLint and typescript-eslint's recommended rules). Part of
// the suite so that every landing and CI check it, as they check types. The failure lists each finding;
// `npm run lint -- --fix` fixes some, the rest need an edit (or a disable comment with a reason).
import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CDKTF as LINE, LINES } from "./scripts/flavour/lines";

const ROOT = __dirname;

/** Runs a tool from node_modules/.bin in the repository root; resolves with its exit code and output. */
function tool(name: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done) =>
    execFile(join(ROOT, "node_modules", ".bin", name), args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}`.trim() }),
    ),
  );
}

// The source line only: the cdktn line's tree is rendered from this one (scripts/flavour/), not edited.
describe.runIf(LINE !== LINES.cdktn)("lint", () => {
  it("eslint finds nothing", async () => {
    // The cache (git-ignored) re-lints only changed files; results are keyed by file and config.
    expect(await tool("eslint", ["--cache", "--cache-location", ".eslintcache", "."])).toEqual({ code: 0, output: "" });
  }, 180_000);
});
