import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { describe, expect, it } from "vitest";
import { ContainerWebApp, ContainerWebAppProps } from "../modules/patterns/container-web-app";
import { CliIo, main } from "./main";
import { Exec, ExecResult } from "./exec";

const ROOT = join(__dirname, "..");
// No AWS, no network: a bogus endpoint makes an accidental AWS call fail instead of reaching out.
const OFFLINE_ENV = {
  ...process.env,
  AWS_ACCESS_KEY_ID: "",
  AWS_SECRET_ACCESS_KEY: "",
  AWS_ENDPOINT_URL: "http://127.0.0.1:9",
  AWS_PROFILE: "",
};

/** Runs the CLI in-process; `exec` answers programs from a script (and records what ran). */
function cli(argv: string[], answers: ((command: string, args: readonly string[]) => ExecResult | undefined)[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const ran: string[] = [];
  const exec: Exec = (command, args) => {
    ran.push([command, ...args].join(" "));
    for (const answer of answers) {
      const result = answer(command, args);
      if (result) return result;
    }
    throw new Error(`unexpected program: ${command} ${args.join(" ")}`);
  };
  const io: CliIo = { exec, out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = main(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n"), ran };
}

/** A synthesized stack directory, as `npm run synth` writes it. */
function synthesizedStack(props: Partial<ContainerWebAppProps> = {}): string {
  const outdir = mkdtempSync(join(tmpdir(), "cli-synth-"));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "qa");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new ContainerWebApp(stack, "App", { project: "shop", environment: "qa", profile: "non-production", imageTag: "v1", ...props });
  app.synth();
  return join(outdir, "stacks", "qa");
}

const ok = (stdout: string): ExecResult => ({ status: 0, stdout, stderr: "" });
const SETTINGS = {
  cluster: "shop-prod",
  task_definition: "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-prod-db-admin:3",
  subnets: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
  security_groups: ["sg-0123456789abcdef0"],
  assign_public_ip: "DISABLED",
  log_group: "/ecs/shop-prod-db-admin",
  app_user: "app_user",
  access: "url",
  url_secret_arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/prod/DATABASE_URL-AbCdEf",
};
const TASK = "arn:aws:ecs:us-east-1:123456789012:task/shop-prod/0123456789abcdef";
/** terraform output -json, then an ECS task whose containers exit with these codes. */
const applied = (exitCodes: Record<string, number>) => [
  (c: string, a: readonly string[]) =>
    c === "terraform" && a.includes("db_admin_task") ? ok(JSON.stringify(JSON.stringify(SETTINGS))) : undefined,
  (c: string, a: readonly string[]) =>
    c === "aws" && a[1] === "run-task" ? ok(JSON.stringify({ tasks: [{ taskArn: TASK }], failures: [] })) : undefined,
  (c: string, a: readonly string[]) => (c === "aws" && a[1] === "wait" ? ok("") : undefined),
  (c: string, a: readonly string[]) =>
    c === "aws" && a[1] === "describe-tasks"
      ? ok(
          JSON.stringify({
            tasks: [
              {
                stoppedReason: "Essential container in task exited",
                containers: Object.entries(exitCodes).map(([name, exitCode]) => ({ name, exitCode })),
              },
            ],
          }),
        )
      : undefined,
];

describe("cdktf-aws-webapp --help", () => {
  it("lists the commands; without one it prints the usage on stderr and exits 2", () => {
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: cdktf-aws-webapp <command> \[options\]/);
    expect(help.out).toContain("db-create-app-role");
    expect(cli([])).toMatchObject({ code: 2, err: expect.stringMatching(/^Usage: /) });
    expect(cli(["drop-database"])).toMatchObject({ code: 2, err: expect.stringMatching(/^unknown command: drop-database/) });
  });

  it("db-create-app-role --help says what it runs, in both modes, and how to rotate", () => {
    const help = cli(["db-create-app-role", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: cdktf-aws-webapp db-create-app-role \(--stack NAME \| --stack-dir DIR\)/);
    expect(help.out).toContain("IAM mode");
    expect(help.out).toContain("URL mode");
    expect(help.out).toContain("deploy between two rotations");
    expect(help.ran).toEqual([]);
  });

  it("the package's bin runs as a program, offline (the source through the repo's runner)", () => {
    const run = spawnSync("node", [join(ROOT, "scripts/app.js"), "cli/cdktf-aws-webapp.ts", "db-create-app-role", "--help"], {
      cwd: ROOT,
      env: OFFLINE_ENV,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(run.stdout).toMatch(/^Usage: cdktf-aws-webapp db-create-app-role /);
  });

  it("is shipped: package.json bin points at the compiled entry, inside files, built by tsconfig.build.json", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.bin).toMatchObject({ "cdktf-aws-webapp": "dist/cli/cdktf-aws-webapp.js" });
    expect(pkg.files).toContain("dist/cli/**/*.js");
    expect(JSON.parse(readFileSync(join(ROOT, "tsconfig.build.json"), "utf8")).include).toContain("cli/**/*.ts");
    // tsc keeps a leading shebang: the compiled file is executable by npm's bin link.
    expect(readFileSync(join(__dirname, "cdktf-aws-webapp.ts"), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });
});

describe("db-create-app-role", () => {
  it("dry run against a synthesized stack: no terraform, no AWS; the admin task in private subnets with its own group", () => {
    const dir = synthesizedStack({ database: { access: "url" } });
    const run = cli(["db-create-app-role", "--stack-dir", dir, "--dry-run"]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.ran).toEqual([]);
    expect(run.out).toContain("Creating app_user's next login and writing DATABASE_URL (<aws_secretsmanager_secret.App_AppSecrets_Secret");
    expect(run.out).toMatch(
      /\+ aws ecs run-task --cluster '<aws_ecs_cluster\.App_Cluster_\w+\.name>' --task-definition '<aws_ecs_task_definition\.App_DatabaseAdmin_TaskDefinition_\w+\.arn>' --launch-type FARGATE --count 1 --started-by cdktf-aws-webapp --network-configuration 'awsvpcConfiguration=\{subnets=\[<aws_subnet\.App_Network_PrivateSubnet1_\w+\.id>,<aws_subnet\.App_Network_PrivateSubnet2_\w+\.id>\],securityGroups=\[<aws_security_group\.App_DatabaseAdmin_SecurityGroup_\w+\.id>\],assignPublicIp=DISABLED\}'/,
    );
  });

  it("runs the task from the applied stack's output and succeeds when every container exited 0", () => {
    const run = cli(["db-create-app-role", "--stack-dir", ROOT], applied({ select: 0, psql: 0, store: 0 }));
    expect(run.code).toBe(0);
    expect(run.ran[0]).toBe(`terraform -chdir=${ROOT} output -json db_admin_task`);
    expect(run.ran[1]).toContain(
      "aws ecs run-task --cluster shop-prod --task-definition arn:aws:ecs:us-east-1:123456789012:task-definition/shop-prod-db-admin:3",
    );
    expect(run.ran[1]).toContain("assignPublicIp=DISABLED}");
    expect(run.ran[2]).toBe(`aws ecs wait tasks-stopped --cluster shop-prod --tasks ${TASK}`);
    expect(run.out).toContain("DATABASE_URL is written: deploy the app");
  });

  it("exits with the failed container's code (a non-essential step counts too)", () => {
    const run = cli(["db-create-app-role", "--stack-dir", ROOT], applied({ select: 0, psql: 3 }));
    expect(run.code).toBe(3);
    expect(run.err).toContain("container psql failed (exit code 3");
  });

  it("reads saved outputs with --outputs, and names the output when the stack does not have it", () => {
    const file = join(mkdtempSync(join(tmpdir(), "cli-outputs-")), "outputs.json");
    writeFileSync(file, JSON.stringify({ app_url: { value: "https://x" } }));
    const run = cli(["db-create-app-role", "--outputs", file]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`db-create-app-role: no output db_admin_task in ${file}`);
    const missing = cli(
      ["db-create-app-role", "--stack-dir", ROOT],
      [(c) => (c === "terraform" ? { status: 1, stdout: "", stderr: "no output" } : undefined)],
    );
    expect(missing.err).toContain("apply -refresh-only");
  });

  it("refuses unknown options and a missing stack (exit 2)", () => {
    expect(cli(["db-create-app-role", "--stack", "prod", "--force"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("unknown option --force"),
    });
    expect(cli(["db-create-app-role"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("give --stack NAME, --stack-dir DIR or --outputs FILE"),
    });
  });
});

describe("release", () => {
  const RELEASE = {
    cluster: "shop-prod",
    task_definition: "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-prod-release:4",
    subnets: ["subnet-0bbbbbbbbbbbbbbb1"],
    security_groups: ["sg-0123456789abcdef0"],
    assign_public_ip: "DISABLED",
    log_group: "/ecs/shop-prod",
    container: "app",
    command: ["npx", "prisma", "migrate", "deploy"],
  };
  const REPO = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/prod/app";
  const NEW = "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-prod-release:5";
  let registered: any;
  const answers = (deployedTag: string, exitCode: number) => [
    (c: string, a: readonly string[]) =>
      c === "terraform" && a.includes("release_task") ? ok(JSON.stringify(JSON.stringify(RELEASE))) : undefined,
    (c: string, a: readonly string[]) =>
      c === "aws" && a[1] === "describe-task-definition"
        ? ok(
            JSON.stringify({
              taskDefinition: {
                family: "shop-prod-release",
                taskDefinitionArn: RELEASE.task_definition,
                revision: 4,
                status: "ACTIVE",
                executionRoleArn: "arn:aws:iam::123456789012:role/exec",
                taskRoleArn: "arn:aws:iam::123456789012:role/task",
                networkMode: "awsvpc",
                cpu: "256",
                memory: "512",
                requiresCompatibilities: ["FARGATE"],
                containerDefinitions: [
                  {
                    name: "app",
                    image: `${REPO}:${deployedTag}`,
                    command: RELEASE.command,
                    secrets: [
                      {
                        name: "DATABASE_URL",
                        valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/prod/DATABASE_URL-AbCdEf",
                      },
                    ],
                  },
                ],
              },
            }),
          )
        : undefined,
    (c: string, a: readonly string[]) => {
      if (c !== "aws" || a[1] !== "register-task-definition") return undefined;
      registered = JSON.parse(readFileSync(a[3].replace("file://", ""), "utf8"));
      return ok(JSON.stringify({ taskDefinition: { taskDefinitionArn: NEW } }));
    },
    (c: string, a: readonly string[]) =>
      c === "aws" && a[1] === "run-task" ? ok(JSON.stringify({ tasks: [{ taskArn: TASK }] })) : undefined,
    (c: string, a: readonly string[]) => (c === "aws" && a[1] === "wait" ? ok("") : undefined),
    (c: string, a: readonly string[]) =>
      c === "aws" && a[1] === "describe-tasks" ? ok(JSON.stringify({ tasks: [{ containers: [{ name: "app", exitCode }] }] })) : undefined,
    (c: string, a: readonly string[]) => (c === "aws" && a[1] === "deregister-task-definition" ? ok("{}") : undefined),
  ];

  it("--help says it runs before the deployment and stops it on failure", () => {
    const help = cli(["release", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: cdktf-aws-webapp release \(--stack NAME \| --stack-dir DIR\) \[--image-tag TAG\]/);
    expect(help.out).toContain("--skip-if-current");
    expect(help.out).toContain("--if-present");
  });

  it("runs the command on the new tag: a revision with only the image swapped, run, waited for, then deregistered", () => {
    const run = cli(["release", "--stack-dir", ROOT, "--image-tag", "v8", "--skip-if-current"], answers("v7", 0));
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(registered.containerDefinitions).toEqual([
      {
        name: "app",
        image: `${REPO}:v8`,
        command: RELEASE.command,
        secrets: [{ name: "DATABASE_URL", valueFrom: expect.stringContaining(":secret:shop/prod/DATABASE_URL-") }],
      },
    ]);
    expect(registered).toMatchObject({
      family: "shop-prod-release",
      executionRoleArn: "arn:aws:iam::123456789012:role/exec",
      taskRoleArn: "arn:aws:iam::123456789012:role/task",
    });
    expect(registered.revision).toBeUndefined();
    expect(run.ran.find((r) => r.includes("run-task"))).toContain(`--task-definition ${NEW}`);
    expect(run.ran[run.ran.length - 1]).toBe(`aws ecs deregister-task-definition --task-definition ${NEW} --output json`);
  });

  it("fails with the command's exit code (the pipeline's apply does not run)", () => {
    const run = cli(["release", "--stack-dir", ROOT, "--image-tag", "v8"], answers("v7", 4));
    expect(run.code).toBe(4);
    expect(run.err).toContain("do not deploy this image");
  });

  it("does nothing when the image does not change, or when the stack has no release command", () => {
    const same = cli(["release", "--stack-dir", ROOT, "--image-tag", "v7", "--skip-if-current"], answers("v7", 0));
    expect(same.code).toBe(0);
    expect(same.out).toContain("the image does not change, nothing to run");
    expect(same.ran.some((r) => r.includes("run-task"))).toBe(false);
    const none = cli(
      ["release", "--stack-dir", ROOT, "--if-present"],
      [(c) => (c === "terraform" ? { status: 1, stdout: "", stderr: "no output" } : undefined)],
    );
    expect(none).toMatchObject({ code: 0, out: expect.stringContaining("nothing to run") });
    expect(
      cli(["release", "--stack-dir", ROOT], [(c) => (c === "terraform" ? { status: 1, stdout: "", stderr: "" } : undefined)]).code,
    ).toBe(1);
  });

  it("dry run against a synthesized stack: the app's task definition in the web tasks' subnets and group", () => {
    const dir = synthesizedStack({ release: { command: ["npx", "prisma", "migrate", "deploy"] } });
    const run = cli(["release", "--stack-dir", dir, "--dry-run", "--image-tag", "v8"]);
    expect(run.err).toBe("");
    expect(run.ran).toEqual([]);
    expect(run.out).toContain("Running npx prisma migrate deploy on tag v8");
    expect(run.out).toContain(
      "+ aws ecs describe-task-definition --task-definition <aws_ecs_task_definition.App_Web_ReleaseTaskDefinition_",
    );
    expect(run.out).toMatch(/securityGroups=\[<aws_security_group\.App_Web_SecurityGroup_\w+\.id>\],assignPublicIp=DISABLED/);
  });

  it("refuses latest and --skip-if-current without a tag", () => {
    expect(cli(["release", "--stack", "prod", "--image-tag", "latest"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--image-tag must be an immutable Docker tag"),
    });
    expect(cli(["release", "--stack", "prod", "--skip-if-current"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--skip-if-current needs --image-tag"),
    });
  });
});
