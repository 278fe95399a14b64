import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
  it("runs on pull requests and pushes to main, on a schedule, and on dispatch with an environment and an image tag", () => {
    expect(workflow.on.pull_request.branches).toEqual(["main"]);
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.on.schedule[0].cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(workflow.on.workflow_dispatch.inputs.image_tag).toMatchObject({ required: true, type: "string" });
    expect(workflow.on.workflow_dispatch.inputs.environment).toMatchObject({
      required: true,
      type: "choice",
      options: ["dev", "staging", "prod"],
    });
    expect(Object.keys(jobs)).toEqual(["test", "plan", "release-image", "apply", "plan-prod", "apply-prod", "drift"]);
  });

  it("grants nothing by default, and id-token: write exactly to the jobs that assume an AWS role", () => {
    expect(workflow.permissions).toEqual({});
    for (const [name, job] of Object.entries(jobs)) {
      const assumes = awsStep(job) !== undefined;
      // The release-image job alone writes: it commits the image tag it deploys.
      const contents = name === "release-image" ? "write" : "read";
      expect(job.permissions, name).toEqual(assumes ? { contents, "id-token": "write" } : { contents });
    }
    expect(awsStep(jobs.test)).toBeUndefined();
  });

  it("assumes plan roles to plan and check drift, apply roles only in GitHub environments, each read from the environment's settings", () => {
    const role = (job: string) => awsStep(jobs[job]).with["role-to-assume"];
    expect(role("plan")).toBe("${{ steps.settings.outputs.plan_role_arn }}");
    expect(role("drift")).toBe(role("plan"));
    expect(role("apply")).toBe("${{ steps.settings.outputs.apply_role_arn }}");
    expect(role("plan-prod")).toBe(role("plan"));
    expect(role("release-image")).toBe(role("plan"));
    // apply-prod builds nothing: its role and region are plan-prod's settings of prod.
    expect(role("apply-prod")).toBe("${{ needs.plan-prod.outputs.apply_role_arn }}");
    expect(awsStep(jobs["apply-prod"]).with["aws-region"]).toBe("${{ needs.plan-prod.outputs.region }}");
    expect(jobs["plan-prod"].outputs).toMatchObject({
      apply_role_arn: "${{ steps.settings.outputs.apply_role_arn }}",
      region: "${{ steps.settings.outputs.region }}",
    });
    for (const [name, job] of Object.entries(jobs)) {
      if (!awsStep(job) || name === "apply-prod") continue;
      expect(awsStep(job).with["aws-region"], name).toBe("${{ steps.settings.outputs.region }}");
      // The settings step runs before the credentials step, for this job's environment.
      const settings = job.steps.findIndex((st: any) => st.id === "settings");
      expect(settings, name).toBeGreaterThanOrEqual(0);
      expect(settings, name).toBeLessThan(job.steps.indexOf(awsStep(job)));
      expect(job.steps[settings].run).toBe('npm run --silent pipeline-settings -- "$ENVIRONMENT" >> "$GITHUB_OUTPUT"');
      expect(job.env.ENVIRONMENT, name).toBe(
        job.strategy ? "${{ matrix.environment }}" : name === "release-image" ? "${{ inputs.environment }}" : "prod",
      );
    }
    // No account, role or region of its own: they would bypass environments/config.ts.
    expect(text).not.toMatch(/vars\.AWS_ACCOUNT_ID|arn:aws:iam::|AWS_REGION:/);
    // The apply roles trust `repo:...:environment:<env>`: the job must run in that environment.
    expect(jobs.apply.environment).toBe("${{ matrix.environment }}");
    expect(jobs.plan.environment).toBeUndefined();
    expect(jobs.drift.environment).toBeUndefined();
    expect(text).not.toMatch(/aws-access-key-id|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/);
  });

  it("plans every environment on pull requests and applies dev and staging on main, prod after the prod environment's reviewers", () => {
    expect(jobs.plan.if).toBe("github.event_name == 'pull_request'");
    expect(jobs.plan.strategy.matrix.environment).toEqual(["dev", "staging", "prod"]);
    // After the release job when there is one (dispatch), without it on a push.
    expect(jobs.apply.if).toBe(
      "always() && needs.test.result == 'success' && contains(fromJSON('[\"success\",\"skipped\"]'), needs.release-image.result) && github.ref == 'refs/heads/main' && (github.event_name == 'push' || github.event_name == 'workflow_dispatch')",
    );
    expect(jobs.apply.needs).toEqual(["test", "release-image"]);
    expect(jobs.apply.strategy.matrix.environment).toEqual(["dev", "staging"]);
    expect(jobs["plan-prod"]).toMatchObject({ needs: ["test", "release-image"], if: jobs.apply.if });
    expect(jobs["plan-prod"].environment).toBeUndefined(); // planned before anyone approves
    expect(jobs["apply-prod"]).toMatchObject({
      environment: "prod",
      needs: ["apply", "plan-prod"],
      if: "always() && needs.apply.result == 'success' && needs.plan-prod.result == 'success' && needs.plan-prod.outputs.changes == 'true'",
    });
    expect(jobs.drift.if).toBe("github.event_name == 'schedule'");
    expect(jobs.drift.strategy.matrix.environment).toEqual(["dev", "staging", "prod"]);
  });

  it("uses setup-node, setup-terraform and configure-aws-credentials, pinned to commits of majors that run on Node 24, and not terraform-cdk-action", () => {
    for (const job of ["plan", "apply", "drift"]) {
      expect(uses(jobs[job])).toEqual(["actions/checkout", "actions/setup-node", "hashicorp/setup-terraform", AWS_ACTION]);
    }
    expect(uses(jobs["plan-prod"])).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "hashicorp/setup-terraform",
      AWS_ACTION,
      "actions/upload-artifact",
    ]);
    expect(uses(jobs["apply-prod"])).toEqual(["actions/download-artifact", "hashicorp/setup-terraform", AWS_ACTION]);
    expect(uses(jobs["release-image"])).toEqual(["actions/checkout", "actions/setup-node", AWS_ACTION]);
    const refs = Object.values(jobs).flatMap((j: any) => j.steps.filter((s: any) => s.uses).map((s: any) => s.uses as string));
    for (const ref of refs) expect(ref).toMatch(/@[0-9a-f]{40}$/);
    // The first major of each action whose runtime is node24 (node20 actions are past GitHub's
    // deprecation); the version is the pin's comment, one commit per action throughout.
    const NODE24_MAJOR: Record<string, number> = {
      "actions/checkout": 5,
      "actions/setup-node": 5,
      "hashicorp/setup-terraform": 4,
      [AWS_ACTION]: 6,
      "actions/upload-artifact": 6,
      "actions/download-artifact": 7,
    };
    const pins = [...text.matchAll(/uses: ([\w./-]+)@([0-9a-f]{40}) # v(\d+)\.\d+\.\d+\n/g)].map((m) => ({
      action: m[1],
      sha: m[2],
      major: Number(m[3]),
    }));
    expect(pins.length).toBe(refs.length);
    for (const pin of pins) {
      expect(NODE24_MAJOR[pin.action], pin.action).toBeDefined();
      expect(pin.major, pin.action).toBeGreaterThanOrEqual(NODE24_MAJOR[pin.action]);
      expect(new Set(pins.filter((p) => p.action === pin.action).map((p) => p.sha)).size, pin.action).toBe(1);
    }
    expect(text).not.toContain("terraform-cdk-action");
    expect(workflow.env.CHECKPOINT_DISABLE).toBe("1");
    expect(Number(workflow.env.NODE_VERSION)).toBeGreaterThanOrEqual(24);
    // Only the job that pushes keeps the token in .git/config.
    for (const [name, job] of Object.entries(jobs)) {
      const checkout = job.steps.find((st: any) => st.uses?.startsWith("actions/checkout@"));
      if (checkout) expect(checkout.with?.["persist-credentials"], name).toBe(name === "release-image");
    }
  });

  it("posts the plan to the job summary and fails the drift check on -detailed-exitcode 2", () => {
    const plan = runs(jobs.plan).join("\n");
    expect(plan).toMatch(/-out=tfplan > plan\.txt/);
    expect(plan).toContain('>> "$GITHUB_STEP_SUMMARY"');
    const drift = runs(jobs.drift).join("\n");
    expect(drift).toContain("-detailed-exitcode");
    expect(drift).toMatch(/2\) .*\n.*exit 2 ;;/);
  });

  it("applies to prod the saved plan its reviewers saw: planned and shown before approval, applied from the file, refused once main moved on", () => {
    const planProd = jobs["plan-prod"];
    const plan = planProd.steps.find((st: any) => st.id === "plan").run as string;
    expect(plan).toContain(
      'terraform -chdir="$STACK_DIR" plan -input=false -no-color -lock-timeout=5m -detailed-exitcode -out=plan.tfplan',
    );
    expect(plan).toContain('terraform -chdir="$STACK_DIR" show -no-color plan.tfplan');
    expect(plan).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(plan).toMatch(/2\) echo "changes=true" >> "\$GITHUB_OUTPUT"/);
    expect(plan).toContain('git rev-parse HEAD > "$STACK_DIR/plan-commit"');
    const upload = planProd.steps.find((st: any) => st.uses?.startsWith("actions/upload-artifact@"));
    expect(upload.with.path.trim().split("\n")).toEqual(
      ["plan.tfplan", "plan-commit", "cdk.tf.json", ".terraform.lock.hcl", "release-cli.js"].map((f) => `\${{ env.STACK_DIR }}/${f}`),
    );
    expect(upload.with).toMatchObject({ name: "prod-plan", "include-hidden-files": true, "if-no-files-found": "error" });

    const applyProd = jobs["apply-prod"];
    const download = applyProd.steps.find((st: any) => st.uses?.startsWith("actions/download-artifact@"));
    expect(download.with).toEqual({ name: upload.with.name, path: "${{ env.STACK_DIR }}" });
    const commands = runs(applyProd);
    // Nothing rebuilt, nothing re-planned: the file the reviewers saw is what applies.
    expect(commands.filter((c) => /npm|cdktf|terraform[^\n]* plan /.test(c))).toEqual([]);
    expect(commands.at(-1)).toBe('terraform -chdir="$STACK_DIR" apply -input=false -lock-timeout=5m plan.tfplan');
    expect(applyProd.concurrency.group).toBe("terraform-prod");

    // The commit check, run with a stand-in gh: it passes for main's head and fails otherwise.
    const check = applyProd.steps.find((st: any) => st.name === "The plan is of main's head").run as string;
    const dir = mkdtempSync(join(tmpdir(), "plan-commit-"));
    mkdirSync(join(dir, "bin"));
    writeFileSync(join(dir, "bin", "gh"), '#!/bin/sh\necho "$HEAD"\n', { mode: 0o755 });
    writeFileSync(join(dir, "plan-commit"), "aaaa\n");
    const status = (head: string) =>
      spawnSync("bash", ["-c", check], {
        env: { PATH: `${join(dir, "bin")}:${process.env.PATH}`, HEAD: head, STACK_DIR: dir, GITHUB_REPOSITORY: "o/r" },
        encoding: "utf8",
      });
    expect(status("aaaa").status).toBe(0);
    const stale = status("bbbb");
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain("this plan was made from aaaa, but main is now at bbbb");
  });

  it("deploys each environment's checked-in image tag, checked in that environment's registry before any plan", () => {
    // No tag of the workflow's own: environments/image-tags.json, through the settings step.
    expect(text).not.toMatch(/\bIMAGE_TAG\b|vars\./);
    for (const [name, job] of Object.entries(jobs)) {
      if (!awsStep(job) || name === "apply-prod") continue;
      const steps: any[] = job.steps;
      const check = steps.findIndex((st) => st.name === "The image exists in this environment's registry");
      expect(check, name).toBe(steps.indexOf(awsStep(job)) + 1);
      expect(steps[check].env).toEqual({
        ECR_REPOSITORY: "${{ steps.settings.outputs.ecr_repository }}",
        DEPLOY_TAG: "${{ steps.settings.outputs.image_tag }}",
      });
      expect(steps[check].run).toBe('scripts/check-image.sh "$ENVIRONMENT" "$ECR_REPOSITORY" "$DEPLOY_TAG"');
      const firstTerraform = steps.findIndex((st) => /terraform /.test(st.run ?? ""));
      if (firstTerraform >= 0) expect(check, name).toBeLessThan(firstTerraform);
    }
  });

  it("runs the app's release command on the environment's checked-in tag", () => {
    const tagOf = (job: string) => jobs[job].steps.find((st: any) => st.name === "Release command before the image changes");
    expect(tagOf("apply").env).toEqual({ DEPLOY_TAG: "${{ steps.settings.outputs.image_tag }}" });
    expect(tagOf("apply-prod").env).toEqual({ DEPLOY_TAG: "${{ needs.plan-prod.outputs.image_tag }}" });
    expect(jobs["plan-prod"].outputs.image_tag).toBe("${{ steps.settings.outputs.image_tag }}");
    for (const job of ["apply", "apply-prod"]) expect(tagOf(job).run, job).toContain('--image-tag "$DEPLOY_TAG"');
  });

  it("says clearly when the image is missing, and why", () => {
    const dir = mkdtempSync(join(tmpdir(), "check-image-"));
    mkdirSync(join(dir, "bin"));
    // A stand-in AWS CLI: prints $AWS_OUT and exits with $AWS_STATUS.
    writeFileSync(join(dir, "bin", "aws"), '#!/bin/sh\necho "$AWS_OUT"\nexit "$AWS_STATUS"\n', { mode: 0o755 });
    const run = (status: number, out: string) =>
      spawnSync(join(ROOT, "scripts", "check-image.sh"), ["staging", "fckdoomscroll/staging/app", "git-abc123"], {
        env: { PATH: `${join(dir, "bin")}:${process.env.PATH}`, AWS_STATUS: String(status), AWS_OUT: out },
        encoding: "utf8",
      });
    const found = run(0, "sha256:0123");
    expect([found.status, found.stdout.trim()]).toEqual([0, "staging deploys fckdoomscroll/staging/app:git-abc123 (sha256:0123)"]);
    const missing = run(254, "An error occurred (ImageNotFoundException) when calling the DescribeImages operation");
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(
      /^::error::staging deploys image tag git-abc123 \(environments\/image-tags.json\), which is not in its ECR repository fckdoomscroll\/staging\/app: push it first \(scripts\/push-image.sh staging git-abc123\)/,
    );
    expect(run(254, "An error occurred (RepositoryNotFoundException)").stdout).toContain(
      "the repository does not exist yet: a fresh environment starts with the first-deploy runbook",
    );
    expect(run(253, "Unable to locate credentials").stdout).toContain("it could not be checked: Unable to locate credentials");
  });

  it("releases an image to one environment by committing its tag to main, then deploys that commit", () => {
    const release = jobs["release-image"];
    const steps = release.steps.map((st: any) => st.name ?? st.run ?? st.uses.split("@")[0]);
    expect(steps).toEqual([
      "Dispatched on main",
      "actions/checkout",
      "actions/setup-node",
      "npm ci",
      'npm run --silent image-tag -- "$ENVIRONMENT" "$NEW_IMAGE_TAG"',
      "Settings of this environment (environments/config.ts)",
      AWS_ACTION,
      "The image exists in this environment's registry",
      "Commit the tag to main",
    ]);
    // Inputs reach scripts as variables, never spliced into them.
    expect(release.env).toMatchObject({ ENVIRONMENT: "${{ inputs.environment }}", NEW_IMAGE_TAG: "${{ inputs.image_tag }}" });
    for (const st of release.steps) expect(st.run ?? "").not.toContain("${{");
    const commit = release.steps.at(-1).run as string;
    expect(commit).toContain("git commit -m");
    expect(commit).toContain("-- environments/image-tags.json");
    expect(commit).toContain("git push origin HEAD:main");
    expect(release.outputs.commit).toBe("${{ steps.commit.outputs.commit }}");
    for (const job of ["apply", "plan-prod"]) {
      const checkout = jobs[job].steps.find((st: any) => st.uses?.startsWith("actions/checkout@"));
      expect(checkout.with.ref, job).toBe("${{ needs.release-image.outputs.commit || github.sha }}");
    }
  });

  it("runs exactly the commands the delivery guide lists", () => {
    const block = /<!-- ci-commands -->\n```sh\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const commands = block![1]
      .trim()
      .split("\n")
      .map((c) => c.replace(/\s+# .*$/, "").trim());
    expect(commands.length).toBeGreaterThanOrEqual(7);
    const all = Object.values(jobs).flatMap((j: any) => runs(j).flatMap((r) => r.split("\n").map((l) => l.trim())));
    for (const command of commands) {
      expect(
        all.some((line) => line.startsWith(command)),
        command,
      ).toBe(true);
    }
    // And the other way round: every terraform and npm command of the workflow is documented.
    for (const line of all.filter((l) => /^(terraform|npm) /.test(l))) {
      expect(
        commands.some((c) => line.startsWith(c)),
        line,
      ).toBe(true);
    }
  });
});

describe("CI workflow and bootstrap roles agree", () => {
  // Imported lazily so the YAML checks above do not pay for a synth.
  it("every role the workflow assumes exists in its environment's bootstrap and trusts that job's sub claim", async () => {
    const { Testing } = await import("cdktf");
    const { buildApp } = await import("../environments/app");
    const { CONFIG, DELIVERY } = await import("../environments/config");
    const { pipelineSettings } = await import("../environments/pipeline");
    const { synthStack, resources, policyOf } = await import("../modules/internal/testing");
    const { BootstrapStack } = await import("../environments/bootstrap");
    const bootstraps = BootstrapStack.all(buildApp(Testing.app(), {})).map((stack) => synthStack(stack));
    const roles = Object.fromEntries(bootstraps.flatMap((b) => Object.values(resources(b, "aws_iam_role"))).map((r: any) => [r.name, r]));
    const subjectsOf = (name: string): string[] =>
      [policyOf(roles[name], "assume_role_policy").Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]].flat();
    const repo = DELIVERY.github!.repository;
    const named = `repo:${repo.owner}/${repo.name}`;
    // The job's step output is the settings of its environment: the role's name is the ARN's last part.
    const roleName = (env: keyof typeof CONFIG, phase: "plan" | "apply") => {
      const arn = pipelineSettings(CONFIG[env])[`${phase}_role_arn`];
      expect(arn.startsWith(`arn:aws:iam::${CONFIG[env].accountId}:role/`)).toBe(true);
      return arn.split("/").pop()!;
    };
    for (const env of jobs.plan.strategy.matrix.environment) {
      expect(subjectsOf(roleName(env, "plan"))).toContain(`${named}:pull_request`);
      // The schedule runs on the default branch: the drift job's sub is refs/heads/main.
      expect(subjectsOf(roleName(env, "plan"))).toContain(`${named}:ref:refs/heads/main`);
    }
    for (const env of jobs.apply.strategy.matrix.environment) {
      expect(subjectsOf(roleName(env, "apply"))).toContain(`${named}:environment:${env}`);
    }
    expect(subjectsOf(roleName("prod", "apply"))).toContain(`${named}:environment:${jobs["apply-prod"].environment}`);

    // The plan roles may run the image check (scripts/check-image.sh: ecr:DescribeImages) on their
    // environment's repository: allowed, and denied only under conditions (another environment's tag).
    const roleKey = (name: string) =>
      bootstraps.flatMap((b) => Object.entries(resources(b, "aws_iam_role"))).find(([, r]: any) => r.name === name)![0];
    const matches = (pattern: string, action: string) =>
      new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i").test(action);
    for (const env of jobs.plan.strategy.matrix.environment) {
      const key = roleKey(roleName(env, "plan"));
      const statements = bootstraps
        .flatMap((b) => Object.values(resources(b, "aws_iam_role_policy")))
        .filter((p: any) => p.role === `\${aws_iam_role.${key}.name}`)
        .flatMap((p: any) => policyOf(p).Statement);
      const grants = (effect: string) =>
        statements.filter((st: any) => st.Effect === effect && [st.Action].flat().some((a: string) => matches(a, "ecr:DescribeImages")));
      expect(grants("Allow").filter((st: any) => !st.Condition).length, env).toBeGreaterThan(0);
      expect(
        grants("Deny").filter((st: any) => !st.Condition),
        env,
      ).toEqual([]);
      for (const deny of grants("Deny"))
        expect(
          deny.Condition.StringNotEquals["aws:ResourceTag/Environment"] ?? deny.Condition.StringNotEquals["aws:RequestTag/Environment"],
          env,
        ).toBe(env);
    }
  }, 60_000);
});

/** The repository variables and secrets docs/delivery.md tells a team to set. */
function documentedSettings(): { variables: string[]; secrets: string[] } {
  const block = /<!-- github-settings -->\n([\s\S]*?)\n\n/.exec(readme);
  if (!block) throw new Error("docs/delivery.md has no <!-- github-settings --> table");
  const rows = block[1]
    .split("\n")
    .slice(2)
    .map((row) => row.split("|").map((c) => c.trim()));
  const named = (kind: string) => rows.filter((r) => r[1] === `repository ${kind}`).map((r) => /^`([A-Z0-9_<>]+)`$/.exec(r[2])![1]);
  return { variables: named("variable"), secrets: named("secret") };
}

/**
 * Evaluates the `${{ }}` expressions the workflow's env blocks use: `a || b || 'literal'` over
 * the secrets, vars, inputs, matrix and env contexts (unset is "", as in GitHub). Anything else
 * fails, so the test cannot silently model a workflow it does not understand.
 */
function evaluate(value: unknown, contexts: Record<string, Record<string, string>>): string {
  return String(value).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    for (const operand of expression.split(/\s*\|\|\s*/)) {
      const literal = /^'(.*)'$/.exec(operand);
      const reference = /^(secrets|vars|inputs|matrix|env)\.([A-Za-z0-9_]+)$/.exec(operand);
      if (!literal && !reference) throw new Error(`cannot evaluate \${{ ${expression} }}`);
      const result = literal ? literal[1] : (contexts[reference![1]][reference![2]] ?? "");
      if (result !== "") return result;
    }
    return "";
  });
}

/** Each synthesizing job's environment (per matrix entry) at its `npm run synth` step. */
function synthEnvironments(secrets: Record<string, string>, vars: Record<string, string>, inputs: Record<string, string>) {
  const out: { job: string; env: Record<string, string> }[] = [];
  for (const [name, job] of Object.entries(jobs)) {
    // The synth step, else the settings step: both load the configuration.
    const synth = job.steps.find((st: any) => st.run === "npm run synth") ?? job.steps.find((st: any) => st.id === "settings");
    if (!synth) continue;
    for (const environment of job.strategy?.matrix?.environment ?? [undefined]) {
      const matrix: Record<string, string> = environment ? { environment } : {};
      const contexts = { secrets, vars, inputs, matrix, env: {} as Record<string, string> };
      for (const block of [workflow.env, job.env, synth.env]) {
        for (const [key, value] of Object.entries(block ?? {})) contexts.env[key] = evaluate(value, contexts);
      }
      out.push({ job: environment ? `${name} (${environment})` : name, env: { ...contexts.env } });
    }
  }
  return out;
}

describe("the app synthesizes in every workflow job's environment, with the settings docs/delivery.md lists", () => {
  const documented = documentedSettings();
  // Values for the repository variables the docs list (none today: image tags are checked in).
  const DUMMY_VARIABLE: Record<string, string> = {};
  const DUMMY_SECRET = "s".repeat(48);

  it("documents exactly the variables the workflow reads and the secrets the configuration can take", async () => {
    const { ENVIRONMENTS, originVerifySecretVariable } = await import("../environments/config");
    const read = (context: string) =>
      [...new Set([...text.matchAll(new RegExp(`${context}\\.([A-Z0-9_]+)`, "g"))].map((m) => m[1]))].sort();
    expect(read("vars")).toEqual([...documented.variables].sort());
    // `<ENV>` stands for each environment: the workflow passes each its own secret.
    const expand = (name: string) => ENVIRONMENTS.map((e) => name.replace("<ENV>", e.toUpperCase()));
    expect(read("secrets")).toEqual([...new Set(documented.secrets.flatMap(expand))].sort());
    expect(documented.secrets.flatMap(expand).sort()).toEqual(ENVIRONMENTS.map(originVerifySecretVariable).sort());
    for (const variable of documented.variables) expect(DUMMY_VARIABLE[variable], variable).toBeDefined();
  });

  // The checked-in settings, and prod switched to a public load balancer as a team would (one line).
  it.each([
    ["as checked in", {}],
    ["with prod's originAccess public", { prod: "public" }],
  ] as const)(
    "synthesizes every stack %s",
    async (_, origins) => {
      const { Testing } = await import("cdktf");
      const { buildApp } = await import("../environments/app");
      const { CONFIG, ENVIRONMENTS, pipelineSecrets } = await import("../environments/config");
      const bases = Object.fromEntries(
        Object.entries(origins).map(([env, originAccess]) => [env, { ...CONFIG[env as "prod"], originAccess }]),
      );
      const configs = ENVIRONMENTS.map((e) => bases[e] ?? CONFIG[e]);
      // The secrets the docs say to set for these settings: a name with `<ENV>` for each environment
      // whose settings take it (its originAccess is public), any other name always.
      const toSet = documented.secrets.flatMap((name) =>
        name.includes("<ENV>")
          ? configs.map((c) => name.replace("<ENV>", c.environment.toUpperCase())).filter((n, i) => pipelineSecrets(configs[i]).includes(n))
          : [name],
      );
      const secrets = Object.fromEntries(toSet.map((name) => [name, DUMMY_SECRET]));
      expect("ORIGIN_VERIFY_SECRET_PROD" in secrets).toBe(Object.keys(origins).length > 0);
      const vars = Object.fromEntries(documented.variables.map((v) => [v, DUMMY_VARIABLE[v]]));
      const runs = [
        ...synthEnvironments(secrets, vars, {}),
        ...synthEnvironments(secrets, vars, { environment: "staging", image_tag: "git-dispatched" }).map((r) => ({
          ...r,
          job: `${r.job} (dispatch)`,
        })),
      ];
      expect(runs.map((r) => r.job)).toEqual(
        expect.arrayContaining(["test", "plan (prod)", "release-image (dispatch)", "apply (staging)", "plan-prod", "drift (dev)"]),
      );
      // Jobs that differ only in the matrix or the stack folder synthesize the same app: once each.
      const distinct = new Map<string, { job: string; env: Record<string, string> }>();
      for (const run of runs) {
        const { STACK_DIR: _dir, ENVIRONMENT: _env, NEW_IMAGE_TAG: _tag, ...relevant } = run.env;
        distinct.set(JSON.stringify(relevant), run);
      }
      for (const { job, env } of distinct.values()) {
        if (Object.keys(bases).length === 0) {
          // The checked-in settings: run main.ts itself, as `npm run synth` does, with only the job's environment.
          const outdir = mkdtempSync(join(tmpdir(), "workflow-synth-"));
          const main = spawnSync("node", [join(ROOT, "scripts", "app.js"), "main.ts"], {
            cwd: ROOT,
            env: { PATH: process.env.PATH, CDKTF_OUTDIR: outdir, ...env },
            encoding: "utf8",
            timeout: 120_000,
          });
          expect(main.status, `job ${job}: ${main.stderr}`).toBe(0);
          for (const stack of ["dev", "staging", "prod"])
            expect(existsSync(join(outdir, "stacks", stack, "cdk.tf.json")), `${job}: ${stack}`).toBe(true);
        }
        let app;
        try {
          app = buildApp(Testing.app(), { PATH: process.env.PATH, ...env }, { bases });
          app.synth();
        } catch (e) {
          throw new Error(`job ${job}: ${(e as Error).message}`);
        }
        const prod = JSON.parse(Testing.synth(app.node.findChild("prod") as never));
        const headers = JSON.stringify(prod.resource.aws_cloudfront_distribution ?? {});
        expect(headers.includes(DUMMY_SECRET), job).toBe(Object.keys(origins).length > 0);
      }
    },
    240_000,
  );
});
