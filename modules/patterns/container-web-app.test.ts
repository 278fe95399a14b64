import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { describe, expect, it } from "vitest";
import { SynthJson, resource, resources } from "../internal/testing";
import { ContainerWebApp, ContainerWebAppProps } from "./container-web-app";

const BASE: ContainerWebAppProps = { project: "shop", environment: "qa", profile: "non-production", imageTag: "v1" };

function build(props: Partial<ContainerWebAppProps> = {}, region = "us-east-1"): { stack: TerraformStack; app: ContainerWebApp } {
  const stack = new TerraformStack(Testing.app(), "shop-qa");
  new AwsProvider(stack, "aws", { region });
  const app = new ContainerWebApp(stack, "App", { ...BASE, ...props });
  return { stack, app };
}
const synth = (props: Partial<ContainerWebAppProps> = {}, region?: string): SynthJson =>
  JSON.parse(Testing.synth(build(props, region).stack, true));
const webEnv = (json: SynthJson): Record<string, string> => {
  const [, def] = Object.entries(resources(json, "aws_ecs_task_definition")).find(([n]) => n.includes("_Web_"))! as [string, any];
  return Object.fromEntries(JSON.parse(def.container_definitions)[0].environment.map((e: any) => [e.name, e.value]));
};

describe("ContainerWebApp profiles", () => {
  const nonProd = synth();
  const prod = synth({ profile: "production", environment: "live" });

  it("non-production: disposable database, Spot tasks, no WAF, baseline policies", () => {
    expect(resource(nonProd, "aws_db_instance")).toMatchObject({ multi_az: false, deletion_protection: false });
    expect(resource(nonProd, "aws_db_instance").lifecycle).toBeUndefined();
    expect(resource(nonProd, "aws_ecs_service").capacity_provider_strategy).toEqual([
      expect.objectContaining({ capacity_provider: "FARGATE_SPOT" }),
    ]);
    expect(resources(nonProd, "aws_wafv2_web_acl")).toEqual({});
    for (const secret of Object.values(resources(nonProd, "aws_secretsmanager_secret")) as any[])
      expect(secret.recovery_window_in_days).toBe(0);
  });

  it("production: Multi-AZ protected database with its own key, on-demand tasks, WAF, a year of logs", () => {
    expect(resource(prod, "aws_db_instance")).toMatchObject({
      multi_az: true,
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(resource(prod, "aws_db_instance").kms_key_id).toMatch(/aws_kms_key\.App_DatabaseKey_/);
    expect(resource(prod, "aws_ecs_service").capacity_provider_strategy).toEqual([
      expect.objectContaining({ capacity_provider: "FARGATE" }),
    ]);
    expect(Object.keys(resources(prod, "aws_wafv2_web_acl"))).toHaveLength(1);
    const web = Object.values(resources(prod, "aws_cloudwatch_log_group")).find((g: any) => g.name === "/ecs/shop-live") as any;
    expect(web.retention_in_days).toBe(365);
  });

  it("production keeps the app's secrets and their key on destroy; non-production does not", () => {
    const withSecrets = { secrets: ["AUTH_SECRET"] };
    const live = synth({ ...withSecrets, profile: "production", environment: "live" });
    expect(resource(live, "aws_secretsmanager_secret").lifecycle).toEqual({ prevent_destroy: true });
    const secretsKey = Object.entries(resources(live, "aws_kms_key")).find(([n]) => n.startsWith("App_AppSecrets_Key_"))![1] as any;
    expect(secretsKey.lifecycle).toEqual({ prevent_destroy: true });
    const qa = synth(withSecrets);
    expect(resource(qa, "aws_secretsmanager_secret").lifecycle).toBeUndefined();
    expect(
      (Object.entries(resources(qa, "aws_kms_key")).find(([n]) => n.startsWith("App_AppSecrets_Key_"))![1] as any).lifecycle,
    ).toBeUndefined();
  });

  it("creates the budget after the topic policies that let AWS Budgets publish to the warning topic", () => {
    const json = synth({ monthlyBudgetUsd: 50 });
    const policies = Object.keys(resources(json, "aws_sns_topic_policy")).map((n) => `aws_sns_topic_policy.${n}`);
    expect(resource(json, "aws_budgets_budget").depends_on).toEqual(expect.arrayContaining(policies));
    expect(policies.length).toBeGreaterThan(0);
  });

  it("creates the operator outputs on the stack", () => {
    expect(Object.keys(nonProd.output ?? {})).toEqual(
      expect.arrayContaining([
        "app_url",
        "ecr_repository_url",
        "rds_endpoint",
        "alarm_topic_arns",
        "ecs_cluster_name",
        "ecs_service_name",
        "cdn_distribution_id",
        "static_assets_bucket",
      ]),
    );
    expect(nonProd.output?.app_url.value).toMatch(
      /^https:\/\/\$\{aws_cloudfront_distribution\.App_Cdn_Distribution_[0-9A-F]+\.domain_name\}$/,
    );
  });

  it("sizes each task's pool to what the database admits during a deployment, and tells the app", () => {
    // db.t4g.micro: 100 connections − 5 reserved − 2 others = 93, ÷ (2 × 10 production tasks) = 4.
    expect(webEnv(prod).DB_POOL_SIZE).toBe("4");
    // Non-production: 2 tasks → 23, capped at 10.
    expect(webEnv(nonProd).DB_POOL_SIZE).toBe("10");
  });
});

describe("ContainerWebApp wiring", () => {
  it("keeps the image the environment runs out of the registry's count expiry", () => {
    const json = synth({ imageTag: "git-0a1b2c3" });
    const image = JSON.parse(
      (Object.entries(resources(json, "aws_ecs_task_definition")).find(([n]) => n.includes("_Web_"))![1] as any).container_definitions,
    )[0].image;
    const [keep] = JSON.parse(resource(json, "aws_ecr_lifecycle_policy").policy).rules;
    expect(keep.selection).toMatchObject({ tagStatus: "tagged", tagPatternList: ["git-0a1b2c3"] });
    expect(image.endsWith(`:${keep.selection.tagPatternList[0]}`)).toBe(true);
  });

  it("gives the app the CDN's URL, and Auth.js its URL and trusted host", () => {
    const json = synth({ authJs: true });
    const env = webEnv(json);
    expect(env.APP_URL).toMatch(/aws_cloudfront_distribution\.App_Cdn_Distribution_.*\.domain_name/);
    expect(env.AUTH_URL).toBe(env.APP_URL);
    expect(env.AUTH_TRUST_HOST).toBe("true");
  });

  it("without a CDN, serves plain HTTP outside production and gives the app the load balancer's URL", () => {
    const json = synth({ cdn: false });
    expect(webEnv(json).APP_URL).toMatch(/^http:\/\/\$\{aws_lb\.App_Web_LoadBalancer_.*\.dns_name\}$/);
    expect(resource(json, "aws_lb").internal).toBe(false);
  });

  it("with a domain, serves HTTPS on it through CloudFront, and the load balancer on origin.<domain>", () => {
    const json = synth({ domain: { name: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } });
    expect(webEnv(json).APP_URL).toBe("https://shop.example.com");
    const origin = resource(json, "aws_cloudfront_distribution").origin.find((o: any) => o.origin_id === "app");
    expect(origin.domain_name).toBe("origin.shop.example.com");
  });

  it("opens the database to the web service and workers, which log in as app_user", () => {
    const json = synth({ workers: [{ name: "jobs", command: ["node", "worker.js"] }] });
    const dbSg = resource(json, "aws_db_instance").vpc_security_group_ids[0];
    const from = Object.values(resources(json, "aws_vpc_security_group_ingress_rule"))
      .filter((r: any) => r.security_group_id === dbSg)
      .map((r: any) => r.referenced_security_group_id);
    expect(from).toEqual(
      expect.arrayContaining([expect.stringContaining("App_Web_SecurityGroup"), expect.stringContaining("App_WorkerJobs_SecurityGroup")]),
    );
    const worker = Object.entries(resources(json, "aws_ecs_task_definition")).find(([n]) => n.includes("WorkerJobs"))![1] as any;
    expect(JSON.parse(worker.container_definitions)[0]).toMatchObject({ command: ["node", "worker.js"] });
    expect(JSON.parse(worker.container_definitions)[0].environment).toContainEqual({ name: "DB_USER", value: "app_user" });
  });

  it("serves uploads on their path and tells the app the bucket", () => {
    const json = synth({ uploads: {} });
    expect(webEnv(json).UPLOADS_BUCKET).toMatch(/aws_s3_bucket\.App_Uploads_Bucket_.*\.bucket/);
    expect(resource(json, "aws_cloudfront_distribution").ordered_cache_behavior.map((b: any) => b.path_pattern)).toContain("/uploads/*");
  });

  it("runs on App Runner without URL variables when there is no domain (they would be a cycle)", () => {
    const json = synth({ compute: { kind: "apprunner" }, cdn: false, authJs: true });
    const vars = resource(json, "aws_apprunner_service").source_configuration.image_repository.image_configuration
      .runtime_environment_variables;
    expect(vars.APP_URL).toBeUndefined();
    expect(vars.AUTH_TRUST_HOST).toBe("true");
  });
});

describe("ContainerWebApp refusals", () => {
  it("refuses URL variables on App Runner without a domain", () => {
    expect(() => build({ compute: { kind: "apprunner" }, cdn: false, urlVariables: ["APP_URL"] })).toThrow(
      /shop-qa\/App: urlVariables need domain with App Runner: .* a Terraform cycle/,
    );
  });

  it("counts the tasks an override allows in the connection check (an override cannot slip past it)", () => {
    expect(() =>
      build({ profile: "production", compute: { kind: "fargate", overrides: { maxCapacity: 50 } }, database: { poolSize: 4 } }),
    ).toThrow(/shop-qa\/App\/Database: database connections may exceed the limit.*compute\.maxCapacity 50 ×/);
    // The default pool follows the override: 93 ÷ (2 × 20) = 2 connections per task.
    const json = synth({ profile: "production", compute: { kind: "fargate", overrides: { maxCapacity: 20 } } });
    expect(webEnv(json).DB_POOL_SIZE).toBe("2");
  });

  it("runs workers on the profile's capacity, as the web service: Spot outside production, on-demand in production, a spot switch either way", () => {
    const strategies = (json: SynthJson) =>
      Object.fromEntries(
        (Object.values(resources(json, "aws_ecs_service")) as any[]).map((svc) => [
          svc.name,
          svc.capacity_provider_strategy.map((c: any) => c.capacity_provider),
        ]),
      );
    const workers = [{ name: "jobs" }, { name: "mail", spot: false }];
    expect(strategies(synth({ workers }))).toEqual({
      "shop-qa": ["FARGATE_SPOT"],
      "shop-qa-jobs": ["FARGATE_SPOT"],
      "shop-qa-mail": ["FARGATE"],
    });
    const live = synth({ profile: "production", environment: "live", workers: [{ name: "jobs" }, { name: "batch", spot: true }] });
    expect(strategies(live)).toEqual({ "shop-live": ["FARGATE"], "shop-live-jobs": ["FARGATE"], "shop-live-batch": ["FARGATE_SPOT"] });
  });

  it("refuses workers without Fargate", () => {
    expect(() => build({ compute: { kind: "apprunner" }, workers: [{ name: "jobs" }] })).toThrow(
      /shop-qa\/App: workers need compute.kind "fargate"/,
    );
  });

  it("refuses production without a domain and without a CDN (plain HTTP to users)", () => {
    expect(() => build({ profile: "production", cdn: false })).toThrow(/shop-qa\/App: domain is required in production without a CDN/);
  });

  it("refuses a public origin in production without a domain (the origin secret would travel in clear text)", () => {
    expect(() => build({ profile: "production", cdn: { originAccess: "public", originVerifySecret: "s".repeat(40) } })).toThrow(
      /shop-qa\/App: domain is required in production with cdn.originAccess "public"/,
    );
  });

  it("refuses an environment name that cannot be part of resource names", () => {
    expect(() => build({ environment: "QA env" })).toThrow(/shop-qa\/App: environment must be 1-20 lower-case letters/);
  });

  it("refuses a variable the pattern would set over the user's own, naming both, and keeps the user's where the pattern sets none", () => {
    expect(() => build({ authJs: true, appEnvironment: { AUTH_URL: "https://login.example.com" } })).toThrow(
      'shop-qa/App: appEnvironment.AUTH_URL is set by authJs: true (the app\'s public URL); remove it from appEnvironment (or leave it out of authJs:), got "https://login.example.com"',
    );
    expect(() => build({ appEnvironment: { APP_URL: "https://x.example.com" } })).toThrow(/appEnvironment\.APP_URL is set by urlVariables/);
    expect(webEnv(synth({ urlVariables: ["PUBLIC_URL"], appEnvironment: { APP_URL: "https://x.example.com" } })).APP_URL).toBe(
      "https://x.example.com",
    );
  });

  it("refuses AWS_REGION set to another region than the stack's, and takes the stack's own", () => {
    expect(() => synth({ appEnvironment: { AWS_REGION: "eu-west-1" } })).toThrow(
      /appEnvironment|environment\.AWS_REGION must be the stack's AWS provider region us-east-1 .*got "eu-west-1"/,
    );
    expect(webEnv(synth({ appEnvironment: { AWS_REGION: "us-east-1" } })).AWS_REGION).toBe("us-east-1");
  });

  it("counts a scheduled action's maximum in the connection check, naming it", () => {
    const night = { name: "peak", schedule: "cron(0 8 * * ? *)", minCapacity: 2, maxCapacity: 40 };
    expect(() =>
      build({ profile: "production", compute: { kind: "fargate", scheduledCapacity: [night] }, database: { poolSize: 4 } }),
    ).toThrow(/database connections may exceed the limit.*compute\.scheduledCapacity\[0\]\.maxCapacity 40 ×/);
    // Within what the database admits: 93 ÷ (2 × 20) = 2 per task, so 20 tasks fit with the default pool.
    expect(
      webEnv(synth({ profile: "production", compute: { kind: "fargate", scheduledCapacity: [{ ...night, maxCapacity: 20 }] } }))
        .DB_POOL_SIZE,
    ).toBe("2");
  });

  it("refuses two apps in one stack whose outputs would overwrite each other, and takes distinct prefixes", () => {
    const twoApps = (second: Partial<ContainerWebAppProps>) => () => {
      const { stack } = build({ database: false });
      new ContainerWebApp(stack, "Admin", { ...BASE, environment: "qa2", database: false, enforcePolicies: false, ...second });
    };
    expect(twoApps({})).toThrow(
      'shop-qa/Admin: outputPrefix must differ from the one of shop-qa/App in the same stack (both would write the outputs app_url, ...); give each app its own outputPrefix, got ""',
    );
    expect(twoApps({ outputPrefix: "admin_" })).not.toThrow();
  });

  it("refuses an email domain outside the app's hosted zone, and takes a sibling of the app's domain", () => {
    const domain = { name: "shop.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" };
    expect(() => build({ domain, email: { domain: "mail.other.org" } })).toThrow(
      /shop-qa\/App: email\.domain must be in the app's hosted zone \(domain\.hostedZoneId, which holds shop\.example\.com\).*got "mail\.other\.org"/,
    );
    expect(() => build({ domain, email: { domain: "mail.example.com" } })).not.toThrow();
  });

  it("outside us-east-1, names the pattern's props that need usEast1Provider (not CdnDistribution's)", () => {
    expect(() => build({ cdn: { webAcl: true, accessLogs: true } }, "eu-west-1")).toThrow(
      'shop-qa/App: usEast1Provider is required in eu-west-1 for cdn.webAcl, cdn.accessLogs: CloudFront takes them from us-east-1 only; pass an AwsProvider with region "us-east-1" and an alias, got undefined',
    );
    expect(() => build({ cdn: { webAcl: false } }, "eu-west-1")).not.toThrow();
  });
});
