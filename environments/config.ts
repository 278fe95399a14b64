import { RemoteStateSettings } from "../modules/state/remote-state";
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
}

/** Typed settings of one environment. Everything a module needs comes from here. */
export interface EnvironmentConfig {
  /** Project name: prefix of every physical name (`<project>-<environment>-<purpose>`). */
  readonly project: string;
  readonly environment: EnvironmentName;
  /** AWS region of the stack. */
  readonly region: string;
  /** Terraform refuses to run against any other account. Empty: not enforced. */
  readonly allowedAccountIds: readonly string[];
  /** Availability zones (2 or 3), in `region`. */
  readonly availabilityZones: readonly string[];
  /** The VPC's CIDR block. */
  readonly vpcCidr: string;
  /** Public domain and zone; without one the app is served on AWS-generated names. */
  readonly domain?: DomainSettings;
  /** Remote state backend (exactly one of s3 / cloud). */
  readonly state: RemoteStateSettings;
  /** Image tag to deploy (CI usually sets IMAGE_TAG). */
  readonly imageTag: string;
  /** Extra tags on every resource, beside Project, Environment and ManagedBy. */
  readonly tags: Readonly<Record<string, string>>;
}

/** Settings that apply to every environment unless overridden. */
const BASE = {
  project: "fckdoomscroll",
  region: "us-east-1",
  allowedAccountIds: [] as string[],
  availabilityZones: ["us-east-1a", "us-east-1b"],
  vpcCidr: "10.0.0.0/16",
  imageTag: "latest",
  tags: { Owner: "platform-team" },
};

/** Per-environment settings, as they are checked in. Environment variables may override some. */
export const CONFIG: Record<EnvironmentName, EnvironmentConfig> = {
  dev: {
    ...BASE,
    environment: "dev",
    state: { s3: { bucket: "fckdoomscroll-terraform-state", region: "us-east-1" } },
    tags: { ...BASE.tags, CostCenter: "engineering" },
  },
  staging: {
    ...BASE,
    environment: "staging",
    vpcCidr: "10.1.0.0/16",
    state: { s3: { bucket: "fckdoomscroll-terraform-state", region: "us-east-1" } },
    tags: { ...BASE.tags, CostCenter: "engineering" },
  },
  prod: {
    ...BASE,
    environment: "prod",
    domain: { name: "fckdoomscroll.example.com", hostedZoneId: "Z0EXAMPLE0ZONE0ID" },
    state: { s3: { bucket: "fckdoomscroll-terraform-state", region: "us-east-1" } },
    tags: { ...BASE.tags, CostCenter: "production" },
  },
};

/**
 * Environment variables a pipeline may set instead of editing code. Documented in the README.
 * `STATE_BACKEND` picks the backend when both kinds of settings are present.
 */
export const ENV_VARS = {
  STATE_BACKEND: "s3 | cloud: which backend to use",
  STATE_BUCKET: "S3 state bucket (implies the s3 backend unless STATE_BACKEND=cloud)",
  STATE_REGION: "S3 state bucket region",
  STATE_DYNAMODB_TABLE: "legacy DynamoDB lock table (optional)",
  TFC_ORGANIZATION: "Terraform Cloud organization (implies the cloud backend unless STATE_BACKEND=s3)",
  TFC_HOSTNAME: "Terraform Cloud host (default app.terraform.io)",
  IMAGE_TAG: "container image tag to deploy",
  AWS_ALLOWED_ACCOUNT_IDS: "comma-separated account ids Terraform may touch",
} as const;

type Env = Readonly<Record<string, string | undefined>>;

function bad(environment: string, setting: string, rule: string, value: unknown): never {
  throw new ValidationError(`config ${environment}: ${setting} ${rule}, got ${JSON.stringify(value)}`);
}

/** Apply environment-variable overrides to checked-in settings. */
export function applyEnvironmentVariables(config: EnvironmentConfig, env: Env): EnvironmentConfig {
  const name = config.environment;
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
    state = { cloud: { ...state.cloud, organization, ...(env.TFC_HOSTNAME ? { hostname: env.TFC_HOSTNAME } : {}) } };
  } else if (wantsS3 || env.STATE_REGION || env.STATE_DYNAMODB_TABLE) {
    const s3 = state.s3;
    const bucket = env.STATE_BUCKET ?? s3?.bucket;
    const region = env.STATE_REGION ?? s3?.region ?? config.region;
    if (!bucket) bad(name, "STATE_BUCKET", "is required for the s3 backend", bucket);
    state = {
      s3: { ...s3, bucket, region, ...(env.STATE_DYNAMODB_TABLE ? { dynamodbTable: env.STATE_DYNAMODB_TABLE } : {}) },
    };
  }
  const accounts = env.AWS_ALLOWED_ACCOUNT_IDS
    ? env.AWS_ALLOWED_ACCOUNT_IDS.split(",").map((a) => a.trim()).filter((a) => a !== "")
    : config.allowedAccountIds;
  return {
    ...config,
    state,
    allowedAccountIds: accounts,
    imageTag: env.IMAGE_TAG && env.IMAGE_TAG.trim() !== "" ? env.IMAGE_TAG.trim() : config.imageTag,
  };
}

/** Check a configuration; every error names the environment and the setting. */
export function validateConfig(config: EnvironmentConfig): EnvironmentConfig {
  const name = config.environment;
  if (!(ENVIRONMENTS as readonly string[]).includes(name)) bad(name, "environment", `must be one of ${ENVIRONMENTS.join(", ")}`, name);
  if (!/^[a-z][a-z0-9-]{1,18}[a-z0-9]$/.test(config.project)) {
    bad(name, "project", "must be 3-20 lower-case letters, digits or hyphens, starting with a letter (it prefixes names limited to 32 characters)", config.project);
  }
  if (!REGION_PATTERN.test(config.region)) bad(name, "region", "must be an AWS region such as us-east-1", config.region);
  for (const account of config.allowedAccountIds) {
    if (!/^\d{12}$/.test(account)) bad(name, "allowedAccountIds", "must hold 12-digit AWS account ids", account);
  }
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
    if (!DOMAIN_PATTERN.test(config.domain.name)) bad(name, "domain.name", "must be a lower-case DNS name such as app.example.com", config.domain.name);
    if (!/^Z[A-Z0-9]{1,31}$/.test(config.domain.hostedZoneId)) {
      bad(name, "domain.hostedZoneId", "must be a Route 53 hosted zone id such as Z0123456789ABC", config.domain.hostedZoneId);
    }
  }
  if (!/^[\w.-]{1,128}$/.test(config.imageTag)) bad(name, "imageTag", "must be a Docker tag (1-128 of letters, digits, _ . -)", config.imageTag);
  for (const key of Object.keys(config.tags)) {
    if (["Project", "Environment", "ManagedBy"].includes(key)) bad(name, `tags.${key}`, "is set by the stack and cannot be overridden", key);
  }
  const s3 = config.state.s3;
  const cloud = config.state.cloud;
  if (!!s3 === !!cloud) bad(name, "state", "must configure exactly one of s3 or cloud", Object.keys(config.state));
  return config;
}

/** The checked settings of an environment, with environment-variable overrides applied. */
export function loadConfig(name: EnvironmentName, env: Env = process.env): EnvironmentConfig {
  const base = CONFIG[name];
  if (!base) throw new ValidationError(`config: unknown environment ${JSON.stringify(name)}; expected one of ${ENVIRONMENTS.join(", ")}`);
  return validateConfig(applyEnvironmentVariables(base, env));
}
