import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG, ENV_VARS, loadConfig, validateConfig } from "./config";

describe("environment configuration", () => {
  it("loads every environment with the seed defaults", () => {
    for (const name of ["dev", "staging", "prod"] as const) {
      const config = loadConfig(name, {});
      expect(config.environment).toBe(name);
      expect(config.region).toBe("us-east-1");
      expect(config.state.s3?.bucket).toBe("fckdoomscroll-terraform-state");
    }
    expect(loadConfig("prod", {}).vpcCidr).toBe("10.0.0.0/16");
  });

  it("accepts one NAT gateway in production, and a NAT instance or public-IP tasks outside it", () => {
    expect(validateConfig({ ...CONFIG.prod, natGateways: "single" }).natGateways).toBe("single");
    expect(validateConfig({ ...CONFIG.dev, natGateways: "instance", service: { ...CONFIG.dev.service, assignPublicIp: true } }).natGateways).toBe("instance");
  });

  it("refuses a budget that is not a positive number, and accepts the smallest positive one", () => {
    expect(() => validateConfig({ ...CONFIG.dev, monthlyBudgetUsd: 0 })).toThrow(/config dev: monthlyBudgetUsd must be a positive number of US dollars, got 0/);
    expect(validateConfig({ ...CONFIG.dev, monthlyBudgetUsd: 0.01 }).monthlyBudgetUsd).toBe(0.01);
  });

  it("takes the image tag and allowed accounts from the environment", () => {
    const config = loadConfig("prod", { IMAGE_TAG: "git-abc123", AWS_ALLOWED_ACCOUNT_IDS: "111111111111, 222222222222" });
    expect(config.imageTag).toBe("git-abc123");
    // The nearest valid tag to "latest" is accepted.
    expect(loadConfig("dev", { IMAGE_TAG: "latest-2026-11-28" }).imageTag).toBe("latest-2026-11-28");
    expect(config.allowedAccountIds).toEqual(["111111111111", "222222222222"]);
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
      s3: { bucket: "fckdoomscroll-terraform-state", region: "us-east-1" },
    });
    expect(() => loadConfig("dev", { STATE_BACKEND: "gcs" })).toThrow(/config dev: STATE_BACKEND must be s3 or cloud, got "gcs"/);
    expect(() => loadConfig("dev", { STATE_BACKEND: "cloud" })).toThrow(/TFC_ORGANIZATION is required/);
  });

  it("takes the origin-verify secret only from the environment, and checks it without echoing it", () => {
    const pub = { ORIGIN_ACCESS: "public" };
    expect(loadConfig("prod", {}).originVerifySecret).toBeUndefined();
    expect(loadConfig("prod", { ...pub, ORIGIN_VERIFY_SECRET: "x".repeat(40) }).originVerifySecret).toBe("x".repeat(40));
    expect(() => loadConfig("prod", { ...pub, ORIGIN_VERIFY_SECRET: "short" })).toThrow(/ORIGIN_VERIFY_SECRET must be 32-128 letters, digits.*"<redacted>"/);
    expect(() => loadConfig("prod", { ...pub, ORIGIN_VERIFY_SECRET: "x".repeat(129) })).toThrow(/ORIGIN_VERIFY_SECRET must be 32-128/);
    expect(() => loadConfig("prod", { ...pub, ORIGIN_VERIFY_SECRET: `${"x".repeat(40)}*` })).toThrow(/no ALB wildcards/);
  });

  it("reaches prod's load balancer through a VPC origin unless ORIGIN_ACCESS says public", () => {
    expect(loadConfig("prod", {}).originAccess ?? "vpc-origin").toBe("vpc-origin");
    expect(loadConfig("prod", { ORIGIN_ACCESS: "public", ORIGIN_VERIFY_SECRET: "x".repeat(40) }).originAccess).toBe("public");
    expect(() => loadConfig("prod", { ORIGIN_ACCESS: "private" })).toThrow(/config prod: originAccess \(ORIGIN_ACCESS\) must be vpc-origin or public, got "private"/);
  });

  it("requires ORIGIN_VERIFY_SECRET for production with a public load balancer, naming it", () => {
    expect(() => loadConfig("prod", { ORIGIN_ACCESS: "public" })).toThrow(/config prod: ORIGIN_VERIFY_SECRET is required in production with ORIGIN_ACCESS=public/);
    expect(() => loadConfig("staging", { STAGING_COMPUTE: "fargate", ORIGIN_ACCESS: "public" })).not.toThrow();
  });

  it("refuses ORIGIN_VERIFY_SECRET where no public load balancer would require it", () => {
    expect(() => loadConfig("prod", { ORIGIN_VERIFY_SECRET: "x".repeat(40) })).toThrow(/config prod: ORIGIN_VERIFY_SECRET is set, but no public load balancer requires it.*"<redacted>"/);
  });

  it("runs staging on App Runner by default, or on Fargate when STAGING_COMPUTE says so", () => {
    expect(loadConfig("staging", {}).compute).toBe("apprunner");
    expect(loadConfig("staging", { STAGING_COMPUTE: "fargate" }).compute).toBe("fargate");
    // On Fargate, staging drops the NAT instance its App Runner connector needed: a public-IP task.
    expect(loadConfig("staging", { STAGING_COMPUTE: "fargate" })).toMatchObject({ natGateways: "none", service: { assignPublicIp: true } });
    expect(loadConfig("staging", {})).toMatchObject({ natGateways: "instance", service: { assignPublicIp: false } });
    expect(loadConfig("prod", { STAGING_COMPUTE: "apprunner" }).compute).toBe("fargate");
    expect(() => loadConfig("staging", { STAGING_COMPUTE: "lambda" })).toThrow(/config staging: STAGING_COMPUTE must be apprunner or fargate, got "lambda"/);
  });

  it("follows seed 001 in prod: its subnets, one NAT gateway, Multi-AZ, 0.5 vCPU / 1 GB, 2-10 tasks", () => {
    const prod = loadConfig("prod", {});
    expect(prod.subnetCidrs).toEqual({ public: ["10.0.1.0/24", "10.0.2.0/24"], private: ["10.0.10.0/24", "10.0.11.0/24"] });
    expect(prod).toMatchObject({ natGateways: "single", production: true, database: { multiAz: true, instanceClass: "db.t4g.micro" } });
    expect(prod.service).toMatchObject({ cpu: 512, memoryMiB: 1024, minCapacity: 2, maxCapacity: 10, spot: false });
  });

  it.each([
    [{ compute: "apprunner" }, /config dev: compute may be apprunner only in staging/],
    [{ production: true, natGateways: "instance" }, /config dev: natGateways must be single or perAz in production \(a NAT instance is single-AZ without failover\), got "instance"/],
    [{ production: true, natGateways: "none" }, /natGateways must be single or perAz in production/],
    [{ production: true, natGateways: "single", database: { ...CONFIG.dev.database, multiAz: true }, service: { ...CONFIG.dev.service, assignPublicIp: true } }, /service.assignPublicIp must be false in production/],
    [{ production: true, natGateways: "single", service: CONFIG.prod.service }, /database.multiAz must be true in production/],
    [{ cdn: true }, /cdn needs domain/],
    [{ emailDomain: "example.com" }, /emailDomain needs domain/],
    [{ emailDomain: "other.com", domain: { name: "example.com", hostedZoneId: "Z123" } }, /emailDomain must be example.com or a subdomain of it/],
    [{ project: "X" }, /project must be 3-20 lower-case/],
    [{ region: "us-east" }, /region must be an AWS region.*"us-east"/],
    [{ allowedAccountIds: ["123"] }, /allowedAccountIds must hold 12-digit.*"123"/],
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
