import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { describe, expect, it } from "vitest";
import { SynthJson, resources } from "../internal/testing";
import { ContainerWebApp, ContainerWebAppProps } from "./container-web-app";

const BASE: ContainerWebAppProps = {
  project: "shop",
  environment: "qa",
  profile: "non-production",
  imageTag: "v7",
  secrets: ["AUTH_SECRET"],
  database: { access: "url" },
  release: { command: ["npx", "prisma", "migrate", "deploy"] },
};
function synth(props: Partial<ContainerWebAppProps> = {}): SynthJson {
  const stack = new TerraformStack(Testing.app(), "shop-qa");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new ContainerWebApp(stack, "App", { ...BASE, ...props });
  return JSON.parse(Testing.synth(stack, true));
}
const definition = (json: SynthJson, family: string): any =>
  Object.values(resources(json, "aws_ecs_task_definition")).find((t: any) => t.family === family);
const containers = (def: any): any[] => JSON.parse(def.container_definitions);

describe("ContainerWebApp release (the release phase)", () => {
  const json = synth();
  const release = definition(json, "shop-qa-release");
  const web = definition(json, "shop-qa");
  const [app] = containers(release);

  it("runs the command on the app's image, with the app's roles, secrets and environment", () => {
    expect(containers(release)).toHaveLength(1);
    expect(app.name).toBe("app");
    expect(app.command).toEqual(["npx", "prisma", "migrate", "deploy"]);
    expect(app.image).toMatch(/^\$\{aws_ecr_repository\.App_Repository_\w+\.repository_url\}:v7$/);
    expect(app.image).toBe(containers(web)[0].image);
    expect(release.execution_role_arn).toBe(web.execution_role_arn);
    expect(release.task_role_arn).toBe(web.task_role_arn);
    expect(app.secrets).toEqual(containers(web)[0].secrets);
    expect(app.secrets.map((s: any) => s.name)).toEqual(["AUTH_SECRET", "DATABASE_URL"]);
    // The URL known only once the CDN exists is added after construction, and reaches the release too.
    expect(app.environment).toEqual(containers(web)[0].environment);
    expect(app.environment.map((e: any) => e.name)).toContain("APP_URL");
    expect(app.portMappings).toBeUndefined();
  });

  it("never gets the master credentials", () => {
    expect(JSON.stringify(app)).not.toMatch(/master_user_secret|PGPASSWORD/);
  });

  it("lets the app's role change the schema (the release migrates as the app, not as the master user)", () => {
    const admin = containers(definition(json, "shop-qa-db-admin")).find((c) => c.name === "psql");
    expect(admin.command[2]).toContain('GRANT CREATE ON SCHEMA public TO :"app_user";');
    const withoutRelease = containers(definition(synth({ release: undefined }), "shop-qa-db-admin")).find((c) => c.name === "psql");
    expect(withoutRelease.command[2]).not.toContain("GRANT CREATE");
  });

  it("tells operators and the pipeline how to run it: the release_task output", () => {
    const output = (json.output?.release_task as { value: string }).value;
    expect(output).toMatch(/"task_definition" = aws_ecs_task_definition\.App_Web_ReleaseTaskDefinition_\w+\.arn/);
    expect(output).toMatch(/"security_groups" = \[aws_security_group\.App_Web_SecurityGroup_\w+\.id\]/);
    expect(output).toContain('"command" = ["npx", "prisma", "migrate", "deploy"]');
    expect(output).toContain('"container" = "app"');
    expect(synth({ release: undefined }).output?.release_task).toBeUndefined();
  });

  it("takes its own task size, and refuses App Runner and an empty command", () => {
    expect(
      definition(synth({ release: { command: ["node", "migrate.js"], cpu: 1024, memoryMiB: 2048 } }), "shop-qa-release"),
    ).toMatchObject({ cpu: "1024", memory: "2048" });
    expect(() => synth({ compute: { kind: "apprunner" } })).toThrow(/App: release needs compute.kind "fargate"/);
    expect(() => synth({ release: { command: [] } })).toThrow(/App\/Web: addOneOffTask command must name what to run/);
  });
});
