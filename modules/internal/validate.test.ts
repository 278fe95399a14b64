import { Lazy } from "cdktf";
import { describe, expect, it } from "vitest";
import {
  checkArn,
  checkDomain,
  checkEmail,
  checkIntegerRange,
  checkLogRetention,
  checkMinMax,
  checkNumber,
  checkOneOf,
  checkPort,
  checkUnique,
} from "./validate";

const where = "stack/Thing";

describe("validation helpers", () => {
  it("names the construct path, the prop, the rule and the value", () => {
    expect(() => checkIntegerRange(where, "retentionDays", 40, 0, 35)).toThrow('stack/Thing: retentionDays must be an integer from 0 to 35, got 40');
    expect(() => checkOneOf(where, "policy", "deny", ["none", "reject"])).toThrow('stack/Thing: policy must be one of "none", "reject", got "deny"');
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
    expect(() => checkLogRetention(where, "retentionDays", 31)).toThrow(/must be one of 1, 3, 5, 7, 14, 30/);
    expect(() => checkLogRetention(where, "retentionDays", 30)).not.toThrow();
  });
});
