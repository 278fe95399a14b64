import { DataAwsElbServiceAccount } from "@cdktf/provider-aws/lib/data-aws-elb-service-account";
import { Construct } from "constructs";
import { awsContext } from "../internal/aws-context";
import { PrivateBucket } from "./private-bucket";

/** Props for {@link LoadBalancerLogsBucket}. */
export interface LoadBalancerLogsBucketProps {
  /** Exact bucket name (globally unique). */
  readonly bucketName: string;
  /**
   * Days access logs are kept.
   * @default 90
   */
  readonly retentionDays?: number;
  /**
   * Let `terraform destroy` delete a bucket that still holds logs.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * A {@link PrivateBucket} that Elastic Load Balancing may write access logs to (pass its
 * `bucketName` as a load balancer's access-log bucket). SSE-S3, as ELB requires. Both the
 * regional ELB account (regions opened before August 2022, such as us-east-1) and the
 * `logdelivery.elasticloadbalancing.amazonaws.com` principal (newer regions) are allowed to
 * put objects under `AWSLogs/<this account>/` only.
 */
export class LoadBalancerLogsBucket extends Construct {
  public readonly bucket: PrivateBucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;

  public constructor(scope: Construct, id: string, props: LoadBalancerLogsBucketProps) {
    super(scope, id);
    this.bucket = new PrivateBucket(this, "Bucket", {
      bucketName: props.bucketName,
      expirationDays: props.retentionDays ?? 90,
      noncurrentVersionExpirationDays: 7,
      forceDestroy: props.forceDestroy,
      tags: props.tags,
    });
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    const elbAccount = new DataAwsElbServiceAccount(this, "ElbAccount");
    const logs = `${this.bucket.bucketArn}/AWSLogs/${awsContext(this).accountId}/*`;
    this.bucket.addToResourcePolicy({
      sid: "ElbAccountWritesAccessLogs",
      principal: { AWS: elbAccount.arn },
      actions: ["s3:PutObject"],
      resources: [logs],
    });
    this.bucket.addToResourcePolicy({
      sid: "ElbServiceWritesAccessLogs",
      principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
      actions: ["s3:PutObject"],
      resources: [logs],
    });
  }
}
