import { IConstruct } from "constructs";
import { fail, isToken } from "../internal/validate";

/**
 * PostgreSQL parameters for RDS parameter groups: engine version → family, and the apply
 * method each parameter needs. RDS refuses `immediate` for static parameters (those that
 * PostgreSQL reads only at server start, `context = postmaster` in `pg_settings`), so
 * `terraform apply` fails unless they are `pending-reboot`.
 */

/**
 * Static parameters of RDS for PostgreSQL 13-17: PostgreSQL's postmaster-context settings,
 * the static ones of common preloaded extensions, and RDS's own static `rds.*` settings.
 * Anything else is dynamic and applied immediately.
 */
export const STATIC_POSTGRES_PARAMETERS: ReadonlySet<string> = new Set([
  // PostgreSQL core (postmaster context)
  "archive_mode",
  "autovacuum_freeze_max_age",
  "autovacuum_max_workers",
  "autovacuum_multixact_freeze_max_age",
  "dynamic_shared_memory_type",
  "hot_standby",
  "huge_pages",
  "huge_page_size",
  "jit_provider",
  "listen_addresses",
  "logging_collector",
  "max_connections",
  "max_files_per_process",
  "max_locks_per_transaction",
  "max_logical_replication_workers",
  "max_pred_locks_per_transaction",
  "max_prepared_transactions",
  "max_replication_slots",
  "max_wal_senders",
  "max_worker_processes",
  "min_dynamic_shared_memory",
  "old_snapshot_threshold",
  "port",
  "reserved_connections",
  "shared_buffers",
  "shared_memory_type",
  "shared_preload_libraries",
  "superuser_reserved_connections",
  "track_activity_query_size",
  "track_commit_timestamp",
  "wal_buffers",
  "wal_decode_buffer_size",
  "wal_level",
  "wal_log_hints",
  // Extensions loaded through shared_preload_libraries
  "cron.database_name",
  "cron.max_running_jobs",
  "cron.use_background_workers",
  "pg_stat_statements.max",
  "pglogical.batch_inserts",
  "pgaudit.log_max_string_length",
  // RDS
  "rds.custom_dns_resolution",
  "rds.enable_pgactive",
  "rds.logical_replication",
  "rds.rds_superuser_reserved_connections",
]);

/** How RDS applies a parameter change. */
export type ApplyMethod = "immediate" | "pending-reboot";

/** `pending-reboot` for static parameters (built-in list plus `extraStatic`), `immediate` otherwise. */
export function applyMethodFor(name: string, extraStatic: readonly string[] = []): ApplyMethod {
  const key = name.toLowerCase();
  return STATIC_POSTGRES_PARAMETERS.has(key) || extraStatic.some((s) => s.toLowerCase() === key) ? "pending-reboot" : "immediate";
}

/** One parameter of an `aws_db_parameter_group`. */
export interface DbParameter {
  readonly name: string;
  readonly value: string;
  readonly applyMethod: ApplyMethod;
}

const PARAMETER_NAME = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/i;

/**
 * Render parameters with their apply methods, sorted by name so the plan is stable.
 * Names must look like PostgreSQL settings (`work_mem`, `pg_stat_statements.track`).
 */
export function renderParameters(
  scope: IConstruct | string,
  prop: string,
  parameters: Readonly<Record<string, string>>,
  extraStatic: readonly string[] = [],
): DbParameter[] {
  return Object.keys(parameters)
    .sort()
    .map((name) => {
      const value = parameters[name];
      if (!PARAMETER_NAME.test(name)) {
        fail(scope, `${prop}.${name}`, "must be a PostgreSQL parameter name (letters, digits, _ and . separators)", name);
      }
      if (typeof value !== "string") fail(scope, `${prop}.${name}`, "must be a string value", value);
      checkParameterValue(scope, `${prop}.${name}`, name, value);
      return { name, value, applyMethod: applyMethodFor(name, extraStatic) };
    });
}

/** What RDS accepts as the value of a parameter (its `DataType` and `AllowedValues`). */
export type ParameterValueRule =
  | { readonly kind: "integer"; readonly min: number; readonly max: number; readonly unit?: string }
  | { readonly kind: "boolean" }
  | { readonly kind: "enum"; readonly values: readonly string[] };

const INT_MAX = 2147483647;
const int = (min: number, max: number, unit?: string): ParameterValueRule => ({ kind: "integer", min, max, unit });
const BOOLEAN: ParameterValueRule = { kind: "boolean" };
const LOG_LEVELS = ["debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error", "log", "fatal", "panic"];

/**
 * Value rules of commonly tuned parameters. RDS checks values against the parameter's allowed
 * values only at apply: integers take no units (`work_mem` is `8192` kB, not `8MB`), booleans are
 * `0`/`1`. Integer parameters also accept RDS formulas such as `{DBInstanceClassMemory/32768}`.
 * Parameters not listed here are passed through unchecked.
 */
export const PARAMETER_VALUE_RULES: Readonly<Record<string, ParameterValueRule>> = {
  autovacuum: BOOLEAN,
  autovacuum_max_workers: int(1, 262143),
  autovacuum_work_mem: int(-1, INT_MAX, "kB"),
  effective_cache_size: int(1, INT_MAX, "8 kB pages"),
  idle_in_transaction_session_timeout: int(0, INT_MAX, "ms"),
  idle_session_timeout: int(0, INT_MAX, "ms"),
  lock_timeout: int(0, INT_MAX, "ms"),
  log_autovacuum_min_duration: int(-1, INT_MAX, "ms"),
  log_disconnections: BOOLEAN,
  log_error_verbosity: { kind: "enum", values: ["terse", "default", "verbose"] },
  log_lock_waits: BOOLEAN,
  log_min_duration_statement: int(-1, INT_MAX, "ms"),
  log_min_error_statement: { kind: "enum", values: LOG_LEVELS },
  log_min_messages: { kind: "enum", values: LOG_LEVELS },
  log_statement: { kind: "enum", values: ["none", "ddl", "mod", "all"] },
  log_temp_files: int(-1, INT_MAX, "kB"),
  maintenance_work_mem: int(1024, INT_MAX, "kB"),
  max_parallel_workers: int(0, 1024),
  max_parallel_workers_per_gather: int(0, 1024),
  max_worker_processes: int(0, 262143),
  "pg_stat_statements.max": int(100, INT_MAX),
  "pg_stat_statements.track": { kind: "enum", values: ["none", "top", "all"] },
  shared_buffers: int(16, 1073741823, "8 kB pages"),
  statement_timeout: int(0, INT_MAX, "ms"),
  temp_file_limit: int(-1, INT_MAX, "kB"),
  track_activity_query_size: int(100, 1048576, "bytes"),
  track_io_timing: BOOLEAN,
  work_mem: int(64, INT_MAX, "kB"),
};

/** RDS parameter formula, e.g. `{DBInstanceClassMemory/32768}` or `GREATEST({DBInstanceClassMemory/9531392},5000)`. */
const FORMULA = /[{}]/;

/** Check a parameter value against {@link PARAMETER_VALUE_RULES}; tokens and unlisted names pass. */
export function checkParameterValue(scope: IConstruct | string, prop: string, name: string, value: string): void {
  const rule = PARAMETER_VALUE_RULES[name.toLowerCase()];
  if (!rule || isToken(value)) return;
  if (rule.kind === "integer") {
    if (FORMULA.test(value)) return;
    const n = /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!(n >= rule.min && n <= rule.max)) {
      const unit = rule.unit ? ` in ${rule.unit}, without a unit suffix` : "";
      fail(scope, prop, `must be an integer from ${rule.min} to ${rule.max}${unit} (or an RDS formula such as {DBInstanceClassMemory/32768})`, value);
    }
  } else if (rule.kind === "boolean") {
    if (value !== "0" && value !== "1") fail(scope, prop, `must be "0" or "1" (RDS writes booleans as 0/1)`, value);
  } else if (!rule.values.includes(value)) {
    fail(scope, prop, `must be one of ${rule.values.join(", ")}`, value);
  }
}

/** An engine version split into its major version and parameter group family. */
export interface PostgresEngine {
  /** The version as given (`16` or `16.4`). */
  readonly version: string;
  /** Major version, e.g. 16. */
  readonly major: number;
  /** Parameter group family, e.g. `postgres16`. */
  readonly family: string;
}

/** Oldest PostgreSQL major version RDS still offers in standard support. */
export const MIN_POSTGRES_MAJOR = 13;

/**
 * Check a PostgreSQL engine version (`16` or `16.x`) and derive its family (`postgres16`).
 * When `family` is given it must match the version's major.
 */
export function postgresEngine(scope: IConstruct | string, version: string, family?: string): PostgresEngine {
  if (family !== undefined && !isToken(family) && !/^postgres\d+$/.test(family)) {
    fail(scope, "parameterGroupFamily", "must be a PostgreSQL parameter group family such as postgres16", family);
  }
  if (isToken(version)) {
    if (!family || isToken(family)) fail(scope, "parameterGroupFamily", "is required when engineVersion is a token", family);
    return { version, major: Number(/\d+$/.exec(family)?.[0] ?? NaN), family };
  }
  const m = /^(\d+)(?:\.(\d+))?$/.exec(version);
  if (!m) fail(scope, "engineVersion", "must be a PostgreSQL version such as 16 or 16.4 (major, or major.minor)", version);
  const major = Number(m[1]);
  if (major < MIN_POSTGRES_MAJOR) {
    fail(scope, "engineVersion", `must be PostgreSQL ${MIN_POSTGRES_MAJOR} or later (older majors are out of RDS standard support)`, version);
  }
  const derived = `postgres${major}`;
  if (family !== undefined && !isToken(family) && family !== derived) {
    fail(scope, "parameterGroupFamily", `must match engineVersion ${version} (family ${derived})`, family);
  }
  return { version, major, family: derived };
}
