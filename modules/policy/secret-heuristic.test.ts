import { describe, expect, it } from "vitest";
import { evaluate } from "./engine";
import { noPlaintextSecrets } from "./rules";
import { renderEnvironment } from "../internal/environment-variables";
import { looksLikeSecret } from "../internal/secret-heuristic";
import { scratchStack } from "../internal/testing";
import { webService } from "../service/testing";
import { Testing } from "cdktf";
import { enforcePolicies } from "./enforce";

/** Credentials by name: flagged whatever their (non-empty, non-boolean) value. */
const SECRET_NAMES = [
  "PASSWORD",
  "DB_PASSWORD",
  "dbPassword",
  "SMTP_PASS",
  "DB_PWD",
  "PASSPHRASE",
  "SECRET",
  "AUTH_SECRET",
  "NEXTAUTH_SECRET",
  "CLIENT_SECRET",
  "GOOGLE_CLIENT_SECRET",
  "SESSION_SECRET",
  "PRIVATE_KEY",
  "JWT_PRIVATE_KEY",
  "API_KEY",
  "apiKey",
  "STRIPE_APIKEY",
  "AWS_SECRET_ACCESS_KEY",
  "SECRET_KEY",
  "ENCRYPTION_KEY",
  "SIGNING_KEY",
  "SUPABASE_SERVICE_ROLE_KEY",
  "ACCESS_TOKEN",
  "REFRESH_TOKEN",
  "GITHUB_TOKEN",
  "TOKEN",
  "GOOGLE_CREDENTIALS",
  "SECRET_KEY_BASE",
  "BASIC_AUTH",
  "DBPASSWORD",
];
/** Connection strings: flagged unless the value is a URL without a password. */
const CONNECTION_NAMES = [
  "DATABASE_URL",
  "DB_URL",
  "POSTGRES_URL",
  "MONGODB_URI",
  "REDIS_URL",
  "CONNECTION_STRING",
  "READ_REPLICA_DATABASE_URL",
];
/** Settings whose names merely contain a credential word: never flagged for their name. */
const SETTING_NAMES: [string, string][] = [
  ["AUTH_URL", "https://app.example.com"],
  ["AUTH_TRUST_HOST", "true"],
  ["NEXTAUTH_URL", "https://app.example.com/api/auth"],
  ["MAX_TOKENS", "4096"],
  ["TOKEN_TTL_SECONDS", "3600"],
  ["PASSWORD_MIN_LENGTH", "12"],
  ["REDIS_HOST", "cache.internal"],
  ["SMTP_HOST", "email-smtp.us-east-1.amazonaws.com"],
  ["AUTH_MODE", "oidc"],
  ["SESSION_TTL_HOURS", "24"],
  ["TOKEN_TTL", "900"],
  ["SECRET_LENGTH", "32"],
  ["LOGIN_ATTEMPTS_LIMIT", "5"],
  ["API_RATE_LIMIT", "100"],
  ["TOKEN_COUNT", "3"],
  ["PASSWORD_RESET_ENABLED", "true"],
  ["DB_PASSWORD_FILE", "/run/secrets/db_password"], // a path to the secret (Docker-secrets convention)
  ["DB_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"], // a reference
  ["API_KEY_HEADER", "x-api-key"],
  ["CACHE_KEY", "v2"],
  ["S3_KEY_PREFIX", "uploads/"],
  ["PWD", "/app"],
  ["TOKEN_ENDPOINT", "https://oauth2.googleapis.com/token"],
  ["AUTH_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:auth-AbCdEf"],
  ["IMAGE_TAG", "3f2c9a1b7e8d4c6a5b0f1e2d3c4b5a6978695a4b"], // a git SHA: hex, not high-entropy
  ["REQUEST_ID_SEED", "123e4567-e89b-12d3-a456-426614174000"], // a UUID
  ["FEATURE_FLAGS", '{"newCheckout":true,"betaSearch":false}'],
  ["NODE_ENV", "production"],
];
/** Values shaped like credentials: flagged whatever the name. */
const SECRET_VALUES: [string, string][] = [
  ["AKIAABCDEFGHIJKLMNOP", "an AWS access key id"],
  ["ASIAABCDEFGHIJKLMNOP", "an AWS access key id"],
  ["-----BEGIN RSA PRIVATE KEY-----\nMIIE...", "a PEM private key"],
  ["-----BEGIN OPENSSH PRIVATE KEY-----", "a PEM private key"],
  ["postgres://app:hunter2@db.internal:5432/app", "a URL with a user and password"],
  ["https://user:p4ss@proxy.example.com", "a URL with a user and password"],
  ["sk_live_4eC39HqLyjWDarjtT1zdp7dc", "a Stripe-style secret key"],
  ["ghp_abcdefghijklmnopqrstuvwxyz0123456789", "a GitHub token"],
  ["xoxb-123456789012-abcdefABCDEF", "a Slack token"],
  ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "a JSON Web Token"],
  ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "a long high-entropy token"],
  ["Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdISUpL", "a long high-entropy token"],
];

describe("looksLikeSecret", () => {
  it.each(SECRET_NAMES)("flags %s by its name", (name) => {
    expect(looksLikeSecret(name, "some-plain-value")).toEqual({ kind: "name", reason: "named like a credential" });
  });

  it.each(CONNECTION_NAMES)("flags %s holding a password, not a URL without one", (name) => {
    expect(looksLikeSecret(name, "Server=db;User Id=app;Password=hunter2")).toMatchObject({ kind: "name" });
    expect(looksLikeSecret(name, "postgresql://db.internal:5432/app?password=hunter2")).toMatchObject({ kind: "name" });
    expect(looksLikeSecret(name, "postgres://app:hunter2@db.internal:5432/app")).toMatchObject({ kind: "value" });
    expect(looksLikeSecret(name, "postgresql://app@db.internal:5432/app?sslmode=require")).toBeUndefined();
    expect(looksLikeSecret(name, "postgresql://${aws_db_instance.Db_1A2B.address}:5432/app")).toBeUndefined();
  });

  it.each(SETTING_NAMES)("does not flag the setting %s=%s", (name, value) => {
    expect(looksLikeSecret(name, value)).toBeUndefined();
  });

  it.each(SECRET_VALUES)("flags the value %s whatever the name", (value, reason) => {
    expect(looksLikeSecret("UPSTREAM", value)).toEqual({ kind: "value", reason });
    expect(looksLikeSecret("DB_PASSWORD_FILE", value)).toEqual({ kind: "value", reason });
  });

  it("does not flag a credential's name holding nothing, a boolean, or a secret's ARN", () => {
    expect(looksLikeSecret("AUTH_SECRET", "")).toBeUndefined();
    expect(looksLikeSecret("REQUIRE_PASSWORD", "false")).toBeUndefined();
    expect(looksLikeSecret("DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf")).toBeUndefined();
    expect(looksLikeSecret("DB_PASSWORD", "hunter2")).toMatchObject({ kind: "name" });
  });

  it("judges a value known only at apply by the name alone", () => {
    expect(looksLikeSecret("DB_PASSWORD", "${random_password.Db_1A2B.result}")).toMatchObject({ kind: "name" });
    expect(looksLikeSecret("DB_HOST", "${aws_db_instance.Db_1A2B.address}")).toBeUndefined();
  });
});

describe("the container validation and the NO-PLAINTEXT-SECRETS rule", () => {
  const scope = scratchStack();
  const validationRefuses = (name: string, value: string): boolean => {
    try {
      renderEnvironment(scope, "environment", { [name]: value });
      return false;
    } catch {
      return true;
    }
  };
  const ruleFlags = (name: string, value: string): boolean => {
    const container = { name: "app", image: "x", environment: [{ name, value }] };
    const json = { resource: { aws_ecs_task_definition: { task: { container_definitions: JSON.stringify([container]) } } } };
    return evaluate(json, { tier: "baseline", rules: [noPlaintextSecrets] }).failed.length > 0;
  };
  const cases: [string, string, boolean][] = [
    ...SECRET_NAMES.map((n): [string, string, boolean] => [n, "some-plain-value", true]),
    ...CONNECTION_NAMES.map((n): [string, string, boolean] => [n, "Server=db;Password=hunter2", true]),
    ...CONNECTION_NAMES.map((n): [string, string, boolean] => [n, "postgresql://app@db.internal/app", false]),
    ...SETTING_NAMES.map(([n, v]): [string, string, boolean] => [n, v, false]),
    ...SECRET_VALUES.map(([v]): [string, string, boolean] => ["UPSTREAM", v, true]),
  ];

  it.each(cases)("agree on %s=%s (flagged: %s)", (name, value, flagged) => {
    expect(validationRefuses(name, value)).toBe(flagged);
    expect(ruleFlags(name, value)).toBe(flagged);
  });

  it("name the variable and the reason, never the value", () => {
    expect(() => renderEnvironment(scope, "environment", { UPSTREAM: "AKIAABCDEFGHIJKLMNOP" })).toThrow(
      /environment.UPSTREAM holds a value that looks like a credential \(an AWS access key id\).*got "<redacted>"/,
    );
    const container = { name: "app", environment: [{ name: "AUTH_SECRET", value: "hunter2hunter2" }] };
    const json = { resource: { aws_ecs_task_definition: { task: { container_definitions: JSON.stringify([container]) } } } };
    const [finding] = evaluate(json, { tier: "baseline", rules: [noPlaintextSecrets] }).failed;
    expect(finding.message).toBe('container "app": AUTH_SECRET is named like a credential but is a plain environment variable');
  });
});

describe("a WebService with ordinary settings under enforcePolicies", () => {
  it("synthesizes without any suppression in either tier", () => {
    for (const tier of ["baseline", "production"] as const) {
      const stack = scratchStack();
      const environment = {
        AUTH_URL: "https://app.example.com",
        AUTH_TRUST_HOST: "true",
        NEXTAUTH_URL: "https://app.example.com",
        MAX_TOKENS: "4096",
        TOKEN_TTL_SECONDS: "3600",
        PASSWORD_MIN_LENGTH: "12",
        DB_PASSWORD_FILE: "/run/secrets/db_password",
        DB_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
      };
      webService(stack, { environment });
      enforcePolicies(stack, { tier, rules: [noPlaintextSecrets] });
      expect(() => Testing.synth(stack, true)).not.toThrow();
    }
  });
});
