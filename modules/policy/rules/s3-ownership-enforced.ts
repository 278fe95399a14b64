import { block } from "../stack-index";
import { bucketConfigs, bucketLabel } from "../s3";
import { ALWAYS, defineRule } from "../types";

/** ACLs are disabled: the bucket owner owns every object. */
export const s3OwnershipEnforced = defineRule({
  id: "S3-OWNERSHIP-ENFORCED",
  cites: ["FSBP S3.12", "CKV2_AWS_65"],
  description:
    "Every S3 bucket has ownership controls BucketOwnerEnforced: ACLs are disabled and access is governed by policies only. `PrivateBucket` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_s3_bucket"],
  check: (bucket, { stack }) => {
    const enforced = bucketConfigs(bucket, stack, "aws_s3_bucket_ownership_controls").some(
      (o) => block(o.config.rule)?.object_ownership === "BucketOwnerEnforced",
    );
    return enforced ? undefined : `${bucketLabel(bucket)} has no aws_s3_bucket_ownership_controls with BucketOwnerEnforced`;
  },
  fix: 'use `PrivateBucket` (always BucketOwnerEnforced; a CloudFront standard-logging v1 bucket needs ACLs: suppress with that reason); raw `S3Bucket`: an `S3BucketOwnershipControls` with objectOwnership "BucketOwnerEnforced"',
});
