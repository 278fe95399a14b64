import { blocks } from "../stack-index";
import { bucketConfigs, bucketLabel } from "../s3";
import { PRODUCTION_ERROR, defineRule } from "../types";

/** Every bucket has an enabled lifecycle rule (noncurrent versions, stale uploads). */
export const s3Lifecycle = defineRule({
  id: "S3-LIFECYCLE",
  cites: ["FSBP S3.13", "CKV2_AWS_61", "CKV_AWS_300"],
  description:
    "Every S3 bucket has a lifecycle configuration with an Enabled rule, and one that aborts incomplete multipart uploads, so noncurrent versions and stale upload parts do not accumulate forever. `PrivateBucket` always has one; the rule guards raw resources and overrides.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_s3_bucket"],
  check: (bucket, { stack }) => {
    const enabled =
      bucketConfigs(bucket, stack, "aws_s3_bucket_lifecycle_configuration").some((l) =>
        blocks(l.config.rule).some((r: any) => r.status === "Enabled"),
      ) || blocks(bucket.config.lifecycle_rule).some((r: any) => r.enabled === true);
    if (!enabled) return `${bucketLabel(bucket)} has no enabled lifecycle rule`;
    const aborts =
      bucketConfigs(bucket, stack, "aws_s3_bucket_lifecycle_configuration").some((l) =>
        blocks(l.config.rule).some(
          (r: any) =>
            r.status === "Enabled" && blocks(r.abort_incomplete_multipart_upload).some((a: any) => Number(a.days_after_initiation) > 0),
        ),
      ) ||
      blocks(bucket.config.lifecycle_rule).some((r: any) => r.enabled === true && Number(r.abort_incomplete_multipart_upload_days) > 0);
    return aborts ? undefined : `${bucketLabel(bucket)} has no enabled lifecycle rule aborting incomplete multipart uploads`;
  },
  fix: "use `PrivateBucket` (props `noncurrentVersionExpirationDays`, `abortIncompleteMultipartUploadDays`); raw `S3Bucket`: an `S3BucketLifecycleConfiguration` expiring noncurrent versions and aborting incomplete multipart uploads",
});
