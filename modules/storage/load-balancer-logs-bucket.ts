import { DataAwsElbServiceAccount } from "@cdktf/provider-aws/lib/data-aws-elb-service-account";
import { Construct } from "constructs";
import { awsContext } from "../internal/aws-context";
import { checkPattern, checkTags } from "../internal/validate";
import { PrivateBucket } from "../core/private-bucket";

/** Props for {@link LoadBalancerLogsBucket}. */
export interface LoadBalancerLogsBucketProps {
  /** Exact bucket name (globally unique). */
  readonly bucketName: string;
  /**
   * The prefix load balancers write under (their `access_logs.prefix`); the policy allows
   * exactly `<prefix>/AWSLogs/<account>/`.
   * @default - no prefix
   */
  readonly prefix?: string;
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
  /** The prefix the policy admits (pass it to the load balancer). */
  public readonly prefix?: string;

  public constructor(scope: Construct, id: string, props: LoadBalancerLogsBucketProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
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
    if (props.prefix !== undefined) {
      checkPattern(
        this,
        "prefix",
        props.prefix,
        /^(?!\/)(?!.*\/$)(?!.*AWSLogs)[\w!\-.*'()/]{1,200}$/,
        "must be an S3 key prefix without leading or trailing '/' and without 'AWSLogs'",
      );
    }
    this.prefix = props.prefix;
    const logs = `${this.bucket.bucketArn}/${props.prefix ? `${props.prefix}/` : ""}AWSLogs/${awsContext(this).accountId}/*`;
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
