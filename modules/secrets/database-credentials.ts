import { DatabaseRef } from "../database/database-ref";
import { fail } from "../internal/validate";
import { SecretRef } from "./secret-ref";

/** Options for {@link databaseCredentialSecrets}. */
export interface DatabaseCredentialNames {
  /** Environment variable receiving the user name. @default "DB_USERNAME" */
  readonly username?: string;
  /** Environment variable receiving the password. @default "DB_PASSWORD" */
  readonly password?: string;
}

/**
 * The RDS-managed master secret (JSON `{"username","password"}`) as two `valueFrom` secrets,
 * one per JSON key, to merge into a container's `secrets`. The app assembles DATABASE_URL /
 * POSTGRES_URL from these and the host/port/name environment variables (see the README).
 * Grant the reading role `masterSecretArn` (and the secret's KMS key, when customer-managed).
 */
export function databaseCredentialSecrets(database: DatabaseRef, names: DatabaseCredentialNames = {}): Record<string, SecretRef> {
  const arn = database.masterSecretArn;
  if (arn === undefined) {
    fail("databaseCredentialSecrets", "database.masterSecretArn", "must be set (use an RDS-managed master password)", arn);
  }
  return {
    [names.username ?? "DB_USERNAME"]: { arn, jsonKey: "username", kind: "secretsmanager" },
    [names.password ?? "DB_PASSWORD"]: { arn, jsonKey: "password", kind: "secretsmanager" },
  };
}

/**
 * The RDS-managed master secret as one `valueFrom` secret holding the whole JSON
 * (`{"username","password"}`), for platforms that cannot select a JSON key (App Runner).
 */
export function databaseCredentialsJsonSecret(database: DatabaseRef, name = "DB_CREDENTIALS"): Record<string, SecretRef> {
  const arn = database.masterSecretArn;
  if (arn === undefined) {
    fail("databaseCredentialsJsonSecret", "database.masterSecretArn", "must be set (use an RDS-managed master password)", arn);
  }
  return { [name]: { arn, kind: "secretsmanager" } };
}
