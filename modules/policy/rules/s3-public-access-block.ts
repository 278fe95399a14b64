import { bucketConfigs, bucketLabel } from "../s3";
import { ALWAYS, defineRule } from "../types";

const FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] as const;

/** Every bucket has a public access block with all four settings on. */
export const s3PublicAccessBlock = defineRule({
  id: "S3-PUBLIC-ACCESS-BLOCK",
  cites: ["FSBP S3.8", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV2_AWS_6"],
  description:
    "Every S3 bucket has an aws_s3_bucket_public_access_block with all four settings true, so no ACL or policy can make it public. `PrivateBucket` always has one; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  dataProtection: true,
  resourceTypes: ["aws_s3_bucket"],
  check: (bucket, { stack }) => {
    const pabs = bucketConfigs(bucket, stack, "aws_s3_bucket_public_access_block");
    if (pabs.length === 0) return `${bucketLabel(bucket)} has no aws_s3_bucket_public_access_block`;
    const off = FLAGS.filter((f) => !pabs.some((p) => p.config[f] === true));
    return off.length > 0 ? `public access block of ${bucketLabel(bucket)} leaves ${off.join(", ")} off` : undefined;
  },
  fix: "use `PrivateBucket` (all four settings always true); raw `S3Bucket`: an `S3BucketPublicAccessBlock` with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true",
});
