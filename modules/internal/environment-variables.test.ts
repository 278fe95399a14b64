import { describe, expect, it } from "vitest";
import { renderEnvironment } from "./environment-variables";
import { scratchStack } from "./testing";

describe("renderEnvironment", () => {
  const scope = scratchStack();

  it("sorts variables so reordering the input never changes the output", () => {
    const a = renderEnvironment(scope, "environment", { NODE_ENV: "production", APP_URL: "https://x", PORT: "3000" });
    const b = renderEnvironment(scope, "environment", { PORT: "3000", NODE_ENV: "production", APP_URL: "https://x" });
    expect(a).toEqual(b);
    expect(a.map((v) => v.name)).toEqual(["APP_URL", "NODE_ENV", "PORT"]);
  });

  it("rejects secret-looking names and values, without echoing them", () => {
    expect(() => renderEnvironment(scope, "environment", { AUTH_SECRET: "hunter2hunter2" })).toThrow(
      /environment.AUTH_SECRET looks like a secret; pass it in `secrets`.*got "<redacted>"/,
    );
    expect(() => renderEnvironment(scope, "environment", { UPSTREAM: "postgres://u:p@host/db" })).toThrow(/looks like a credential/);
    expect(() => renderEnvironment(scope, "environment", { KEY_ID: "AKIAABCDEFGHIJKLMNOP" })).toThrow(/looks like a credential/);
    expect(renderEnvironment(scope, "environment", { SECRET_ARN: "arn:aws:secretsmanager:us-east-1:1:secret:x" })).toHaveLength(1);
  });

  it("rejects what cannot be a variable name, reserved names and a name both plain and secret", () => {
    expect(() => renderEnvironment(scope, "environment", { "": "a" })).toThrow(
      /environment\. must be a non-empty variable name without = or NUL, got ""/,
    );
    expect(() => renderEnvironment(scope, "environment", { "A=B": "a" })).toThrow(
      /must be a non-empty variable name without = or NUL, got "A=B"/,
    );
    expect(() => renderEnvironment(scope, "env", { AWSAPPRUNNER_X: "a" }, { reservedPrefixes: ["AWSAPPRUNNER"] })).toThrow(
      /reserved prefix AWSAPPRUNNER/,
    );
    expect(() => renderEnvironment(scope, "env", { awsapprunner_x: "a" }, { reservedPrefixes: ["AWSAPPRUNNER"] })).toThrow(
      /reserved prefix AWSAPPRUNNER/,
    );
    expect(() => renderEnvironment(scope, "env", { PORT: "1" }, { reservedNames: ["PORT"], reservedWhy: "set port" })).toThrow(
      /env\.PORT is reserved by the platform \(set port\), got "PORT"/,
    );
    expect(() => renderEnvironment(scope, "env", { DB_PASSWORD_REF: "x" }, { secretNames: ["DB_PASSWORD_REF"] })).toThrow(
      /also given as a secret/,
    );
  });

  it("accepts what ECS and App Runner accept: names differing only in case, a leading digit, dots", () => {
    // Linux variables are case-sensitive and both spellings of the proxy variables are read by common clients.
    const proxies = renderEnvironment(scope, "environment", { http_proxy: "http://proxy:3128", HTTP_PROXY: "http://proxy:3128" });
    expect(proxies.map((v) => v.name)).toEqual(["HTTP_PROXY", "http_proxy"]);
    expect(renderEnvironment(scope, "environment", { "1X": "a", "spring.profiles.active": "prod" }).map((v) => v.name)).toEqual([
      "1X",
      "spring.profiles.active",
    ]);
    // Reserved names are exact: "port" is not App Runner's PORT; a secret of another case is another variable.
    expect(renderEnvironment(scope, "env", { port: "1" }, { reservedNames: ["PORT"] })).toHaveLength(1);
    expect(renderEnvironment(scope, "env", { db_password_ref: "x" }, { secretNames: ["DB_PASSWORD_REF"] })).toHaveLength(1);
  });
});
