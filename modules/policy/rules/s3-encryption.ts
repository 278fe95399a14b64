import { blocks } from "../stack-index";
import { bucketConfigs, bucketLabel } from "../s3";
import { ALWAYS, defineRule } from "../types";

/** Every bucket declares default server-side encryption. */
export const s3Encryption = defineRule({
  id: "S3-ENCRYPTION",
  cites: ["CKV_AWS_19", "AVD-AWS-0088"],
  description:
    "Every S3 bucket declares default server-side encryption (SSE-S3 or SSE-KMS) in an aws_s3_bucket_server_side_encryption_configuration, so the setting is reviewed and cannot drift. `PrivateBucket` always declares it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  dataProtection: true,
  resourceTypes: ["aws_s3_bucket"],
  check: (bucket, { stack }) => {
    const configs = bucketConfigs(bucket, stack, "aws_s3_bucket_server_side_encryption_configuration");
    const rules = [
      ...configs.flatMap((c) => blocks(c.config.rule)),
      ...blocks(bucket.config.server_side_encryption_configuration).flatMap((c: any) => blocks(c.rule)),
    ];
    const algorithms = rules.flatMap((r: any) => blocks(r.apply_server_side_encryption_by_default)).map((d: any) => d.sse_algorithm);
    return algorithms.some((a) => ["AES256", "aws:kms", "aws:kms:dsse"].includes(a))
      ? undefined
      : `${bucketLabel(bucket)} declares no default encryption (aws_s3_bucket_server_side_encryption_configuration)`;
  },
  fix: 'use `PrivateBucket` (SSE-S3, or SSE-KMS with prop `kmsKeyArn`); raw `S3Bucket`: an `S3BucketServerSideEncryptionConfigurationA` with sseAlgorithm "AES256" or "aws:kms"',
});
