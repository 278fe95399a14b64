import { describe, expect, it } from "vitest";
import { IamStatement, arnMatch, evaluate } from "./iam-evaluator";

const allowAll: IamStatement = { Effect: "Allow", Action: "*", Resource: "*" };
const guard: IamStatement = {
  Effect: "Deny",
  Action: "kms:*",
  Resource: "*",
  Condition: { StringNotEquals: { "aws:ResourceTag/Environment": "dev" }, Null: { "aws:ResourceTag/Environment": "false" } },
};

describe("iam-evaluator", () => {
  it("matches ARNs segment by segment, letting a trailing * span colons", () => {
    expect(arnMatch("arn:aws:logs:*:*:log-group:*shop-prod*", "arn:aws:logs:us-east-1:1:log-group:/ecs/shop-prod:log-stream:x")).toBe(true);
    expect(arnMatch("arn:aws:logs:*:*:log-group:*shop-prod*", "arn:aws:logs:us-east-1:1:log-group:/ecs/shop-dev")).toBe(false);
    expect(arnMatch("arn:aws:s3:*:*:*shop-prod*", "arn:aws:s3:::shop-prod-assets/a.txt")).toBe(true);
    // The service segment is compared, not globbed across.
    expect(arnMatch("arn:aws:s3:*:*:*shop-prod*", "arn:aws:sns:us-east-1:1:shop-prod-alarms")).toBe(false);
  });

  it("denies by tag only when the tag is present and different (Null false + StringNotEquals)", () => {
    const p = { identity: [[allowAll, guard]] };
    const req = (tag?: string) => ({
      action: "kms:Decrypt",
      resource: "arn:aws:kms:us-east-1:1:key/k",
      context: { "aws:ResourceTag/Environment": tag },
    });
    expect(evaluate(p, req("prod"))).toBe("explicitDeny");
    expect(evaluate(p, req("dev"))).toBe("allow");
    expect(evaluate(p, req(undefined))).toBe("allow");
  });

  it("caps an identity policy with the boundary, and lets any Deny win", () => {
    const boundary: IamStatement[] = [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }];
    expect(evaluate({ identity: [[allowAll]], boundary }, { action: "iam:PassRole", resource: "arn:aws:iam::1:role/r" })).toBe(
      "implicitDeny",
    );
    expect(evaluate({ identity: [[allowAll]], boundary }, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" })).toBe("allow");
    expect(evaluate({ identity: [[]], boundary }, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" })).toBe("implicitDeny");
  });

  it("treats set operators and negation on multi-valued keys as IAM does", () => {
    const deny: IamStatement = {
      Effect: "Deny",
      Action: "route53:ChangeResourceRecordSets",
      Resource: "*",
      Condition: { "ForAnyValue:StringNotLike": { names: ["app.example.com", "*.app.example.com"] } },
    };
    const p = { identity: [[allowAll, deny]] };
    const req = (names: string[]) => ({
      action: "route53:ChangeResourceRecordSets",
      resource: "arn:aws:route53:::hostedzone/Z1",
      context: { names },
    });
    expect(evaluate(p, req(["app.example.com", "_x.app.example.com"]))).toBe("allow");
    expect(evaluate(p, req(["app.example.com", "example.com"]))).toBe("explicitDeny");
  });

  it("applies resource-policy denies only to the principals they name, and refuses unknown operators", () => {
    const bucketDeny: IamStatement = {
      Effect: "Deny",
      Principal: { AWS: ["arn:aws:iam::1:role/a"] },
      Action: "s3:*",
      Resource: "arn:aws:s3:::b/*",
    };
    const req = (principalArn: string) => ({ action: "s3:GetObject", resource: "arn:aws:s3:::b/k", principalArn });
    expect(evaluate({ identity: [[allowAll]] }, req("arn:aws:iam::1:role/a"), [bucketDeny])).toBe("explicitDeny");
    expect(evaluate({ identity: [[allowAll]] }, req("arn:aws:iam::1:role/b"), [bucketDeny])).toBe("allow");
    const odd: IamStatement = { Effect: "Deny", Action: "*", Resource: "*", Condition: { NumericLessThan: { n: "1" } } };
    expect(() => evaluate({ identity: [[odd]] }, req("x"))).toThrow(/unsupported condition operator NumericLessThan/);
  });
});
