import { describe, expect, it } from "vitest";
import { policyDocument, webIdentityTrustPolicy } from "./policy-document";

describe("policyDocument", () => {
  it("renders NotResource instead of Resource when notResources is set", () => {
    const doc = JSON.parse(
      policyDocument([{ effect: "Deny", actions: ["s3:GetObject"], resources: [], notResources: ["arn:aws:s3:::b/k"] }]),
    );
    expect(doc.Statement[0]).toEqual({ Effect: "Deny", Action: "s3:GetObject", NotResource: "arn:aws:s3:::b/k" });
  });

  it("renders NotAction instead of Action when notActions is set, and refuses both", () => {
    const doc = JSON.parse(policyDocument([{ actions: [], notActions: ["iam:*"], resources: ["*"] }]));
    expect(doc.Statement[0]).toEqual({ Effect: "Allow", NotAction: "iam:*", Resource: "*" });
    expect(() => policyDocument([{ sid: "Both", actions: ["s3:GetObject"], notActions: ["iam:*"], resources: ["*"] }])).toThrow(
      /policy statement Both: set actions or notActions, not both, got \["s3:GetObject"\] and \["iam:\*"\]/,
    );
  });

  it("refuses a statement with both resources and notResources", () => {
    expect(() =>
      policyDocument([{ sid: "Both", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/a"], notResources: ["arn:aws:s3:::b/k"] }]),
    ).toThrow(/policy statement Both: set resources or notResources, not both, got \["arn:aws:s3:::b\/a"\] and \["arn:aws:s3:::b\/k"\]/);
  });
});

describe("webIdentityTrustPolicy", () => {
  it("requires the audience and one of the exact subjects of the provider's host", () => {
    const doc = JSON.parse(webIdentityTrustPolicy("arn:aws:iam::1:oidc-provider/h.example", "h.example", "aud1", ["s1", "s2"]));
    expect(doc.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::1:oidc-provider/h.example" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "h.example:aud": "aud1", "h.example:sub": ["s1", "s2"] } },
      },
    ]);
  });
});
