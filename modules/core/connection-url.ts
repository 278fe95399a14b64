import { IConstruct } from "constructs";
import { checkKmsKeyInStackRegion } from "../internal/region-checks";
import { checkIntegerRange, checkKmsKeyArn, checkOneOf, checkPattern, fail } from "../internal/validate";
import { DEFAULT_CA_BUNDLE_PATH } from "./database-ref";
import { checkSecretRef } from "./secret-ref";

/**
 * How a `DATABASE_URL` spells TLS and pool settings:
 * - `prisma`: Prisma's built-in query engine (`sslmode=require&sslcert=<CA>`, where Prisma verifies
 *   the chain and host name against `sslcert`; `connection_limit`, `pool_timeout`,
 *   `statement_cache_size`, `pgbouncer`);
 * - `libpq`: libpq and what parses URLs like it: `psql`, node-postgres (`pg`, also Prisma's `pg`
 *   driver adapter), Drizzle, Knex, TypeORM, Sequelize, SQLAlchemy/psycopg
 *   (`sslmode=verify-full&sslrootcert=<CA>`); the pool size stays in `DB_POOL_SIZE`.
 */
export type ConnectionUrlFormat = "prisma" | "libpq";

/** A password login for the app, delivered as a connection URL in a secret (see the README). */
export interface ConnectionUrlOptions {
  /**
   * ARN of the Secrets Manager secret the URL is written to, created EMPTY by Terraform (no
   * `aws_secretsmanager_secret_version`: the password never enters Terraform state). The admin
   * task may read and write exactly this secret.
   */
  readonly secretArn: string;
  /**
   * Customer-managed KMS key of that secret: the task may encrypt and decrypt with it.
   * @default - none (aws/secretsmanager, which needs no grant)
   */
  readonly secretKmsKeyArn?: string;
  /** How the URL spells its settings. @default "prisma" */
  readonly format?: ConnectionUrlFormat;
  /**
   * Connections each process keeps: Prisma's `connection_limit` (format `prisma` only).
   * @default - none (Prisma's default: 2 × CPUs + 1)
   */
  readonly poolSize?: number;
  /**
   * Seconds a query waits for a free pooled connection: Prisma's `pool_timeout` (0 = no limit).
   * @default - none (Prisma's default, 10)
   */
  readonly poolTimeoutSeconds?: number;
  /**
   * Prepared statements Prisma caches per connection: `statement_cache_size` (0 turns the cache off).
   * @default - none (Prisma's default, 100)
   */
  readonly statementCacheSize?: number;
  /**
   * `pgbouncer=true`: no named prepared statements, for a transaction-mode pooler (PgBouncer
   * before 1.21) between the app and the database. Not needed for RDS or RDS Proxy.
   * @default false
   */
  readonly pgbouncer?: boolean;
  /**
   * The RDS CA bundle inside the app's image (the URL verifies the server against it).
   * @default "/certs/rds-global-bundle.pem"
   */
  readonly caBundlePath?: string;
}

/** Where the URL points: host, port and database. */
export interface ConnectionUrlTarget {
  readonly host: string;
  readonly port: number;
  readonly databaseName: string;
}

/**
 * What follows `postgresql://<user>:<password>@` in the URL: `host:port/db?<TLS and pool settings>`.
 * The admin task prepends the login and the generated password at run time. Validates `options`.
 */
export function connectionUrlSuffix(scope: IConstruct, prop: string, target: ConnectionUrlTarget, options: ConnectionUrlOptions): string {
  checkSecretRef(scope, `${prop}.secretArn`, options.secretArn, "secretsmanager");
  checkKmsKeyArn(
    scope,
    `${prop}.secretKmsKeyArn`,
    options.secretKmsKeyArn,
    "the admin task is granted kms:Decrypt and kms:GenerateDataKey on it, and IAM authorizes those on the key",
  );
  checkKmsKeyInStackRegion(scope, `${prop}.secretKmsKeyArn`, options.secretKmsKeyArn, "Secrets Manager");
  const format = options.format ?? "prisma";
  checkOneOf(scope, `${prop}.format`, format, ["prisma", "libpq"]);
  const ca = options.caBundlePath ?? DEFAULT_CA_BUNDLE_PATH;
  checkPattern(
    scope,
    `${prop}.caBundlePath`,
    ca,
    /^\/[\w.\-/]+\.(pem|crt)$/,
    "must be an absolute path to a .pem or .crt file in the image",
  );
  checkIntegerRange(scope, `${prop}.poolSize`, options.poolSize, 1, 10000);
  checkIntegerRange(scope, `${prop}.poolTimeoutSeconds`, options.poolTimeoutSeconds, 0, 3600);
  checkIntegerRange(scope, `${prop}.statementCacheSize`, options.statementCacheSize, 0, 100000);
  if (format === "libpq") {
    // Prisma-only settings would be ignored (or refused) by libpq-style parsers.
    for (const [key, value] of Object.entries({
      poolTimeoutSeconds: options.poolTimeoutSeconds,
      statementCacheSize: options.statementCacheSize,
      pgbouncer: options.pgbouncer,
    })) {
      if (value !== undefined && value !== false)
        fail(scope, `${prop}.${key}`, 'is a Prisma setting: use format "prisma", or leave it unset with "libpq"', value);
    }
  }
  const query: [string, string | number][] =
    format === "prisma"
      ? [
          ["sslmode", "require"],
          ["sslcert", ca],
          ...(options.poolSize !== undefined ? ([["connection_limit", options.poolSize]] as [string, number][]) : []),
          ...(options.poolTimeoutSeconds !== undefined ? ([["pool_timeout", options.poolTimeoutSeconds]] as [string, number][]) : []),
          ...(options.statementCacheSize !== undefined
            ? ([["statement_cache_size", options.statementCacheSize]] as [string, number][])
            : []),
          ...(options.pgbouncer ? ([["pgbouncer", "true"]] as [string, string][]) : []),
        ]
      : [
          ["sslmode", "verify-full"],
          ["sslrootcert", ca],
        ];
  return `${target.host}:${target.port}/${target.databaseName}?${query.map(([k, v]) => `${k}=${v}`).join("&")}`;
}
