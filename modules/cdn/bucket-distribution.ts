import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { Construct } from "constructs";
import { PrivateBucket } from "../core/private-bucket";
import { checkPattern } from "../internal/validate";
import { checkOriginShieldRegion } from "./cdn-checks";
import { EdgeDistribution, EdgeOptions, allowDistributionRead } from "./edge-parts";
import { CACHING_OPTIMIZED_POLICY_ID } from "./managed-policies";

/** Props for {@link BucketDistribution}. */
export interface BucketDistributionProps extends EdgeOptions {
  /**
   * The private bucket served on every path, read through origin access control (e.g. an
   * `UploadsBucket`'s `bucket`, or a `PrivateBucket` holding a static site). Its policy gets a
   * read statement for this distribution only. Object keys mirror URL paths.
   */
  readonly bucket: PrivateBucket;
  /**
   * Object returned for `/`, e.g. `index.html` for a static site (CloudFront applies it to the
   * root only, not to sub-folders).
   * @default - none: `/` answers 403 (there is no object with an empty key)
   */
  readonly defaultRootObject?: string;
  /**
   * Region of an Origin Shield in front of the bucket, e.g. the bucket's region.
   * @default - no Origin Shield
   */
  readonly originShieldRegion?: string;
}

/** Origin id of the bucket inside the distribution. */
const BUCKET_ORIGIN_ID = "bucket";

/**
 * CloudFront in front of a private S3 bucket alone, with no app origin: static sites and media
 * (photos, attachments) served on the distribution's name or a custom domain, cached
 * (CachingOptimized), compressed, HTTPS only (viewers are redirected), HTTP/2 and HTTP/3, IPv6.
 * The same viewer-side choices as `CdnDistribution` (security headers, WAF, access logs, the 5xx
 * alarm, certificate and alias records), built by the same code.
 */
export class BucketDistribution extends EdgeDistribution {
  /** The distribution. */
  public readonly distribution: CloudfrontDistribution;
  /** The bucket served. */
  public readonly bucket: PrivateBucket;
  /** Origin access control (S3, SigV4, always sign). */
  public readonly originAccessControl: CloudfrontOriginAccessControl;

  public constructor(scope: Construct, id: string, props: BucketDistributionProps) {
    super(scope, id, props);
    checkOriginShieldRegion(this, props.originShieldRegion);
    // A key, not a path: CloudFront refuses a leading slash in DefaultRootObject.
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DefaultRootObject.html
    checkPattern(
      this,
      "defaultRootObject",
      props.defaultRootObject,
      /^[^/][^\s]{0,254}$/,
      "must be an object key such as index.html (no leading /, no spaces, at most 255 characters)",
    );
    this.bucket = props.bucket;

    this.originAccessControl = new CloudfrontOriginAccessControl(this, "OriginAccessControl", {
      name: `${props.name}-bucket`,
      description: `CloudFront access to ${props.bucket.bucketName}`,
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    this.distribution = new CloudfrontDistribution(this, "Distribution", {
      ...this.viewerSettings,
      enabled: true,
      comment: `${props.name}: ${props.bucket.bucketName} through CloudFront`,
      defaultRootObject: props.defaultRootObject,
      origin: [
        {
          originId: BUCKET_ORIGIN_ID,
          domainName: props.bucket.regionalDomainName,
          originAccessControlId: this.originAccessControl.id,
          originShield: props.originShieldRegion ? { enabled: true, originShieldRegion: props.originShieldRegion } : undefined,
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: BUCKET_ORIGIN_ID,
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
        compress: true,
        viewerProtocolPolicy: "redirect-to-https",
        responseHeadersPolicyId: this.responseHeadersPolicy.policyId,
      },
    });
    allowDistributionRead(props.bucket, this.distribution.arn);

    this.finish(this.distribution, props);
  }
}
