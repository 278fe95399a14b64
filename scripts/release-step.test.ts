import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = join(__dirname, "..");
const workflow = parse(readFileSync(join(ROOT, ".github", "workflows", "infrastructure.yml"), "utf8"));
const runsOf = (job: any): string[] => job.steps.map((s: any) => (s.run as string | undefined) ?? "");
const RELEASE =
  /^(npm run --silent cli --|node "\$STACK_DIR\/release-cli\.js") release --stack-dir "\$STACK_DIR" --image-tag "\$DEPLOY_TAG" --skip-if-current --if-present$/;

describe("the pipeline runs the release command before each apply that changes the image", () => {
  it.each(["apply", "apply-prod"])("%s: after init, before apply, on the tag being deployed, stopping the job when it fails", (name) => {
    const runs = runsOf(workflow.jobs[name]);
    const release = runs.findIndex((r) => RELEASE.test(r));
    const init = runs.findIndex((r) => /terraform -chdir="\$STACK_DIR" init/.test(r));
    const apply = runs.findIndex((r) => /terraform -chdir="\$STACK_DIR" apply /.test(r));
    expect(init).toBeGreaterThanOrEqual(0);
    expect(init).toBeLessThan(release);
    expect(release).toBeLessThan(apply);
    // The tag the apply deploys, the environment's checked-in one (skipped when the image stays,
    // or without a release command).
    expect(workflow.jobs[name].steps[release].env.DEPLOY_TAG).toMatch(
      /^\$\{\{ (steps\.settings|needs\.plan-prod)\.outputs\.image_tag \}\}$/,
    );
    // No continue-on-error: a failed migration keeps the new image from rolling out.
    expect(workflow.jobs[name].steps[release]["continue-on-error"]).toBeUndefined();
  });

  it("only the apply jobs run it (plans and drift checks change nothing)", () => {
    const withRelease = Object.entries(workflow.jobs)
      .filter(([, job]) => runsOf(job).some((r) => / release --stack-dir/.test(r)))
      .map(([n]) => n);
    expect(withRelease).toEqual(["apply", "apply-prod"]);
  });

  it("apply-prod (no checkout) gets the CLI as one file with the reviewed plan, and that file runs without node_modules", () => {
    const planProd = workflow.jobs["plan-prod"];
    const bundle = planProd.steps.findIndex((s: any) => s.run?.includes("release-cli.js"));
    const upload = planProd.steps.findIndex((s: any) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(bundle).toBeGreaterThanOrEqual(0);
    expect(bundle).toBeLessThan(upload);
    expect(planProd.steps[upload].with.path).toContain("${{ env.STACK_DIR }}/release-cli.js");
    // What the step does: bundle through the repo's runner, then run the copy from a bare directory.
    const build = spawnSync("node", [join(ROOT, "scripts/app.js"), "cli/cdktf-aws-webapp.ts", "--help"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(build.status).toBe(0);
    const bare = join(mkdtempSync(join(tmpdir(), "release-cli-")), "release-cli.js");
    copyFileSync(join(ROOT, ".cdktf-app", "cdktf-aws-webapp.js"), bare);
    const help = spawnSync("node", [bare, "release", "--help"], { cwd: tmpdir(), encoding: "utf8", timeout: 10_000 });
    expect({ status: help.status, stderr: help.stderr }).toEqual({ status: 0, stderr: "" });
    expect(help.stdout).toMatch(/^Usage: cdktf-aws-webapp release /);
  });
});
