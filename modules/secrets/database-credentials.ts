import { DatabaseRef } from "../core/database-ref";
import { checkPattern, fail } from "../internal/validate";
import { SecretRef } from "../core/secret-ref";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_RULE = "must be an environment variable name (letters, digits, _; not starting with a digit)";

/** Options for {@link databaseCredentialSecrets}. */
export interface DatabaseCredentialNames {
  /** Environment variable receiving the user name. @default "DB_USERNAME" */
  readonly username?: string;
  /** Environment variable receiving the password. @default "DB_PASSWORD" */
  readonly password?: string;
}

/**
 * The RDS-managed master secret (JSON `{"username","password"}`) as two `valueFrom` secrets,
 * one per JSON key, to merge into a container's `secrets`: for a migration or administration
 * task only. The app logs in as its own role with IAM (`db.connectionEnvironment`,
 * `db.grantConnect`) and never receives these. The app assembles DATABASE_URL /
 * POSTGRES_URL from these and the host/port/name environment variables (see the README).
 * Grant the reading role `masterSecretArn` (and the secret's KMS key, when customer-managed).
 */
export function databaseCredentialSecrets(database: DatabaseRef, names: DatabaseCredentialNames = {}): Record<string, SecretRef> {
  const arn = database.masterSecretArn;
  if (arn === undefined) {
    fail("databaseCredentialSecrets", "database.masterSecretArn", "must be set (use an RDS-managed master password)", arn);
  }
  const username = names.username ?? "DB_USERNAME";
  const password = names.password ?? "DB_PASSWORD";
  checkPattern("databaseCredentialSecrets", "names.username", username, ENV_NAME, ENV_RULE);
  checkPattern("databaseCredentialSecrets", "names.password", password, ENV_NAME, ENV_RULE);
  if (username === password) fail("databaseCredentialSecrets", "names.password", "must differ from names.username", password);
  return {
    [username]: { arn, jsonKey: "username", kind: "secretsmanager" },
    [password]: { arn, jsonKey: "password", kind: "secretsmanager" },
  };
}

/**
 * For migration or administration tasks only (never the app), the RDS-managed master secret as
 * one `valueFrom` secret holding the whole JSON
 * (`{"username","password"}`), for platforms that cannot select a JSON key (App Runner's
 * `runtimeEnvironmentSecrets` take whole-secret ARNs only). The app parses the JSON and
 * assembles DATABASE_URL / POSTGRES_URL (see the README).
 * @param name environment variable receiving the JSON (default `DB_CREDENTIALS`)
 */
export function databaseCredentialsJsonSecret(database: DatabaseRef, name = "DB_CREDENTIALS"): Record<string, SecretRef> {
  const arn = database.masterSecretArn;
  if (arn === undefined) {
    fail("databaseCredentialsJsonSecret", "database.masterSecretArn", "must be set (use an RDS-managed master password)", arn);
  }
  checkPattern("databaseCredentialsJsonSecret", "name", name, ENV_NAME, ENV_RULE);
  return { [name]: { arn, kind: "secretsmanager" } };
}
