import { ITerraformDependable, TerraformProvider } from "cdktf";
import { CloudwatchLogDelivery } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery";
import { CloudwatchLogDeliveryDestination } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination";
import { CloudwatchLogDeliverySource } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-source";
import { Construct } from "constructs";
import { awsContext } from "../internal/aws-context";
import { checkOneOf, checkPattern, checkTags } from "../internal/validate";
import { PrivateBucket } from "../core/private-bucket";

/** File formats CloudFront standard logging (v2) writes to S3. */
export const ACCESS_LOG_FORMATS = ["w3c", "json", "plain", "parquet"] as const;

/** Props for {@link CloudFrontAccessLogs}. */
export interface CloudFrontAccessLogsProps {
  /** Base of the delivery source/destination names (`<name>-access-logs`, 60 characters at most). */
  readonly name: string;
  /** The distribution whose access logs are delivered. */
  readonly distributionArn: string;
  /** Where the logs go. A {@link PrivateBucket} (BucketOwnerEnforced) works: v2 delivery needs no ACLs. */
  readonly bucket: PrivateBucket;
  /** The stack's AWS provider aliased to us-east-1: CloudFront's log delivery source exists only there. */
  readonly usEast1Provider: TerraformProvider;
  /**
   * Log file format.
   * @default "w3c" - the format of legacy standard logs, which existing Athena tables read
   */
  readonly format?: (typeof ACCESS_LOG_FORMATS)[number];
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * CloudFront standard logging v2: a CloudWatch Logs delivery source (the distribution's
 * ACCESS_LOGS), an S3 delivery destination, and the delivery between them, all in us-east-1.
 * Chosen over legacy standard logging, which writes through S3 ACLs and so needs an
 * ObjectWriter bucket; v2 writes as `delivery.logs.amazonaws.com` under a bucket policy,
 * which this construct adds to the bucket, limited to this account and this delivery source.
 */
export class CloudFrontAccessLogs extends Construct {
  /** The distribution's ACCESS_LOGS, as a delivery source (us-east-1). */
  public readonly source: CloudwatchLogDeliverySource;
  /** The log bucket, as a delivery destination (us-east-1). */
  public readonly destination: CloudwatchLogDeliveryDestination;
  /** Source → destination. */
  public readonly delivery: CloudwatchLogDelivery;

  public constructor(scope: Construct, id: string, props: CloudFrontAccessLogsProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    const format = props.format ?? "w3c";
    checkOneOf(this, "format", format, ACCESS_LOG_FORMATS);
    const name = `${props.name}-access-logs`;
    checkPattern(
      this,
      "name",
      name,
      /^[\w#+=/:,.@-]{1,60}$/,
      "must leave `<name>-access-logs` at 60 characters or fewer (a log delivery name)",
    );

    this.source = new CloudwatchLogDeliverySource(this, "Source", {
      provider: props.usEast1Provider,
      name,
      logType: "ACCESS_LOGS",
      resourceArn: props.distributionArn,
      tags: props.tags,
    });
    this.destination = new CloudwatchLogDeliveryDestination(this, "Destination", {
      provider: props.usEast1Provider,
      name,
      outputFormat: format,
      deliveryDestinationConfiguration: [{ destinationResourceArn: props.bucket.bucketArn }],
      tags: props.tags,
    });

    const { accountId } = awsContext(this);
    const conditions = {
      StringEquals: { "aws:SourceAccount": accountId },
      ArnLike: { "aws:SourceArn": this.source.arn },
    };
    props.bucket.addToResourcePolicy({
      sid: "AWSLogDeliveryWrite",
      principal: { Service: "delivery.logs.amazonaws.com" },
      actions: ["s3:PutObject"],
      resources: [`${props.bucket.bucketArn}/*`],
      conditions: { ...conditions, StringEquals: { ...conditions.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" } },
    });
    props.bucket.addToResourcePolicy({
      sid: "AWSLogDeliveryAclCheck",
      principal: { Service: "delivery.logs.amazonaws.com" },
      actions: ["s3:GetBucketAcl", "s3:ListBucket"],
      resources: [props.bucket.bucketArn],
      conditions,
    });

    this.delivery = new CloudwatchLogDelivery(this, "Delivery", {
      provider: props.usEast1Provider,
      deliverySourceName: this.source.name,
      deliveryDestinationArn: this.destination.arn,
      tags: props.tags,
      // Delivery checks its write access when it is created.
      dependsOn: [props.bucket.policy] as ITerraformDependable[],
    });
  }
}
