import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG, ENV_VARS, RETIRED_ENV_VARS, checkImageTag, loadConfig, pipelineSecrets, stagingSettings, validateConfig } from "./config";

describe("environment configuration", () => {
  it("loads every environment with the seed defaults", () => {
    for (const name of ["dev", "staging", "prod"] as const) {
      const config = loadConfig(name, {});
      expect(config.environment).toBe(name);
      expect(config.region).toBe("us-east-1");
      // Each account keeps its own environments' state.
      expect(config.state.s3?.bucket).toBe(`fckdoomscroll-tfstate-${config.accountId}`);
    }
    expect(loadConfig("prod", {}).vpcCidr).toBe("10.0.0.0/16");
  });

  it("accepts one NAT gateway in production, and a NAT instance or public-IP tasks outside it", () => {
    expect(validateConfig({ ...CONFIG.prod, natGateways: "single" }).natGateways).toBe("single");
    expect(
      validateConfig({ ...CONFIG.dev, natGateways: "instance", service: { ...CONFIG.dev.service, assignPublicIp: true } }).natGateways,
    ).toBe("instance");
  });

  it("refuses a budget that is not a positive number, and accepts the smallest positive one", () => {
    expect(() => validateConfig({ ...CONFIG.dev, monthlyBudgetUsd: 0 })).toThrow(
      /config dev: monthlyBudgetUsd must be a positive number of US dollars, got 0/,
    );
    expect(validateConfig({ ...CONFIG.dev, monthlyBudgetUsd: 0.01 }).monthlyBudgetUsd).toBe(0.01);
  });

  it("takes each environment's image tag and account from the checked-in settings", () => {
    const tags = JSON.parse(readFileSync(join(__dirname, "image-tags.json"), "utf8"));
    expect(Object.keys(tags)).toEqual(["dev", "staging", "prod"]);
    for (const env of ["dev", "staging", "prod"] as const) expect(loadConfig(env, {}).imageTag, env).toBe(tags[env]);
    expect(() => validateConfig({ ...CONFIG.prod, accountId: "12345" })).toThrow(
      /^config prod: accountId must be a 12-digit AWS account id, got "12345"$/,
    );
  });

  it("accepts one build's Docker tag, the nearest valid tag to latest included, and refuses others", () => {
    expect(checkImageTag("dev", "git-abc123")).toBe("git-abc123");
    expect(checkImageTag("dev", "latest-2026-11-28")).toBe("latest-2026-11-28");
    expect(() => checkImageTag("dev", "-x")).toThrow(/^config dev: imageTag must be a Docker tag .*got "-x"$/);
  });

  it.each(Object.keys(RETIRED_ENV_VARS))("refuses %s, which used to change what an environment is, naming what replaced it", (variable) => {
    expect(() => loadConfig("prod", { [variable]: "fargate" })).toThrow(new RegExp(`^config prod: ${variable} is no longer read: `));
    // An empty value (what GitHub passes for an unset secret or variable) is no setting at all.
    expect(loadConfig("prod", { [variable]: "" }).environment).toBe("prod");
  });

  it("switches to Terraform Cloud when TFC_ORGANIZATION is set", () => {
    const config = loadConfig("dev", { TFC_ORGANIZATION: "acme" });
    // In the HCP Terraform project the delivery roles trust, unless TFC_PROJECT says otherwise.
    expect(config.state).toEqual({ cloud: { organization: "acme", project: "fckdoomscroll" } });
    expect(loadConfig("dev", { TFC_ORGANIZATION: "acme", TFC_PROJECT: "Default Project" }).state.cloud?.project).toBe("Default Project");
  });

  it("overrides the S3 bucket and region", () => {
    const config = loadConfig("dev", { STATE_BUCKET: "acme-state", STATE_REGION: "eu-west-1", STATE_DYNAMODB_TABLE: "locks" });
    expect(config.state).toEqual({ s3: { bucket: "acme-state", region: "eu-west-1", dynamodbTable: "locks" } });
  });

  it("honours STATE_BACKEND when both kinds of settings are present", () => {
    expect(loadConfig("dev", { STATE_BACKEND: "s3", TFC_ORGANIZATION: "acme" }).state).toEqual({
      s3: { bucket: "fckdoomscroll-tfstate-111111111111", region: "us-east-1" },
    });
    expect(() => loadConfig("dev", { STATE_BACKEND: "gcs" })).toThrow(/config dev: STATE_BACKEND must be s3 or cloud, got "gcs"/);
    expect(() => loadConfig("dev", { STATE_BACKEND: "cloud" })).toThrow(/TFC_ORGANIZATION is required/);
  });

  // prod as a team would configure it with an internet-facing load balancer (one checked-in line).
  const publicProd = { ...CONFIG.prod, originAccess: "public" as const };
  const SECRET = "x".repeat(40);

  it("takes an environment's origin-verify secret only from its own variable, and checks it without echoing it", () => {
    expect(loadConfig("prod", {}).originVerifySecret).toBeUndefined();
    expect(loadConfig("prod", { ORIGIN_VERIFY_SECRET_PROD: SECRET }, publicProd).originVerifySecret).toBe(SECRET);
    // Another environment's secret is not prod's.
    expect(() => loadConfig("prod", { ORIGIN_VERIFY_SECRET_STAGING: SECRET }, publicProd)).toThrow(
      /config prod: ORIGIN_VERIFY_SECRET_PROD is required in production/,
    );
    expect(() => loadConfig("prod", { ORIGIN_VERIFY_SECRET_PROD: "short" }, publicProd)).toThrow(
      /ORIGIN_VERIFY_SECRET_PROD must be 32-128 letters, digits.*"<redacted>"/,
    );
    expect(() => loadConfig("prod", { ORIGIN_VERIFY_SECRET_PROD: "x".repeat(129) }, publicProd)).toThrow(
      /ORIGIN_VERIFY_SECRET_PROD must be 32-128/,
    );
    expect(() => loadConfig("prod", { ORIGIN_VERIFY_SECRET_PROD: `${SECRET}*` }, publicProd)).toThrow(/no ALB wildcards/);
  });

  it("reaches prod's load balancer through a VPC origin, as checked in", () => {
    expect(CONFIG.prod.originAccess).toBe("vpc-origin");
    expect(() => validateConfig({ ...CONFIG.prod, originAccess: "private" as never })).toThrow(
      /config prod: originAccess must be vpc-origin or public, got "private"/,
    );
  });

  it("requires the secret for production with a public load balancer, naming the variable", () => {
    expect(() => loadConfig("prod", {}, publicProd)).toThrow(
      /config prod: ORIGIN_VERIFY_SECRET_PROD is required in production with originAccess: "public"/,
    );
    expect(() => loadConfig("staging", {}, { ...stagingSettings("fargate"), originAccess: "public" })).not.toThrow();
  });

  it("refuses a secret no public load balancer would require, naming the variable", () => {
    expect(() => loadConfig("prod", { ORIGIN_VERIFY_SECRET_PROD: SECRET })).toThrow(
      /config prod: ORIGIN_VERIFY_SECRET_PROD is set, but no public load balancer requires it.*"<redacted>"/,
    );
  });

  it("asks the pipeline for exactly the secrets an environment's settings take", () => {
    expect(Object.values(CONFIG).flatMap(pipelineSecrets)).toEqual([]);
    expect(pipelineSecrets(publicProd)).toEqual(["ORIGIN_VERIFY_SECRET_PROD"]);
    // Only a public load balancer behind the CDN takes one: each environment asks for its own.
    expect(pipelineSecrets({ ...CONFIG.dev, originAccess: "public" })).toEqual(["ORIGIN_VERIFY_SECRET_DEV"]);
    expect(pipelineSecrets({ ...CONFIG.dev, originAccess: "public", cdn: false })).toEqual([]);
  });

  it("runs staging on Fargate by default, with a public-IP task and no NAT; App Runner is one checked-in choice with a NAT instance", () => {
    expect(loadConfig("staging", {})).toMatchObject({
      compute: "fargate",
      natGateways: "none",
      service: { assignPublicIp: true, nightlyScaleToZero: true },
    });
    expect(validateConfig(stagingSettings("apprunner"))).toMatchObject({
      compute: "apprunner",
      natGateways: "instance",
      service: { assignPublicIp: false },
    });
    expect(stagingSettings("fargate")).toEqual(CONFIG.staging);
  });

  it("follows seed 001 in prod: its subnets, one NAT gateway, Multi-AZ, 0.5 vCPU / 1 GB, 2-10 tasks", () => {
    const prod = loadConfig("prod", {});
    expect(prod.subnetCidrs).toEqual({ public: ["10.0.1.0/24", "10.0.2.0/24"], private: ["10.0.10.0/24", "10.0.11.0/24"] });
    expect(prod).toMatchObject({ natGateways: "single", production: true, database: { multiAz: true, instanceClass: "db.t4g.micro" } });
    expect(prod.service).toMatchObject({ cpu: 512, memoryMiB: 1024, minCapacity: 2, maxCapacity: 10, spot: false });
  });

  it.each([
    [{ compute: "apprunner" }, /config dev: compute may be apprunner only in staging/],
    [
      { production: true, natGateways: "instance" },
      /config dev: natGateways must be single or perAz in production \(a NAT instance is single-AZ without failover\), got "instance"/,
    ],
    [{ production: true, natGateways: "none" }, /natGateways must be single or perAz in production/],
    [
      {
        production: true,
        natGateways: "single",
        database: { ...CONFIG.dev.database, multiAz: true },
        service: { ...CONFIG.dev.service, assignPublicIp: true },
      },
      /service.assignPublicIp must be false in production/,
    ],
    [{ production: true, natGateways: "single", service: CONFIG.prod.service }, /database.multiAz must be true in production/],
    [{ cdn: false }, /config dev: cdn must be true without a domain: the load balancer would serve plain HTTP to the internet/],
    [{ emailDomain: "example.com" }, /emailDomain needs domain/],
    [
      { emailDomain: "other.com", domain: { name: "example.com", hostedZoneId: "Z123" } },
      /emailDomain must be example.com or a subdomain of it/,
    ],
    [{ project: "X" }, /project must be 3-20 lower-case/],
    [{ region: "us-east" }, /region must be an AWS region.*"us-east"/],
    [{ availabilityZones: ["us-east-1a"] }, /availabilityZones must list 2 or 3/],
    [{ availabilityZones: ["us-east-1a", "us-west-2b"] }, /availabilityZones must be zones of us-east-1.*"us-west-2b"/],
    [{ availabilityZones: ["us-east-1a", "us-east-1a"] }, /availabilityZones must not repeat/],
    [{ vpcCidr: "10.0.0.0/8" }, /vpcCidr must be an IPv4 CIDR block from \/16 to \/28/],
    [{ vpcCidr: "300.0.0.0/16" }, /vpcCidr must be an IPv4 CIDR block from \/16 to \/28 .*got "300\.0\.0\.0\/16"/],
    [{ domain: { name: "Not A Domain", hostedZoneId: "Z123" } }, /domain.name must be a lower-case DNS name/],
    [{ domain: { name: "example.com", hostedZoneId: "zone" } }, /domain.hostedZoneId must be a Route 53 hosted zone id/],
    [{ imageTag: "bad tag" }, /imageTag must be a Docker tag/],
    [{ imageTag: "latest" }, /^config dev: imageTag must name one build \(a git SHA or a version\), not latest, got "latest"$/],
    [{ tags: { Environment: "x" } }, /tags.Environment is set by the stack/],
    [{ state: {} }, /state must configure exactly one of s3 or cloud/],
    [{ state: { s3: { bucket: "b-b-b", region: "us-east-1" }, cloud: { organization: "o" } } }, /state must configure exactly one/],
  ])("rejects %j", (override, message) => {
    expect(() => validateConfig({ ...CONFIG.dev, ...override } as never)).toThrow(message);
  });

  it("documents every environment variable it reads in docs/environments.md's variable table", () => {
    const readme = readFileSync(join(__dirname, "..", "docs", "environments.md"), "utf8");
    const rows = readme.split("\n").filter((l) => l.startsWith("| `"));
    const documented = new Set(rows.flatMap((l) => [...l.split("|")[1].matchAll(/`([A-Z_]+)`/g)].map((m) => m[1])));
    expect(Object.keys(ENV_VARS).filter((v) => !documented.has(v))).toEqual([]);
  });
});
