import { GitHubRepository } from "../modules/identity/github-subjects";
import type { NatGatewayMode } from "../modules/network/network";
import { RemoteStateSettings } from "../modules/state/remote-state";
import IMAGE_TAGS from "./image-tags.json";
import { DOMAIN_PATTERN, REGION_PATTERN, ValidationError } from "../modules/internal/validate";

/** The environments this app deploys. */
export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** The app's public domain and its Route 53 hosted zone. */
export interface DomainSettings {
  /** The name users visit, e.g. `app.example.com` (also the email sending domain in prod). */
  readonly name: string;
  /** Route 53 hosted zone id that holds `name`. */
  readonly hostedZoneId: string;
  /**
   * Whether the alias records that move users to CloudFront exist. Checked in: flipping it to true
   * is the go-live (after `go-live-check` passed on the *.cloudfront.net name; docs/runbook.md).
   * @default true
   */
  readonly aliasRecords?: boolean;
}

/**
 * How the web app runs: ECS Fargate behind a load balancer (any account), or App Runner (staging
 * only, and only in accounts that already use it: AWS closed it to new customers on 30 April 2026).
 */
export type ComputeKind = "fargate" | "apprunner";

/** Size and scaling of the web service (ECS Fargate). */
export interface ServiceSettings {
  /** Task CPU units (256 = 0.25 vCPU). */
  readonly cpu: number;
  /** Task memory, MiB; must pair with `cpu` (Fargate table). */
  readonly memoryMiB: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Run on Fargate Spot (dev/staging savings); prod keeps an on-demand base. */
  readonly spot: boolean;
  /** Scale to zero outside working hours (cron in UTC). */
  readonly nightlyScaleToZero: boolean;
  /**
   * Tasks in the public subnets with a public IP each (about $3.65 a month per task), so the VPC
   * needs no NAT for them; their security group still admits only the load balancer. Not in production.
   */
  readonly assignPublicIp: boolean;
  /**
   * CPU architecture of the tasks. ARM64 (Graviton) is about 20 % cheaper, on Fargate and Fargate
   * Spot alike, once CI pushes an arm64 or multi-arch image (`docker buildx build --platform
   * linux/amd64,linux/arm64`); an x86-only image fails to start on ARM64.
   */
  readonly cpuArchitecture: "X86_64" | "ARM64";
}

/** The database of an environment. */
export interface DatabaseSettings {
  readonly instanceClass: string;
  readonly multiAz: boolean;
  readonly databaseName: string;
  readonly masterUsername: string;
}

/** Typed settings of one environment. Everything a module needs comes from here. */
export interface EnvironmentConfig {
  /** Project name: prefix of every physical name (`<project>-<environment>-<purpose>`). */
  readonly project: string;
  readonly environment: EnvironmentName;
  /**
   * The 12-digit AWS account this environment lives in. The pipeline assumes this environment's
   * plan and apply roles in it (`arn:aws:iam::<accountId>:role/<project>-deploy-<env>-plan|apply`),
   * so it is checked in: the terminal and the pipeline deploy to the same account. The stack's
   * providers pin `allowed_account_ids` to exactly this id (any other credential fails before
   * Terraform changes anything). One account per environment is the default (each account gets
   * its own bootstrap); the same id in every environment is single-account mode, where the
   * permissions boundaries carry the cross-environment guards.
   */
  readonly accountId: string;
  /** AWS region of the stack. */
  readonly region: string;
  /** Availability zones (2 or 3), in `region`. */
  readonly availabilityZones: readonly string[];
  /** The VPC's CIDR block. */
  readonly vpcCidr: string;
  /** Public domain and zone; without one the app is served on AWS-generated names. */
  readonly domain?: DomainSettings;
  /** Remote state backend (exactly one of s3 / cloud). */
  readonly state: RemoteStateSettings;
  /**
   * Image tag to deploy: the environment's entry in `environments/image-tags.json`, checked in
   * like everything else (`npm run image-tag -- <env> <tag>` records one; the pipeline's release
   * job commits it), so the terminal, a push and the drift check all deploy the same image.
   */
  readonly imageTag: string;
  /** Extra tags on every resource, beside Project, Environment and ManagedBy. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Production safeguards: deletion protection and prevent_destroy on stateful resources,
   * Multi-AZ, 7-30 day secret recovery, every alarm, prod-severity policy rules.
   */
  readonly production: boolean;
  /**
   * Egress of the private subnets: `single` (one NAT gateway, production's default), `perAz` (a NAT
   * gateway per AZ: egress survives the loss of an AZ, $37 a month more per AZ), `instance` (one
   * fck-nat NAT instance: about $7 instead of $37, single-AZ, no failover; not in production) or
   * `none` (tasks with public IPs, or no egress at all).
   */
  readonly natGateways: NatGatewayMode;
  /** Explicit subnet CIDRs (prod: seed 001's layout). @default derived from vpcCidr */
  readonly subnetCidrs?: { readonly public: readonly string[]; readonly private: readonly string[] };
  /** ECS Fargate + ALB, or App Runner (staging only). Checked in: no variable changes it. */
  readonly compute: ComputeKind;
  readonly service: ServiceSettings;
  readonly database: DatabaseSettings;
  /** CloudFront in front of the app, with the S3 static-assets origin. */
  readonly cdn: boolean;
  /** SES sending domain (a name inside `domain`'s hosted zone). @default - no email */
  readonly emailDomain?: string;
  /** Who gets alarm notifications. */
  readonly alarmEmails: { readonly critical: readonly string[]; readonly warning: readonly string[] };
  /** Application secrets, created empty in Secrets Manager (values never pass through Terraform). */
  readonly appSecrets: readonly string[];
  /** Non-secret runtime settings, as SSM parameters. */
  readonly appParameters: Readonly<Record<string, string>>;
  /**
   * How CloudFront reaches a Fargate app: `vpc-origin` (an internal load balancer, no internet
   * path) or `public` (an internet-facing load balancer that admits only CloudFront and requires
   * the environment's `ORIGIN_VERIFY_SECRET_<ENV>` in production). Checked in: no variable changes it.
   * @default "vpc-origin"
   */
  readonly originAccess?: "vpc-origin" | "public";
  /**
   * Shared secret CloudFront sends in X-Origin-Verify and a public load balancer requires, so that
   * no other CloudFront distribution reaches the origin. Only from the environment's own variable
   * `ORIGIN_VERIFY_SECRET_<ENV>` (e.g. `ORIGIN_VERIFY_SECRET_PROD`, from the pipeline's secret
   * store, never in code); it is stored in Terraform state, as any CloudFront custom header is.
   * Only with `originAccess: "public"`.
   */
  readonly originVerifySecret?: string;
  /**
   * Monthly budget, USD: `npm run cost` fails when the estimate exceeds it, and an AWS budget
   * alerts the warning topic at 80 % and 100 % of actual spend (filtered by the Project and
   * Environment cost allocation tags).
   */
  readonly monthlyBudgetUsd: number;
  /**
   * What the budget counts (ContainerWebApp `budgetScope`): set by `buildApp`, "environment-tag"
   * when another environment shares this one's account, else every cost of the account.
   * @default "account"
   */
  readonly budgetScope?: "account" | "environment-tag";
}

/** Settings that apply to every environment unless overridden. */
const BASE = {
  project: "fckdoomscroll",
  region: "us-east-1",
  availabilityZones: ["us-east-1a", "us-east-1b"],
  vpcCidr: "10.0.0.0/16",
  tags: { Owner: "platform-team" },
  production: false,
  natGateways: "single" as const,
  compute: "fargate" as ComputeKind,
  service: {
    cpu: 256,
    memoryMiB: 512,
    minCapacity: 1,
    maxCapacity: 2,
    spot: true,
    nightlyScaleToZero: false,
    assignPublicIp: false,
    cpuArchitecture: "X86_64",
  } as ServiceSettings,
  database: { instanceClass: "db.t4g.micro", multiAz: false, databaseName: "fckdoomscroll", masterUsername: "fckadmin" },
  // Every environment reaches the app through CloudFront as prod does (the default *.cloudfront.net
  // certificate needs no domain; the always-free tier covers dev and staging), so the edge is
  // exercised on every deploy and no environment serves plain HTTP to the internet.
  cdn: true,
  // Outside prod, critical alarms go to the same people as warnings.
  alarmEmails: { critical: ["platform-alerts@example.com"], warning: ["platform-alerts@example.com"] },
  appSecrets: ["AUTH_SECRET", "SESSION_SECRET", "GOOGLE_CLIENT_SECRET"],
  appParameters: { LOG_LEVEL: "info", FEATURE_FLAGS: "{}", DB_POOL_SIZE: "5" } as Record<string, string>,
};

/**
 * Each account keeps the state of its own environments in its own bucket (S3 names are global,
 * so the account id is in the name): reading prod's state takes a credential of prod's account.
 */
function stateIn(accountId: string): RemoteStateSettings {
  return { s3: { bucket: `fckdoomscroll-tfstate-${accountId}`, region: "us-east-1" } };
}

/**
 * How staging runs, in one line. `"fargate"` works in any account: one Fargate Spot task with a
 * public IP (no NAT), scaled to zero at night. `"apprunner"` (seed 003) only in accounts that
 * already use App Runner (closed to new customers on 30 April 2026): App Runner 1 vCPU / 2 GB
 * with a NAT instance for its VPC connector.
 */
const STAGING_COMPUTE: ComputeKind = "fargate";

/**
 * Staging's settings for either compute kind (exported so that tests synthesize both). The
 * compute kind decides the egress: App Runner's VPC connector sends all egress through the VPC,
 * so it gets a NAT instance (~$7 a month, single-AZ, no failover) instead of a NAT gateway ($37);
 * a Fargate task, like dev's, gets a public IP in a public subnet and the VPC no NAT at all.
 */
export function stagingSettings(compute: ComputeKind): EnvironmentConfig {
  return {
    ...BASE,
    environment: "staging",
    imageTag: IMAGE_TAGS.staging,
    accountId: "222222222222",
    vpcCidr: "10.1.0.0/16",
    compute,
    natGateways: compute === "apprunner" ? "instance" : "none",
    service: { ...BASE.service, nightlyScaleToZero: true, assignPublicIp: compute === "fargate" },
    state: stateIn("222222222222"),
    tags: { ...BASE.tags, CostCenter: "engineering" },
    monthlyBudgetUsd: 60,
  };
}

/**
 * Per-environment settings, as they are checked in: everything that decides what an environment
 * is (account, compute, origin access, domain) is here, read alike by the terminal and the
 * pipeline. Environment variables supply only values (image tag, secrets, state location).
 */
export const CONFIG: Record<EnvironmentName, EnvironmentConfig> = {
  dev: {
    ...BASE,
    environment: "dev",
    imageTag: IMAGE_TAGS.dev,
    accountId: "111111111111",
    vpcCidr: "10.2.0.0/16",
    // No NAT ($37 a month): the one task runs in a public subnet with a public IP, admitting
    // only the load balancer (the policy's baseline tier accepts it with that reason).
    natGateways: "none",
    service: { ...BASE.service, assignPublicIp: true },
    state: stateIn("111111111111"),
    tags: { ...BASE.tags, CostCenter: "engineering" },
    monthlyBudgetUsd: 60,
  },
  staging: stagingSettings(STAGING_COMPUTE),
  prod: {
    ...BASE,
    environment: "prod",
    imageTag: IMAGE_TAGS.prod,
    accountId: "333333333333",
    production: true,
    // aliasRecords false: the first applies create the edge without moving users; set true once
    // go-live-check passes on the distribution's *.cloudfront.net name (docs/runbook.md, go-live).
    domain: { name: "fckdoomscroll.example.com", hostedZoneId: "Z0EXAMPLE0ZONE0ID", aliasRecords: false },
    // Seed 001's exact layout and its one NAT gateway. "perAz" is the opt-in for egress that
    // survives the loss of an AZ ($37 a month more).
    natGateways: "single",
    subnetCidrs: { public: ["10.0.1.0/24", "10.0.2.0/24"], private: ["10.0.10.0/24", "10.0.11.0/24"] },
    service: { ...BASE.service, cpu: 512, memoryMiB: 1024, minCapacity: 2, maxCapacity: 10, spot: false },
    database: { ...BASE.database, multiAz: true },
    cdn: true,
    // CloudFront reaches an internal load balancer: no internet path, no shared secret to keep.
    originAccess: "vpc-origin",
    emailDomain: "fckdoomscroll.example.com",
    alarmEmails: { critical: ["oncall@example.com"], warning: ["platform-alerts@example.com"] },
    state: stateIn("333333333333"),
    tags: { ...BASE.tags, CostCenter: "production" },
    // 10 tasks × 200 % during a deploy × 4 = 80 connections fit db.t4g.micro's 100 (minus 5
    // reserved); seed 001's pool of 5 would need 100 + the admin's (synth refuses it).
    appParameters: { ...BASE.appParameters, DB_POOL_SIZE: "4" },
    monthlyBudgetUsd: 150,
  },
};

/** GitHub Actions deploy roles: per environment, a plan role and an apply role. */
export interface GitHubDeliverySettings {
  /** The repository whose workflows plan and apply (see modules/identity for the sub formats). */
  readonly repository: GitHubRepository;
  /** Branches whose push/schedule jobs may plan (the drift check). @default ["main"] */
  readonly planBranches?: readonly string[];
  /** The account's existing GitHub OIDC provider, if it has one. @default - created */
  readonly existingProviderArn?: string;
  /** Use the GitHub OIDC provider the account already has, found by URL. @default false (created) */
  readonly useExistingProvider?: boolean;
}

/** HCP Terraform dynamic credentials: per environment workspace, a plan role and an apply role. */
export interface HcpTerraformDeliverySettings {
  readonly organization: string;
  /** The HCP Terraform project holding the `<project>-<env>` workspaces. */
  readonly project: string;
  /** @default "app.terraform.io" */
  readonly hostname?: string;
  /** The account's existing HCP Terraform OIDC provider, if it has one. @default - created */
  readonly existingProviderArn?: string;
  /** Use the HCP Terraform OIDC provider the account already has, found by URL. @default false (created) */
  readonly useExistingProvider?: boolean;
}

/**
 * Workload identity for pipelines, created by the `bootstrap` stack (opt-in: leave a field out
 * and nothing of it is created). No AWS access key is needed anywhere.
 */
export interface DeliverySettings {
  /** @default - no GitHub Actions roles */
  readonly github?: GitHubDeliverySettings;
  /** @default - no HCP Terraform roles */
  readonly hcpTerraform?: HcpTerraformDeliverySettings;
  /**
   * Cap every role of the environments with a permissions boundary (`<project>-boundary-<env>`,
   * created by the bootstrap): the apply roles may then create and change roles only with that
   * boundary attached, so no role they create can do more than they can. Needs the bootstrap
   * applied before any environment, even one deployed by hand.
   * @default false
   */
  readonly permissionsBoundary?: boolean;
}

/**
 * Checked in with example values, so the synthesized bootstrap shows the roles: replace the
 * repository (owner, name and their numeric ids: `gh api repos/<owner>/<repo> --jq '.owner.id, .id'`)
 * and the HCP Terraform organization before applying, or remove what you do not use.
 */
export const DELIVERY: DeliverySettings = {
  github: {
    // "both" while a repository migrates to immutable sub claims; "immutable" afterwards.
    repository: { owner: "example-org", name: "fckdoomscroll-infra", ownerId: 100000001, repositoryId: 200000002, subjectFormat: "both" },
    planBranches: ["main"],
  },
  hcpTerraform: { organization: "example-org", project: "fckdoomscroll" },
  permissionsBoundary: true,
};

/**
 * Environment variables a pipeline (or a terminal) may set: values, never what an environment is.
 * Documented in docs/environments.md. `STATE_BACKEND` picks the backend when both kinds of
 * settings are present.
 */
export const ENV_VARS = {
  STATE_BACKEND: "s3 | cloud: which backend to use",
  STATE_BUCKET: "S3 state bucket (implies the s3 backend unless STATE_BACKEND=cloud)",
  STATE_REGION: "S3 state bucket region",
  STATE_DYNAMODB_TABLE: "legacy DynamoDB lock table (optional)",
  TFC_ORGANIZATION: "Terraform Cloud organization (implies the cloud backend unless STATE_BACKEND=s3)",
  TFC_HOSTNAME: "Terraform Cloud host (default app.terraform.io)",
  TFC_PROJECT: "HCP Terraform project of the workspaces (default DELIVERY.hcpTerraform.project, else the organization's default project)",
  ORIGIN_VERIFY_SECRET_DEV: "dev's origin-verify secret (only when dev's originAccess is public)",
  ORIGIN_VERIFY_SECRET_STAGING: "staging's origin-verify secret (only when staging's originAccess is public)",
  ORIGIN_VERIFY_SECRET_PROD: "prod's origin-verify secret (only, and then required, when prod's originAccess is public)",
} as const;

/**
 * Variables that used to change what an environment is. A setting the terminal and the pipeline
 * could read differently is checked in now; setting one of these fails, rather than being ignored.
 */
export const RETIRED_ENV_VARS: Readonly<Record<string, string>> = {
  STAGING_COMPUTE:
    "staging's compute is STAGING_COMPUTE in environments/config.ts (checked in, so the terminal and the pipeline deploy the same staging)",
  ORIGIN_ACCESS: "each environment's originAccess is checked in (environments/config.ts)",
  AWS_ALLOWED_ACCOUNT_IDS: "each environment's accountId is checked in (environments/config.ts)",
  IMAGE_TAG:
    "each environment's image tag is checked in: environments/image-tags.json (npm run image-tag -- <env> <tag>), so a later push or drift check cannot undo or flag it",
  ORIGIN_VERIFY_SECRET:
    "each environment reads its own secret, ORIGIN_VERIFY_SECRET_<ENV> (e.g. ORIGIN_VERIFY_SECRET_PROD), and only when its originAccess is public",
};

/** The variable holding an environment's origin-verify secret: `ORIGIN_VERIFY_SECRET_PROD` for prod. */
export function originVerifySecretVariable(environment: EnvironmentName): string {
  return `ORIGIN_VERIFY_SECRET_${environment.toUpperCase()}`;
}

/** True when CloudFront reaches this environment's app through an internet-facing load balancer. */
function hasPublicOrigin(config: EnvironmentConfig): boolean {
  return config.cdn && config.compute === "fargate" && (config.originAccess ?? "vpc-origin") === "public";
}

/**
 * The secrets an environment's checked-in settings take from the pipeline's secret store, as
 * the names of the variables that carry them: exactly what the delivery guide tells a team to set.
 */
export function pipelineSecrets(config: EnvironmentConfig): string[] {
  return hasPublicOrigin(config) ? [originVerifySecretVariable(config.environment)] : [];
}

type Env = Readonly<Record<string, string | undefined>>;

function bad(environment: string, setting: string, rule: string, value: unknown): never {
  throw new ValidationError(`config ${environment}: ${setting} ${rule}, got ${JSON.stringify(value)}`);
}

/** Apply environment-variable overrides to checked-in settings. */
export function applyEnvironmentVariables(config: EnvironmentConfig, env: Env): EnvironmentConfig {
  const name = config.environment;
  for (const [variable, instead] of Object.entries(RETIRED_ENV_VARS)) {
    if (env[variable] !== undefined && env[variable] !== "")
      bad(name, variable, `is no longer read: ${instead}; unset it`, variable.includes("SECRET") ? "<redacted>" : env[variable]);
  }
  const backend = env.STATE_BACKEND?.trim();
  if (backend !== undefined && backend !== "" && backend !== "s3" && backend !== "cloud") {
    bad(name, "STATE_BACKEND", "must be s3 or cloud", backend);
  }
  let state = config.state;
  const wantsCloud = backend === "cloud" || (!backend && !!env.TFC_ORGANIZATION);
  const wantsS3 = backend === "s3" || (!backend && !!env.STATE_BUCKET && !env.TFC_ORGANIZATION);
  if (wantsCloud) {
    const organization = env.TFC_ORGANIZATION ?? state.cloud?.organization;
    if (!organization) bad(name, "TFC_ORGANIZATION", "is required when STATE_BACKEND=cloud", organization);
    // Workspaces land in the project the HCP Terraform roles trust (the project is in their sub claim).
    const project = env.TFC_PROJECT ?? state.cloud?.project ?? DELIVERY.hcpTerraform?.project;
    state = {
      cloud: {
        ...state.cloud,
        organization,
        ...(env.TFC_HOSTNAME ? { hostname: env.TFC_HOSTNAME } : {}),
        ...(project ? { project } : {}),
      },
    };
  } else if (wantsS3 || env.STATE_REGION || env.STATE_DYNAMODB_TABLE) {
    const s3 = state.s3;
    const bucket = env.STATE_BUCKET ?? s3?.bucket;
    const region = env.STATE_REGION ?? s3?.region ?? config.region;
    if (!bucket) bad(name, "STATE_BUCKET", "is required for the s3 backend", bucket);
    state = {
      s3: { ...s3, bucket, region, ...(env.STATE_DYNAMODB_TABLE ? { dynamodbTable: env.STATE_DYNAMODB_TABLE } : {}) },
    };
  }
  const secret = env[originVerifySecretVariable(name)];
  return {
    ...config,
    state,
    ...(secret ? { originVerifySecret: secret } : {}),
  };
}

/**
 * Check an image tag an environment would deploy: a Docker tag that names one build. ECR tags are
 * immutable here, and `latest` would not say which build runs: a git SHA or a version does.
 */
export function checkImageTag(environment: string, tag: string): string {
  if (!/^[A-Za-z0-9_][\w.-]{0,127}$/.test(tag))
    bad(environment, "imageTag", "must be a Docker tag (1-128 of letters, digits, _ . -, not starting with . or -)", tag);
  if (tag === "latest") bad(environment, "imageTag", "must name one build (a git SHA or a version), not latest", tag);
  return tag;
}

/** Check a configuration; every error names the environment and the setting. */
export function validateConfig(config: EnvironmentConfig): EnvironmentConfig {
  const name = config.environment;
  if (!(ENVIRONMENTS as readonly string[]).includes(name)) bad(name, "environment", `must be one of ${ENVIRONMENTS.join(", ")}`, name);
  if (!/^[a-z][a-z0-9-]{1,18}[a-z0-9]$/.test(config.project)) {
    bad(
      name,
      "project",
      "must be 3-20 lower-case letters, digits or hyphens, starting with a letter (it prefixes names limited to 32 characters)",
      config.project,
    );
  }
  if (!REGION_PATTERN.test(config.region)) bad(name, "region", "must be an AWS region such as us-east-1", config.region);
  if (!/^\d{12}$/.test(config.accountId)) bad(name, "accountId", "must be a 12-digit AWS account id", config.accountId);
  const azs = config.availabilityZones;
  if (azs.length < 2 || azs.length > 3) bad(name, "availabilityZones", "must list 2 or 3 availability zones", azs);
  for (const az of azs) {
    if (!az.startsWith(config.region) || !/^[a-z]$/.test(az.slice(config.region.length))) {
      bad(name, "availabilityZones", `must be zones of ${config.region} such as ${config.region}a`, az);
    }
  }
  if (new Set(azs).size !== azs.length) bad(name, "availabilityZones", "must not repeat a zone", azs);
  const cidr = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(config.vpcCidr);
  if (!cidr || cidr.slice(1, 5).some((o) => Number(o) > 255) || Number(cidr[5]) < 16 || Number(cidr[5]) > 28) {
    bad(name, "vpcCidr", "must be an IPv4 CIDR block from /16 to /28 such as 10.0.0.0/16", config.vpcCidr);
  }
  if (config.domain) {
    if (!DOMAIN_PATTERN.test(config.domain.name))
      bad(name, "domain.name", "must be a lower-case DNS name such as app.example.com", config.domain.name);
    if (!/^Z[A-Z0-9]{1,31}$/.test(config.domain.hostedZoneId)) {
      bad(name, "domain.hostedZoneId", "must be a Route 53 hosted zone id such as Z0123456789ABC", config.domain.hostedZoneId);
    }
  }
  checkImageTag(name, config.imageTag);
  for (const key of Object.keys(config.tags)) {
    if (["Project", "Environment", "ManagedBy"].includes(key))
      bad(name, `tags.${key}`, "is set by the stack and cannot be overridden", key);
  }
  if (config.compute === "apprunner" && name !== "staging")
    bad(name, "compute", "may be apprunner only in staging (App Runner has no production SLA fit here)", config.compute);
  if (config.production && config.natGateways !== "single" && config.natGateways !== "perAz") {
    bad(name, "natGateways", "must be single or perAz in production (a NAT instance is single-AZ without failover)", config.natGateways);
  }
  if (config.production && config.service.assignPublicIp) {
    bad(name, "service.assignPublicIp", "must be false in production (tasks stay in private subnets)", config.service.assignPublicIp);
  }
  if (config.production && !config.database.multiAz) bad(name, "database.multiAz", "must be true in production", config.database.multiAz);
  if (!config.cdn && config.compute === "fargate" && !config.domain) {
    bad(
      name,
      "cdn",
      "must be true without a domain: the load balancer would serve plain HTTP to the internet (CloudFront serves HTTPS on its *.cloudfront.net name without one)",
      config.cdn,
    );
  }
  if (config.emailDomain) {
    if (!config.domain) bad(name, "emailDomain", "needs domain (its hosted zone holds the email records)", config.emailDomain);
    const zone = config.domain!.name;
    if (config.emailDomain !== zone && !config.emailDomain.endsWith(`.${zone}`)) {
      bad(name, "emailDomain", `must be ${zone} or a subdomain of it`, config.emailDomain);
    }
  }
  const originAccess = config.originAccess ?? "vpc-origin";
  if (originAccess !== "vpc-origin" && originAccess !== "public") bad(name, "originAccess", "must be vpc-origin or public", originAccess);
  const secretVariable = originVerifySecretVariable(name);
  const publicOrigin = hasPublicOrigin(config);
  if (config.originVerifySecret !== undefined && !publicOrigin) {
    bad(
      name,
      secretVariable,
      `is set, but no public load balancer requires it (it applies with cdn, Fargate and originAccess: "public"; a VPC origin needs no header); unset it, or set originAccess: "public" in environments/config.ts`,
      "<redacted>",
    );
  }
  if (publicOrigin && config.production && config.originVerifySecret === undefined) {
    bad(
      name,
      secretVariable,
      `is required in production with originAccess: "public": without it any CloudFront distribution reaches the load balancer around this one's WAF; set it from the pipeline's secret store, or use originAccess: "vpc-origin"`,
      undefined,
    );
  }
  // ALB header conditions take at most 128 characters and treat * and ? as wildcards.
  if (config.originVerifySecret !== undefined && !/^[A-Za-z0-9_-]{32,128}$/.test(config.originVerifySecret)) {
    bad(name, secretVariable, "must be 32-128 letters, digits, _ or - (no ALB wildcards * ?)", "<redacted>");
  }
  if (typeof config.monthlyBudgetUsd !== "number" || !Number.isFinite(config.monthlyBudgetUsd) || config.monthlyBudgetUsd <= 0) {
    bad(name, "monthlyBudgetUsd", "must be a positive number of US dollars", config.monthlyBudgetUsd);
  }
  const s3 = config.state.s3;
  const cloud = config.state.cloud;
  if (!!s3 === !!cloud) bad(name, "state", "must configure exactly one of s3 or cloud", Object.keys(config.state));
  return config;
}

/** The checked settings of an environment, with environment-variable overrides applied. */
export function loadConfig(name: EnvironmentName, env: Env = process.env, base: EnvironmentConfig = CONFIG[name]): EnvironmentConfig {
  if (!base) throw new ValidationError(`config: unknown environment ${JSON.stringify(name)}; expected one of ${ENVIRONMENTS.join(", ")}`);
  return validateConfig(applyEnvironmentVariables(base, env));
}
