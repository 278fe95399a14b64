import { Lazy } from "cdktf";
import { describe, expect, it } from "vitest";
import {
  checkArn,
  checkDomain,
  checkEmail,
  checkIntegerRange,
  checkKmsKeyArn,
  checkLogRetention,
  checkMinMax,
  checkNumber,
  checkOneOf,
  checkPort,
  checkServicePrincipal,
  checkTags,
  checkUnique,
  show,
} from "./validate";

const where = "stack/Thing";

describe("validation helpers", () => {
  it("names the construct path, the prop, the rule and the value", () => {
    expect(() => checkIntegerRange(where, "retentionDays", 40, 0, 35)).toThrow(
      "stack/Thing: retentionDays must be an integer from 0 to 35, got 40",
    );
    expect(() => checkOneOf(where, "policy", "deny", ["none", "reject"])).toThrow(
      'stack/Thing: policy must be one of "none", "reject", got "deny"',
    );
  });

  it("skips values known only at apply", () => {
    expect(() => checkIntegerRange(where, "port", Lazy.numberValue({ produce: () => 0 }), 1, 10)).not.toThrow();
    expect(() => checkDomain(where, "domain", Lazy.stringValue({ produce: () => "X" }))).not.toThrow();
  });

  it("checks ports, numbers, ranges, lists", () => {
    expect(() => checkPort(where, "containerPort", 70000)).toThrow(/from 1 to 65535, got 70000/);
    expect(() => checkNumber(where, "threshold", Number.NaN)).toThrow(/finite number/);
    expect(() => checkNumber(where, "threshold", "80" as unknown as number)).toThrow(/finite number, got "80"/);
    expect(() => checkMinMax(where, "minCapacity", 5, "maxCapacity", 2)).toThrow(/minCapacity must not exceed maxCapacity \(2\), got 5/);
    expect(() => checkUnique(where, "paths", ["/a", "/a"])).toThrow(/must not contain duplicates, got "\/a"/);
  });

  it("checks ARNs, domains, emails and log retention", () => {
    expect(() => checkArn(where, "certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/abc", "acm")).not.toThrow();
    expect(() => checkArn(where, "certificateArn", "arn:aws:iam::123456789012:role/x", "acm")).toThrow(/must be an ARN of acm/);
    expect(() => checkDomain(where, "domain", "Example.com")).toThrow(/lower-case DNS name/);
    expect(() => checkDomain(where, "domain", "example.com.")).toThrow(/no trailing dot/);
    expect(() => checkEmail(where, "email", "ops@")).toThrow(/email address/);
    // Internationalized TLDs in punycode are real domains (.xn--p1ai is .рф); a bare digit TLD is not.
    expect(() => checkDomain(where, "domain", "shop.xn--p1ai")).not.toThrow();
    expect(() => checkEmail(where, "email", "ops@shop.xn--p1ai")).not.toThrow();
    expect(() => checkDomain(where, "domain", "shop.123")).toThrow(/lower-case DNS name/);
    expect(() => checkLogRetention(where, "retentionDays", 31)).toThrow(/must be one of 1, 3, 5, 7, 14, 30/);
    expect(() => checkLogRetention(where, "retentionDays", 30)).not.toThrow();
  });

  it("refuses tag keys and values AWS reserves or any tagging service refuses, and accepts the rest", () => {
    expect(() => checkTags(where, "tags", { "AWS:cost-center": "1" })).toThrow(
      'stack/Thing: tags key must not start with aws: (reserved for AWS), got "AWS:cost-center"',
    );
    expect(() => checkTags(where, "tags", { Owner: "aws:me" })).toThrow(/tags\.Owner must not start with aws:/);
    expect(() => checkTags(where, "tags", { ["k".repeat(129)]: "v" })).toThrow(/tags key must be 1-128 characters \(is 129\)/);
    expect(() => checkTags(where, "tags", { k: "v".repeat(257) })).toThrow(/tags\.k must be at most 256 characters \(is 257\)/);
    expect(() => checkTags(where, "tags", { "cost#center": "1" })).toThrow(
      /tags key must contain only letters, digits, spaces and _ \. : \/ = \+ - @, got "cost#center"/,
    );
    expect(() =>
      checkTags(where, "tags", {
        ["k".repeat(128)]: "v".repeat(256),
        "team:owner": "ops@example.com",
        Größe: "",
        "Project Name": "a/b=c+d-e_f.g",
      }),
    ).not.toThrow();
  });

  it("takes KMS key ARNs but not alias ARNs where a key ARN is needed", () => {
    expect(() => checkKmsKeyArn(where, "kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:alias/app", "IAM grants need the key")).toThrow(
      'stack/Thing: kmsKeyArn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias: IAM grants need the key, got "arn:aws:kms:us-east-1:123456789012:alias/app"',
    );
    expect(() =>
      checkKmsKeyArn(where, "kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "x"),
    ).not.toThrow();
  });

  it("takes service principals only with their domain", () => {
    expect(() => checkServicePrincipal(where, "assumedBy", "ecs-tasks")).toThrow(
      /assumedBy must be a service principal with its domain, such as ecs-tasks\.amazonaws\.com, got "ecs-tasks"/,
    );
    expect(() => checkServicePrincipal(where, "assumedBy", "ecs-tasks.amazonaws.com")).not.toThrow();
    expect(() => checkServicePrincipal(where, "assumedBy", "logs.us-east-1.amazonaws.com")).not.toThrow();
  });
});

describe("show", () => {
  it("prints NaN and the infinities by name, alone and inside arrays and objects, where JSON would print null", () => {
    expect(show(Number.NaN)).toBe("NaN");
    expect(show([1, Infinity, -Infinity])).toBe("[1,Infinity,-Infinity]");
    expect(show({ minCapacity: Number.NaN, name: "web" })).toBe('{"minCapacity":NaN,"name":"web"}');
    expect(show("NaN")).toBe('"NaN"');
    expect(show(2)).toBe("2");
  });

  it("names NaN in a range error instead of null", () => {
    expect(() => checkIntegerRange(where, "desiredCount", Number.NaN, 1, 10)).toThrow(
      "stack/Thing: desiredCount must be an integer from 1 to 10, got NaN",
    );
  });
});

describe("registerPropHints", () => {
  it("ends a part's error with the composing construct's prop, by child id or id prefix, and leaves other parts alone", async () => {
    const { Construct } = await import("constructs");
    const { registerPropHints, fail: failAt } = await import("./validate");
    const root = new Construct(undefined as never, "");
    const app = new Construct(root, "App");
    registerPropHints(app, "ContainerWebApp", { Web: "compute (or compute.overrides)", "Worker*": "workers[]" });
    const web = new Construct(new Construct(app, "Web"), "TaskDefinition");
    expect(() => failAt(web, "cpu", "must be 256", 100)).toThrow(
      "App/Web/TaskDefinition: cpu must be 256, got 100 (set through ContainerWebApp prop compute (or compute.overrides))",
    );
    expect(() => failAt(new Construct(app, "WorkerJobs"), "cpu", "must be 256", 1)).toThrow(
      /got 1 \(set through ContainerWebApp prop workers\[\]\)$/,
    );
    expect(() => failAt(new Construct(app, "Dashboard"), "name", "must be short", "x")).toThrow(/got "x"$/);
    expect(() => failAt(app, "domain", "is required", undefined)).toThrow(/^App: domain is required, got undefined$/);
  });
});
