import { TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { SynthJson, resource, resources } from "../modules/internal/testing";
import { buildApp } from "./app";
import { loadConfig } from "./config";
import { buildProd } from "./prod";

// Go-live checks of the database as each environment synthesizes it (issue 15): the app logs in
// as its own role over verified TLS, only the admin task holds the master secret, the connection
// budget holds during deployments, and non-production can be destroyed and re-created.
const app = buildApp(Testing.app(), {});
const ENVS = ["dev", "staging", "prod"] as const;
const json = Object.fromEntries(
  ENVS.map((name) => [name, JSON.parse(Testing.synth(app.node.findChild(name) as TerraformStack)) as SynthJson]),
) as Record<(typeof ENVS)[number], SynthJson>;

const MASTER_SECRET = /aws_db_instance\.\w+\.master_user_secret\[0\]\.secret_arn/;
const isAdmin = (t: any) => t.family.endsWith("-db-admin");
const tasks = (j: SynthJson) => Object.values(resources(j, "aws_ecs_task_definition")) as any[];
const containersOf = (t: any) => JSON.parse(t.container_definitions) as any[];
const envOf = (container: any): Record<string, string> =>
  Object.fromEntries((container.environment ?? []).map((e: any) => [e.name, e.value]));
/** What the app runs with: ECS container environment, or App Runner runtime variables. */
function appEnvironment(j: SynthJson): Record<string, string> {
  const runner = Object.values(resources(j, "aws_apprunner_service"))[0] as any;
  if (runner) return runner.source_configuration.image_repository.image_configuration.runtime_environment_variables;
  return envOf(containersOf(tasks(j).find((t) => !isAdmin(t)))[0]);
}
/** Roles whose inline policies mention the master secret. */
function masterSecretReaders(j: SynthJson): string[] {
  return (Object.values(resources(j, "aws_iam_role_policy")) as any[]).filter((p) => MASTER_SECRET.test(p.policy)).map((p) => p.role);
}

describe("the app logs in as app_user with an IAM token, never as the master user", () => {
  it.each(ENVS)("%s: no app container or App Runner service references the master secret", (env) => {
    for (const t of tasks(json[env]).filter((t) => !isAdmin(t))) expect(t.container_definitions).not.toMatch(MASTER_SECRET);
    for (const s of Object.values(resources(json[env], "aws_apprunner_service"))) expect(JSON.stringify(s)).not.toMatch(MASTER_SECRET);
    expect(appEnvironment(json[env])).toMatchObject({ DB_USER: "app_user" });
    expect(appEnvironment(json[env]).DB_SECRET_ARN).toBeUndefined();
  });

  it.each(ENVS)("%s: only the admin task's execution role may read the master secret", (env) => {
    expect(masterSecretReaders(json[env])).toEqual([
      expect.stringMatching(/^\$\{aws_iam_role\.App_DatabaseAdmin_ExecutionRole_\w+\.name\}$/),
    ]);
  });

  it.each(ENVS)("%s: the app's role may connect as app_user of this instance only", (env) => {
    const statements = (Object.values(resources(json[env], "aws_iam_role_policy")) as any[]).flatMap((p) => JSON.parse(p.policy).Statement);
    const connects = statements.filter((s) => s.Action === "rds-db:connect");
    expect(connects.length).toBeGreaterThan(0);
    for (const s of connects) expect(s.Resource).toMatch(/:dbuser:\$\{aws_db_instance\.\w+\.resource_id\}\/app_user$/);
    expect(resource(json[env], "aws_db_instance").iam_database_authentication_enabled).toBe(true);
  });

  it.each(ENVS)("%s: the admin task creates the role with the master secret, and the runbook's output says how to run it", (env) => {
    const admin = tasks(json[env]).find(isAdmin);
    const [container] = containersOf(admin);
    expect(container.secrets.map((s: any) => s.valueFrom)).toEqual([
      expect.stringMatching(/:password::$/),
      expect.stringMatching(/:username::$/),
    ]);
    expect(container.command[2]).toContain('GRANT rds_iam TO :"app_user";');
    const output = json[env].output?.db_admin_task as { value: string };
    expect(output.value).toMatch(
      /^\$\{jsonencode\(\{.*"task_definition" = aws_ecs_task_definition\.App_DatabaseAdmin_TaskDefinition_\w+\.arn/,
    );
  });
});

describe("TLS to the database", () => {
  it.each(ENVS)("%s: the app verifies the server (verify-full) against the RDS CA bundle in its image", (env) => {
    expect(appEnvironment(json[env])).toMatchObject({
      PGSSLMODE: "verify-full",
      PGSSLROOTCERT: "/certs/rds-global-bundle.pem",
      NODE_EXTRA_CA_CERTS: "/certs/rds-global-bundle.pem",
    });
    const parameters = resource(json[env], "aws_db_parameter_group").parameter as any[];
    expect(parameters).toContainEqual(expect.objectContaining({ name: "rds.force_ssl", value: "1" }));
  });
});

describe("connection capacity", () => {
  it("prod's 10 tasks × 200 % × pool 4 + 2 = 82 fit in max_connections 100 - 5 reserved", () => {
    const pool = Number(loadConfig("prod", {}).appParameters.DB_POOL_SIZE);
    expect(pool).toBe(4);
    const parameters = resource(json.prod, "aws_db_parameter_group").parameter as any[];
    expect(parameters).toContainEqual(expect.objectContaining({ name: "max_connections", value: "100" }));
  });

  it("refuses prod with pool 5 (10 × 200 % × 5 + 2 = 102 > 95), naming both settings", () => {
    const base = loadConfig("prod", {});
    const config = { ...base, appParameters: { ...base.appParameters, DB_POOL_SIZE: "5" } };
    expect(() => buildProd(Testing.app(), config)).toThrow(
      /compute\.maxCapacity 10 × deployment maximum 200 % × database\.poolSize 5 = 100 \+ 2 other = 102 connections, but maxConnections 100 minus 5 reserved/,
    );
  });
});

describe("re-creating non-production the same day", () => {
  it.each(["dev", "staging"] as const)("%s: secrets are deleted without a recovery window, so their names are free at once", (env) => {
    const windows = (Object.values(resources(json[env], "aws_secretsmanager_secret")) as any[]).map((s) => s.recovery_window_in_days);
    expect(windows.length).toBeGreaterThan(0);
    expect(new Set(windows)).toEqual(new Set([0]));
  });

  it("prod keeps deleted secrets restorable for 30 days", () => {
    const windows = (Object.values(resources(json.prod, "aws_secretsmanager_secret")) as any[]).map((s) => s.recovery_window_in_days);
    expect(new Set(windows)).toEqual(new Set([30]));
  });

  it.each(ENVS)("%s: the final snapshot is named per instance (terraform_data id), never a fixed name", (env) => {
    const [suffix] = Object.keys(resources(json[env], "terraform_data")).filter((n) => n.includes("FinalSnapshotSuffix"));
    expect(resource(json[env], "aws_db_instance")).toMatchObject({
      skip_final_snapshot: false,
      final_snapshot_identifier: expect.stringMatching(new RegExp(`^[a-z0-9-]+-final-\\$\\{terraform_data\\.${suffix}\\.id\\}$`)),
    });
  });
});
