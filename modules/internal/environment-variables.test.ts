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

  it("rejects bad, duplicate and reserved names", () => {
    expect(() => renderEnvironment(scope, "environment", { "1X": "a" })).toThrow(/must be a variable name/);
    expect(() => renderEnvironment(scope, "environment", { Foo: "a", FOO: "b" })).toThrow(/must not repeat a name/);
    expect(() => renderEnvironment(scope, "env", { AWSAPPRUNNER_X: "a" }, { reservedPrefixes: ["AWSAPPRUNNER"] })).toThrow(/reserved prefix AWSAPPRUNNER/);
    expect(() => renderEnvironment(scope, "env", { DB_PASSWORD_REF: "x" }, { secretNames: ["DB_PASSWORD_REF"] })).toThrow(/also given as a secret/);
  });
});
