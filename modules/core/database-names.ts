import { IConstruct } from "constructs";
import { fail, isToken } from "../internal/validate";

/**
 * Names inside a PostgreSQL instance: the initial database and the master user. RDS
 * refuses SQL reserved words and its own role names; PostgreSQL folds unquoted names to
 * lower case, so only lower-case names are accepted (no quoting needed in clients).
 */

/** PostgreSQL reserved key words (and those that cannot name a function or type). */
const SQL_RESERVED = new Set(
  (
    "all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation " +
    "column concurrently constraint create cross current_catalog current_date current_role current_schema current_time " +
    "current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign freeze " +
    "from full grant group having ilike in initially inner intersect into is isnull join lateral leading left like limit " +
    "localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing primary references " +
    "returning right select session_user similar some symmetric system_user table tablesample then to trailing true union " +
    "unique user using variadic verbose when where window with"
  ).split(" "),
);

/**
 * Master user names RDS for PostgreSQL refuses ("reserved word used by the engine": `admin`,
 * `rdsadmin`), roles RDS creates in every instance, and the role names PostgreSQL reserves
 * (`public`, `none`). `postgres` is valid: it is the RDS console's default master user name.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.PostgreSQL.CommonDBATasks.Roles.html
 * https://www.postgresql.org/docs/16/sql-createrole.html
 */
const RESERVED_USERNAMES = new Set([
  "admin",
  "rdsadmin",
  "rdsrepladmin",
  "rdstopmgr",
  "rds_superuser",
  "rds_replication",
  "rds_iam",
  "rds_password",
  "rds_ad",
  "public",
  "none",
]);
/** PostgreSQL reserves role names starting with `pg_` (https://www.postgresql.org/docs/16/predefined-roles.html). */
const RESERVED_USERNAME_PREFIXES = ["pg_"];
/** Databases every instance already has. */
const RESERVED_DATABASES = new Set(["postgres", "template0", "template1", "rdsadmin"]);

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const NAME_RULE = "must be 1-63 lower-case letters, digits or underscores, starting with a letter";

/** Check the initial database name (`db_name`). */
export function checkDatabaseName(scope: IConstruct | string, prop: string, name: string): string {
  if (isToken(name)) return name;
  if (!NAME.test(name)) fail(scope, prop, `${NAME_RULE} (e.g. shop)`, name);
  if (RESERVED_DATABASES.has(name))
    fail(scope, prop, "must not be a database every instance already has (postgres, template0, template1, rdsadmin)", name);
  if (SQL_RESERVED.has(name)) fail(scope, prop, "must not be an SQL reserved word", name);
  return name;
}

/** RDS caps the master user name at 16 characters (CreateDBInstance `MasterUsername`). */
export const MAX_MASTER_USERNAME_LENGTH = 16;
const USERNAME = new RegExp(`^[a-z][a-z0-9_]{0,${MAX_MASTER_USERNAME_LENGTH - 1}}$`);

/** Check the master user name. */
export function checkMasterUsername(scope: IConstruct | string, prop: string, name: string): string {
  if (isToken(name)) return name;
  if (!USERNAME.test(name)) {
    fail(
      scope,
      prop,
      `must be 1-${MAX_MASTER_USERNAME_LENGTH} lower-case letters, digits or underscores, starting with a letter (RDS's limit of 16; lower case so SQL needs no quotes; e.g. dbadmin or postgres)`,
      name,
    );
  }
  if (RESERVED_USERNAMES.has(name) || RESERVED_USERNAME_PREFIXES.some((p) => name.startsWith(p))) {
    fail(
      scope,
      prop,
      `must not be a name RDS or PostgreSQL reserves (${[...RESERVED_USERNAMES].join(", ")}, or starting with ${RESERVED_USERNAME_PREFIXES.join(" / ")}); use e.g. dbadmin or postgres`,
      name,
    );
  }
  if (SQL_RESERVED.has(name)) fail(scope, prop, "must not be an SQL reserved word; use e.g. dbadmin", name);
  return name;
}

/** A database name derived from a base name: `shop-prod` → `shop_prod`. */
export function defaultDatabaseName(base: string): string {
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^[^a-z]+/, "")
    .slice(0, 63);
  return name === "" ? "app" : name;
}

/**
 * Check a login role the application uses (IAM authentication): PostgreSQL's 63-character
 * identifier limit, lower case, not a reserved or built-in role name.
 */
export function checkRoleName(scope: IConstruct | string, prop: string, name: string): string {
  if (isToken(name)) return name;
  if (!NAME.test(name)) fail(scope, prop, `${NAME_RULE} (e.g. app_user)`, name);
  if (RESERVED_USERNAMES.has(name) || RESERVED_USERNAME_PREFIXES.some((p) => name.startsWith(p))) {
    fail(
      scope,
      prop,
      `must not be a reserved or built-in role name (${[...RESERVED_USERNAMES].join(", ")}, or starting with ${RESERVED_USERNAME_PREFIXES.join(" / ")})`,
      name,
    );
  }
  if (SQL_RESERVED.has(name)) fail(scope, prop, "must not be an SQL reserved word (e.g. user); use e.g. app_user", name);
  return name;
}
