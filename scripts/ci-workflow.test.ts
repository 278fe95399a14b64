import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = join(__dirname, "..");
const text = readFileSync(join(ROOT, ".github", "workflows", "infrastructure.yml"), "utf8");
const workflow = parse(text);
const jobs: Record<string, any> = workflow.jobs;
/** The delivery guide, where the README sends a team to set up CI. */
const readme = readFileSync(join(ROOT, "docs", "delivery.md"), "utf8");

const AWS_ACTION = "aws-actions/configure-aws-credentials";
const uses = (job: any): string[] => job.steps.filter((s: any) => s.uses).map((s: any) => s.uses.split("@")[0]);
const runs = (job: any): string[] => job.steps.filter((s: any) => s.run).map((s: any) => s.run as string);
const awsStep = (job: any) => job.steps.find((s: any) => s.uses?.startsWith(`${AWS_ACTION}@`));

describe("CI workflow", () => {
  it("runs on pull requests and pushes to main, on a schedule, and on dispatch with an image tag", () => {
    expect(workflow.on.pull_request.branches).toEqual(["main"]);
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.on.schedule[0].cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(workflow.on.workflow_dispatch.inputs.image_tag).toMatchObject({ required: true, type: "string" });
    expect(Object.keys(jobs)).toEqual(["test", "plan", "apply", "apply-prod", "drift"]);
  });

  it("grants nothing by default, and id-token: write exactly to the jobs that assume an AWS role", () => {
    expect(workflow.permissions).toEqual({});
    for (const [name, job] of Object.entries(jobs)) {
      const assumes = awsStep(job) !== undefined;
      expect(job.permissions, name).toEqual(assumes ? { contents: "read", "id-token": "write" } : { contents: "read" });
    }
    expect(awsStep(jobs.test)).toBeUndefined();
  });

  it("assumes plan roles to plan and check drift, apply roles only in GitHub environments", () => {
    const role = (job: string) => awsStep(jobs[job]).with["role-to-assume"];
    expect(role("plan")).toBe("arn:aws:iam::${{ vars.AWS_ACCOUNT_ID }}:role/${{ env.PROJECT }}-deploy-${{ matrix.environment }}-plan");
    expect(role("drift")).toBe(role("plan"));
    expect(role("apply")).toBe("arn:aws:iam::${{ vars.AWS_ACCOUNT_ID }}:role/${{ env.PROJECT }}-deploy-${{ matrix.environment }}-apply");
    expect(role("apply-prod")).toBe("arn:aws:iam::${{ vars.AWS_ACCOUNT_ID }}:role/${{ env.PROJECT }}-deploy-prod-apply");
    // The apply roles trust `repo:...:environment:<env>`: the job must run in that environment.
    expect(jobs.apply.environment).toBe("${{ matrix.environment }}");
    expect(jobs.plan.environment).toBeUndefined();
    expect(jobs.drift.environment).toBeUndefined();
    expect(text).not.toMatch(/aws-access-key-id|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/);
  });

  it("plans every environment on pull requests and applies dev and staging on main, prod after the prod environment's reviewers", () => {
    expect(jobs.plan.if).toBe("github.event_name == 'pull_request'");
    expect(jobs.plan.strategy.matrix.environment).toEqual(["dev", "staging", "prod"]);
    expect(jobs.apply.if).toMatch(/^github.ref == 'refs\/heads\/main' && /);
    expect(jobs.apply.strategy.matrix.environment).toEqual(["dev", "staging"]);
    expect(jobs["apply-prod"]).toMatchObject({ environment: "prod", needs: "apply", if: jobs.apply.if });
    expect(jobs.drift.if).toBe("github.event_name == 'schedule'");
    expect(jobs.drift.strategy.matrix.environment).toEqual(["dev", "staging", "prod"]);
  });

  it("uses setup-node, setup-terraform and configure-aws-credentials, pinned to commits, and not terraform-cdk-action", () => {
    for (const job of ["plan", "apply", "apply-prod", "drift"]) {
      expect(uses(jobs[job])).toEqual(["actions/checkout", "actions/setup-node", "hashicorp/setup-terraform", AWS_ACTION]);
    }
    const refs = Object.values(jobs).flatMap((j: any) => j.steps.filter((s: any) => s.uses).map((s: any) => s.uses as string));
    for (const ref of refs) expect(ref).toMatch(/@[0-9a-f]{40}$/);
    expect(text).not.toContain("terraform-cdk-action");
    expect(workflow.env.CHECKPOINT_DISABLE).toBe("1");
  });

  it("posts the plan to the job summary and fails the drift check on -detailed-exitcode 2", () => {
    const plan = runs(jobs.plan).join("\n");
    expect(plan).toMatch(/-out=tfplan > plan\.txt/);
    expect(plan).toContain('>> "$GITHUB_STEP_SUMMARY"');
    const drift = runs(jobs.drift).join("\n");
    expect(drift).toContain("-detailed-exitcode");
    expect(drift).toMatch(/2\) .*\n.*exit 2 ;;/);
  });

  it("passes IMAGE_TAG from the dispatch input or a repository variable, and every synthesizing job refuses empty and latest before synth", () => {
    expect(workflow.env.IMAGE_TAG).toBe("${{ inputs.image_tag || vars.IMAGE_TAG }}");
    expect(text).not.toMatch(/IMAGE_TAG:\s*["']?latest/);
    for (const [name, job] of Object.entries(jobs)) {
      const steps = job.steps.map((s: any) => s.name ?? s.run ?? s.uses);
      const check = steps.indexOf("Check IMAGE_TAG");
      expect(check, name).toBeGreaterThanOrEqual(0);
      expect(check, name).toBeLessThan(steps.indexOf("npm run synth"));
    }
    // Run the check itself: it must refuse latest and the empty tag, and accept a SHA.
    const script = jobs.test.steps.find((s: any) => s.name === "Check IMAGE_TAG").run;
    const exitCode = (tag: string) => {
      try {
        execFileSync("bash", ["-c", script], { env: { PATH: process.env.PATH, IMAGE_TAG: tag }, stdio: "pipe" });
        return 0;
      } catch (e: any) {
        return e.status as number;
      }
    };
    expect(exitCode("latest")).toBe(1);
    expect(exitCode("")).toBe(1);
    expect(exitCode("git-3f9c2ab")).toBe(0);
  });

  it("runs exactly the commands the delivery guide lists", () => {
    const block = /<!-- ci-commands -->\n```sh\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const commands = block![1].trim().split("\n").map((c) => c.replace(/\s+# .*$/, "").trim());
    expect(commands.length).toBeGreaterThanOrEqual(7);
    const all = Object.values(jobs).flatMap((j: any) => runs(j).flatMap((r) => r.split("\n").map((l) => l.trim())));
    for (const command of commands) {
      expect(all.some((line) => line.startsWith(command)), command).toBe(true);
    }
    // And the other way round: every terraform and npm command of the workflow is documented.
    for (const line of all.filter((l) => /^(terraform|npm) /.test(l))) {
      expect(commands.some((c) => line.startsWith(c)), line).toBe(true);
    }
  });
});

describe("CI workflow and bootstrap roles agree", () => {
  // Imported lazily so the YAML checks above do not pay for a synth.
  it("every role the workflow assumes exists in the bootstrap and trusts that job's sub claim", async () => {
    const { Testing } = await import("cdktf");
    const { buildApp } = await import("../environments/app");
    const { CONFIG, DELIVERY } = await import("../environments/config");
    const { synthStack, resources, policyOf } = await import("../modules/internal/testing");
    const { BootstrapStack } = await import("../environments/bootstrap");
    const bootstraps = BootstrapStack.all(buildApp(Testing.app(), {})).map((stack) => synthStack(stack));
    const roles = Object.fromEntries(bootstraps.flatMap((b) => Object.values(resources(b, "aws_iam_role"))).map((r: any) => [r.name, r]));
    const subjectsOf = (name: string): string[] =>
      [policyOf(roles[name], "assume_role_policy").Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]].flat();
    const repo = DELIVERY.github!.repository;
    const named = `repo:${repo.owner}/${repo.name}`;

    expect(workflow.env.PROJECT).toBe(CONFIG.prod.project);
    expect(workflow.env.AWS_REGION).toBe(CONFIG.prod.region);
    const roleName = (job: string, env: string) =>
      (awsStep(jobs[job]).with["role-to-assume"] as string)
        .replace("${{ env.PROJECT }}", workflow.env.PROJECT)
        .replace("${{ matrix.environment }}", env)
        .replace(/^arn:aws:iam::\$\{\{ vars.AWS_ACCOUNT_ID \}\}:role\//, "");
    for (const env of jobs.plan.strategy.matrix.environment) {
      expect(subjectsOf(roleName("plan", env))).toContain(`${named}:pull_request`);
      // The schedule runs on the default branch: the drift job's sub is refs/heads/main.
      expect(subjectsOf(roleName("drift", env))).toContain(`${named}:ref:refs/heads/main`);
    }
    for (const env of jobs.apply.strategy.matrix.environment) {
      expect(subjectsOf(roleName("apply", env))).toContain(`${named}:environment:${env}`);
    }
    expect(subjectsOf(roleName("apply-prod", "prod"))).toContain(`${named}:environment:${jobs["apply-prod"].environment}`);
  }, 60_000);
});
