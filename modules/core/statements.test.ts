import { describe, expect, it } from "vitest";
import { bucketReadStatements, bucketReadWriteStatements, readSecretsStatements, sendEmailStatements } from "./statements";

describe("statement builders", () => {
  it("scope bucket access to a key prefix, listing included", () => {
    const [list, objects] = bucketReadWriteStatements("arn:aws:s3:::assets", "uploads/*");
    expect(list).toEqual({
      sid: "ListBucket",
      actions: ["s3:ListBucket"],
      resources: ["arn:aws:s3:::assets"],
      conditions: { StringLike: { "s3:prefix": ["uploads/*"] } },
    });
    expect(objects.resources).toEqual(["arn:aws:s3:::assets/uploads/*"]);
    expect(bucketReadStatements("arn:aws:s3:::assets")[0].conditions).toBeUndefined();
  });

  it("add the KMS key only when the secrets use one", () => {
    expect(readSecretsStatements(["arn:s"])).toHaveLength(1);
    expect(readSecretsStatements(["arn:s"], ["arn:k"])[1]).toEqual({
      sid: "DecryptSecrets",
      actions: ["kms:Decrypt"],
      resources: ["arn:k"],
    });
  });

  it("limit SES sending to the identity and configuration set, optionally to From addresses", () => {
    const [send] = sendEmailStatements("arn:id", { configurationSetArn: "arn:cs", fromAddresses: ["noreply@example.com"] });
    expect(send.resources).toEqual(["arn:id", "arn:cs"]);
    expect(send.conditions).toEqual({ StringLike: { "ses:FromAddress": ["noreply@example.com"] } });
    expect(sendEmailStatements("arn:id")[0].conditions).toBeUndefined();
  });
});
