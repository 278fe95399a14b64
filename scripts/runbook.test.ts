import { spawnSync } from "node:child_process";
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..");
const README = readFileSync(join(ROOT, "docs", "runbook.md"), "utf8");

/** The runbook section of docs/runbook.md: from its heading to the next `## `. */
function runbook(): string {
  const start = README.indexOf("## First deploy (runbook)");
  if (start < 0) throw new Error("docs/runbook.md has no '## First deploy (runbook)' section");
  const next = README.indexOf("\n## ", start + 3);
  return README.slice(start, next < 0 ? undefined : next);
}

/** Every `scripts/<name>.sh` the text names, once each, in order. */
function scriptsNamed(text: string): string[] {
  return [...new Set([...text.matchAll(/scripts\/[a-z0-9-]+\.sh/g)].map((m) => m[0]))];
}

// No AWS, no network: `--help` must answer before any of that (a bogus AWS endpoint makes sure
// an accidental AWS call fails instead of reaching out).
const OFFLINE_ENV = {
  ...process.env,
  AWS_ACCESS_KEY_ID: "",
  AWS_SECRET_ACCESS_KEY: "",
  AWS_ENDPOINT_URL: "http://127.0.0.1:9",
  AWS_PROFILE: "",
};

describe("first-deploy runbook", () => {
  const scripts = scriptsNamed(runbook());

  it("creates the database role with the command the package ships, not a script of this repository", () => {
    expect(runbook()).toContain("npm run cli -- db-create-app-role --stack prod");
    expect(runbook()).toContain("npx cdktf-aws-webapp db-create-app-role --stack prod");
  });

  it("names a script for each step a command can do", () => {
    expect(scripts).toEqual([
      "scripts/first-deploy-foundation.sh",
      "scripts/set-app-secrets.sh",
      "scripts/push-image.sh",
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

describe("runbook scripts, dry run against fake stack outputs", () => {
  /** A scratch project: cdktf.out/stacks/test, a static build, and a fake `terraform` that prints outputs. */
  function scratch(outputs: Record<string, unknown>): { cwd: string; env: NodeJS.ProcessEnv } {
    const cwd = mkdtempSync(join(tmpdir(), "runbook-"));
    mkdirSync(join(cwd, "cdktf.out", "stacks", "test"), { recursive: true });
    mkdirSync(join(cwd, ".next", "static", "chunks"), { recursive: true });
    const bin = join(cwd, "bin");
    mkdirSync(bin);
    // terraform -chdir=<dir> output [-raw|-json] NAME
    const fake = [
      "#!/usr/bin/env node",
      `const outputs = ${JSON.stringify(outputs)};`,
      "const args = process.argv.slice(2); const name = args[args.length - 1];",
      "if (!(name in outputs)) { console.error(`no output ${name}`); process.exit(1); }",
      "const v = outputs[name]; process.stdout.write(args.includes('-json') ? JSON.stringify(v) : String(v));",
    ].join("\n");
    writeFileSync(join(bin, "terraform"), fake);
    chmodSync(join(bin, "terraform"), 0o755);
    return { cwd, env: { ...OFFLINE_ENV, PATH: `${bin}:${process.env.PATH}` } };
  }
  const run = (script: string, args: string[], where: { cwd: string; env: NodeJS.ProcessEnv }) =>
    spawnSync("bash", [join(ROOT, script), ...args], { ...where, encoding: "utf8", timeout: 10_000 });

  it("upload-static-assets syncs with immutable cache headers and invalidates the same path", () => {
    const where = scratch({ static_assets_bucket: "shop-prod-static", cdn_distribution_id: "E123ABC" });
    const out = run("scripts/upload-static-assets.sh", ["test", "--dry-run"], where);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(
      "+ aws s3 sync .next/static s3://shop-prod-static/_next/static/ --cache-control public, max-age=31536000, immutable --only-show-errors",
    );
    expect(out.stdout).toContain("+ aws cloudfront create-invalidation --distribution-id E123ABC --paths /_next/static/*");
    expect(out.stdout).not.toContain("--delete");
  });

  it("upload-static-assets fails when the stack has no CDN outputs", () => {
    const out = run("scripts/upload-static-assets.sh", ["test", "--dry-run"], scratch({}));
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain("no output static_assets_bucket");
  });
});
