import { block } from "../stack-index";
import { bucketConfigs, bucketLabel } from "../s3";
import { ALWAYS, defineRule } from "../types";

/** Every bucket keeps object versions. */
export const s3Versioning = defineRule({
  id: "S3-VERSIONING",
  cites: ["FSBP S3.14", "CKV_AWS_21"],
  description: "Every S3 bucket has versioning Enabled, so an overwrite or delete can be undone.",
  severity: ALWAYS,
  dataProtection: true,
  resourceTypes: ["aws_s3_bucket"],
  check: (bucket, { stack }) => {
    const enabled =
      bucketConfigs(bucket, stack, "aws_s3_bucket_versioning").some(
        (v) => block(v.config.versioning_configuration)?.status === "Enabled",
      ) || block(bucket.config.versioning)?.enabled === true;
    return enabled ? undefined : `${bucketLabel(bucket)} has no aws_s3_bucket_versioning with status Enabled`;
  },
  fix: 'keep `PrivateBucket` prop `versioned` true (the default); raw `S3Bucket`: an `S3BucketVersioningA` with status "Enabled" and a lifecycle expiring noncurrent versions',
});
