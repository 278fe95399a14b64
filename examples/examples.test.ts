import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformStack, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { SynthJson, findResources, policyOf, resource, resources } from "../modules/internal/testing";
import { policyReport } from "../modules/policy";
import { ChatbotStack } from "./chatbot-eu/main";
import { InterviewStack } from "./web-and-worker/main";

const EXAMPLES = readdirSync(__dirname, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const synth = (stack: TerraformStack): SynthJson => JSON.parse(Testing.synth(stack, true)) as SynthJson;
/** The app containers of the services (web and workers), without the one-off admin and release tasks. */
const appContainers = (json: SynthJson): any[] =>
  Object.entries(resources(json, "aws_ecs_task_definition"))
    .filter(([n]) => !n.includes("DatabaseAdmin") && !n.includes("ReleaseTaskDefinition"))
    .map(([, t]: [string, any]) => JSON.parse(t.container_definitions)[0]);

describe("examples are small consumer apps of the public entry point", () => {
  it.each(EXAMPLES)(
    "%s: one file of at most 60 lines, importing only cdktf, constructs, the AWS provider class and the package",
    (name) => {
      const text = readFileSync(join(__dirname, name, "main.ts"), "utf8");
      expect(text.split("\n").length).toBeLessThanOrEqual(60);
      const imports = [...text.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
      expect(
        imports.filter((i) => !["cdktf", "constructs", "@cdktf/provider-aws/lib/provider", "@platform/cdktf-aws-webapp"].includes(i)),
      ).toEqual([]);
      expect(text).not.toMatch(/suppress\(|addOverride|Lazy\./);
    },
  );
});

describe("chatbot-eu: no domain, eu-west-1, Bedrock, uploads", () => {
  const stack = new ChatbotStack(Testing.app(), "chatbot-live", "v1.2.3");
  const json = synth(stack);

  it("passes the production policy tier; the only suppressions are the library's own, with reasons", () => {
    const report = policyReport(stack);
    expect(report.tier).toBe("production");
    expect(report.failed.filter((f) => f.severity === "error")).toEqual([]);
    expect(report.suppressed.map((s) => [s.ruleId, s.path]).sort()).toEqual([
      ["ALB-HTTPS-REDIRECT", "chatbot-live/Chatbot/Web/HttpListener"],
      ["ECS-READ-ONLY-ROOT-FS", "chatbot-live/Chatbot/DatabaseAdmin/TaskDefinition"],
      ["NACL-NO-ADMIN-PORTS", "chatbot-live/Chatbot/Network/PublicNetworkAcl"],
    ]);
  });

  it("serves HTTPS on the CloudFront name and reaches an internal load balancer through a VPC origin", () => {
    const dist = resource(json, "aws_cloudfront_distribution");
    expect(dist.viewer_certificate).toEqual({ cloudfront_default_certificate: true });
    expect(dist.origin.find((o: any) => o.origin_id === "app").vpc_origin_config.vpc_origin_id).toMatch(/aws_cloudfront_vpc_origin\./);
    expect(resource(json, "aws_lb").internal).toBe(true);
  });

  it("gives the app its public URL without a construction cycle", () => {
    const env = appContainers(json)[0].environment;
    const url = `https://\${${Object.keys(resources(json, "aws_cloudfront_distribution")).map((n) => `aws_cloudfront_distribution.${n}`)[0]}.domain_name}`;
    expect(env).toEqual(
      expect.arrayContaining([
        { name: "APP_URL", value: url },
        { name: "AUTH_URL", value: url },
        { name: "AUTH_TRUST_HOST", value: "true" },
      ]),
    );
  });

  it("grants the EU inference profile in the stack's region, and its model only through that profile", () => {
    const task = findResources(json, "aws_iam_role_policy", (p) => p.role.includes("Web_TaskRole")).flatMap((p) => policyOf(p).Statement);
    const profile = task.find((s: any) => s.Sid === "InvokeBedrockProfiles");
    expect(profile.Resource).toMatch(
      /:bedrock:\$\{data\.aws_region\.[A-Za-z]+\.region\}:.*:inference-profile\/eu\.anthropic\.claude-sonnet-4-20250514-v1:0$/,
    );
    const model = task.find((s: any) => s.Sid === "InvokeBedrockProfileModels");
    expect(model.Resource).toMatch(/:foundation-model\/anthropic\.claude-sonnet-4-20250514-v1:0$/);
    expect(model.Condition).toEqual({ StringEquals: { "bedrock:InferenceProfileArn": [profile.Resource] } });
  });

  it("serves the photo bucket on /photos/* and lets the app write under photos/ only", () => {
    const behavior = resource(json, "aws_cloudfront_distribution").ordered_cache_behavior.find((b: any) => b.path_pattern === "/photos/*");
    expect(behavior.target_origin_id).toBe("uploads");
    expect(resource(json, "aws_s3_bucket_cors_configuration").cors_rule[0].allowed_origins[0]).toMatch(
      /aws_cloudfront_distribution\..*\.domain_name/,
    );
  });
});

describe("web-and-worker: a Prisma web app and a BullMQ worker on a domain, Redis, Fargate Spot", () => {
  const stack = new InterviewStack(new App({ outdir: "cdktf.out.test" }), "interviews-qa", "qa-7");
  const json = synth(stack);
  const secretArn = (name: string): string => {
    const [id] = Object.entries(resources(json, "aws_secretsmanager_secret")).find(
      ([, s]: [string, any]) => s.name === `interviews/qa/${name}`,
    )!;
    return `\${aws_secretsmanager_secret.${id}.arn}`;
  };
  const serviceGroups = (): string[] =>
    Object.values(resources(json, "aws_ecs_service"))
      .map((s: any) => s.network_configuration.security_groups[0])
      .sort();

  it("runs the worker on the same image and cluster with its own command, both on Fargate Spot", () => {
    const defs = appContainers(json);
    expect(defs).toHaveLength(2);
    expect(new Set(defs.map((d) => d.image)).size).toBe(1);
    expect(defs.find((d) => d.command)?.command).toEqual(["node", "dist/worker.js"]);
    const services = Object.values(resources(json, "aws_ecs_service")) as any[];
    expect(new Set(services.map((s) => s.cluster)).size).toBe(1);
    const strategy = (s: any) =>
      s.capacity_provider_strategy ?? resource(json, "aws_ecs_cluster_capacity_providers").default_capacity_provider_strategy;
    for (const s of services) expect(strategy(s)).toEqual([expect.objectContaining({ capacity_provider: "FARGATE_SPOT" })]);
  });

  it("gives web and worker DATABASE_URL and REDIS_URL as secrets, never as plain values", () => {
    for (const c of appContainers(json)) {
      expect(c.secrets).toEqual(expect.arrayContaining([{ name: "DATABASE_URL", valueFrom: secretArn("DATABASE_URL") }]));
      expect(c.secrets.find((s: any) => s.name === "REDIS_URL")).toBeDefined();
      expect(c.environment.map((e: any) => e.name)).not.toEqual(expect.arrayContaining(["DATABASE_URL"]));
      expect(c.environment.map((e: any) => e.name)).not.toContain("REDIS_URL");
    }
    // The passwords are written at run time (db-create-app-role, the cache's credential command): none in state.
    expect(resources(json, "aws_secretsmanager_secret_version")).toEqual({});
  });

  it("never exposes the master secret to the app, the worker or the release", () => {
    const tasks = Object.entries(resources(json, "aws_ecs_task_definition")).filter(([n]) => !n.includes("DatabaseAdmin"));
    expect(tasks).toHaveLength(3);
    for (const [, t] of tasks as [string, any][]) expect(t.container_definitions).not.toMatch(/master_user_secret|PGPASSWORD/);
    const readers = (Object.values(resources(json, "aws_iam_role_policy")) as any[])
      .filter((p) => p.policy.includes("master_user_secret"))
      .map((p) => p.role);
    expect(readers).toEqual([expect.stringMatching(/^\$\{aws_iam_role\.Interviews_DatabaseAdmin_ExecutionRole_\w+\.name\}$/)]);
  });

  it("admits 6379 only from the web service and the worker", () => {
    const cacheGroups = Object.values(resources(json, "aws_elasticache_replication_group")).flatMap((r: any) => r.security_group_ids);
    expect(cacheGroups).toHaveLength(1);
    const ingress = Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).filter(
      (r: any) => r.security_group_id === cacheGroups[0],
    ) as any[];
    expect(ingress.every((r) => r.from_port === 6379 && r.to_port === 6379)).toBe(true);
    expect(ingress.map((r) => r.referenced_security_group_id).sort()).toEqual(serviceGroups());
    expect(ingress.some((r) => r.cidr_ipv4 !== undefined)).toBe(false);
  });

  it("admits both services (and the one-off admin task) to the database, and nothing else", () => {
    const dbSg = resource(json, "aws_db_instance").vpc_security_group_ids[0];
    const ingress = Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).filter((r: any) => r.security_group_id === dbSg);
    const groups = serviceGroups();
    groups.push(`\${aws_security_group.${Object.keys(resources(json, "aws_security_group")).find((n) => n.includes("DatabaseAdmin"))}.id}`);
    expect(ingress.map((r: any) => r.referenced_security_group_id).sort()).toEqual(groups.sort());
  });

  it("runs prisma migrate deploy before each new image: the app's image and secrets, in the web tasks' group", () => {
    const release = Object.values(resources(json, "aws_ecs_task_definition")).find((t: any) => t.family === "interviews-qa-release") as any;
    const [container] = JSON.parse(release.container_definitions);
    const web = appContainers(json).find((c) => !c.command);
    expect(container.command).toEqual(["npx", "prisma", "migrate", "deploy"]);
    expect(container.image).toBe(web.image);
    expect(container.image).toMatch(/:qa-7$/);
    expect(container.secrets).toEqual(web.secrets);
    expect((json.output?.release_task as { value: string }).value).toMatch(
      /"security_groups" = \[aws_security_group\.Interviews_Web_SecurityGroup_\w+\.id\]/,
    );
  });

  it("serves the domain through CloudFront over HTTPS to origin.<domain>, in the baseline tier", () => {
    expect(resource(json, "aws_cloudfront_distribution").aliases).toEqual(["qa.interviews.example.com"]);
    const certificates = Object.values(resources(json, "aws_acm_certificate"))
      .map((c: any) => c.domain_name)
      .sort();
    expect(certificates).toEqual(["origin.qa.interviews.example.com", "qa.interviews.example.com"]);
    expect(resource(json, "aws_cloudfront_distribution").origin.find((o: any) => o.origin_id === "app").domain_name).toBe(
      "origin.qa.interviews.example.com",
    );
    expect(policyReport(stack).tier).toBe("baseline");
    expect(policyReport(stack).failed.filter((f) => f.severity === "error")).toEqual([]);
  });
});
