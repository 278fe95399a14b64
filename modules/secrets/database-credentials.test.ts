import { describe, expect, it } from "vitest";
import { databaseCredentialSecrets, databaseCredentialsJsonSecret } from "./database-credentials";
import { secretValueFrom } from "../core/secret-ref";

const arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1234-AbCdEf";
const db = { securityGroupId: "sg-0123456789abcdef0", port: 5432, address: "db.example.internal", masterSecretArn: arn };

describe("databaseCredentialSecrets", () => {
  it("injects the username and password keys of the RDS-managed secret", () => {
    const env = databaseCredentialSecrets(db);
    expect(Object.keys(env)).toEqual(["DB_USERNAME", "DB_PASSWORD"]);
    expect(secretValueFrom(env.DB_PASSWORD)).toBe(`${arn}:password::`);
    expect(secretValueFrom(env.DB_USERNAME)).toBe(`${arn}:username::`);
    expect(Object.keys(databaseCredentialSecrets(db, { username: "PGUSER", password: "PGPASSWORD" }))).toEqual(["PGUSER", "PGPASSWORD"]);
  });

  it("fails without a managed master secret", () => {
    expect(() => databaseCredentialSecrets({ ...db, masterSecretArn: undefined })).toThrow(/database\.masterSecretArn must be set/);
  });

  it("fails on variable names a container cannot receive", () => {
    expect(() => databaseCredentialSecrets(db, { username: "db-user" })).toThrow(
      /databaseCredentialSecrets: names\.username must be an environment variable name .*got "db-user"/,
    );
    expect(() => databaseCredentialSecrets(db, { username: "PG", password: "PG" })).toThrow(
      /names\.password must differ from names\.username, got "PG"/,
    );
  });
});

describe("databaseCredentialsJsonSecret", () => {
  it("injects the whole managed secret (no JSON key) as DB_CREDENTIALS, for App Runner", () => {
    const env = databaseCredentialsJsonSecret(db);
    expect(Object.keys(env)).toEqual(["DB_CREDENTIALS"]);
    expect(env.DB_CREDENTIALS).toEqual({ arn, kind: "secretsmanager" });
    expect(secretValueFrom(env.DB_CREDENTIALS)).toBe(arn);
  });

  it("uses the given variable name", () => {
    expect(Object.keys(databaseCredentialsJsonSecret(db, "PG_CREDENTIALS"))).toEqual(["PG_CREDENTIALS"]);
  });

  it("fails without a managed master secret or with a bad variable name", () => {
    expect(() => databaseCredentialsJsonSecret({ ...db, masterSecretArn: undefined })).toThrow(
      /databaseCredentialsJsonSecret: database\.masterSecretArn must be set/,
    );
    expect(() => databaseCredentialsJsonSecret(db, "1CREDS")).toThrow(
      /databaseCredentialsJsonSecret: name must be an environment variable name.*got "1CREDS"/,
    );
  });
});
