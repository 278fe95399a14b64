import { CloudfrontDistribution, CloudfrontDistributionOrderedCacheBehavior } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontFunction } from "@cdktf/provider-aws/lib/cloudfront-function";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontVpcOrigin } from "@cdktf/provider-aws/lib/cloudfront-vpc-origin";
import { S3BucketCorsConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration";
import { Construct } from "constructs";
import { bucketReadStatements, bucketReadWriteStatements } from "../core/statements";
import { RoleRef, grantTo } from "../core/workload-role";
import { checkName } from "../internal/naming";
import { checkPattern, checkUnique, fail } from "../internal/validate";
import { CdnAppOrigin } from "../core/load-balancer-origin";
import { BucketCorsRule, bucketCorsConfiguration } from "../core/bucket-cors";
import { PrivateBucket } from "../core/private-bucket";
import { checkOriginShieldRegion, checkPathPattern } from "./cdn-checks";
import {
  ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
  ALL_VIEWER_POLICY_ID,
  CACHING_DISABLED_POLICY_ID,
  CACHING_OPTIMIZED_POLICY_ID,
} from "./managed-policies";
import { CdnDomain, EdgeDistribution, EdgeOptions, allowDistributionRead } from "./edge-parts";
import { viewerHostFunction } from "./viewer-host-function";
import { resolveAppOrigin } from "./app-origin";
import { createVpcOrigin } from "./vpc-origin";

export type { CdnAppOrigin, CdnDomain };

/** Paths always served from the assets bucket: Next.js build output and a conventional static folder. */
export const BUILT_IN_STATIC_PATHS = ["/_next/static/*", "/static/*"] as const;

/** A private bucket served on some paths of the distribution (see `bucketOrigins`). */
export interface CdnBucketOrigin {
  /** Lower-case letters, digits and hyphens: the origin id and part of construct ids. */
  readonly name: string;
  /** The bucket (its policy gets the CloudFront read statement). */
  readonly bucket: PrivateBucket;
  /** Path patterns routed to it, e.g. `["/uploads/*"]`. */
  readonly pathPatterns: readonly string[];
}

/** One CORS rule of the assets bucket, for browser uploads with presigned URLs. */
export type CdnCorsRule = BucketCorsRule;

/** Props for {@link CdnDistribution}. */
export interface CdnDistributionProps extends EdgeOptions {
  /** The app behind the CDN (default behavior). */
  readonly appOrigin: CdnAppOrigin;
  /**
   * Name of the static-assets bucket. S3 names are global across all AWS accounts: if the default
   * is taken, pass one with e.g. the account id in it.
   * @default `${name}-static-assets`
   */
  readonly bucketName?: string;
  /**
   * More path patterns served from the assets bucket (cached, compressed), after the built-in
   * `/_next/static/*` and `/static/*`, e.g. `["/images/*", "/uploads/*"]`. Object keys mirror URL paths
   * (no origin path): `/_next/static/x.js` is the key `_next/static/x.js`.
   * @default []
   */
  readonly extraStaticPaths?: readonly string[];
  /**
   * Other private buckets served through this distribution with origin access control, each on its
   * own path patterns (cached, GET/HEAD only), e.g. an `UploadsBucket` on `/uploads/*`. Object keys
   * mirror URL paths. Each bucket's policy gets a read statement for this distribution only.
   * @default []
   */
  readonly bucketOrigins?: readonly CdnBucketOrigin[];
  /**
   * Static paths try the assets bucket first and fall back to the app when the bucket answers 403
   * or 404 (an origin group), so an asset the build did not upload (yet) is still served by the app
   * instead of breaking the page.
   * @default true
   */
  readonly staticFallbackToApp?: boolean;
  /**
   * Region of the Origin Shield in front of the assets bucket, e.g. the bucket's region. Only the
   * assets origin gets it: app responses are not cached (CachingDisabled), so a shield would add cost and no hits.
   * @default - no Origin Shield
   */
  readonly originShieldRegion?: string;
  /**
   * CORS rules of the assets bucket, for browser uploads to presigned S3 URLs.
   * @default [] - no CORS configuration
   */
  readonly corsRules?: readonly CdnCorsRule[];
  /**
   * Refuse an internet-facing load balancer origin that does not require an origin-verify header
   * (anyone could point another CloudFront distribution at it and skip this one's WAF). Production
   * sets it; an internal load balancer behind a VPC origin needs no header.
   * @default false
   */
  readonly requireOriginVerification?: boolean;
}

/** Origin ids inside the distribution (stable: behaviors refer to them). */
const ASSETS_ORIGIN_ID = "assets";
/** The origin group of static paths: the assets bucket, then the app on 403/404. */
const STATIC_GROUP_ID = "assets-or-app";
const APP_ORIGIN_ID = "app";

/**
 * CloudFront in front of a web app: the app (load balancer or App Runner) is the
 * default, uncached origin; `/_next/static/*`, `/static/*` and any extra paths come from a private
 * S3 bucket read through origin access control. Viewers are redirected to HTTPS, get security
 * headers, HTTP/2 and HTTP/3, IPv6. Optional: custom domain with a us-east-1 certificate and
 * Route 53 aliases, WAF, access logs, Origin Shield, upload CORS.
 */
export class CdnDistribution extends EdgeDistribution {
  /** The distribution. */
  public readonly distribution: CloudfrontDistribution;
  /** The private static-assets bucket. */
  public readonly bucket: PrivateBucket;
  /** The assets bucket's CORS configuration, when `corsRules` are given. */
  public readonly cors?: S3BucketCorsConfiguration;
  /** Origin access control (S3, SigV4, always sign). */
  public readonly originAccessControl: CloudfrontOriginAccessControl;
  /**
   * The viewer-request function of the app behavior: it sets `X-Forwarded-Host` to the viewer's
   * `Host` and `Forwarded` to `host="<viewer host>";proto=https`, overwriting what a viewer sent.
   */
  public readonly viewerRequestFunction: CloudfrontFunction;
  /** The CloudFront VPC origin of an internal load balancer (`appOrigin.loadBalancer` with scheme `internal`). */
  public readonly vpcOrigin?: CloudfrontVpcOrigin;
  private grants = 0;

  public constructor(scope: Construct, id: string, props: CdnDistributionProps) {
    // Name, price class, domain, us-east-1 needs, WAF, logs, alarm: checked; headers, certificate, WAF created.
    super(scope, id, props);
    checkOriginShieldRegion(this, props.originShieldRegion);
    const staticPaths = this.staticPaths(props.extraStaticPaths ?? []);
    const origin = resolveAppOrigin(this, props.appOrigin, props.requireOriginVerification ?? false);

    const bucketName = props.bucketName ?? `${props.name}-static-assets`;
    checkName(this, props.bucketName === undefined ? "bucketName (default `${name}-static-assets`)" : "bucketName", "s3Bucket", bucketName);
    this.bucket = new PrivateBucket(this, "Assets", { bucketName, forceDestroy: props.forceDestroyBuckets, tags: props.tags });
    this.cors = bucketCorsConfiguration(this, "Cors", this.bucket.bucket.id, props.corsRules ?? []);

    this.originAccessControl = new CloudfrontOriginAccessControl(this, "OriginAccessControl", {
      name: `${props.name}-static-assets`,
      description: `CloudFront access to ${bucketName}`,
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });

    this.viewerRequestFunction = viewerHostFunction(this, "ViewerHostFunction", props.name);
    if (origin.loadBalancer?.scheme === "internal") this.vpcOrigin = createVpcOrigin(this, props.name, origin, props.tags);

    const responseHeadersPolicyId = this.responseHeadersPolicy.policyId;
    const fallback = props.staticFallbackToApp ?? true;
    const bucketOrigins = props.bucketOrigins ?? [];
    bucketOrigins.forEach((b, i) => {
      checkPattern(
        this,
        `bucketOrigins[${i}].name`,
        b.name,
        /^[a-z][a-z0-9-]{0,30}$/,
        "must be 1-31 lower-case letters, digits or hyphens, starting with a letter",
      );
      if (b.pathPatterns.length === 0)
        fail(this, `bucketOrigins[${i}].pathPatterns`, "must list at least one path pattern", b.pathPatterns);
      b.pathPatterns.forEach((p, j) => checkPathPattern(this, `bucketOrigins[${i}].pathPatterns[${j}]`, p));
    });
    checkUnique(this, "bucketOrigins[].name", [ASSETS_ORIGIN_ID, APP_ORIGIN_ID, STATIC_GROUP_ID, ...bucketOrigins.map((b) => b.name)]);
    checkUnique(this, "extraStaticPaths and bucketOrigins[].pathPatterns", [
      ...staticPaths,
      ...bucketOrigins.flatMap((b) => b.pathPatterns),
    ]);
    const cachedBehavior = (pathPattern: string, targetOriginId: string): CloudfrontDistributionOrderedCacheBehavior => ({
      pathPattern,
      targetOriginId,
      allowedMethods: ["GET", "HEAD"],
      cachedMethods: ["GET", "HEAD"],
      cachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
      compress: true,
      viewerProtocolPolicy: "redirect-to-https",
      responseHeadersPolicyId,
    });
    const staticBehaviors = [
      ...staticPaths.map((p) => cachedBehavior(p, fallback ? STATIC_GROUP_ID : ASSETS_ORIGIN_ID)),
      ...bucketOrigins.flatMap((b) => b.pathPatterns.map((p) => cachedBehavior(p, b.name))),
    ];

    this.distribution = new CloudfrontDistribution(this, "Distribution", {
      enabled: true,
      ...this.viewerSettings,
      comment: `${props.name}: app with static assets from S3`,
      origin: [
        {
          originId: ASSETS_ORIGIN_ID,
          domainName: this.bucket.regionalDomainName,
          originAccessControlId: this.originAccessControl.id,
          originShield: props.originShieldRegion ? { enabled: true, originShieldRegion: props.originShieldRegion } : undefined,
        },
        ...bucketOrigins.map((b) => ({
          originId: b.name,
          domainName: b.bucket.regionalDomainName,
          originAccessControlId: this.originAccessControl.id,
        })),
        {
          originId: APP_ORIGIN_ID,
          domainName: origin.domainName,
          ...(this.vpcOrigin
            ? {
                // Keep-alive at CloudFront's default, set so that it does not show as a change.
                vpcOriginConfig: {
                  vpcOriginId: this.vpcOrigin.id,
                  originReadTimeout: origin.readTimeoutSeconds,
                  originKeepaliveTimeout: 5,
                },
              }
            : {
                customOriginConfig: {
                  httpPort: 80,
                  httpsPort: 443,
                  originProtocolPolicy: origin.protocol,
                  originSslProtocols: ["TLSv1.2"],
                  originReadTimeout: origin.readTimeoutSeconds,
                },
              }),
          customHeader: Object.entries(origin.headers).map(([name, value]) => ({ name, value })),
        },
      ],
      // S3 answers 403 for a missing object (no ListBucket), 404 with it: both fall back to the app.
      originGroup: fallback
        ? [
            {
              originId: STATIC_GROUP_ID,
              failoverCriteria: { statusCodes: [403, 404] },
              member: [{ originId: ASSETS_ORIGIN_ID }, { originId: APP_ORIGIN_ID }],
            },
          ]
        : undefined,
      orderedCacheBehavior: staticBehaviors,
      defaultCacheBehavior: {
        targetOriginId: APP_ORIGIN_ID,
        allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: CACHING_DISABLED_POLICY_ID,
        originRequestPolicyId: origin.forwardHost ? ALL_VIEWER_POLICY_ID : ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
        functionAssociation: [{ eventType: "viewer-request", functionArn: this.viewerRequestFunction.arn }],
        compress: true,
        viewerProtocolPolicy: "redirect-to-https",
        responseHeadersPolicyId,
      },
    });

    for (const bucket of [this.bucket, ...bucketOrigins.map((b) => b.bucket)]) allowDistributionRead(bucket, this.distribution.arn);

    this.finish(this.distribution, props);
  }

  /** Let `role` read objects of the assets bucket (optionally only under `keyPrefix`, e.g. `uploads/*`). */
  public grantRead(role: RoleRef, keyPrefix?: string): void {
    grantTo(this, `ReadGrant${++this.grants}`, role, bucketReadStatements(this.bucket.bucketArn, keyPrefix));
  }

  /** Let `role` read, upload and delete objects of the assets bucket (optionally only under `keyPrefix`). */
  public grantReadWrite(role: RoleRef, keyPrefix?: string): void {
    grantTo(this, `ReadWriteGrant${++this.grants}`, role, bucketReadWriteStatements(this.bucket.bucketArn, keyPrefix));
  }

  /** Built-in and extra static path patterns, checked and without repeats. */
  private staticPaths(extra: readonly string[]): string[] {
    extra.forEach((p, i) => checkPathPattern(this, `extraStaticPaths[${i}]`, p));
    const all = [...BUILT_IN_STATIC_PATHS, ...extra];
    const seen = new Set<string>();
    for (const p of all) {
      if (seen.has(p)) {
        fail(
          this,
          "extraStaticPaths",
          `must not repeat a path pattern (each may have one behavior; built in: ${BUILT_IN_STATIC_PATHS.join(", ")})`,
          p,
        );
      }
      seen.add(p);
    }
    return all;
  }
}
