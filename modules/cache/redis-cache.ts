import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { ElasticacheParameterGroup } from "@cdktf/provider-aws/lib/elasticache-parameter-group";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheServerlessCache } from "@cdktf/provider-aws/lib/elasticache-serverless-cache";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { ElasticacheUser } from "@cdktf/provider-aws/lib/elasticache-user";
import { ElasticacheUserGroup } from "@cdktf/provider-aws/lib/elasticache-user-group";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Construct } from "constructs";
import { Connections } from "../core/connections";
import { readSecretsStatements } from "../core/statements";
import { RoleRef, grantTo } from "../core/workload-role";
import { checkName, pascalCase, physicalName } from "../internal/naming";
import { checkKmsKeyInStackRegion } from "../internal/region-checks";
import { checkIntegerRange, checkKmsKeyArn, checkOneOf, checkPattern, checkTags, fail, isToken } from "../internal/validate";
import { AlarmTopics, checkAlarmTopics } from "../core/alarm-topics";
import { NetworkRef } from "../core/network-ref";
import { SecretRef } from "../core/secret-ref";
import { nodeCacheAlarms, serverlessCacheAlarms } from "./cache-alarms";
import {
  CacheEngine,
  DEFAULT_CACHE_ENGINE_VERSION,
  MAXMEMORY_POLICIES,
  MaxmemoryPolicy,
  cacheEngineFamily,
  checkCacheEngine,
  checkCacheId,
  checkCacheNodeType,
  checkCacheWindows,
} from "./cache-checks";

/** The port Valkey and Redis OSS listen on (node-based and serverless). */
export const REDIS_PORT = 6379;

/**
 * How the cache runs:
 * - `nodes`: a replication group with cluster mode off (one shard: a primary and `replicas`), the
 *   endpoint every Redis client and BullMQ use unchanged. Billed per node-hour whether busy or not.
 * - `serverless`: ElastiCache Serverless, Multi-AZ and scaling by itself, billed per GB-hour stored
 *   (Valkey: 100 MB minimum) and per ECPU. It is a cluster-mode endpoint: clients must use their
 *   cluster mode, and multi-key commands need keys in one hash slot (BullMQ: a `{prefix}`).
 */
export type CacheDeployment = "nodes" | "serverless";

/**
 * How the app user authenticates:
 * - `password`: the user is created IAM-only (no password in Terraform's plan or state); the
 *   {@link RedisCache.credentialCommand} generates a password, sets it on the user through the
 *   ElastiCache API and writes `rediss://<user>:<password>@<host>:<port>` into the URL secret,
 *   which the app receives as `REDIS_URL`. Any Redis client works unchanged.
 * - `iam`: the user stays IAM-only; the app signs a token with its role ({@link RedisCache.grantConnect})
 *   every 15 minutes. No secret at all, but the client needs code for it.
 */
export type CacheAuth = "password" | "iam";

/** Props for {@link RedisCache}. */
export interface RedisCacheProps {
  /** Base name, `<project>-<environment>` (e.g. `shop-prod`); physical names derive from it. */
  readonly name: string;
  /** Where the cache lives: its private subnets. */
  readonly network: NetworkRef;
  /**
   * Node-based (`nodes`) or ElastiCache Serverless (see {@link CacheDeployment} for the trade-off).
   * @default "nodes"
   */
  readonly deployment?: CacheDeployment;
  /**
   * The engine. Valkey is the open-source successor of Redis OSS 7.2, protocol-compatible, and
   * cheaper (about 20 % per node, 33 % serverless).
   * @default "valkey"
   */
  readonly engine?: CacheEngine;
  /**
   * Engine version, `major.minor`: Valkey 7.2, 8.0, 8.1, 8.2; Redis OSS 7.0, 7.1. Serverless uses
   * its major version only. Minor upgrades are applied in the maintenance window.
   * @default - "8.0" for Valkey, "7.1" for Redis OSS
   */
  readonly engineVersion?: string;
  /** Identifier of the replication group or serverless cache (1-40 characters). @default `${name}-cache` */
  readonly identifier?: string;
  /**
   * Production defaults: a replica in a second zone with automatic failover, daily snapshots kept
   * 7 days, a final snapshot, `prevent_destroy`, a 30-day recovery window on the URL secret.
   * @default false
   */
  readonly isProduction?: boolean;
  /** Node type (`nodes` only). @default "cache.t4g.micro" */
  readonly nodeType?: string;
  /**
   * Read replicas beside the primary, 0-5 (`nodes` only). With 1 or more the replication group is
   * Multi-AZ with automatic failover.
   * @default - 1 for production, 0 otherwise
   */
  readonly replicas?: number;
  /**
   * What happens when memory is full (`nodes` only; serverless scales instead). `noeviction`
   * refuses writes rather than dropping keys, as job queues (BullMQ) require; a pure cache takes
   * `allkeys-lru`.
   * @default "noeviction"
   */
  readonly maxmemoryPolicy?: MaxmemoryPolicy;
  /**
   * Most data a serverless cache may hold, GiB (1-5000): caps the storage bill; writes fail at the limit.
   * @default 1
   */
  readonly maxDataStorageGiB?: number;
  /**
   * Most ECPUs a serverless cache may use per second (1000-15000000): caps the request bill.
   * @default 5000
   */
  readonly maxEcpuPerSecond?: number;
  /** How the app user authenticates (see {@link CacheAuth}). @default "password" */
  readonly auth?: CacheAuth;
  /**
   * The app's user id and name (ElastiCache identifiers: lower case, a letter first).
   * @default `${name}-app`
   */
  readonly appUserName?: string;
  /**
   * The app user's permissions, as an ElastiCache access string.
   * @default "on ~* &* +@all" - every key and channel, every command ElastiCache allows
   */
  readonly accessString?: string;
  /**
   * Customer-managed KMS key for data at rest (snapshots, swap). Data is encrypted at rest either way.
   * @default - the AWS managed key of ElastiCache
   */
  readonly kmsKeyArn?: string;
  /**
   * Days automatic snapshots are kept, 0-35 (0: none).
   * @default - 7 for production, 0 otherwise
   */
  readonly snapshotRetentionDays?: number;
  /** Daily snapshot window, `hh24:mi-hh24:mi` UTC, at least 60 minutes (serverless: its start). @default "02:00-03:00" */
  readonly snapshotWindow?: string;
  /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC, at least 60 minutes (`nodes` only). @default "sun:05:00-sun:06:00" */
  readonly maintenanceWindow?: string;
  /**
   * Snapshot taken when the cache is deleted (`nodes` with snapshots on).
   * @default - `${identifier}-final` when snapshotRetentionDays > 0, else none
   */
  readonly finalSnapshotIdentifier?: string;
  /** Apply changes now instead of in the maintenance window (`nodes` only). @default false */
  readonly applyImmediately?: boolean;
  /** Refuse `terraform destroy` / replacement of the cache (Terraform `prevent_destroy`). @default - isProduction */
  readonly preventDestroy?: boolean;
  /** Name of the secret holding the connection URL (`password` auth). @default `${name}/cache/REDIS_URL` */
  readonly urlSecretName?: string;
  /** Customer-managed KMS key of the URL secret. @default - aws/secretsmanager */
  readonly urlSecretKmsKeyArn?: string;
  /** Days a deleted URL secret can be restored: 0 or 7-30. @default - 30 for production, 0 otherwise */
  readonly urlSecretRecoveryWindowDays?: number;
  /** Topics for the cache's alarms (memory, CPU, evictions; storage, ECPU, throttling for serverless). @default - no alarms */
  readonly alarms?: AlarmTopics;
  /** Extra tags on every resource. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * ElastiCache for Valkey or Redis OSS in the private subnets: TLS required, encrypted at rest,
 * its own security group that admits only what {@link connections} opens, RBAC with the default
 * user switched off and one app user whose password never enters Terraform, alarms and snapshots.
 */
export class RedisCache extends Construct {
  /** Node-based or serverless. */
  public readonly deployment: CacheDeployment;
  /** The engine. */
  public readonly engine: CacheEngine;
  /** The replication group (`nodes`). */
  public readonly replicationGroup?: ElasticacheReplicationGroup;
  /** The serverless cache (`serverless`). */
  public readonly serverlessCache?: ElasticacheServerlessCache;
  /** The parameter group (`nodes`). */
  public readonly parameterGroup?: ElasticacheParameterGroup;
  /** The subnet group over the private subnets (`nodes`). */
  public readonly subnetGroup?: ElasticacheSubnetGroup;
  /** The cache's security group: no ingress but what {@link connections} opens, no egress. */
  public readonly securityGroup: SecurityGroup;
  /** Network paths to the cache: `cache.connections.allowFrom(web)`. */
  public readonly connections: Connections;
  /** The user that replaces `default` in the user group, switched off. */
  public readonly defaultUser: ElasticacheUser;
  /** The app's user. */
  public readonly appUser: ElasticacheUser;
  /** The user group of the cache. */
  public readonly userGroup: ElasticacheUserGroup;
  /** The secret the credential command fills with the connection URL (`password` auth). */
  public readonly urlSecret?: SecretsmanagerSecret;
  /** Alarms created (empty without `alarms`). */
  public readonly alarms: readonly CloudwatchMetricAlarm[];
  /** How the app user authenticates. */
  public readonly auth: CacheAuth;
  /** Identifier of the replication group or serverless cache. */
  public readonly identifier: string;
  /** Host name clients connect to (the primary endpoint, or the serverless endpoint). */
  public readonly address: string;
  /** The port, 6379. */
  public readonly port: number = REDIS_PORT;
  /** The app user's name. */
  public readonly appUserName: string;
  /** ARN of the replication group or serverless cache. */
  public readonly arn: string;
  /** True for serverless (clients must use cluster mode). */
  public readonly clusterMode: boolean;
  private readonly urlSecretKmsKeyArn?: string;
  private grants = 0;

  public constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    const production = props.isProduction ?? false;
    const deployment = props.deployment ?? "nodes";
    checkOneOf(this, "deployment", deployment, ["nodes", "serverless"]);
    const engine = props.engine ?? "valkey";
    const version = props.engineVersion ?? DEFAULT_CACHE_ENGINE_VERSION[engine] ?? "";
    checkCacheEngine(this, engine, version);
    const { family, major } = cacheEngineFamily(engine, version);
    const auth = props.auth ?? "password";
    checkOneOf(this, "auth", auth, ["password", "iam"]);
    const identifier = checkCacheId(
      this,
      props.identifier !== undefined ? "identifier" : "name",
      props.identifier ?? `${props.name}-cache`,
    );
    const appUserName = checkCacheId(this, "appUserName", props.appUserName ?? `${props.name}-app`);
    const accessString = props.accessString ?? "on ~* &* +@all";
    // RBAC access strings: on/off, key and channel patterns, command rules; no passwords in them.
    // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html
    checkPattern(
      this,
      "accessString",
      accessString,
      /^\s*on(\s|$)/,
      'must start with "on" (without it ElastiCache creates the user switched off)',
    );
    if (!isToken(accessString) && /(^|\s)(>|<|#|!|nopass|resetpass|reset)(\S|$)/.test(accessString)) {
      fail(this, "accessString", "must not set passwords nor reset (ElastiCache manages passwords through its API)", accessString);
    }
    const kmsKeyArn = props.kmsKeyArn;
    checkKmsKeyArn(this, "kmsKeyArn", kmsKeyArn, "ElastiCache takes a key ARN for at-rest encryption");
    checkKmsKeyInStackRegion(this, "kmsKeyArn", kmsKeyArn, "ElastiCache");
    checkKmsKeyArn(
      this,
      "urlSecretKmsKeyArn",
      props.urlSecretKmsKeyArn,
      "readers of the secret are granted kms:Decrypt on it, and IAM authorizes Decrypt on the key, not on an alias",
    );
    checkKmsKeyInStackRegion(this, "urlSecretKmsKeyArn", props.urlSecretKmsKeyArn, "Secrets Manager");
    const retention = props.snapshotRetentionDays ?? (production ? 7 : 0);
    checkIntegerRange(this, "snapshotRetentionDays", retention, 0, 35);
    if (production && retention === 0)
      fail(this, "snapshotRetentionDays", "must be at least 1 in production (0 turns snapshots off)", retention);
    const snapshotWindow = props.snapshotWindow ?? "02:00-03:00";
    const maintenanceWindow = props.maintenanceWindow ?? "sun:05:00-sun:06:00";
    checkCacheWindows(this, snapshotWindow, maintenanceWindow);
    checkAlarmTopics(this, "alarms", props.alarms);
    const recovery = props.urlSecretRecoveryWindowDays ?? (production ? 30 : 0);
    if (!isToken(recovery) && !(recovery === 0 || (Number.isInteger(recovery) && recovery >= 7 && recovery <= 30))) {
      fail(this, "urlSecretRecoveryWindowDays", "must be 0 (delete at once) or 7-30", recovery);
    }
    const preventDestroy = props.preventDestroy ?? production;
    const tags = props.tags;
    const subnetIds = [...props.network.privateSubnetIds];
    if (!isToken(subnetIds) && subnetIds.length === 0) fail(this, "network.privateSubnetIds", "must name at least one subnet", subnetIds);
    this.deployment = deployment;
    this.engine = engine;
    this.auth = auth;
    this.identifier = identifier;
    this.appUserName = appUserName;
    this.clusterMode = deployment === "serverless";
    this.urlSecretKmsKeyArn = props.urlSecretKmsKeyArn;

    this.securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: physicalName(this, "securityGroup", identifier, "sg", "identifier"),
      description: `${engine === "valkey" ? "Valkey" : "Redis OSS"} ${identifier}: ${REDIS_PORT} only from allowed security groups`,
      vpcId: props.network.vpcId,
      // No inline rules: ingress comes from connections; Terraform removes AWS's default egress rule.
      tags,
    });
    this.connections = new Connections({ securityGroupId: this.securityGroup.id, defaultPort: REDIS_PORT, label: "cache", owner: this });

    // RBAC: a user group must hold a user named "default"; this one is switched off, so only the
    // app user can log in. Users and groups take the "redis" engine, which Valkey caches accept.
    // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html
    this.defaultUser = new ElasticacheUser(this, "DefaultUser", {
      userId: checkCacheId(this, "name", `${identifier}-default`),
      userName: "default",
      engine: "redis",
      accessString: "off -@all",
      authenticationMode: { type: "no-password-required" },
      tags,
    });
    // IAM users need user id = user name (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html).
    // With password auth the credential command switches the user to a password through the API:
    // Terraform must not switch it back, and never holds the password.
    this.appUser = new ElasticacheUser(this, "AppUser", {
      userId: appUserName,
      userName: appUserName,
      engine: "redis",
      accessString,
      authenticationMode: { type: "iam" },
      lifecycle: auth === "password" ? { ignoreChanges: ["authentication_mode"] } : undefined,
      tags,
    });
    this.userGroup = new ElasticacheUserGroup(this, "UserGroup", {
      userGroupId: checkCacheId(this, "name", `${identifier}-users`),
      engine: "redis",
      userIds: [this.defaultUser.userId, this.appUser.userId],
      tags,
    });

    const lifecycle = preventDestroy ? { preventDestroy: true } : undefined;
    const settings: CacheSettings = {
      production,
      identifier,
      engine,
      version,
      family,
      major,
      kmsKeyArn,
      retention,
      snapshotWindow,
      maintenanceWindow,
      lifecycle,
      tags,
      subnetIds,
    };
    if (deployment === "nodes") {
      const nodes = this.createNodes(props, settings);
      this.subnetGroup = nodes.subnetGroup;
      this.parameterGroup = nodes.parameterGroup;
      this.replicationGroup = nodes.replicationGroup;
      this.address = nodes.address;
      this.arn = nodes.arn;
      this.alarms = nodes.alarms;
    } else {
      const serverless = this.createServerless(props, settings);
      this.serverlessCache = serverless.serverlessCache;
      this.address = serverless.address;
      this.arn = serverless.arn;
      this.alarms = serverless.alarms;
    }

    if (auth === "password") {
      const secretName = props.urlSecretName ?? `${props.name}/cache/REDIS_URL`;
      checkName(this, "urlSecretName", "secret", secretName);
      this.urlSecret = new SecretsmanagerSecret(this, "UrlSecret", {
        name: secretName,
        description: `rediss:// URL of ${identifier} for ${appUserName}; written by the cache credential command, never by Terraform`,
        kmsKeyId: props.urlSecretKmsKeyArn,
        recoveryWindowInDays: recovery,
        lifecycle,
        tags,
      });
    }
  }

  /** `deployment: "nodes"`: a replication group (primary and replicas) with its subnet and parameter groups. */
  private createNodes(props: RedisCacheProps, settings: CacheSettings) {
    const {
      production,
      identifier,
      engine,
      version,
      family,
      kmsKeyArn,
      retention,
      snapshotWindow,
      maintenanceWindow,
      lifecycle,
      tags,
      subnetIds,
    } = settings;
    const nodeType = props.nodeType ?? "cache.t4g.micro";
    checkCacheNodeType(this, "nodeType", nodeType);
    const replicas = props.replicas ?? (production ? 1 : 0);
    checkIntegerRange(this, "replicas", replicas, 0, 5);
    const policy = props.maxmemoryPolicy ?? "noeviction";
    checkOneOf<string>(this, "maxmemoryPolicy", policy, MAXMEMORY_POLICIES);
    const finalSnapshot = props.finalSnapshotIdentifier ?? (retention > 0 ? `${identifier}-final` : undefined);
    if (finalSnapshot !== undefined) checkCacheId(this, "finalSnapshotIdentifier", finalSnapshot, 255);
    const subnetGroup = new ElasticacheSubnetGroup(this, "SubnetGroup", {
      name: checkCacheId(this, "name", `${identifier}-subnets`, 255),
      description: `Private subnets of ${identifier}`,
      subnetIds,
      tags,
    });
    // A family change needs a new group: the name carries the family, created before the old goes.
    const parameterGroup = new ElasticacheParameterGroup(this, "ParameterGroup", {
      name: checkCacheId(this, "name", `${identifier}-${family}`, 255),
      family,
      description: `${identifier}: maxmemory-policy ${policy}`,
      parameter: [{ name: "maxmemory-policy", value: policy }],
      lifecycle: { createBeforeDestroy: true },
      tags,
    });
    const multiAz = replicas > 0;
    const replicationGroup = new ElasticacheReplicationGroup(this, "ReplicationGroup", {
      replicationGroupId: identifier,
      description: `${engine === "valkey" ? "Valkey" : "Redis OSS"} of ${props.name}`,
      engine,
      engineVersion: version,
      nodeType,
      numCacheClusters: 1 + replicas,
      automaticFailoverEnabled: multiAz,
      multiAzEnabled: multiAz,
      port: REDIS_PORT,
      parameterGroupName: parameterGroup.name,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [this.securityGroup.id],
      atRestEncryptionEnabled: "true",
      kmsKeyId: kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      userGroupIds: [this.userGroup.userGroupId],
      autoMinorVersionUpgrade: "true",
      snapshotRetentionLimit: retention,
      snapshotWindow: retention > 0 ? snapshotWindow : undefined,
      maintenanceWindow,
      finalSnapshotIdentifier: finalSnapshot,
      applyImmediately: props.applyImmediately ?? false,
      lifecycle,
      tags,
    });
    // Member clusters are `<id>-001`, `<id>-002`, ...: known at synth, so alarms need no apply-time list.
    const members = Array.from({ length: 1 + replicas }, (_, i) => `${identifier}-${String(i + 1).padStart(3, "0")}`);
    const alarms = props.alarms ? nodeCacheAlarms(this, identifier, members, props.alarms) : [];
    return {
      subnetGroup,
      parameterGroup,
      replicationGroup,
      address: replicationGroup.primaryEndpointAddress,
      arn: replicationGroup.arn,
      alarms,
    };
  }

  /** `deployment: "serverless"`: a serverless cache within its usage limits. */
  private createServerless(props: RedisCacheProps, settings: CacheSettings) {
    const { identifier, engine, major, kmsKeyArn, retention, snapshotWindow, lifecycle, tags, subnetIds } = settings;
    for (const [prop, value] of [
      ["nodeType", props.nodeType],
      ["replicas", props.replicas],
      ["maxmemoryPolicy", props.maxmemoryPolicy],
      ["maintenanceWindow", props.maintenanceWindow],
      ["finalSnapshotIdentifier", props.finalSnapshotIdentifier],
      ["applyImmediately", props.applyImmediately],
    ] as const) {
      if (value !== undefined) fail(this, prop, 'applies to deployment "nodes" only (serverless scales and patches by itself)', value);
    }
    const storage = props.maxDataStorageGiB ?? 1;
    const ecpu = props.maxEcpuPerSecond ?? 5000;
    // https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DataStorage.html and API_ECPUPerSecond.html
    checkIntegerRange(this, "maxDataStorageGiB", storage, 1, 5000);
    checkIntegerRange(this, "maxEcpuPerSecond", ecpu, 1000, 15_000_000);
    const serverlessCache = new ElasticacheServerlessCache(this, "ServerlessCache", {
      name: identifier,
      description: `${engine === "valkey" ? "Valkey" : "Redis OSS"} of ${props.name}`,
      engine,
      majorEngineVersion: major,
      cacheUsageLimits: [{ dataStorage: [{ maximum: storage, unit: "GB" }], ecpuPerSecond: [{ maximum: ecpu }] }],
      kmsKeyId: kmsKeyArn,
      securityGroupIds: [this.securityGroup.id],
      subnetIds,
      userGroupId: this.userGroup.userGroupId,
      snapshotRetentionLimit: retention,
      dailySnapshotTime: retention > 0 ? snapshotWindow.slice(0, 5) : undefined,
      lifecycle,
      tags,
    });
    const alarms = props.alarms
      ? serverlessCacheAlarms(this, identifier, identifier, { maxDataStorageGiB: storage, maxEcpuPerSecond: ecpu }, props.alarms)
      : [];

    return { serverlessCache, address: serverlessCache.endpoint.get(0).address, arn: serverlessCache.arn, alarms };
  }

  /** The URL secret as an ECS/App Runner secret reference (`password` auth). */
  public get urlSecretRef(): SecretRef {
    if (!this.urlSecret) fail(this, "urlSecretRef", 'needs auth "password" (with IAM auth there is no secret)', this.auth);
    return this.urlSecret.arn;
  }

  /** KMS keys readers of the URL secret must be able to use (empty with the AWS managed key). */
  public get urlSecretKmsKeyArns(): string[] {
    return this.urlSecretKmsKeyArn ? [this.urlSecretKmsKeyArn] : [];
  }

  /**
   * Plain settings for the app beside `REDIS_URL`: `REDIS_TLS=true` (the endpoint accepts TLS only)
   * and `REDIS_CLUSTER` (`true` for serverless: use the client's cluster mode).
   */
  public connectionEnvironment(): Record<string, string> {
    return { REDIS_TLS: "true", REDIS_CLUSTER: String(this.clusterMode) };
  }

  /**
   * A bash command (AWS CLI v2, `--profile`-free: the caller's credentials) that sets a new
   * password on the app user and writes the connection URL into the secret. Re-running it rotates
   * safely: the user keeps the previous password beside the new one (ElastiCache allows two), so
   * tasks started with the old URL keep connecting until they are replaced. The password is
   * generated by Secrets Manager and travels on stdin, never on a command line or in Terraform.
   */
  public get credentialCommand(): string {
    if (!this.urlSecret) fail(this, "credentialCommand", 'needs auth "password"', this.auth);
    const secret = this.urlSecret.arn;
    const user = this.appUserName;
    return [
      "set -euo pipefail; ",
      `OLD=$(aws secretsmanager get-secret-value --secret-id '`,
      secret,
      `' --query SecretString --output text 2>/dev/null | sed -n 's#^rediss://[^:]*:\\([^@]*\\)@.*#\\1#p' || true); `,
      "NEW=$(aws secretsmanager get-random-password --password-length 64 --exclude-punctuation --require-each-included-type --query RandomPassword --output text); ",
      // No "$" + "{" anywhere: Terraform would read it as an interpolation.
      `KEEP=''; if [ -n "$OLD" ]; then KEEP="\\"$OLD\\","; fi; `,
      `printf '{"UserId":"%s","AuthenticationMode":{"Type":"password","Passwords":[%s"%s"]}}' '`,
      user,
      `' "$KEEP" "$NEW" | aws elasticache modify-user --cli-input-json file:///dev/stdin >/dev/null; `,
      `until [ "$(aws elasticache describe-users --user-id '`,
      user,
      `' --query 'Users[0].Status' --output text)" = active ]; do sleep 5; done; `,
      `printf '{"SecretId":"%s","SecretString":"rediss://%s:%s@%s:%s"}' '`,
      secret,
      `' '`,
      user,
      `' "$NEW" '`,
      this.address,
      `' '${REDIS_PORT}' | aws secretsmanager put-secret-value --cli-input-json file:///dev/stdin >/dev/null; `,
      `echo 'REDIS_URL of `,
      user,
      ` set; running tasks keep the previous password until replaced'`,
    ].join("");
  }

  /**
   * Let `role` read the URL secret (and decrypt it), e.g. a role outside ECS's `valueFrom`
   * injection (which grants the execution role itself).
   */
  public grantReadUrl(role: RoleRef): void {
    const arn = this.urlSecret?.arn ?? fail(this, "grantReadUrl", 'needs auth "password"', this.auth);
    this.grants += 1;
    grantTo(this, `ReadUrl${this.grants === 1 ? "" : this.grants}`, role, readSecretsStatements([arn], this.urlSecretKmsKeyArns));
  }

  /**
   * Let `role` log in as the app user with an IAM token (`elasticache:Connect` on the cache and
   * the user; `iam` auth).
   * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html
   */
  public grantConnect(role: RoleRef): void {
    if (this.auth !== "iam") fail(this, "grantConnect", 'needs auth "iam" (password auth delivers REDIS_URL instead)', this.auth);
    this.grants += 1;
    grantTo(this, `Connect${pascalCase(String(this.grants))}`, role, [
      { sid: "ConnectCache", actions: ["elasticache:Connect"], resources: [this.arn, this.appUser.arn] },
    ]);
  }
}

/** What the constructor resolved, for the nodes or serverless part. */
interface CacheSettings {
  readonly production: boolean;
  readonly identifier: string;
  readonly engine: "valkey" | "redis";
  readonly version: string;
  readonly family: string;
  readonly major: string;
  readonly kmsKeyArn?: string;
  readonly retention: number;
  readonly snapshotWindow: string;
  readonly maintenanceWindow: string;
  readonly lifecycle?: { preventDestroy: boolean };
  readonly tags?: Readonly<Record<string, string>>;
  readonly subnetIds: string[];
}
