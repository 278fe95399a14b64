import { StackIndex } from "./stack-index";
import { ResourceBlock } from "./types";

/**
 * The bucket-level configuration resources of one type that point at a bucket
 * (`bucket = aws_s3_bucket.X.id`, `.bucket`, or the literal bucket name).
 */
export function bucketConfigs(bucket: ResourceBlock, stack: StackIndex, type: string): ResourceBlock[] {
  return stack.pointingAt(bucket, [type], "bucket", ["bucket"]);
}

/** Human name of a bucket for messages: its literal name, else its construct path. */
export function bucketLabel(bucket: ResourceBlock): string {
  const name = bucket.config.bucket;
  return typeof name === "string" && !name.includes("${") ? `bucket ${name}` : `bucket ${bucket.path}`;
}
