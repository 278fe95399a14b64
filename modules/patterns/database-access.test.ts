import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { describe, expect, it } from "vitest";
import { SynthJson, policyOf, resources } from "../internal/testing";
import { ContainerWebApp, ContainerWebAppProps } from "./container-web-app";

const BASE: ContainerWebAppProps = {
  project: "shop",
  environment: "qa",
  profile: "non-production",
  imageTag: "v1",
  workers: [{ name: "jobs", command: ["node", "worker.js"] }],
};
function synth(props: Partial<ContainerWebAppProps> = {}): SynthJson {
  const stack = new TerraformStack(Testing.app(), "shop-qa");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new ContainerWebApp(stack, "App", { ...BASE, ...props });
  return JSON.parse(Testing.synth(stack, true));
}
const URL_MODE: Partial<ContainerWebAppProps> = { database: { access: "url", poolSize: 4, url: { poolTimeoutSeconds: 15 } } };
/** The app containers (web and workers) by task definition name, without the admin task. */
const appContainers = (json: SynthJson): any[] =>
  Object.entries(resources(json, "aws_ecs_task_definition"))
    .filter(([n]) => !n.includes("DatabaseAdmin"))
    .map(([, t]: [string, any]) => JSON.parse(t.container_definitions)[0]);
const urlSecret = (json: SynthJson): string => {
  const [name] = Object.entries(resources(json, "aws_secretsmanager_secret")).find(
    ([, s]: [string, any]) => s.name === "shop/qa/DATABASE_URL",
  )!;
  return `\${aws_secretsmanager_secret.${name}.arn}`;
};

describe("ContainerWebApp database.access", () => {
  const iam = synth();
  const url = synth(URL_MODE);

  it("iam (default): plain DB_* settings and rds-db:connect, no DATABASE_URL", () => {
    for (const c of appContainers(iam)) {
      expect(c.environment).toEqual(
        expect.arrayContaining([
          { name: "DB_USER", value: "app_user" },
          { name: "PGSSLMODE", value: "verify-full" },
        ]),
      );
      expect((c.secrets ?? []).map((s: any) => s.name)).not.toContain("DATABASE_URL");
    }
    const actions = (Object.values(resources(iam, "aws_iam_role_policy")) as any[])
      .flatMap((p) => policyOf(p).Statement)
      .map((s: any) => s.Action);
    expect(actions).toContain("rds-db:connect");
  });

  it("url: web and worker get DATABASE_URL as a secret (valueFrom), never as a plain value, and no IAM login", () => {
    const containers = appContainers(url);
    expect(containers).toHaveLength(2);
    for (const c of containers) {
      expect(c.secrets).toContainEqual({ name: "DATABASE_URL", valueFrom: urlSecret(url) });
      expect(c.environment.map((e: any) => e.name)).not.toEqual(expect.arrayContaining(["DATABASE_URL"]));
      expect(c.environment.map((e: any) => e.name)).not.toContain("DB_HOST");
      expect(c.environment).toEqual(
        expect.arrayContaining([
          { name: "DB_POOL_SIZE", value: "4" },
          { name: "NODE_EXTRA_CA_CERTS", value: "/certs/rds-global-bundle.pem" },
        ]),
      );
      expect(JSON.stringify(c)).not.toContain("master_user_secret");
    }
    const actions = (Object.values(resources(url, "aws_iam_role_policy")) as any[])
      .flatMap((p) => policyOf(p).Statement)
      .map((s: any) => s.Action);
    expect(actions).not.toContain("rds-db:connect");
  });

  it("url: Terraform creates the secret empty (no version, so no password in state); the admin task writes it", () => {
    expect(resources(url, "aws_secretsmanager_secret_version")).toEqual({});
    const admin = JSON.parse(
      (Object.entries(resources(url, "aws_ecs_task_definition")).find(([n]) => n.includes("DatabaseAdmin"))![1] as any)
        .container_definitions,
    );
    const store = admin.find((c: any) => c.name === "store");
    const env = Object.fromEntries(store.environment.map((e: any) => [e.name, e.value]));
    expect(env.URL_SECRET_ARN).toBe(urlSecret(url));
    expect(env.URL_SUFFIX).toMatch(
      /:5432\/app\?sslmode=require&sslcert=\/certs\/rds-global-bundle\.pem&connection_limit=4&pool_timeout=15$/,
    );
    // The secret is encrypted with the app secrets' key; the task may use that key and write only that secret.
    const statements = (Object.entries(resources(url, "aws_iam_role_policy")) as [string, any][])
      .filter(([n]) => n.includes("DatabaseAdmin_TaskRole"))
      .flatMap(([, p]) => policyOf(p).Statement);
    expect(statements.map((s: any) => s.Resource)).toEqual([urlSecret(url), expect.stringMatching(/aws_kms_key\.App_AppSecrets_/)]);
  });

  it("refuses url settings without the url mode, and a DATABASE_URL of its own", () => {
    expect(() => synth({ database: { url: { pgbouncer: true } } })).toThrow(/App: database.url applies only with database.access "url"/);
    expect(() => synth({ ...URL_MODE, secrets: ["DATABASE_URL"] })).toThrow(
      /App: secrets must not list DATABASE_URL with database.access "url"/,
    );
    expect(() => synth({ database: { access: "token" as never } })).toThrow(/App: database.access must be one of/);
  });
});
