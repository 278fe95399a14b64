import { IConstruct } from "constructs";
import { checkPattern, fail, isToken } from "../internal/validate";

/** Engines the cache runs: Valkey (open source, about 20 % cheaper per node, 33 % serverless) or Redis OSS. */
export type CacheEngine = "valkey" | "redis";

/**
 * Engine versions the module accepts, per engine, as ElastiCache names them (`major.minor`).
 * Both need RBAC with IAM-capable users (the app user is created IAM-only, so no password ever
 * enters Terraform): Valkey 7.2 and later, Redis OSS 7.0 and later.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html (checked 2026-12-06)
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html ("Valkey 7.2 and above or Redis OSS 7.0 and above")
 */
export const CACHE_ENGINE_VERSIONS = {
  valkey: ["7.2", "8.0", "8.1", "8.2"],
  redis: ["7.0", "7.1"],
} as const satisfies Record<CacheEngine, readonly string[]>;

/** Default engine version per engine. */
export const DEFAULT_CACHE_ENGINE_VERSION: Record<CacheEngine, string> = { valkey: "8.0", redis: "7.1" };

/** The parameter group family and serverless major version of an engine version: `valkey8`, `8`. */
export function cacheEngineFamily(engine: CacheEngine, version: string): { family: string; major: string } {
  const major = version.split(".")[0];
  return { family: `${engine}${major}`, major };
}

/** Check `engine` and `engineVersion` together. */
export function checkCacheEngine(scope: IConstruct, engine: CacheEngine, version: string): void {
  if (!(engine in CACHE_ENGINE_VERSIONS)) fail(scope, "engine", 'must be "valkey" or "redis"', engine);
  if (isToken(version)) return;
  const allowed: readonly string[] = CACHE_ENGINE_VERSIONS[engine];
  if (!allowed.includes(version)) {
    fail(
      scope,
      "engineVersion",
      `must be one of ${allowed.join(", ")} for ${engine} (major.minor as ElastiCache names it; the app user authenticates through RBAC, which needs Valkey 7.2+ or Redis OSS 7.0+)`,
      version,
    );
  }
}

/** Node families by size class: burstable (`t`) sizes are micro to medium, the others large and up. */
const BURSTABLE_FAMILIES = ["t4g", "t3", "t2"];
const STANDARD_FAMILIES = ["m7g", "m6g", "m5", "m4", "r7g", "r6g", "r5", "r4", "c7gn"];
const STANDARD_SIZE = /^(large|xlarge|(2|4|8|12|16|24|48)xlarge)$/;

/**
 * A node type ElastiCache offers for Valkey and Redis OSS: `cache.<family>.<size>` of the
 * current and previous generation families. Data-tiering `r6gd` nodes are refused: they need
 * `data_tiering_enabled` and a Valkey or Redis OSS 6.2+ cluster that this module does not set up.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html (checked 2026-12-06)
 */
export function checkCacheNodeType(scope: IConstruct, prop: string, nodeType: string): void {
  if (isToken(nodeType)) return;
  const rule = `must be an ElastiCache node type cache.<family>.<size>: ${BURSTABLE_FAMILIES.join(", ")} in micro, small or medium; ${STANDARD_FAMILIES.join(", ")} in large, xlarge or <n>xlarge (e.g. cache.t4g.micro, cache.r7g.large)`;
  const m = /^cache\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(nodeType);
  if (!m) fail(scope, prop, rule, nodeType);
  const [, family, size] = m;
  if (family === "r6gd")
    fail(
      scope,
      prop,
      "must not be a data-tiering r6gd node (it needs data tiering, which this module does not enable): use r7g or r6g",
      nodeType,
    );
  if (BURSTABLE_FAMILIES.includes(family) && ["micro", "small", "medium"].includes(size)) return;
  if (STANDARD_FAMILIES.includes(family) && STANDARD_SIZE.test(size)) return;
  fail(scope, prop, rule, nodeType);
}

/**
 * An ElastiCache identifier (replication group, serverless cache, user, user group, parameter
 * group): 1-40 characters (replication groups and serverless caches; users and groups share
 * the rule), a letter first, then lower-case letters, digits and hyphens, no `--`, no trailing
 * hyphen. ElastiCache stores them lower-cased, so upper case is refused to keep plans stable.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html (ReplicationGroupId)
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateUser.html (UserId)
 */
export function checkCacheId(scope: IConstruct, prop: string, id: string, maxLength = 40): string {
  if (isToken(id)) return id;
  checkPattern(
    scope,
    prop,
    id,
    /^[a-z](?!.*--)(?:[a-z0-9-]*[a-z0-9])?$/,
    `must be 1-${maxLength} lower-case letters, digits and hyphens, starting with a letter, without "--" or a trailing hyphen`,
  );
  if (id.length > maxLength) fail(scope, prop, `must be at most ${maxLength} characters (is ${id.length}); shorten the name`, id);
  return id;
}

/** Eviction policies Valkey and Redis OSS accept for `maxmemory-policy`. */
export const MAXMEMORY_POLICIES = [
  "noeviction",
  "allkeys-lru",
  "allkeys-lfu",
  "allkeys-random",
  "volatile-lru",
  "volatile-lfu",
  "volatile-random",
  "volatile-ttl",
] as const;

/** A `maxmemory-policy`. */
export type MaxmemoryPolicy = (typeof MAXMEMORY_POLICIES)[number];

/**
 * A daily window `hh24:mi-hh24:mi` (UTC) and a weekly one `ddd:hh24:mi-ddd:hh24:mi`, each at least
 * 60 minutes for ElastiCache (snapshot window) and the maintenance window at least 60 minutes too.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html (SnapshotWindow, PreferredMaintenanceWindow)
 */
export function checkCacheWindows(scope: IConstruct, snapshotWindow: string, maintenanceWindow: string): void {
  const daily = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;
  const weekly = /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):([0-5]\d)$/;
  const days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  if (!isToken(snapshotWindow)) {
    const m = daily.exec(snapshotWindow);
    if (!m) fail(scope, "snapshotWindow", "must be hh24:mi-hh24:mi in UTC, e.g. 02:00-03:00", snapshotWindow);
    const minutes = (+m[3] * 60 + +m[4] - (+m[1] * 60 + +m[2]) + 1440) % 1440;
    if (minutes < 60) fail(scope, "snapshotWindow", `must be at least 60 minutes long (is ${minutes})`, snapshotWindow);
  }
  if (!isToken(maintenanceWindow)) {
    const m = weekly.exec(maintenanceWindow);
    if (!m) fail(scope, "maintenanceWindow", "must be ddd:hh24:mi-ddd:hh24:mi in UTC, e.g. sun:05:00-sun:06:00", maintenanceWindow);
    const start = days.indexOf(m[1]) * 1440 + +m[2] * 60 + +m[3];
    const end = days.indexOf(m[4]) * 1440 + +m[5] * 60 + +m[6];
    const minutes = (end - start + 7 * 1440) % (7 * 1440);
    if (minutes < 60) fail(scope, "maintenanceWindow", `must be at least 60 minutes long (is ${minutes})`, maintenanceWindow);
  }
}
