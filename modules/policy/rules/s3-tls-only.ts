import { statementsOf } from "../policy-documents";
import { bucketConfigs, bucketLabel } from "../s3";
import { ALWAYS, defineRule } from "../types";

/** Every bucket policy denies requests not made over TLS. */
export const s3TlsOnly = defineRule({
  id: "S3-TLS-ONLY",
  cites: ["FSBP S3.5"],
  description:
    'Every S3 bucket has a bucket policy that denies any request with aws:SecureTransport "false". `PrivateBucket` always has it; the rule guards raw resources and overrides.',
  severity: ALWAYS,
  resourceTypes: ["aws_s3_bucket"],
  check: (bucket, { stack }) => {
    const documents = [...bucketConfigs(bucket, stack, "aws_s3_bucket_policy").map((p) => p.config.policy), bucket.config.policy].filter(
      (d) => d !== undefined,
    );
    const denies = documents
      .flatMap((d) => statementsOf(d, stack) ?? [])
      .some(
        (s) =>
          s.effect === "Deny" &&
          s.principals.includes("*") &&
          s.actions.some((a) => a === "*" || a === "s3:*") &&
          s.conditions.some((c) => /^Bool(IfExists)?$/.test(c.operator) && c.key === "aws:SecureTransport" && c.values.includes("false")),
      );
    return denies ? undefined : `${bucketLabel(bucket)} has no bucket policy statement denying s3:* when aws:SecureTransport is false`;
  },
  fix: 'use `PrivateBucket` (its policy always denies non-TLS requests); raw `S3Bucket`: a bucket policy statement Deny, Principal "*", Action "s3:*", Resource the bucket and its objects, Condition Bool aws:SecureTransport "false"',
});
