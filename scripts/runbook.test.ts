import { spawnSync } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** The runbook section of the root README: from its heading to the next `## `. */
function runbook(): string {
  const start = README.indexOf("## First deploy (runbook)");
  if (start < 0) throw new Error("README.md has no '## First deploy (runbook)' section");
  const next = README.indexOf("\n## ", start + 3);
  return README.slice(start, next < 0 ? undefined : next);
}

/** Every `scripts/<name>.sh` the text names, once each, in order. */
function scriptsNamed(text: string): string[] {
  return [...new Set([...text.matchAll(/scripts\/[a-z0-9-]+\.sh/g)].map((m) => m[0]))];
}

// No AWS, no network: `--help` must answer before any of that (a bogus AWS endpoint makes sure
// an accidental AWS call fails instead of reaching out).
const OFFLINE_ENV = { ...process.env, AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_ENDPOINT_URL: "http://127.0.0.1:9", AWS_PROFILE: "" };

describe("first-deploy runbook", () => {
  const scripts = scriptsNamed(runbook());

  it("names a script for each step a command can do", () => {
    expect(scripts).toEqual([
      "scripts/first-deploy-foundation.sh",
      "scripts/set-app-secrets.sh",
      "scripts/push-image.sh",
      "scripts/db-create-app-role.sh",
      "scripts/upload-static-assets.sh",
    ]);
  });

  it.each(scripts)("%s exists, is executable and prints its usage with --help", (script) => {
    const path = join(ROOT, script);
    expect(() => accessSync(path, constants.X_OK)).not.toThrow();
    const run = spawnSync("bash", [path, "--help"], { cwd: ROOT, env: OFFLINE_ENV, encoding: "utf8", timeout: 10_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(run.stdout).toMatch(new RegExp(`^Usage: ${script.replace(/[.]/g, "\\.")} `));
  });

  it.each(scripts)("%s refuses to run without its arguments (exit 2, usage on stderr)", (script) => {
    const run = spawnSync("bash", [join(ROOT, script)], { cwd: ROOT, env: OFFLINE_ENV, encoding: "utf8", timeout: 10_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Usage: /);
  });

  it("the scriptsNamed scan finds a script named in text and ignores other paths", () => {
    expect(scriptsNamed("run `scripts/a-b.sh x` then scripts/app.js and scripts/a-b.sh again")).toEqual(["scripts/a-b.sh"]);
  });
});
