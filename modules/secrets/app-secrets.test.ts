import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { describe, expect, it } from "vitest";
import { WorkloadRole } from "../core/workload-role";
import { policyOf, resource, resources, synth } from "../internal/testing";
import { AppSecrets, AppSecretsProps, recoveryWindowDaysFor } from "./app-secrets";
import { secretKind, secretValueFrom } from "../core/secret-ref";

const base = { project: "shop", environment: "prod" };
const secrets = {
  AUTH_SECRET: { description: "NextAuth signing secret: openssl rand -base64 32" },
  SESSION_SECRET: {},
  GOOGLE_CLIENT_SECRET: {},
};
const parameters = { LOG_LEVEL: "info", FEATURE_FLAGS: "new-ui,beta", DB_POOL_SIZE: { value: "5", description: "Connections per task" } };

function build(props: Partial<AppSecretsProps> = {}) {
  return synth((s) => new AppSecrets(s, "AppSecrets", { ...base, secrets, parameters, ...props }));
}

describe("AppSecrets", () => {
  it("defaults to empty KMS-encrypted secrets with a 30-day recovery window and String parameters", () => {
    const json = build();
    const all = Object.values(resources(json, "aws_secretsmanager_secret"));
    expect(all.map((s) => s.name).sort()).toEqual(["shop/prod/AUTH_SECRET", "shop/prod/GOOGLE_CLIENT_SECRET", "shop/prod/SESSION_SECRET"]);
    for (const s of all) {
      expect(s.recovery_window_in_days).toBe(30);
      expect(s.kms_key_id).toMatch(/^\$\{aws_kms_key\.\w+\.arn\}$/);
    }
    expect(resource(json, "aws_kms_key").enable_key_rotation).toBe(true);
    expect(resource(json, "aws_kms_alias").name).toBe("alias/shop-prod-secrets");
    const params = Object.values(resources(json, "aws_ssm_parameter"));
    expect(params.map((p) => [p.name, p.type, p.insecure_value, p.tier]).sort()).toEqual([
      ["/shop/prod/DB_POOL_SIZE", "String", "5", "Standard"],
      ["/shop/prod/FEATURE_FLAGS", "String", "new-ui,beta", "Standard"],
      ["/shop/prod/LOG_LEVEL", "String", "info", "Standard"],
    ]);
  });

  it("protects the secrets and their key from destroy with preventDestroy, and not by default", () => {
    const protectedJson = build({ preventDestroy: true });
    for (const s of Object.values(resources(protectedJson, "aws_secretsmanager_secret")))
      expect(s.lifecycle).toEqual({ prevent_destroy: true });
    expect(resource(protectedJson, "aws_kms_key").lifecycle).toEqual({ prevent_destroy: true });
    const plain = build();
    for (const s of Object.values(resources(plain, "aws_secretsmanager_secret"))) expect(s.lifecycle).toBeUndefined();
    expect(resource(plain, "aws_kms_key").lifecycle).toBeUndefined();
  });

  it("never puts a secret value in the synthesized configuration", () => {
    const json = build();
    expect(resources(json, "aws_secretsmanager_secret_version")).toEqual({});
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/secret_string|secret_binary|secret_string_wo/);
    for (const s of Object.values(resources(json, "aws_secretsmanager_secret"))) {
      expect(Object.keys(s).sort()).toEqual(["description", "kms_key_id", "name", "recovery_window_in_days"]);
    }
  });

  it.each([0, 7, 30])("accepts a recovery window of %i days", (days) => {
    const json = build({ recoveryWindowDays: days });
    for (const s of Object.values(resources(json, "aws_secretsmanager_secret"))) expect(s.recovery_window_in_days).toBe(days);
  });

  it.each([5, 31, 7.5, -1])("fails on a recovery window of %s days", (days) => {
    expect(() => build({ recoveryWindowDays: days })).toThrow(
      new RegExp(`AppSecrets: recoveryWindowDays must be an integer from 7 to 30, got ${days}`),
    );
  });

  it("uses a given KMS key and refuses an alias ARN", () => {
    const kmsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const json = build({ kmsKeyArn });
    expect(resources(json, "aws_kms_key")).toEqual({});
    for (const s of Object.values(resources(json, "aws_secretsmanager_secret"))) expect(s.kms_key_id).toBe(kmsKeyArn);
    expect(() => build({ kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/mine" })).toThrow(/kmsKeyArn must be a key ARN/);
  });

  it("refuses a KMS key of another region than the stack's", () => {
    expect(() => build({ kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555" })).toThrow(
      /kmsKeyArn must be in the stack's AWS provider region us-east-1 \(KMS keys are regional and Secrets Manager uses keys of its own region only\), not in eu-west-1/,
    );
  });

  it.each([
    ["a space", { "LOG LEVEL": "info" }, /parameters keys must be letters, digits/],
    ["a trailing slash", { "flags/": "x" }, /parameters keys must be letters, digits/],
    ["too many levels", { [Array.from({ length: 14 }, (_, i) => `l${i}`).join("/")]: "x" }, /must have at most 15 levels \(has 16\)/],
    [
      "a name whose ARN exceeds 1011 characters",
      { ["x".repeat(952)]: "x" },
      /must be at most 961 characters without the leading \/ \(is 962\).*1011/,
    ],
    ["a secret-looking name", { API_KEY: "abc" }, /must not name secrets/],
    ["a secret-looking nested name", { "auth/client-secret": "abc" }, /must not name secrets.*got "auth\/client-secret"/],
    ["a credential-shaped value", { UPSTREAM: "postgres://app:hunter2@db/app" }, /nor values hold credentials/],
    ["an empty value", { LOG_LEVEL: "" }, /parameters\.LOG_LEVEL\.value must be a non-empty string/],
    [
      "a value over 4 KB",
      { LOG_LEVEL: "x".repeat(4097) },
      /parameters\.LOG_LEVEL\.value must be at most 4096 bytes for the Standard tier \(is 4097\)/,
    ],
    [
      "a value over 4 KB in UTF-8",
      { LOG_LEVEL: "é".repeat(2049) },
      /parameters\.LOG_LEVEL\.value must be at most 4096 bytes for the Standard tier \(is 4098\)/,
    ],
    [
      "a value over 8 KB on Advanced",
      { LOG_LEVEL: { value: "x".repeat(8193), tier: "Advanced" as const } },
      /must be at most 8192 bytes for the Advanced tier/,
    ],
    [
      "an unknown tier",
      { LOG_LEVEL: { value: "x", tier: "Premium" as "Advanced" } },
      /parameters\.LOG_LEVEL\.tier must be one of "Standard", "Advanced", got "Premium"/,
    ],
    [
      "a description over 1024 characters",
      { LOG_LEVEL: { value: "x", description: "d".repeat(1025) } },
      /parameters\.LOG_LEVEL\.description must be at most 1024 characters \(is 1025\)/,
    ],
  ])("fails on a parameter with %s", (_label, bad, message) => {
    expect(() => build({ parameters: bad })).toThrow(message);
  });

  it("accepts settings whose names merely contain a credential word (the shared secret heuristic)", () => {
    const json = build({ parameters: { TOKEN_TTL_SECONDS: "3600", PASSWORD_MIN_LENGTH: "12", "auth/url": "https://app.example.com" } });
    expect(
      Object.values(resources(json, "aws_ssm_parameter"))
        .map((p) => p.name)
        .sort(),
    ).toEqual(["/shop/prod/PASSWORD_MIN_LENGTH", "/shop/prod/TOKEN_TTL_SECONDS", "/shop/prod/auth/url"]);
  });

  it("accepts the longest parameter name and an Advanced value up to 8 KB", () => {
    const json = build({ parameters: { ["x".repeat(951)]: "x", LOG_LEVEL: { value: "x".repeat(8192), tier: "Advanced" } } });
    const params = Object.values(resources(json, "aws_ssm_parameter"));
    expect(params.map((p) => p.name.length).sort()).toEqual([20, 962]);
    expect(params.find((p) => p.name === "/shop/prod/LOG_LEVEL").tier).toBe("Advanced");
  });

  it("fails on a secret description over 2048 characters", () => {
    expect(() => build({ secrets: { AUTH_SECRET: { description: "d".repeat(2049) } } })).toThrow(
      /AppSecrets: secrets\.AUTH_SECRET\.description must be at most 2048 characters \(is 2049\)/,
    );
  });

  it("fails on a project that SSM reserves and on bad secret keys", () => {
    expect(() => build({ project: "aws-tools" })).toThrow(/must not begin with 'aws' or 'ssm'.*got "\/aws-tools\/prod\/LOG_LEVEL"/);
    expect(() => build({ project: "SSMapp" })).toThrow(/must not begin with 'aws' or 'ssm'/);
    expect(() => build({ secrets: { "auth-secret": {} } })).toThrow(/secrets keys must be environment variable names.*got "auth-secret"/);
  });

  it("grants a WorkloadRole exactly the secrets, their key and the parameters", () => {
    const json = synth((s) => {
      const app = new AppSecrets(s, "AppSecrets", { ...base, secrets, parameters });
      const role = new WorkloadRole(s, "Execution", { name: "shop-prod-execution", assumedBy: "ecs-tasks.amazonaws.com" });
      app.grantRead(role);
    });
    const policy = policyOf(resource(json, "aws_iam_role_policy"));
    const bySid = Object.fromEntries(policy.Statement.map((st: any) => [st.Sid, st]));
    const secretRefs = Object.keys(resources(json, "aws_secretsmanager_secret")).map((id) => `\${aws_secretsmanager_secret.${id}.arn}`);
    const paramRefs = Object.keys(resources(json, "aws_ssm_parameter")).map((id) => `\${aws_ssm_parameter.${id}.arn}`);
    expect([...bySid.ReadSecrets.Resource].sort()).toEqual(secretRefs.sort());
    expect(bySid.DecryptSecrets.Resource).toMatch(/^\$\{aws_kms_key\.\w+\.arn\}$/);
    expect([...bySid.ReadParameters.Resource].sort()).toEqual(paramRefs.sort());
    expect(JSON.stringify(policy)).not.toContain('"*"');
    expect(policy.Statement.flatMap((st: any) => [st.Action].flat()).every((a: string) => !a.includes("*"))).toBe(true);
  });

  it("grants a plain role reference through its own inline policy", () => {
    const json = synth((s) => {
      const app = new AppSecrets(s, "AppSecrets", { ...base, secrets: { AUTH_SECRET: {} } });
      const role = new IamRole(s, "Role", { name: "r", assumeRolePolicy: "{}" });
      app.grantRead({ roleName: role.name, roleArn: role.arn });
    });
    const policy = resource(json, "aws_iam_role_policy");
    expect(policy.role).toBe("${aws_iam_role.Role.name}");
    expect(policyOf(policy).Statement.map((st: any) => st.Sid)).toEqual(["ReadSecrets", "DecryptSecrets"]);
  });

  it("maps environment variable names to valueFrom references", () => {
    let env: Record<string, any> = {};
    synth((s) => {
      env = new AppSecrets(s, "AppSecrets", {
        ...base,
        secrets,
        parameters: { ...parameters, "features/new-ui": "on" },
      }).environmentSecrets();
    });
    expect(Object.keys(env).sort()).toEqual(
      ["AUTH_SECRET", "DB_POOL_SIZE", "FEATURE_FLAGS", "FEATURES_NEW_UI", "GOOGLE_CLIENT_SECRET", "LOG_LEVEL", "SESSION_SECRET"].sort(),
    );
    expect(secretKind(env.AUTH_SECRET)).toBe("secretsmanager");
    expect(secretKind(env.LOG_LEVEL)).toBe("ssm");
    expect(secretValueFrom(env.AUTH_SECRET)).toBe(env.AUTH_SECRET.arn);
  });

  it("fails on keys that differ only in case or punctuation, naming the key", () => {
    expect(() => build({ secrets: { AUTH_SECRET: {}, auth_secret: {} } })).toThrow(
      /AppSecrets: secrets\.auth_secret must not differ from another key only in case or punctuation \(both would be construct id SecretAuthSecret\), got "auth_secret"/,
    );
    expect(() => build({ parameters: { "feature.flags": "a", "feature-flags": "b" } })).toThrow(
      /AppSecrets: parameters\.feature-flags must not differ from another key only in case or punctuation .*got "feature-flags"/,
    );
  });

  it("fails when a parameter and a secret map to the same variable", () => {
    expect(() => build({ secrets: { LOG_LEVEL: {} }, parameters: { "log-level": "info" } })).toThrow(
      /parameters\.log-level must not map to an environment variable name already used.*got "LOG_LEVEL"/,
    );
  });
});

describe("recoveryWindowDaysFor", () => {
  it("frees the names at once outside production, so a destroyed environment can be applied again", () => {
    expect(recoveryWindowDaysFor("non-production")).toBe(0);
    const all = Object.values(
      resources(build({ recoveryWindowDays: recoveryWindowDaysFor("non-production") }), "aws_secretsmanager_secret"),
    );
    expect(all.map((s) => s.recovery_window_in_days)).toEqual([0, 0, 0]);
  });

  it("keeps deleted production secrets restorable for 30 days", () => {
    expect(recoveryWindowDaysFor("production")).toBe(30);
  });

  it("refuses an unknown profile", () => {
    expect(() => recoveryWindowDaysFor("staging" as "production")).toThrow(
      /recoveryWindowDaysFor: profile must be one of "production", "non-production", got "staging"/,
    );
  });
});
