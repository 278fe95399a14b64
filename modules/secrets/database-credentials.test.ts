import { describe, expect, it } from "vitest";
import { databaseCredentialSecrets } from "./database-credentials";
import { secretValueFrom } from "./secret-ref";

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
});
