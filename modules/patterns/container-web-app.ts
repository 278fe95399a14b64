import { Fn, Lazy, TerraformOutput, TerraformProvider, TerraformStack, Token, dependable } from "cdktf";
import { Construct } from "constructs";
import { AppRunnerService, AppRunnerServiceProps } from "../app-runner/app-runner-service";
import { RedisCache, RedisCacheProps } from "../cache/redis-cache";
import { CdnDistribution, CdnDistributionProps } from "../cdn/cdn-distribution";
import { WebCompute } from "../core/web-compute";
import { DatabaseAdminTask } from "../service/database-admin-task";
import { DEFAULT_CA_BUNDLE_PATH } from "../core/database-ref";
import { ConnectionUrlOptions } from "../core/connection-url";
import { PostgresDatabase, PostgresDatabaseProps } from "../database/postgres-database";
import { EmailDomain, EmailDomainProps } from "../email/email-domain";
import { EmailTemplateContent } from "../email/email-templates";
import { BedrockGrant, WorkloadRole } from "../core/workload-role";
import { checkProviderRegion, defaultAwsProvider, providerRegion } from "../internal/aws-context";
import { defaultAvailabilityZones } from "../internal/region-checks";
import { baseName, pascalCase } from "../internal/naming";
import { checkDomain, checkIntegerRange, checkOneOf, checkPattern, fail, isToken, registerPropHints } from "../internal/validate";
import { CostBudget } from "../monitoring/cost-budget";
import { OperationsDashboard } from "../monitoring/dashboard";
import { Monitoring } from "../monitoring/monitoring";
import { Network, NetworkProps } from "../network/network";
import { VpcOriginZoneCheck } from "../network/vpc-origin-zones";
import { NetworkRef } from "../core/network-ref";
import { enforcePolicies, suppress } from "../policy";
import { acceptNonProductionChoices } from "./profile-choices";
import { PROFILES, ProfileDefaults } from "./profile";
import { ContainerRepository } from "../registry/container-repository";
import { AppSecrets } from "../secrets/app-secrets";
import { SecretRef } from "../core/secret-ref";
import { EncryptionKey, cloudWatchLogsKey } from "../core/encryption-key";
import { SidecarContainer } from "../service/container";
import { OneOffTask } from "../service/one-off-task";
import { ScheduledCapacity } from "../service/fargate-service-base";
import { FargateCluster, ON_DEMAND_CAPACITY, SPOT_CAPACITY } from "../service/fargate-cluster";
import { WebService, WebServiceProps } from "../service/web-service";
import { WorkerService, WorkerServiceProps } from "../service/worker-service";
import { LoadBalancerLogsBucket } from "../storage/load-balancer-logs-bucket";
import { UploadsBucket } from "../storage/uploads-bucket";

/**
 * Which protective defaults an app gets. `production`: deletion protection and `prevent_destroy`
 * on stateful resources, Multi-AZ database, customer-managed keys, a year of logs, WAF and access
 * logs on the CDN, every alarm, production-tier policy rules. `non-production`: cheap and
 * disposable (destroy and re-create the same day), database alarms only, baseline policy rules.
 */
export type AppProfile = "production" | "non-production";

/** The app's public name and the Route 53 zone that holds it. */
export interface AppDomain {
  /** What users visit, e.g. `app.example.com`. */
  readonly name: string;
  /** Route 53 hosted zone id holding `name` (records and DNS-validated certificates go there). */
  readonly hostedZoneId: string;
  /**
   * Create the alias records that move users to the CDN. `false` for the first apply of a two-phase
   * go-live: everything else is created (the distribution answers on its `*.cloudfront.net` name,
   * `cdn_domain_name` output) and `go-live-check` verifies it before a second apply with `true`
   * moves users. Without a CDN (App Runner's or the load balancer's own records) it has no effect.
   * @default true
   */
  readonly aliasRecords?: boolean;
}

/** A VPC created for the app. */
export interface AppNetworkOptions {
  /**
   * Availability zones (2 or 3) in the stack's region.
   * @default - two zones every account has in the region: `a` and `b` (`a` and `c` in ap-northeast-1; required in us-west-1, where names
   * differ per account)
   */
  readonly availabilityZones?: readonly string[];
  /**
   * Availability zones by ID (2 or 3, e.g. `["use1-az1", "use1-az2"]`) instead of names: the same
   * physical zones in every account. Behind a CloudFront VPC origin, IDs are checked at synth
   * against the zones VPC origins support; names are checked at plan, once the account's mapping
   * is known.
   * @default - zones by name (`availabilityZones`)
   */
  readonly availabilityZoneIds?: readonly string[];
  /** The VPC's IPv4 CIDR block. @default "10.0.0.0/16" */
  readonly cidr?: string;
  /**
   * NAT for the private subnets: `single` gateway ($33 a month + $3.65 for its address), one
   * `perAz` (egress survives the loss of an AZ; opt in for zone-independent egress), a NAT
   * `instance` (fck-nat, about $7: single-AZ, no failover; refused for production), or `none`
   * (Fargate tasks then need `compute.assignPublicIp`).
   * @default "single"
   */
  readonly natGateways?: NetworkProps["natGateways"];
  /** Any other `Network` prop, applied last. @default {} */
  readonly overrides?: Partial<NetworkProps>;
}

/** ECS Fargate behind an Application Load Balancer. */
export interface FargateComputeOptions {
  /** Discriminator. */
  readonly kind: "fargate";
  /** Task CPU units (256 = 0.25 vCPU). @default - 512 for production, 256 otherwise */
  readonly cpu?: number;
  /** Task memory, MiB (a Fargate pair with `cpu`). @default - 1024 for production, 512 otherwise */
  readonly memoryMiB?: number;
  /** Fewest tasks. @default - 2 for production, 1 otherwise */
  readonly minCapacity?: number;
  /** Most tasks. @default - 10 for production, 2 otherwise */
  readonly maxCapacity?: number;
  /** Run on Fargate Spot (up to 70 % cheaper, may be interrupted). @default - false for production, true otherwise */
  readonly spot?: boolean;
  /** CPU architecture; ARM64 (Graviton) is about 20 % cheaper and needs a multi-arch or arm64 image. @default "X86_64" */
  readonly cpuArchitecture?: "X86_64" | "ARM64";
  /** Scheduled changes of the task bounds (e.g. zero at night). @default [] */
  readonly scheduledCapacity?: readonly ScheduledCapacity[];
  /**
   * Tasks in the public subnets with a public IP (about $3.65 a month each) instead of private
   * subnets behind NAT; the task security group still admits only the load balancer. Refused
   * for production.
   * @default false
   */
  readonly assignPublicIp?: boolean;
  /**
   * Extra containers in each web task (see `SidecarContainer`); `imageTag` names a tag in the
   * app's repository. Public images need egress (the production default NAT, or `assignPublicIp`).
   * @default []
   */
  readonly sidecars?: readonly SidecarContainer[];
  /** Any other `WebService` prop, applied last. @default {} */
  readonly overrides?: Partial<WebServiceProps>;
}

/** App Runner (no load balancer; scales per request concurrency). */
export interface AppRunnerComputeOptions {
  /** Discriminator. */
  readonly kind: "apprunner";
  /** vCPU (0.25-4). @default 1 */
  readonly cpu?: number;
  /** Memory, GiB (an App Runner pair with `cpu`). @default 2 */
  readonly memoryGiB?: number;
  /** Fewest instances. @default 1 */
  readonly minSize?: number;
  /** Most instances. @default 3 */
  readonly maxSize?: number;
  /** Concurrent requests per instance before scaling out. @default 100 */
  readonly maxConcurrency?: number;
  /** Any other `AppRunnerService` prop, applied last. @default {} */
  readonly overrides?: Partial<AppRunnerServiceProps>;
}

/** A background service on the same image, cluster, network and database (Fargate only). */
export interface AppWorkerOptions {
  /** Lower-case letters, digits, hyphens; the service is `<project>-<environment>-<name>`. */
  readonly name: string;
  /** Command run instead of the image's default, e.g. `["node", "worker.js"]`. @default - the image's CMD */
  readonly command?: readonly string[];
  /** Task CPU units. @default 256 */
  readonly cpu?: number;
  /** Task memory, MiB. @default 512 */
  readonly memoryMiB?: number;
  /** Fewest tasks. @default 1 */
  readonly minCapacity?: number;
  /** Most tasks. @default 2 */
  readonly maxCapacity?: number;
  /** Extra plain variables for this worker. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Run on Fargate Spot (up to 70 % cheaper; a task may be stopped with two minutes' notice, so
   * the worker must finish or hand back its job on SIGTERM), as the web service's `spot`.
   * @default - false for production (on-demand), true otherwise
   */
  readonly spot?: boolean;
  /** Extra containers in each worker task, as for the web tasks. @default [] */
  readonly sidecars?: readonly SidecarContainer[];
  /** Any other `WorkerService` prop, applied last. @default {} */
  readonly overrides?: Partial<WorkerServiceProps>;
}

/** The app's PostgreSQL database. */
export interface AppDatabaseOptions {
  /** RDS instance class. @default "db.t4g.micro" */
  readonly instanceClass?: string;
  /** Standby in a second zone. @default - true for production */
  readonly multiAz?: boolean;
  /** Database created on the instance. @default "app" */
  readonly databaseName?: string;
  /** Master user (migrations and administration only; the app never gets it). @default - the module's default */
  readonly masterUsername?: string;
  /**
   * How the app logs in:
   * - `iam`: as `appUser` with a 15-minute IAM token (`rds-db:connect`), from plain `DB_*`
   *   settings; no password exists anywhere. For clients that take a password callback
   *   (node-postgres `pg`, postgres.js, psycopg, JDBC with the AWS wrapper).
   * - `url`: with a password, from a `DATABASE_URL` secret (ECS `valueFrom`, never a plain
   *   value), for Prisma and ORMs that take only a URL. Terraform creates the secret empty; the
   *   admin task (`npx cdktf-aws-webapp db-create-app-role`) generates the password, sets it on a
   *   login role of `appUser` and writes the URL; running it again rotates (see the database README).
   * @default "iam" - no secret to leak or rotate; switching an app that runs to `url` needs the
   * role step run before its deployment, so it is a choice, not an upgrade
   */
  readonly access?: "iam" | "url";
  /**
   * The URL's format and Prisma's settings (`connection_limit` is {@link poolSize}); only with `access: "url"`.
   * @default - Prisma's format with verified TLS, `connection_limit` = poolSize
   */
  readonly url?: Pick<ConnectionUrlOptions, "format" | "poolTimeoutSeconds" | "statementCacheSize" | "pgbouncer" | "caBundlePath">;
  /**
   * PostgreSQL role of the app's privileges: its login with `access: "iam"`, the group of the
   * alternating logins `<appUser>_1` / `<appUser>_2` with `access: "url"`.
   * @default "app_user"
   */
  readonly appUser?: string;
  /**
   * Connections each app task keeps in its pool, checked against the instance's connection limit
   * and passed to the app as `DB_POOL_SIZE` (unless a parameter of that name is given).
   * @default - what fits: (connection limit − reserved − 2) ÷ (2 × most tasks of all services), at most 10
   */
  readonly poolSize?: number;
  /** Any other `PostgresDatabase` prop, applied last. @default {} */
  readonly overrides?: Partial<PostgresDatabaseProps>;
}

/**
 * A command run once before each deployment of a new image, on that image with the app's
 * environment, secrets, roles and network (never the master credentials): Heroku's release
 * phase, Render's pre-deploy command. Typically the migrations.
 */
export interface AppReleaseOptions {
  /** What runs, e.g. `["npx", "prisma", "migrate", "deploy"]`; a non-zero exit stops the deployment. */
  readonly command: readonly string[];
  /** Task CPU units. @default - the web tasks' */
  readonly cpu?: number;
  /** Task memory, MiB. @default - the web tasks' */
  readonly memoryMiB?: number;
}

/** CloudFront in front of the app, with the static-assets bucket. */
export interface AppCdnOptions {
  /** WAF web ACL (needs `usEast1Provider` outside us-east-1). @default - true for production */
  readonly webAcl?: boolean;
  /** Access logs to a bucket (needs `usEast1Provider` outside us-east-1). @default - true for production */
  readonly accessLogs?: boolean;
  /**
   * How CloudFront reaches the load balancer: `vpc-origin` (an internal load balancer in private
   * subnets, reachable only through CloudFront) or `public` (an internet-facing load balancer that
   * admits only CloudFront's addresses and requires `originVerifySecret`).
   * @default "vpc-origin"
   */
  readonly originAccess?: "vpc-origin" | "public";
  /**
   * Shared secret CloudFront sends and the public load balancer requires (32-128 letters, digits,
   * `_`, `-`). Supply it from your pipeline's secret store, never from code. Required with
   * `originAccess: "public"` in production.
   * @default - none
   */
  readonly originVerifySecret?: string;
  /** Any other `CdnDistribution` prop, applied last. @default {} */
  readonly overrides?: Partial<CdnDistributionProps>;
}

/** A bucket for user uploads, served by the CDN on its own path. */
export interface AppUploadsOptions {
  /** URL path the CDN serves uploads on; object keys mirror it (`/uploads/*` → `uploads/...`). @default "/uploads/*" */
  readonly pathPattern?: string;
  /** Globally unique bucket name. @default `<project>-<environment>-uploads` */
  readonly bucketName?: string;
  /** Days old versions of replaced or deleted uploads are kept. @default 30 */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days before uploads expire. @default - never */
  readonly expirationDays?: number;
  /**
   * Other origins whose pages upload with presigned URLs too, beside the app's own URL (e.g.
   * another app of the product): scheme and host, optional non-default port, no path.
   * @default [] - the app's URL only
   */
  readonly allowedOrigins?: readonly string[];
}

/**
 * A Redis-compatible cache (ElastiCache for Valkey) that the web app and the workers reach on 6379,
 * e.g. for BullMQ queues, sessions or pub/sub. The app gets `REDIS_URL` as a secret
 * (`rediss://<user>:<password>@<host>:6379`, written by the `cache_credential_command` output,
 * never by Terraform), `REDIS_TLS=true` and `REDIS_CLUSTER` (`true` for serverless).
 */
export interface AppCacheOptions {
  /**
   * `nodes` (a primary, plus a replica in production; any client unchanged) or `serverless`
   * (billed per GB stored and per request; clients must use cluster mode). See the cache README
   * for the cost trade-off.
   * @default "nodes"
   */
  readonly deployment?: RedisCacheProps["deployment"];
  /** Node type (`nodes`). @default "cache.t4g.micro" */
  readonly nodeType?: string;
  /** Read replicas in other zones with automatic failover (`nodes`). @default - 1 for production, 0 otherwise */
  readonly replicas?: number;
  /** What a full cache does (`nodes`): `noeviction` (queues) or e.g. `allkeys-lru` (a pure cache). @default "noeviction" */
  readonly maxmemoryPolicy?: RedisCacheProps["maxmemoryPolicy"];
  /** Any other `RedisCache` prop, applied last. @default {} */
  readonly overrides?: Partial<RedisCacheProps>;
}

/** Sending email through SES from the app's domain. */
export interface AppEmailOptions {
  /** Sending domain, in the app's hosted zone: `domain.name`, a subdomain, a sibling or a parent of it. @default - `domain.name` */
  readonly domain?: string;
  /** The only From address the app may use. @default - `noreply@<email domain>` */
  readonly fromAddress?: string;
  /** SES templates, by name. @default {} */
  readonly templates?: Readonly<Record<string, EmailTemplateContent>>;
  /** Any other `EmailDomain` prop, applied last. @default {} */
  readonly overrides?: Partial<EmailDomainProps>;
}

/** Props for {@link ContainerWebApp}. */
export interface ContainerWebAppProps {
  /** Project name (lower-case); physical names are `<project>-<environment>-...`. */
  readonly project: string;
  /** Environment name, any lower-case word (`dev`, `qa`, `live`, ...). */
  readonly environment: string;
  /** Which protective defaults apply. */
  readonly profile: AppProfile;
  /** Image tag to run from the app's repository (immutable tags: a git SHA or version). */
  readonly imageTag: string;
  /**
   * An existing network, or options for the VPC created for the app.
   * @default - a VPC in the region's `a` and `b` zones
   */
  readonly network?: NetworkRef | AppNetworkOptions;
  /**
   * The app's public name. Without one, users get HTTPS on the CDN's `*.cloudfront.net` name
   * (or plain HTTP on the load balancer's name when there is no CDN, outside production).
   * @default - none
   */
  readonly domain?: AppDomain;
  /** How the app runs. @default { kind: "fargate" } */
  readonly compute?: FargateComputeOptions | AppRunnerComputeOptions;
  /** Background services on the same image (Fargate only). @default [] */
  readonly workers?: readonly AppWorkerOptions[];
  /**
   * A release command (migrations) run before each deployment of a new image (Fargate only): a
   * one-off task definition `<name>-release` and the `release_task` output;
   * `npx cdktf-aws-webapp release --stack <env> --image-tag <tag>` runs it and waits for its exit
   * code (the pipeline does before each apply that changes the image). With a database, the app's
   * role may change the schema (`GRANT CREATE`): the release runs as the app, not the master user.
   * @default - none
   */
  readonly release?: AppReleaseOptions;
  /** PostgreSQL, or `false` for none. @default {} (a database) */
  readonly database?: AppDatabaseOptions | false;
  /** CloudFront in front of the app, or `false`. @default {} (a CDN) */
  readonly cdn?: AppCdnOptions | false;
  /**
   * A versioned, encrypted bucket for user uploads: the app may read and write it (`UPLOADS_BUCKET`),
   * browsers on the app's URL may upload with presigned URLs (CORS), and the CDN serves it on
   * `pathPattern` through origin access control.
   * @default - no uploads bucket
   */
  readonly uploads?: AppUploadsOptions;
  /**
   * A Redis-compatible cache for the web app and workers (`REDIS_URL` as a secret, 6379 open from
   * them only). Production gets a replica, snapshots and a customer-managed key.
   * @default - no cache
   */
  readonly cache?: AppCacheOptions;
  /** SES sending domain (needs `domain`). @default - no email */
  readonly email?: AppEmailOptions;
  /** Secrets created empty in Secrets Manager and injected by name (fill them with the CLI). @default [] */
  readonly secrets?: readonly string[];
  /** Non-secret settings, as SSM parameters injected by name. @default {} */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Plain environment variables of the app (web and workers). @default {} */
  readonly appEnvironment?: Readonly<Record<string, string>>;
  /**
   * Variables that receive the app's public URL (`https://...`). With App Runner and no domain the
   * URL cannot be passed (it depends on the service itself): then none is set, and giving some is an error.
   * @default ["APP_URL"]
   */
  readonly urlVariables?: readonly string[];
  /** Also set `AUTH_URL` (the public URL, when known) and `AUTH_TRUST_HOST=true` for Auth.js / NextAuth. @default false */
  readonly authJs?: boolean;
  /** Bedrock models / inference profiles the app may invoke. @default - none */
  readonly bedrock?: BedrockGrant;
  /** Who gets alarm notifications. @default - topics without subscriptions */
  readonly alarmEmails?: { readonly critical?: readonly string[]; readonly warning?: readonly string[] };
  /** Monthly AWS budget in USD; actual spend at 80 % and 100 % notifies the warning topic. @default - no budget */
  readonly monthlyBudgetUsd?: number;
  /**
   * What the budget counts: every cost of the account (an account per environment), or only costs
   * tagged `Environment=<environment>` (several environments in one account; activate `Environment`
   * as a cost allocation tag first, or the budget reads $0).
   * @default "account"
   */
  readonly budgetScope?: "account" | "environment-tag";
  /**
   * The stack's AWS provider aliased to us-east-1, for what CloudFront needs there (a certificate
   * for `domain`, WAF, access logs, CDN alarms). Not needed when the stack is in us-east-1.
   * @default - the stack's default provider when it is in us-east-1
   */
  readonly usEast1Provider?: TerraformProvider;
  /** Check the stack against the policy rules of the profile's tier at synth. @default true */
  readonly enforcePolicies?: boolean;
  /** Create the operator outputs (`app_url`, `ecr_repository_url`, ...) on the stack. @default true */
  readonly outputs?: boolean;
  /** Prefix of the output names, for two apps in one stack. @default "" */
  readonly outputPrefix?: string;
}

/**
 * A whole containerized web app from a few decisions: network, PostgreSQL (IAM-authenticated app
 * user, TLS), the image registry, secrets and parameters, ECS Fargate behind a load balancer (or
 * App Runner), workers, CloudFront with a static-assets bucket (reaching the load balancer through
 * a VPC origin), SES, alarms, a dashboard, a budget and the operator outputs. The wiring that must
 * match (CDN origin and listener, origin header, the app's public URL) is made here once.
 */
export class ContainerWebApp extends Construct {
  /** `<project>-<environment>`: the base of every physical name. */
  public readonly name: string;
  /** The profile the defaults came from. */
  public readonly profile: AppProfile;
  /** The network (created here, or the one given). */
  public readonly network: NetworkRef;
  /** The VPC created here, when no network was given. */
  public readonly createdNetwork?: Network;
  /** Customer-managed key of the log groups (production). */
  public readonly logsKey?: EncryptionKey;
  /** Customer-managed key of CloudFront's WAF log group in us-east-1 (production outside us-east-1). */
  public readonly edgeLogsKey?: EncryptionKey;
  /** Alarm topics and their subscriptions. */
  public readonly monitoring: Monitoring;
  /**
   * Alarm topics in us-east-1 for the CDN's alarm (production with a CDN outside us-east-1: CloudFront's
   * metrics, hence its alarms, exist only there, and an alarm notifies topics of its own region only).
   */
  public readonly edgeMonitoring?: Monitoring;
  /** The database, unless `database: false`. */
  public readonly database?: PostgresDatabase;
  /** Customer-managed key of the database (production). */
  public readonly databaseKey?: EncryptionKey;
  /**
   * The one-off task that creates the app's database role (`npx cdktf-aws-webapp db-create-app-role`), the
   * only holder of the master credentials besides migrations; with the database.
   */
  public readonly databaseAdmin?: DatabaseAdminTask;
  /** The release command's one-off task (with `release`): `runSettings` is the `release_task` output. */
  public readonly release?: OneOffTask;
  /** The image repository. */
  public readonly repository: ContainerRepository;
  /** The app's secrets and parameters. */
  public readonly secrets: AppSecrets;
  /** The ECS cluster (Fargate compute or workers). */
  public readonly cluster?: FargateCluster;
  /** The web app's compute: a `WebService` or an `AppRunnerService`, through one interface. */
  public readonly compute: WebCompute;
  /** The Fargate web service, when `compute.kind` is `fargate`. */
  public readonly webService?: WebService;
  /** The App Runner service, when `compute.kind` is `apprunner`. */
  public readonly appRunnerService?: AppRunnerService;
  /** Workers, by name. */
  public readonly workers: Readonly<Record<string, WorkerService>>;
  /** The CDN, unless `cdn: false`. */
  public readonly cdn?: CdnDistribution;
  /** The uploads bucket, with `uploads`. */
  public readonly uploads?: UploadsBucket;
  /** The cache, with `cache`. */
  public readonly cache?: RedisCache;
  /** Customer-managed key of the cache's data at rest (production, with `cache`). */
  public readonly cacheKey?: EncryptionKey;
  /** The SES domain, with `email`. */
  public readonly email?: EmailDomain;
  /** The load balancer's access-log bucket (production, Fargate). */
  public readonly loadBalancerLogs?: LoadBalancerLogsBucket;
  /** The operations dashboard. */
  public readonly dashboard: OperationsDashboard;
  /** The budget, with `monthlyBudgetUsd`. */
  public readonly budget?: CostBudget;
  /** Where users reach the app. */
  public readonly url: string;
  /** What operators need after apply, by output name. */
  public readonly operatorOutputs: Readonly<Record<string, { readonly value: string; readonly description: string }>>;

  public constructor(scope: Construct, id: string, props: ContainerWebAppProps) {
    super(scope, id);
    const r = this.resolveProps(props);
    const { profile: p, name, region } = r;
    this.name = name;
    this.profile = props.profile;

    // ---- foundation: keys, network, alarm topics
    this.logsKey =
      p.customerManagedKeys && region !== undefined
        ? cloudWatchLogsKey(this, "LogsKey", { alias: `${name}-logs`, region, preventDestroy: true })
        : undefined;
    const network = this.createNetwork(props, r);
    this.network = network.network;
    this.createdNetwork = network.created;
    this.monitoring = new Monitoring(this, "Monitoring", {
      name,
      criticalEmails: props.alarmEmails?.critical,
      warningEmails: props.alarmEmails?.warning,
      // AWS Budgets publishes the budget's notifications to the (encrypted) warning topic.
      additionalPublisherServices: props.monthlyBudgetUsd !== undefined ? ["budgets.amazonaws.com"] : undefined,
    });
    const alarms = p.serviceAlarms ? this.monitoring : undefined;

    // ---- data: database, registry, secrets, cache, uploads
    const access = this.resolveDatabaseAccess(props, r);
    this.secrets = this.createSecrets(props, r, access.databaseUrl);
    if (r.database) {
      const created = this.createDatabase(r, r.database);
      this.databaseKey = created.key;
      this.database = created.database;
    }
    this.repository = new ContainerRepository(this, "Repository", {
      name: `${props.project}/${props.environment}/app`,
      // Images are rebuildable: only production keeps its repository when the stack is destroyed.
      forceDelete: p.forceDestroy,
      preventDestroy: p.preventDestroy,
      // The image this environment runs is never expired by count, however many builds follow it.
      keepTagPatterns: Token.isUnresolved(props.imageTag) ? [] : [props.imageTag],
    });
    if (props.cache) {
      const created = this.createCache(props, r, props.cache, alarms);
      this.cacheKey = created.key;
      this.cache = created.cache;
    }
    const uploadsPath = props.uploads?.pathPattern ?? "/uploads/*";
    if (props.uploads) this.uploads = this.createUploads(props.uploads, uploadsPath, r);

    // ---- the app's runtime settings: database by IAM token over verified TLS, secrets by reference
    const capacity = this.taskCapacity(props, r);
    const poolSize =
      r.database?.poolSize ??
      (this.database
        ? Math.max(
            1,
            Math.min(10, Math.floor((this.database.maxConnections - this.database.reservedConnections - 2) / (2 * capacity.allMaxTasks))),
          )
        : 0);
    const runtime = this.runtimeSettings(props, r, access, poolSize);

    // ---- compute
    const shared: FargateShared = { ...runtime, alarms };
    const originAccess = r.cdn?.originAccess ?? "vpc-origin";
    checkOneOf(this, "cdn.originAccess", originAccess, ["vpc-origin", "public"]);
    if (r.compute.kind === "fargate") {
      const created = this.createWebService(props, r, r.compute, shared, capacity.webMaxTasks);
      this.cluster = created.cluster;
      this.loadBalancerLogs = created.loadBalancerLogs;
      this.webService = created.web;
      this.compute = created.web;
      if (props.release) this.release = created.web.addOneOffTask("ReleaseTaskDefinition", { purpose: "release", ...props.release });
    } else {
      this.appRunnerService = this.createAppRunner(props, r, r.compute, runtime);
      this.compute = this.appRunnerService;
    }
    this.workers = this.createWorkers(props, r, shared, runtime.environment, capacity.workerMaxTasks);
    const workers = Object.values(this.workers);
    const appRoles = [this.compute.appRole, ...workers.map((w) => w.taskRole)];

    // ---- database access: network paths, IAM login as the app user, connection capacity
    if (this.database) this.databaseAdmin = this.connectDatabase(props, r, this.database, access, poolSize, capacity, appRoles);
    // ---- cache access: 6379 from the web app and the workers, nothing else
    if (this.cache) {
      this.compute.connections.allowTo(this.cache);
      for (const w of workers) w.connections.allowTo(this.cache);
    }

    // ---- edge: CDN, the app's public URL
    // App Runner's own name is an attribute of the service: the service cannot be given it (nor a
    // CDN name that depends on it) without a Terraform cycle. Then only a domain gives the URL.
    const urlKnown = r.compute.kind === "fargate" || props.domain !== undefined;
    if (!urlKnown && props.urlVariables !== undefined && props.urlVariables.length > 0) {
      fail(
        this,
        "urlVariables",
        "need domain with App Runner: the service's (or its CDN's) generated name depends on the service itself, a Terraform cycle. Give domain, or leave urlVariables unset (the app then reads its host from the request; authJs sets AUTH_TRUST_HOST)",
        props.urlVariables,
      );
    }
    if (r.cdn) {
      const edge = this.createEdge(props, r, r.cdn, uploadsPath);
      this.edgeLogsKey = edge.logsKey;
      this.edgeMonitoring = edge.monitoring;
      this.cdn = edge.cdn;
    }
    this.url = this.cdn?.url ?? (props.domain && r.compute.kind === "apprunner" ? `https://${props.domain.name}` : this.compute.url);
    this.setUrlVariables(props, urlKnown);
    if (this.uploads) for (const role of appRoles) this.uploads.grantReadWrite(role, uploadsPath.slice(1));

    // ---- email, Bedrock
    if (props.email && props.domain) this.email = this.createEmail(name, props.email, props.domain, appRoles);
    if (props.bedrock) for (const role of appRoles) role.grantInvokeBedrock(props.bedrock);

    // ---- operations: dashboard, budget, outputs, policies
    this.dashboard = this.createDashboard(name, workers);
    if (props.monthlyBudgetUsd !== undefined) {
      this.budget = new CostBudget(this, "Budget", {
        name,
        monthlyLimitUsd: props.monthlyBudgetUsd,
        topicArn: this.monitoring.warningTopicArn,
        // An account per environment (the default) needs no filter, and a tag filter reads $0 until the
        // tag is activated for cost allocation (by the payer account, under AWS Organizations).
        costAllocationTag:
          (props.budgetScope ?? "account") === "environment-tag" ? { key: "Environment", value: props.environment } : undefined,
        // Budgets publishes only once the warning topic's policy admits it.
        dependsOn: this.monitoring.topicPolicies,
      });
    }
    this.operatorOutputs = this.collectOperatorOutputs();
    const stack = TerraformStack.of(this);
    if (props.outputs ?? true) this.writeOutputs(stack, props.outputPrefix ?? "");
    if (p.acceptsNonProductionChoices) acceptNonProductionChoices(this);
    if (props.enforcePolicies ?? true) enforcePolicies(stack, { tier: p.policyTier });
  }

  /** The profile's defaults and the props every part reads, checked where they must agree. */
  private resolveProps(props: ContainerWebAppProps): Resolved {
    checkOneOf(this, "profile", props.profile, ["production", "non-production"]);
    const p = PROFILES[props.profile];
    const production = p.production;
    checkPattern(
      this,
      "environment",
      props.environment,
      /^[a-z][a-z0-9-]{0,19}$/,
      "must be 1-20 lower-case letters, digits or hyphens, starting with a letter",
    );
    const name = baseName(props.project, props.environment);
    const region = providerRegion(this);
    const compute = props.compute ?? { kind: "fargate" as const };
    checkOneOf(this, "compute.kind", compute.kind, ["fargate", "apprunner"]);
    const cdn = props.cdn === false ? undefined : (props.cdn ?? {});
    const database = props.database === false ? undefined : (props.database ?? {});
    registerPropHints(this, "ContainerWebApp", {
      Network: "network (or network.overrides)",
      Database: "database (or database.overrides)",
      Cache: "cache (or cache.overrides)",
      Uploads: "uploads",
      Web: "compute (or compute.overrides)",
      App: "compute (or compute.overrides)",
      "Worker*": "workers[] (or workers[].overrides)",
      Cdn: "cdn (or cdn.overrides)",
      Email: "email (or email.overrides)",
      Release: "release",
    });
    if (props.domain) {
      checkDomain(this, "domain.name", props.domain.name);
      checkPattern(
        this,
        "domain.hostedZoneId",
        props.domain.hostedZoneId,
        /^Z[A-Z0-9]{1,31}$/,
        "must be a Route 53 hosted zone id such as Z0123456789ABC",
      );
    }
    if (production && !props.domain && !cdn && compute.kind === "fargate") {
      fail(
        this,
        "domain",
        "is required in production without a CDN: the load balancer would serve plain HTTP; give domain or keep cdn",
        props.domain,
      );
    }
    if (production && !props.domain && cdn?.originAccess === "public") {
      fail(
        this,
        "domain",
        'is required in production with cdn.originAccess "public": without a certificate the origin-verify secret would cross the internet in clear text (use the default "vpc-origin")',
        props.domain,
      );
    }
    if (props.email && !props.domain) fail(this, "email", "needs domain (its hosted zone holds the SES records)", props.email);
    if (props.release !== undefined && compute.kind !== "fargate") {
      fail(this, "release", 'needs compute.kind "fargate" (the release runs as a one-off task of the web service)', props.release.command);
    }
    if ((props.workers ?? []).length > 0 && compute.kind !== "fargate") {
      fail(
        this,
        "workers",
        'need compute.kind "fargate" (workers share its ECS cluster)',
        props.workers!.map((w) => w.name),
      );
    }
    // CloudFront takes certificates, WAF and log delivery from us-east-1 only.
    checkProviderRegion(
      this,
      "usEast1Provider",
      props.usEast1Provider,
      "us-east-1",
      "CloudFront takes certificates, web ACLs and its metrics from us-east-1 only",
    );
    const usEast1Provider = props.usEast1Provider ?? (region === "us-east-1" ? defaultAwsProvider(this) : undefined);
    return { profile: p, name, region, compute, cdn, database, usEast1Provider };
  }

  /** The network given, or a VPC created for the app with the profile's flow log retention. */
  private createNetwork(props: ContainerWebAppProps, r: Resolved): { network: NetworkRef; created?: Network } {
    const { profile: p, name, region, compute } = r;
    // A VPC origin cannot be created in a few zone IDs: the load balancer's (private) subnets
    // stay out of them, checked by the network created here or, for one given, at plan.
    const vpcOrigin = r.cdn !== undefined && (r.cdn.originAccess ?? "vpc-origin") === "vpc-origin" && compute.kind === "fargate";
    if (props.network && "vpcId" in props.network) {
      if (vpcOrigin) new VpcOriginZoneCheck(this, "VpcOriginZones", { subnetIds: props.network.privateSubnetIds });
      return { network: props.network };
    }
    const options: AppNetworkOptions = props.network ?? {};
    const natMode = options.natGateways ?? "single";
    if (p.production && natMode === "instance") {
      fail(
        this,
        "network.natGateways",
        'must not be "instance" for production (one instance in one AZ, no failover): use "single" or "perAz"',
        natMode,
      );
    }
    if (natMode === "none" && compute.kind === "apprunner") {
      fail(
        this,
        "network.natGateways",
        'must give App Runner egress (its VPC connector sends all outbound traffic through the VPC): use "instance", "single" or "perAz"',
        natMode,
      );
    }
    if (natMode === "none" && ((compute.kind === "fargate" && compute.assignPublicIp !== true) || (props.workers ?? []).length > 0)) {
      fail(
        this,
        "network.natGateways",
        "leaves tasks in private subnets without a way to pull images: set compute.assignPublicIp (web service only, no workers) or choose a NAT",
        natMode,
      );
    }
    const byId = options.availabilityZoneIds !== undefined;
    const defaultZones = region === undefined || byId ? undefined : defaultAvailabilityZones(region);
    if (options.availabilityZones === undefined && defaultZones === undefined && !byId) {
      const why =
        region === undefined
          ? "when the stack's provider region is not a literal"
          : `in ${region}, where zone names differ per account (list two of yours: aws ec2 describe-availability-zones --region ${region})`;
      fail(this, "network.availabilityZones", `is required ${why}; or give network.availabilityZoneIds`, undefined);
    }
    const created = new Network(this, "Network", {
      name,
      cidr: options.cidr,
      ...(byId ? { availabilityZoneIds: options.availabilityZoneIds } : { availabilityZones: options.availabilityZones ?? defaultZones! }),
      cloudFrontVpcOrigin: vpcOrigin,
      natGateways: natMode,
      flowLogs: { retentionDays: p.flowLogRetentionDays, kmsKeyArn: this.logsKey?.keyArn },
      ...options.overrides,
    });
    return { network: created, created };
  }

  /** How the app signs in to the database: as `appUser`, by IAM token or with a `DATABASE_URL` secret. */
  private resolveDatabaseAccess(props: ContainerWebAppProps, r: Resolved): DatabaseAccess {
    const appUser = r.database?.appUser ?? "app_user";
    const access = r.database?.access ?? "iam";
    checkOneOf(this, "database.access", access, ["iam", "url"]);
    const databaseUrl = r.database !== undefined && access === "url";
    if (r.database?.url !== undefined && !databaseUrl) {
      fail(this, "database.url", 'applies only with database.access "url"', r.database.url);
    }
    if (databaseUrl && (props.secrets ?? []).includes("DATABASE_URL")) {
      fail(
        this,
        "secrets",
        'must not list DATABASE_URL with database.access "url" (the pattern creates it and the role step writes it)',
        props.secrets,
      );
    }
    return { appUser, databaseUrl };
  }

  private createSecrets(props: ContainerWebAppProps, r: Resolved, databaseUrl: boolean): AppSecrets {
    const secrets = new AppSecrets(this, "AppSecrets", {
      project: props.project,
      environment: props.environment,
      secrets: {
        ...Object.fromEntries((props.secrets ?? []).map((s) => [s, { description: `${s} for ${r.name}` }])),
        // Written by the admin task (db-create-app-role), never by Terraform or by hand.
        ...(databaseUrl
          ? {
              DATABASE_URL: {
                description: `Connection URL of ${r.name}'s app login; written by npx cdktf-aws-webapp db-create-app-role (run it again to rotate)`,
              },
            }
          : {}),
      },
      parameters: props.parameters,
      // Non-production is re-created freely: names must be reusable right after a destroy.
      recoveryWindowDays: r.profile.secretRecoveryWindowDays,
      // Secret values are set outside Terraform: production keeps them (and their key) on destroy.
      preventDestroy: r.profile.preventDestroy,
    });
    if (props.cache && (props.secrets ?? []).includes("REDIS_URL")) {
      fail(
        this,
        "secrets",
        "must not list REDIS_URL with cache (the pattern creates it and cache_credential_command writes it)",
        props.secrets,
      );
    }
    return secrets;
  }

  private createDatabase(r: Resolved, options: AppDatabaseOptions): { key?: EncryptionKey; database: PostgresDatabase } {
    const { profile: p, name } = r;
    const key = p.customerManagedKeys
      ? new EncryptionKey(this, "DatabaseKey", {
          alias: `${name}-database`,
          description: `RDS storage, master secret and Performance Insights of ${name}`,
          preventDestroy: true,
        })
      : undefined;
    const database = new PostgresDatabase(this, "Database", {
      name,
      network: this.network,
      kmsKeyArn: key?.keyArn,
      // Outside production the master secret uses the environment's secrets key, not the
      // account-wide aws/secretsmanager: a role of another environment in the same account
      // cannot decrypt it (its boundary denies that key by tag).
      masterSecretKmsKeyArn: key?.keyArn ?? this.secrets.kmsKeyArn,
      logsKmsKeyArn: this.logsKey?.keyArn,
      logRetentionDays: p.logRetentionDays,
      instanceClass: options.instanceClass ?? "db.t4g.micro",
      databaseName: options.databaseName ?? "app",
      masterUsername: options.masterUsername,
      multiAz: options.multiAz ?? p.database.multiAz,
      isProduction: p.production,
      deletionProtection: p.preventDestroy,
      preventDestroy: p.preventDestroy,
      enhancedMonitoringIntervalSeconds: p.database.enhancedMonitoringIntervalSeconds,
      alarms: this.monitoring,
      ...options.overrides,
    });
    return { key, database };
  }

  private createCache(
    props: ContainerWebAppProps,
    r: Resolved,
    c: AppCacheOptions,
    alarms: Monitoring | undefined,
  ): { key?: EncryptionKey; cache: RedisCache } {
    const { profile: p, name } = r;
    const key = p.customerManagedKeys
      ? new EncryptionKey(this, "CacheKey", {
          alias: `${name}-cache`,
          description: `ElastiCache data at rest of ${name}`,
          preventDestroy: true,
        })
      : undefined;
    const cache = new RedisCache(this, "Cache", {
      name,
      network: this.network,
      isProduction: p.production,
      deployment: c.deployment,
      nodeType: c.nodeType,
      replicas: c.replicas,
      maxmemoryPolicy: c.maxmemoryPolicy,
      kmsKeyArn: key?.keyArn,
      // Beside the app's other secrets: same name scheme, key and recovery window.
      urlSecretName: `${props.project}/${props.environment}/REDIS_URL`,
      urlSecretKmsKeyArn: this.secrets.kmsKeyArn ?? key?.keyArn,
      urlSecretRecoveryWindowDays: p.secretRecoveryWindowDays,
      alarms,
      ...c.overrides,
    });
    return { key, cache };
  }

  private createUploads(options: AppUploadsOptions, uploadsPath: string, r: Resolved): UploadsBucket {
    checkPattern(
      this,
      "uploads.pathPattern",
      uploadsPath,
      /^\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\/\*$/,
      "must be a path ending in /*, such as /uploads/*",
    );
    return new UploadsBucket(this, "Uploads", {
      bucketName: options.bucketName ?? `${r.name}-uploads`,
      // The app's URL is known once the CDN exists: rendered at synth.
      allowedOrigins: [Lazy.stringValue({ produce: () => this.url }), ...(options.allowedOrigins ?? [])],
      noncurrentVersionExpirationDays: options.noncurrentVersionExpirationDays,
      expirationDays: options.expirationDays,
      preventDestroy: r.profile.preventDestroy,
      forceDestroy: r.profile.forceDestroy,
    });
  }

  /**
   * Most tasks each service may run, overrides included (they are what the service gets), with the
   * setting that says so. A scheduled action may raise the maximum above the service's own: the
   * most of them counts. Each task's pool is sized from these.
   */
  private taskCapacity(props: ContainerWebAppProps, r: Resolved): TaskCapacity {
    const mostTasks = (
      base: number,
      baseSetting: string,
      scheduled: readonly ScheduledCapacity[] | undefined,
      scheduledSetting: string,
    ): [number, string] =>
      (scheduled ?? []).reduce<[number, string]>(
        (most, a, i) =>
          typeof a.maxCapacity === "number" && a.maxCapacity > most[0] ? [a.maxCapacity, `${scheduledSetting}[${i}].maxCapacity`] : most,
        [base, baseSetting],
      );
    const c = r.compute;
    const [webMaxTasks, webMaxTasksSetting] =
      c.kind === "fargate"
        ? mostTasks(
            c.overrides?.maxCapacity ?? c.maxCapacity ?? r.profile.web.maxCapacity,
            "compute.maxCapacity",
            c.overrides?.scheduledCapacity ?? c.scheduledCapacity,
            c.overrides?.scheduledCapacity ? "compute.overrides.scheduledCapacity" : "compute.scheduledCapacity",
          )
        : [c.overrides?.maxSize ?? c.maxSize ?? 3, "compute.maxSize"];
    const workerMost = (w: AppWorkerOptions): [number, string] =>
      mostTasks(
        w.overrides?.maxCapacity ?? w.maxCapacity ?? 2,
        `workers[${w.name}].maxCapacity`,
        w.overrides?.scheduledCapacity,
        `workers[${w.name}].overrides.scheduledCapacity`,
      );
    const workerMaxTasks = (w: AppWorkerOptions): number => workerMost(w)[0];
    const allMaxTasks = webMaxTasks + (props.workers ?? []).reduce((n, w) => n + workerMaxTasks(w), 0);
    return { webMaxTasks, webMaxTasksSetting, workerMost, workerMaxTasks, allMaxTasks };
  }

  /** The variables and secrets of the web app and every worker. */
  private runtimeSettings(props: ContainerWebAppProps, r: Resolved, access: DatabaseAccess, poolSize: number): RuntimeSettings {
    const environment: Record<string, string> = {
      NODE_ENV: "production",
      APP_ENV: props.environment,
      // IAM: where and as whom to sign in; URL: DATABASE_URL is a secret, Node trusts the RDS CA.
      ...(this.database && !access.databaseUrl ? this.database.connectionEnvironment(access.appUser) : {}),
      ...(this.database && access.databaseUrl ? { NODE_EXTRA_CA_CERTS: r.database?.url?.caBundlePath ?? DEFAULT_CA_BUNDLE_PATH } : {}),
      ...(this.database && props.parameters?.DB_POOL_SIZE === undefined ? { DB_POOL_SIZE: String(poolSize) } : {}),
      ...(this.uploads ? { UPLOADS_BUCKET: this.uploads.bucketName } : {}),
      ...(this.cache ? this.cache.connectionEnvironment() : {}),
      ...props.appEnvironment,
    };
    const secrets = {
      ...this.secrets.environmentSecrets(),
      ...(this.cache?.urlSecret ? { REDIS_URL: this.cache.urlSecretRef } : {}),
    };
    const secretsKmsKeyArns = [...new Set([...this.secrets.kmsKeyArns, ...(this.cache?.urlSecretKmsKeyArns ?? [])])];
    return { environment, secrets, secretsKmsKeyArns, logRetentionDays: r.profile.logRetentionDays };
  }

  /** What the web service and every worker share: cluster, network, image, secrets, logs, alarms. */
  private fargateShared(props: ContainerWebAppProps, shared: FargateShared, cluster: FargateCluster) {
    return {
      cluster,
      network: this.network,
      repository: this.repository,
      imageTag: props.imageTag,
      secrets: shared.secrets,
      secretsKmsKeyArns: shared.secretsKmsKeyArns,
      logRetentionDays: shared.logRetentionDays,
      logsKmsKeyArn: this.logsKey?.keyArn,
      alarms: shared.alarms,
    };
  }

  /** The ECS cluster and the web service behind its load balancer, wired for the CDN in front. */
  private createWebService(props: ContainerWebAppProps, r: Resolved, f: FargateComputeOptions, shared: FargateShared, maxTasks: number) {
    const { profile: p, name } = r;
    const behindCdn = r.cdn !== undefined;
    const originAccess = r.cdn?.originAccess ?? "vpc-origin";
    if (p.production && f.assignPublicIp === true) {
      fail(
        this,
        "compute.assignPublicIp",
        "must not be true for production (tasks stay in private subnets; the policy would refuse it too)",
        f.assignPublicIp,
      );
    }
    const spot = f.spot ?? p.web.spot;
    const capacity = spot ? SPOT_CAPACITY : ON_DEMAND_CAPACITY;
    const cluster = new FargateCluster(this, "Cluster", { name, defaultCapacityProviderStrategy: capacity });
    const loadBalancerLogs = p.web.loadBalancerAccessLogs
      ? new LoadBalancerLogsBucket(this, "LoadBalancerLogs", { bucketName: `${name}-alb-logs`, prefix: name })
      : undefined;
    const originSecret = r.cdn?.originVerifySecret;
    if (originSecret !== undefined && !(behindCdn && originAccess === "public")) {
      fail(this, "cdn.originVerifySecret", 'applies only with originAccess "public" (a VPC origin needs no header)', "<redacted>");
    }
    // Any CloudFront distribution passes the prefix list a public load balancer admits: only
    // the shared header keeps others from reaching the app around this one's WAF.
    if (p.production && behindCdn && originAccess === "public" && originSecret === undefined) {
      fail(
        this,
        "cdn.originVerifySecret",
        'is required for production with cdn.originAccess "public" (without it any CloudFront distribution reaches the load balancer around this one\'s WAF); supply it from the pipeline\'s secret store, or use originAccess "vpc-origin"',
        undefined,
      );
    }
    const min = f.minCapacity ?? p.web.minCapacity;
    const web = new WebService(this, "Web", {
      ...this.fargateShared(props, shared, cluster),
      name,
      cpu: f.cpu ?? p.web.cpu,
      memoryMiB: f.memoryMiB ?? p.web.memoryMiB,
      cpuArchitecture: f.cpuArchitecture,
      assignPublicIp: f.assignPublicIp,
      capacityProviderStrategy: capacity,
      desiredCount: min,
      minCapacity: min,
      maxCapacity: maxTasks,
      cpuTargetPercent: 70,
      scheduledCapacity: f.scheduledCapacity,
      sidecars: f.sidecars,
      // The load balancer answers on origin.<domain> with a certificate; behind a VPC origin it
      // is internal, behind a public origin it admits only CloudFront's addresses.
      ...(props.domain ? { domain: { name: `origin.${props.domain.name}`, hostedZoneId: props.domain.hostedZoneId } } : { https: false }),
      ...(behindCdn ? (originAccess === "vpc-origin" ? { scheme: "internal" as const } : { ingress: "cloudfront" as const }) : {}),
      ...(originSecret !== undefined ? { originVerifyHeader: { name: ORIGIN_VERIFY_HEADER, value: originSecret } } : {}),
      deletionProtection: p.preventDestroy,
      accessLogsBucket: loadBalancerLogs?.bucketName,
      accessLogsPrefix: loadBalancerLogs?.prefix,
      environment: shared.environment,
      ...f.overrides,
    });
    // ELB checks that it may write to the bucket when logging is switched on: the policy first.
    if (loadBalancerLogs) {
      web.loadBalancer.dependsOn = [...(web.loadBalancer.dependsOn ?? []), dependable(loadBalancerLogs.bucket.policy)];
    }
    // Without a domain there is no certificate: the load balancer serves HTTP. Behind a VPC origin
    // that traffic never leaves the VPC (viewers get HTTPS from CloudFront); elsewhere only outside
    // production (refused above).
    if (!web.httpsListener && (!p.production || (behindCdn && originAccess === "vpc-origin"))) {
      suppress(
        web.httpListener,
        "ALB-HTTPS-REDIRECT",
        behindCdn && originAccess === "vpc-origin"
          ? "internal load balancer reached only by the CloudFront VPC origin inside the VPC; viewers get HTTPS from CloudFront, and without a domain there is no certificate"
          : "no domain, hence no certificate: this non-production load balancer serves plain HTTP",
      );
    }
    return { cluster, loadBalancerLogs, web };
  }

  private createAppRunner(
    props: ContainerWebAppProps,
    r: Resolved,
    a: AppRunnerComputeOptions,
    runtime: RuntimeSettings,
  ): AppRunnerService {
    const app = new AppRunnerService(this, "App", {
      name: r.name,
      network: this.network,
      repository: this.repository,
      imageTag: props.imageTag,
      cpu: a.cpu ?? 1,
      memoryGiB: a.memoryGiB ?? 2,
      maxConcurrency: a.maxConcurrency ?? 100,
      minSize: a.minSize ?? 1,
      maxSize: a.maxSize ?? 3,
      // Without a CDN, App Runner itself answers on the domain.
      ...(props.domain && r.cdn === undefined ? { domain: { name: props.domain.name, hostedZoneId: props.domain.hostedZoneId } } : {}),
      environment: runtime.environment,
      secrets: runtime.secrets,
      ...a.overrides,
    });
    // App Runner reads the referenced secrets with the instance role; their key too.
    if (runtime.secretsKmsKeyArns.length > 0) {
      app.instanceRole.addToPolicy([{ sid: "DecryptAppSecrets", actions: ["kms:Decrypt"], resources: runtime.secretsKmsKeyArns }]);
    }
    return app;
  }

  private createWorkers(
    props: ContainerWebAppProps,
    r: Resolved,
    shared: FargateShared,
    environment: Record<string, string>,
    maxTasks: (w: AppWorkerOptions) => number,
  ): Record<string, WorkerService> {
    const workers: Record<string, WorkerService> = {};
    for (const w of props.workers ?? []) {
      checkPattern(this, "workers[].name", w.name, /^[a-z][a-z0-9-]{0,19}$/, "must be 1-20 lower-case letters, digits or hyphens");
      if (workers[w.name]) fail(this, "workers[].name", "must be unique", w.name);
      workers[w.name] = new WorkerService(this, `Worker${pascalCase(w.name)}`, {
        ...this.fargateShared(props, shared, this.cluster!),
        name: `${r.name}-${w.name}`,
        command: w.command,
        cpu: w.cpu ?? 256,
        memoryMiB: w.memoryMiB ?? 512,
        minCapacity: w.minCapacity ?? 1,
        maxCapacity: maxTasks(w),
        // The profile's capacity, as the web service's: Spot outside production.
        capacityProviderStrategy: (w.spot ?? r.profile.workerSpot) ? SPOT_CAPACITY : ON_DEMAND_CAPACITY,
        environment: { ...environment, ...w.environment },
        sidecars: w.sidecars,
        ...w.overrides,
      });
    }
    return workers;
  }

  /** Network paths, IAM login as the app user, connection capacity, and the admin task that creates the login. */
  private connectDatabase(
    props: ContainerWebAppProps,
    r: Resolved,
    db: PostgresDatabase,
    access: DatabaseAccess,
    poolSize: number,
    capacity: TaskCapacity,
    appRoles: readonly WorkloadRole[],
  ): DatabaseAdminTask {
    this.compute.connections.allowTo(db);
    for (const w of Object.values(this.workers)) w.connections.allowTo(db);
    if (!access.databaseUrl) for (const role of appRoles) db.grantConnect(role, access.appUser);
    // Every task or instance keeps a full pool, and a rolling deployment runs up to twice the
    // tasks (ECS deployment_maximum_percent 200; App Runner starts the new instances first).
    checkIntegerRange(this, "database.poolSize", poolSize, 1, 10000);
    const web = r.compute.kind === "fargate" ? "Web" : "App";
    db.checkConnectionCapacity([
      {
        consumer: `${this.node.path}/${web}`,
        maxTasks: capacity.webMaxTasks,
        maxTasksSetting: capacity.webMaxTasksSetting,
        poolSize,
        poolSizeSetting: "database.poolSize",
      },
      ...(props.workers ?? []).map((w) => ({
        consumer: `${this.node.path}/Worker ${w.name}`,
        maxTasks: capacity.workerMaxTasks(w),
        maxTasksSetting: capacity.workerMost(w)[1],
        poolSize,
        poolSizeSetting: "database.poolSize",
      })),
    ]);
    // The app's login role is created by this one-off task, never by the app.
    return new DatabaseAdminTask(this, "DatabaseAdmin", {
      name: r.name,
      database: db,
      network: this.network,
      cluster: this.cluster,
      // Without NAT the app's tasks get public IPs; the admin task needs the same way out.
      assignPublicIp: r.compute.kind === "fargate" && r.compute.assignPublicIp === true,
      appUser: access.appUser,
      // The release (migrations) runs as the app: it creates and alters tables.
      allowSchemaChanges: props.release !== undefined,
      logRetentionDays: r.profile.logRetentionDays,
      logsKmsKeyArn: this.logsKey?.keyArn,
      connectionUrl: access.databaseUrl
        ? { ...r.database?.url, secretArn: this.secrets.secrets.DATABASE_URL.arn, secretKmsKeyArn: this.secrets.kmsKeyArn, poolSize }
        : undefined,
    });
  }

  /** The CDN in front of the app, and in production outside us-east-1 its own log key and alarm topics there. */
  private createEdge(props: ContainerWebAppProps, r: Resolved, cdnOptions: AppCdnOptions, uploadsPath: string) {
    const { profile: p, name, region, usEast1Provider } = r;
    const cdnInUsEast1 = usEast1Provider !== undefined;
    if (p.production && usEast1Provider === undefined) {
      fail(
        this,
        "usEast1Provider",
        `is required for production with a CDN outside us-east-1 (stack region ${region ?? "not a literal"}): the WAF, the access log delivery and the CDN's 5xx alarm (CloudFront publishes metrics in us-east-1 only) are created there; pass the stack's AwsProvider aliased to us-east-1 (new AwsProvider(stack, "aws_us_east_1", { alias: "us_east_1", region: "us-east-1" })), or cdn: false`,
        undefined,
      );
    }
    let logsKey: EncryptionKey | undefined;
    let monitoring: Monitoring | undefined;
    if (p.customerManagedKeys && region !== "us-east-1") {
      logsKey = cloudWatchLogsKey(this, "EdgeLogsKey", {
        alias: `${name}-edge-logs`,
        region: "us-east-1",
        provider: usEast1Provider,
        preventDestroy: true,
      });
    }
    if (p.serviceAlarms && region !== "us-east-1") {
      // An alarm notifies topics of its own region only: the CDN alarm gets topics in us-east-1,
      // with the same subscribers (who confirm these subscriptions too).
      monitoring = new Monitoring(this, "EdgeMonitoring", {
        name: `${name}-edge`,
        criticalEmails: props.alarmEmails?.critical,
        warningEmails: props.alarmEmails?.warning,
        provider: usEast1Provider,
      });
    }
    // Say it in the pattern's words: the user never constructs CdnDistribution.
    if (!cdnInUsEast1) {
      const needs = [
        cdnOptions.webAcl ? "cdn.webAcl" : undefined,
        cdnOptions.accessLogs ? "cdn.accessLogs" : undefined,
        props.domain ? "domain (its CloudFront certificate)" : undefined,
      ].filter((n): n is string => n !== undefined);
      if (needs.length > 0) {
        fail(
          this,
          "usEast1Provider",
          `is required in ${region ?? "a region other than us-east-1"} for ${needs.join(", ")}: CloudFront takes them from us-east-1 only; pass an AwsProvider with region "us-east-1" and an alias`,
          undefined,
        );
      }
    }
    const cdn = new CdnDistribution(this, "Cdn", {
      name,
      appOrigin: this.compute.cdnOrigin,
      requireOriginVerification: p.cdn.requireOriginVerification,
      ...(props.domain
        ? { domain: { names: [props.domain.name], hostedZoneId: props.domain.hostedZoneId, aliasRecords: props.domain.aliasRecords } }
        : {}),
      usEast1Provider,
      webAcl: cdnOptions.webAcl ?? (p.cdn.webAcl && cdnInUsEast1),
      accessLogs: cdnOptions.accessLogs ?? (p.cdn.accessLogs && cdnInUsEast1),
      // WAF's log group lives in us-east-1, and a key is usable only in its own region.
      logsKmsKeyArn: region === "us-east-1" ? this.logsKey?.keyArn : logsKey?.keyArn,
      alarms: p.serviceAlarms ? (monitoring ?? this.monitoring) : undefined,
      forceDestroyBuckets: p.forceDestroy,
      bucketOrigins: this.uploads ? [{ name: "uploads", bucket: this.uploads.bucket, pathPatterns: [uploadsPath] }] : undefined,
      ...cdnOptions.overrides,
    });
    // A VPC origin needs its VPC's internet gateway attached ("Prerequisites", CloudFront Developer
    // Guide, https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-vpc-origins.html):
    // created after the gateway, and deleted (15+ minutes) before the gateway is detached.
    const gateway = this.createdNetwork?.internetGateway;
    if (cdn.vpcOrigin && gateway)
      cdn.vpcOrigin.dependsOn = [...(cdn.vpcOrigin.dependsOn ?? []), `${gateway.terraformResourceType}.${gateway.friendlyUniqueId}`];
    return { logsKey, monitoring, cdn };
  }

  /** The app's public URL in `urlVariables` (and Auth.js's variables); the pattern never silently replaces a value the user gave. */
  private setUrlVariables(props: ContainerWebAppProps, urlKnown: boolean): void {
    const setByPattern: [string, string][] = [
      ...(urlKnown ? (props.urlVariables ?? ["APP_URL"]).map((v): [string, string] => [v, "urlVariables (the app's public URL)"]) : []),
      ...(urlKnown && props.authJs ? [["AUTH_URL", "authJs: true (the app's public URL)"] as [string, string]] : []),
      ...(props.authJs ? [["AUTH_TRUST_HOST", "authJs: true"] as [string, string]] : []),
    ];
    for (const [variable, by] of setByPattern) {
      const given = props.appEnvironment?.[variable];
      if (given !== undefined)
        fail(
          this,
          `appEnvironment.${variable}`,
          `is set by ${by}; remove it from appEnvironment (or leave it out of ${by.split(" ")[0]})`,
          given,
        );
    }
    if (urlKnown) {
      for (const variable of props.urlVariables ?? ["APP_URL"]) this.compute.addEnvironment(variable, this.url);
      if (props.authJs) this.compute.addEnvironment("AUTH_URL", this.url);
    }
    // Behind CloudFront or App Runner the request's host arrives in X-Forwarded-Host.
    if (props.authJs) this.compute.addEnvironment("AUTH_TRUST_HOST", "true");
  }

  private createEmail(name: string, options: AppEmailOptions, domain: AppDomain, appRoles: readonly WorkloadRole[]): EmailDomain {
    const emailDomain = options.domain ?? domain.name;
    checkSameZone(this, "email.domain", emailDomain, domain.name);
    checkSameZone(this, "email.domain", emailDomain, domain.name);
    const email = new EmailDomain(this, "Email", {
      name,
      domain: emailDomain,
      hostedZoneId: domain.hostedZoneId,
      templates: options.templates,
      // <project>-<env>-<Template>: unique per account and region, and the environment guard
      // of the deploy roles recognizes the environment in the name.
      templateNamePrefix: `${name}-`,
      ...options.overrides,
    });
    // SES template names are per account and region: the app sends <prefix><Template>.
    this.compute.addEnvironment("EMAIL_TEMPLATE_PREFIX", `${name}-`);
    // The domain identity covers every address; the grant limits the app to one.
    for (const role of appRoles) email.grantSend(role, { fromAddresses: [options.fromAddress ?? `noreply@${emailDomain}`] });
    return email;
  }

  private createDashboard(name: string, workers: readonly WorkerService[]): OperationsDashboard {
    const sources = this.compute.dashboardSources;
    return new OperationsDashboard(this, "Dashboard", {
      name,
      databases: this.database ? [this.database] : [],
      services: [...(sources.services ?? []), ...workers.map((w) => ({ clusterName: w.clusterName, serviceName: w.serviceName }))],
      loadBalancers: sources.loadBalancers,
      appRunnerServices: sources.appRunnerServices,
      alarmArns: [
        ...this.monitoring.alarms,
        ...(this.database?.alarms ?? []),
        ...this.compute.alarms,
        ...workers.flatMap((w) => w.alarms),
        ...(this.cdn?.alarms ?? []),
      ].map((a) => a.arn),
    });
  }

  private collectOperatorOutputs(): Record<string, { readonly value: string; readonly description: string }> {
    return {
      app_url: { value: this.url, description: "Where users reach the app" },
      ecr_repository_url: { value: this.repository.repositoryUrl, description: "Push images here (tags are immutable)" },
      alarm_topic_arns: {
        value: [this.monitoring.criticalTopicArn, this.monitoring.warningTopicArn].join(","),
        description: "Critical and warning SNS topics",
      },
      ...(this.database
        ? {
            rds_endpoint: { value: this.database.endpoint, description: "PostgreSQL endpoint (host:port)" },
            database_secret_arn: {
              value: this.database.masterSecretArn,
              description: "Master credentials (migrations and administration only)",
            },
            db_admin_task: {
              value: Fn.jsonencode(this.databaseAdmin!.runSettings),
              description: "How npx cdktf-aws-webapp db-create-app-role runs the database admin task (JSON)",
            },
          }
        : {}),
      ...(this.cdn
        ? {
            cdn_distribution_id: { value: this.cdn.distributionId, description: "CloudFront distribution (cache invalidations)" },
            cdn_domain_name: {
              value: this.cdn.domainName,
              description: "The distribution's *.cloudfront.net name (go-live-check --url https://<it>)",
            },
            static_assets_bucket: { value: this.cdn.bucket.bucketName, description: "Upload built static assets here" },
          }
        : {}),
      ...(this.uploads ? { uploads_bucket: { value: this.uploads.bucketName, description: "User uploads" } } : {}),
      ...(this.cache
        ? {
            redis_endpoint: { value: `${this.cache.address}:${this.cache.port}`, description: "Cache endpoint (TLS only)" },
            ...(this.cache.urlSecret
              ? {
                  cache_credential_command: {
                    value: this.cache.credentialCommand,
                    description: "Run once after the first apply (and again to rotate): sets the cache password and writes REDIS_URL",
                  },
                }
              : {}),
          }
        : {}),
      ...(this.release
        ? {
            release_task: {
              value: Fn.jsonencode(this.release.runSettings),
              description: "How npx cdktf-aws-webapp release runs the release command before a deployment (JSON)",
            },
          }
        : {}),
      ...this.compute.operatorOutputs,
    };
  }

  /**
   * The operator outputs on the stack. Output names are the stack's own namespace: a second app
   * with the same prefix would silently replace the first app's outputs in the synthesized JSON.
   */
  private writeOutputs(stack: TerraformStack, prefix: string): void {
    const taken = outputPrefixes.get(stack) ?? new Map<string, string>();
    outputPrefixes.set(stack, taken);
    const other = taken.get(prefix);
    if (other !== undefined) {
      fail(
        this,
        "outputPrefix",
        `must differ from the one of ${other} in the same stack (both would write the outputs ${prefix}app_url, ...); give each app its own outputPrefix`,
        prefix,
      );
    }
    taken.set(prefix, this.node.path);
    for (const [key, output] of Object.entries(this.operatorOutputs)) {
      new TerraformOutput(this, `Output${key}`, output).overrideLogicalId(`${prefix}${key}`);
    }
  }
}

/** The props every part of {@link ContainerWebApp} reads, with the profile's defaults. */
interface Resolved {
  readonly profile: ProfileDefaults;
  readonly name: string;
  readonly region?: string;
  readonly compute: FargateComputeOptions | AppRunnerComputeOptions;
  readonly cdn?: AppCdnOptions;
  readonly database?: AppDatabaseOptions;
  readonly usEast1Provider?: TerraformProvider;
}

interface DatabaseAccess {
  readonly appUser: string;
  /** `database.access` is "url": a DATABASE_URL secret instead of IAM tokens. */
  readonly databaseUrl: boolean;
}

interface TaskCapacity {
  readonly webMaxTasks: number;
  readonly webMaxTasksSetting: string;
  readonly workerMost: (w: AppWorkerOptions) => [number, string];
  readonly workerMaxTasks: (w: AppWorkerOptions) => number;
  readonly allMaxTasks: number;
}

interface RuntimeSettings {
  readonly environment: Record<string, string>;
  readonly secrets: Readonly<Record<string, SecretRef>>;
  readonly secretsKmsKeyArns: string[];
  readonly logRetentionDays: number;
}

interface FargateShared extends RuntimeSettings {
  readonly alarms?: Monitoring;
}

/** Output prefixes already used by apps in each stack. */
const outputPrefixes = new WeakMap<TerraformStack, Map<string, string>>();

/** Header CloudFront adds to app requests and a public load balancer requires. */
export const ORIGIN_VERIFY_HEADER = "X-Origin-Verify";

/**
 * The email domain's DNS records go into the app's hosted zone (`domain.hostedZoneId`), and Route 53
 * refuses a record outside the zone's domain ("RRSet with DNS name ... is not permitted in zone ...",
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-basic.html).
 * The zone's own name is not known here, only that it holds the app's domain; so a domain that
 * shares no parent of two labels or more with the app's (`mail.other.org` for `shop.example.com`)
 * cannot be in it. Siblings and parents (`mail.example.com`, `example.com`) may be, and pass.
 */
function checkSameZone(scope: Construct, prop: string, domain: string, appDomain: string): void {
  if (isToken(domain) || isToken(appDomain)) return;
  const a = domain.split(".").reverse();
  const b = appDomain.split(".").reverse();
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  if (shared < 2) {
    fail(
      scope,
      prop,
      `must be in the app's hosted zone (domain.hostedZoneId, which holds ${appDomain}): the email DNS records are created there; use ${appDomain}, a subdomain or a parent of it`,
      domain,
    );
  }
}
