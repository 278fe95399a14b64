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

/** Where a setting went: the PostgreSQL major that dropped it, and its replacement if any. */
interface RemovedParameter {
  readonly removedIn: number;
  readonly use?: string;
}

/**
 * PostgreSQL settings a major version removed or renamed: the RDS family `postgres<N>` for that
 * major and later has no such parameter, and RDS refuses it at apply ("InvalidParameterValue:
 * Could not find parameter with name: ..."). Source: the "Migration to Version N" sections of
 * the PostgreSQL release notes (https://www.postgresql.org/docs/release/), versions 10-17.
 */
export const REMOVED_POSTGRES_PARAMETERS: Readonly<Record<string, RemovedParameter>> = {
  checkpoint_segments: { removedIn: 10, use: "max_wal_size" },
  min_parallel_relation_size: { removedIn: 10, use: "min_parallel_table_scan_size" },
  replacement_sort_tuples: { removedIn: 11 },
  default_with_oids: { removedIn: 12 },
  wal_keep_segments: { removedIn: 13, use: "wal_keep_size (in MB)" },
  operator_precedence_warning: { removedIn: 14 },
  vacuum_cleanup_index_scale_factor: { removedIn: 14 },
  stats_temp_directory: { removedIn: 15 },
  force_parallel_mode: { removedIn: 16, use: "debug_parallel_query" },
  promote_trigger_file: { removedIn: 16 },
  vacuum_defer_cleanup_age: { removedIn: 16 },
  db_user_namespace: { removedIn: 17 },
  old_snapshot_threshold: { removedIn: 17 },
  trace_recovery_messages: { removedIn: 17 },
};

/**
 * Settings a major version introduced: a family of an older major has no such parameter.
 * Source: the "Server Configuration" changes in the PostgreSQL 13-17 release notes.
 */
export const ADDED_POSTGRES_PARAMETERS: Readonly<Record<string, number>> = {
  wal_keep_size: 13,
  client_connection_check_interval: 14,
  idle_session_timeout: 14,
  debug_parallel_query: 16,
  reserved_connections: 16,
  io_combine_limit: 17,
  summarize_wal: 17,
  transaction_timeout: 17,
};

/**
 * MySQL/MariaDB parameters that end up in PostgreSQL groups by mistake, with the PostgreSQL
 * setting that does the job. No `postgres<N>` family has them (RDS parameter group families:
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.html).
 */
export const MYSQL_PARAMETERS: Readonly<Record<string, string | undefined>> = {
  require_secure_transport: "rds.force_ssl (always 1 here)",
  time_zone: "timezone",
  slow_query_log: "log_min_duration_statement",
  long_query_time: "log_min_duration_statement (milliseconds)",
  general_log: "log_statement",
  wait_timeout: "idle_session_timeout (milliseconds)",
  interactive_timeout: "idle_session_timeout (milliseconds)",
  max_allowed_packet: undefined,
  sql_mode: undefined,
  character_set_server: undefined,
  collation_server: undefined,
  binlog_format: undefined,
  log_bin_trust_function_creators: undefined,
};

/** File locations RDS manages itself: not parameters of an RDS group. */
const RDS_MANAGED_FILES = ["config_file", "data_directory", "external_pid_file", "hba_file", "ident_file"];

/**
 * Refuse a parameter name that the `postgres<major>` family cannot contain: removed or not yet
 * added in that major, a MySQL setting, or a file location RDS manages. Anything else passes
 * (RDS has extension and `rds.*` parameters this list does not try to enumerate).
 */
export function checkParameterInFamily(scope: IConstruct | string, prop: string, name: string, major: number): void {
  if (isToken(name) || !Number.isFinite(major)) return;
  const key = name.toLowerCase();
  const family = `postgres${major}`;
  const removed = REMOVED_POSTGRES_PARAMETERS[key];
  if (removed && major >= removed.removedIn) {
    const instead = removed.use ? `; use ${removed.use}` : "";
    fail(scope, prop, `is not a parameter of family ${family}: PostgreSQL ${removed.removedIn} removed it${instead}`, name);
  }
  const added = ADDED_POSTGRES_PARAMETERS[key];
  if (added !== undefined && major < added) {
    fail(scope, prop, `is not a parameter of family ${family}: it exists from PostgreSQL ${added} on`, name);
  }
  if (key in MYSQL_PARAMETERS || key.startsWith("innodb_")) {
    const instead = MYSQL_PARAMETERS[key] ? `; the PostgreSQL setting is ${MYSQL_PARAMETERS[key]}` : "";
    fail(scope, prop, `is not a parameter of family ${family}: it is a MySQL parameter${instead}`, name);
  }
  if (RDS_MANAGED_FILES.includes(key)) {
    fail(scope, prop, `is not a parameter of an RDS parameter group (family ${family}): RDS manages the server's file locations`, name);
  }
}

/**
 * Render parameters with their apply methods, sorted by name so the plan is stable.
 * Names must look like PostgreSQL settings (`work_mem`, `pg_stat_statements.track`) and,
 * when `major` is given, be possible in the `postgres<major>` family.
 */
export function renderParameters(
  scope: IConstruct | string,
  prop: string,
  parameters: Readonly<Record<string, string>>,
  extraStatic: readonly string[] = [],
  major?: number,
): DbParameter[] {
  return Object.keys(parameters)
    .sort()
    .map((name) => {
      const value = parameters[name];
      if (!PARAMETER_NAME.test(name)) {
        fail(scope, `${prop}.${name}`, "must be a PostgreSQL parameter name (letters, digits, _ and . separators)", name);
      }
      if (major !== undefined) checkParameterInFamily(scope, `${prop}.${name}`, name, major);
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
      fail(
        scope,
        prop,
        `must be an integer from ${rule.min} to ${rule.max}${unit} (or an RDS formula such as {DBInstanceClassMemory/32768})`,
        value,
      );
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
    fail(
      scope,
      "engineVersion",
      `must be PostgreSQL ${MIN_POSTGRES_MAJOR} or later (older majors are out of RDS standard support)`,
      version,
    );
  }
  const derived = `postgres${major}`;
  if (family !== undefined && !isToken(family) && family !== derived) {
    fail(scope, "parameterGroupFamily", `must match engineVersion ${version} (family ${derived})`, family);
  }
  return { version, major, family: derived };
}
