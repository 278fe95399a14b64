import { Fn, TerraformProvider } from "cdktf";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { CloudfrontDistribution, CloudfrontDistributionOrderedCacheBehavior } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontFunction } from "@cdktf/provider-aws/lib/cloudfront-function";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontVpcOrigin } from "@cdktf/provider-aws/lib/cloudfront-vpc-origin";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { S3BucketCorsConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration";
import { Construct } from "constructs";
import { bucketReadStatements, bucketReadWriteStatements } from "../core/statements";
import { RoleRef, grantTo } from "../core/workload-role";
import { metricAlarm } from "../internal/alarms";
import { checkProviderRegion } from "../internal/aws-context";
import { checkName } from "../internal/naming";
import {
  REGION_PATTERN,
  checkIntegerRange,
  checkKmsKeyArn,
  checkLogRetention,
  checkNumber,
  checkOneOf,
  checkPattern,
  checkTags,
  checkUnique,
  fail,
  isToken,
} from "../internal/validate";
import { ORIGIN_SHIELD_REGIONS } from "../internal/aws-facts";
import { checkRegionOffers } from "../internal/region-checks";
import { AlarmTopics } from "../core/alarm-topics";
import { CdnAppOrigin, LoadBalancerOriginRef } from "../core/load-balancer-origin";
import { TerraformData } from "../core/terraform-data";
import { BucketCorsRule, bucketCorsConfiguration } from "../core/bucket-cors";
import { PrivateBucket } from "../core/private-bucket";
import {
  checkAliasName,
  checkCloudFrontCertificateArn,
  checkInCloudFrontRegion,
  checkOriginDomain,
  checkOriginHeaderName,
  checkPathPattern,
  idOfName,
} from "./cdn-checks";
import { CloudFrontAccessLogs } from "./cloudfront-access-logs";
import { CloudFrontCertificate } from "./cloudfront-certificate";
import { CloudFrontWebAcl } from "./cloudfront-web-acl";
import {
  ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
  ALL_VIEWER_POLICY_ID,
  CACHING_DISABLED_POLICY_ID,
  CACHING_OPTIMIZED_POLICY_ID,
  PRICE_CLASSES,
  PriceClass,
} from "./managed-policies";
import { SecurityHeadersPolicy } from "./security-headers-policy";
import { viewerHostFunction } from "./viewer-host-function";
import { checkResourceArn } from "../internal/arns";

export type { CdnAppOrigin };

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

/** Public names of the distribution. */
export interface CdnDomain {
  /** Aliases, e.g. `["app.example.com"]`; `*.example.com` wildcards allowed. */
  readonly names: readonly string[];
  /**
   * Route 53 hosted zone holding the names: A and AAAA alias records are created there, and the
   * certificate's validation records when the certificate is created here.
   * @default - no DNS records (`certificateArn` is then required; point the names at `domainName` yourself)
   */
  readonly hostedZoneId?: string;
  /**
   * An existing ACM certificate in us-east-1 covering every name.
   * @default - a DNS-validated certificate created in us-east-1 (needs `hostedZoneId` and `usEast1Provider`)
   */
  readonly certificateArn?: string;
}

/** One CORS rule of the assets bucket, for browser uploads with presigned URLs. */
export type CdnCorsRule = BucketCorsRule;

/** Props for {@link CdnDistribution}. */
export interface CdnDistributionProps {
  /** Base name, `<project>-<environment>`: prefix of every physical name. */
  readonly name: string;
  /** The app behind the CDN (default behavior). */
  readonly appOrigin: CdnAppOrigin;
  /**
   * Name of the static-assets bucket. S3 names are global across all AWS accounts: if the default
   * is taken, pass one with e.g. the account id in it.
   * @default `${name}-static-assets`
   */
  readonly bucketName?: string;
  /**
   * Custom domain names.
   * @default - none: the distribution is served on its `*.cloudfront.net` name with the default CloudFront certificate
   */
  readonly domain?: CdnDomain;
  /**
   * The stack's AWS provider aliased to us-east-1 (`new AwsProvider(stack, "aws_us_east_1", { alias: "us_east_1",
   * region: "us-east-1" })`). Modules never create providers; this one is needed for everything CloudFront only
   * accepts from us-east-1: a created certificate, the WAF web ACL and its logs, the access log delivery,
   * the alarms (CloudFront metrics exist only there).
   * @default - none; then only the default certificate, an existing `certificateArn` and `webAclArn` can be used
   */
  readonly usEast1Provider?: TerraformProvider;
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
   * Edge locations used: `PriceClass_100` (North America, Europe), `PriceClass_200` (+ Asia, Middle East, Africa), `PriceClass_All`.
   * @default "PriceClass_100"
   */
  readonly priceClass?: PriceClass;
  /**
   * Region of the Origin Shield in front of the assets bucket, e.g. the bucket's region. Only the
   * assets origin gets it: app responses are not cached (CachingDisabled), so a shield would add cost and no hits.
   * @default - no Origin Shield
   */
  readonly originShieldRegion?: string;
  /**
   * HSTS `max-age`, seconds (at least one year; `includeSubDomains` always on).
   * @default 63072000
   */
  readonly hstsMaxAgeSeconds?: number;
  /** Add `preload` to HSTS. @default false */
  readonly hstsPreload?: boolean;
  /** `X-Frame-Options`. @default "DENY" */
  readonly frameOptions?: "DENY" | "SAMEORIGIN";
  /**
   * `Content-Security-Policy` sent when the app sends none.
   * @default - `base-uri 'self'; object-src 'none'; frame-ancestors 'none'; upgrade-insecure-requests`
   */
  readonly contentSecurityPolicy?: string;
  /**
   * Create a WAF web ACL (AWS common rules, known bad inputs, per-IP rate limit) in us-east-1; needs `usEast1Provider`.
   * @default false
   */
  readonly webAcl?: boolean;
  /**
   * KMS key (in us-east-1) for the WAF log group; its policy must admit the logs service.
   * Used only with `webAcl` and `webAclLogging`.
   * @default - CloudWatch Logs' own encryption
   */
  readonly logsKmsKeyArn?: string;
  /**
   * Requests per client IP per 5 minutes before the created web ACL blocks it (10-2,000,000,000).
   * @default 2000
   */
  readonly webAclRateLimitPerFiveMinutes?: number;
  /**
   * Log the requests the created web ACL evaluates to a CloudWatch log group `aws-waf-logs-<name>-cdn`
   * in us-east-1 (Authorization and Cookie headers redacted). Used only with `webAcl`.
   * @default true
   */
  readonly webAclLogging?: boolean;
  /**
   * Days the WAF logs are kept (a CloudWatch Logs retention value). Used only with `webAcl`.
   * @default 365
   */
  readonly webAclLogRetentionDays?: number;
  /**
   * An existing WAFv2 web ACL (scope CLOUDFRONT) to attach instead of creating one.
   * @default - none (or the created one when `webAcl`)
   */
  readonly webAclArn?: string;
  /**
   * Deliver access logs (standard logging v2) to a private log bucket created here; needs `usEast1Provider`.
   * @default false
   */
  readonly accessLogs?: boolean;
  /**
   * Days access logs are kept in the log bucket (1-36500). Used only with `accessLogs`.
   * @default 90
   */
  readonly accessLogsRetentionDays?: number;
  /**
   * Name of the access log bucket (globally unique, like `bucketName`).
   * @default `${name}-cdn-logs`
   */
  readonly accessLogsBucketName?: string;
  /**
   * CORS rules of the assets bucket, for browser uploads to presigned S3 URLs.
   * @default [] - no CORS configuration
   */
  readonly corsRules?: readonly CdnCorsRule[];
  /**
   * Let `terraform destroy` delete the assets and log buckets while they hold objects.
   * For dev/preview stacks only.
   * @default false
   */
  readonly forceDestroyBuckets?: boolean;
  /**
   * Where the CDN's alarm notifies: 5xx error rate above `errorRateAlarmThresholdPercent` for
   * 5 minutes → `criticalTopicArn`. CloudFront publishes its metrics in us-east-1 only, so the
   * alarm is created through `usEast1Provider` (required), and CloudWatch notifies only topics in
   * the alarm's region: the SNS topics must be in us-east-1 too (a literal ARN in another region
   * is refused; a reference is not checked).
   * @default - no alarms
   */
  readonly alarms?: AlarmTopics;
  /**
   * Threshold of the 5xx error rate alarm, percent of requests (above 0, at most 100).
   * @default 5
   */
  readonly errorRateAlarmThresholdPercent?: number;
  /**
   * Refuse an internet-facing load balancer origin that does not require an origin-verify header
   * (anyone could point another CloudFront distribution at it and skip this one's WAF). Production
   * sets it; an internal load balancer behind a VPC origin needs no header.
   * @default false
   */
  readonly requireOriginVerification?: boolean;
  /** Extra tags on taggable resources. @default {} */
  readonly tags?: Record<string, string>;
}

/** The app origin as the distribution uses it. */
interface ResolvedAppOrigin {
  readonly domainName: string;
  readonly protocol: "https-only" | "http-only";
  readonly readTimeoutSeconds: number;
  readonly headers: Record<string, string>;
  readonly forwardHost: boolean;
  /** The load balancer behind it, as given in `appOrigin.loadBalancer`. */
  readonly loadBalancer?: LoadBalancerOriginRef;
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
export class CdnDistribution extends Construct {
  /** The distribution. */
  public readonly distribution: CloudfrontDistribution;
  /** The distribution's `*.cloudfront.net` name. */
  public readonly domainName: string;
  /** `https://` + the first non-wildcard alias, else the `*.cloudfront.net` name: what users (and AUTH_URL) use. */
  public readonly url: string;
  /** Distribution id (e.g. for cache invalidations in CI). */
  public readonly distributionId: string;
  /** Distribution ARN. */
  public readonly distributionArn: string;
  /** The private static-assets bucket. */
  public readonly bucket: PrivateBucket;
  /** The assets bucket's CORS configuration, when `corsRules` are given. */
  public readonly cors?: S3BucketCorsConfiguration;
  /** Origin access control (S3, SigV4, always sign). */
  public readonly originAccessControl: CloudfrontOriginAccessControl;
  /** The security headers on every behavior. */
  public readonly responseHeadersPolicy: SecurityHeadersPolicy;
  /** The certificate, when created here. */
  public readonly certificate?: CloudFrontCertificate;
  /** The web ACL, when created here. */
  public readonly webAcl?: CloudFrontWebAcl;
  /** The access log bucket, when `accessLogs`. */
  public readonly logBucket?: PrivateBucket;
  /** The standard logging v2 delivery, when `accessLogs`. */
  public readonly accessLogDelivery?: CloudFrontAccessLogs;
  /** The Route 53 alias records (A and AAAA per name), when a hosted zone is given. */
  public readonly aliasRecords: Route53Record[] = [];
  /** The alarms (5xx error rate, in us-east-1), when `alarms` is given; otherwise empty. */
  public readonly alarms: readonly CloudwatchMetricAlarm[];
  /**
   * The viewer-request function of the app behavior: it sets `X-Forwarded-Host` to the viewer's
   * `Host` and `Forwarded` to `host="<viewer host>";proto=https`, overwriting what a viewer sent.
   */
  public readonly viewerRequestFunction: CloudfrontFunction;
  /** The CloudFront VPC origin of an internal load balancer (`appOrigin.loadBalancer` with scheme `internal`). */
  public readonly vpcOrigin?: CloudfrontVpcOrigin;
  private grants = 0;

  public constructor(scope: Construct, id: string, props: CdnDistributionProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    checkPattern(this, "name", props.name, /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "must be 1-40 lower-case letters, digits and hyphens (the <project>-<environment> base)");
    const priceClass = props.priceClass ?? "PriceClass_100";
    checkOneOf(this, "priceClass", priceClass, PRICE_CLASSES);
    checkPattern(this, "originShieldRegion", props.originShieldRegion, REGION_PATTERN, "must be an AWS region code such as us-east-1");
    // CloudFront offers Origin Shield in some regions only ("Choosing the AWS Region for Origin
    // Shield", CloudFront Developer Guide); any other region fails at apply.
    checkRegionOffers(this, "originShieldRegion", props.originShieldRegion, ORIGIN_SHIELD_REGIONS, "CloudFront Origin Shield", "originShield");
    const staticPaths = this.staticPaths(props.extraStaticPaths ?? []);
    const origin = this.resolveAppOrigin(props.appOrigin, props.requireOriginVerification ?? false);
    this.checkDomain(props);
    this.checkNeedsProvider(props);
    const accessLogsRetentionDays = props.accessLogsRetentionDays ?? 90;
    checkIntegerRange(this, "accessLogsRetentionDays", accessLogsRetentionDays, 1, 36_500);
    checkIntegerRange(this, "webAclRateLimitPerFiveMinutes", props.webAclRateLimitPerFiveMinutes, 10, 2_000_000_000);
    checkLogRetention(this, "webAclLogRetentionDays", props.webAclLogRetentionDays);
    checkKmsKeyArn(this, "logsKmsKeyArn", props.logsKmsKeyArn, "CloudWatch Logs encrypts with key ARNs only");
    checkInCloudFrontRegion(this, "logsKmsKeyArn", props.logsKmsKeyArn, "the WAF log group is in us-east-1 and CloudWatch Logs uses keys of its own region only");
    const errorRateThreshold = props.errorRateAlarmThresholdPercent ?? 5;
    this.checkAlarms(props.alarms, errorRateThreshold);

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
    this.responseHeadersPolicy = new SecurityHeadersPolicy(this, "SecurityHeaders", {
      name: `${props.name}-security-headers`,
      hstsMaxAgeSeconds: props.hstsMaxAgeSeconds,
      hstsPreload: props.hstsPreload,
      frameOptions: props.frameOptions,
      contentSecurityPolicy: props.contentSecurityPolicy,
    });

    const domain = props.domain;
    if (domain && !domain.certificateArn) {
      this.certificate = new CloudFrontCertificate(this, "Certificate", {
        names: domain.names,
        hostedZoneId: domain.hostedZoneId!,
        usEast1Provider: props.usEast1Provider!,
        tags: props.tags,
      });
    }
    const certificateArn = domain?.certificateArn ?? this.certificate?.certificateArn;

    if (props.webAcl) {
      this.webAcl = new CloudFrontWebAcl(this, "WebAcl", {
        name: `${props.name}-cdn`,
        usEast1Provider: props.usEast1Provider!,
        rateLimitPerFiveMinutes: props.webAclRateLimitPerFiveMinutes,
        logging: props.webAclLogging,
        logRetentionDays: props.webAclLogRetentionDays,
        logsKmsKeyArn: props.logsKmsKeyArn,
        tags: props.tags,
      });
    }

    this.viewerRequestFunction = viewerHostFunction(this, "ViewerHostFunction", props.name);
    if (origin.loadBalancer?.scheme === "internal") this.vpcOrigin = this.createVpcOrigin(props.name, origin, props.tags);

    const responseHeadersPolicyId = this.responseHeadersPolicy.policyId;
    const fallback = props.staticFallbackToApp ?? true;
    const bucketOrigins = props.bucketOrigins ?? [];
    bucketOrigins.forEach((b, i) => {
      checkPattern(this, `bucketOrigins[${i}].name`, b.name, /^[a-z][a-z0-9-]{0,30}$/, "must be 1-31 lower-case letters, digits or hyphens, starting with a letter");
      if (b.pathPatterns.length === 0) fail(this, `bucketOrigins[${i}].pathPatterns`, "must list at least one path pattern", b.pathPatterns);
      b.pathPatterns.forEach((p, j) => checkPathPattern(this, `bucketOrigins[${i}].pathPatterns[${j}]`, p));
    });
    checkUnique(this, "bucketOrigins[].name", [ASSETS_ORIGIN_ID, APP_ORIGIN_ID, STATIC_GROUP_ID, ...bucketOrigins.map((b) => b.name)]);
    checkUnique(this, "extraStaticPaths and bucketOrigins[].pathPatterns", [...staticPaths, ...bucketOrigins.flatMap((b) => b.pathPatterns)]);
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
      comment: `${props.name}: app with static assets from S3`,
      aliases: domain ? [...domain.names] : undefined,
      priceClass,
      httpVersion: "http2and3",
      isIpv6Enabled: true,
      webAclId: this.webAcl?.webAclArn ?? props.webAclArn,
      origin: [
        {
          originId: ASSETS_ORIGIN_ID,
          domainName: this.bucket.regionalDomainName,
          originAccessControlId: this.originAccessControl.id,
          originShield: props.originShieldRegion ? { enabled: true, originShieldRegion: props.originShieldRegion } : undefined,
        },
        ...bucketOrigins.map((b) => ({ originId: b.name, domainName: b.bucket.regionalDomainName, originAccessControlId: this.originAccessControl.id })),
        {
          originId: APP_ORIGIN_ID,
          domainName: origin.domainName,
          ...(this.vpcOrigin
            ? {
                // Keep-alive at CloudFront's default, set so that it does not show as a change.
                vpcOriginConfig: { vpcOriginId: this.vpcOrigin.id, originReadTimeout: origin.readTimeoutSeconds, originKeepaliveTimeout: 5 },
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
        ? [{ originId: STATIC_GROUP_ID, failoverCriteria: { statusCodes: [403, 404] }, member: [{ originId: ASSETS_ORIGIN_ID }, { originId: APP_ORIGIN_ID }] }]
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
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: certificateArn
        ? { acmCertificateArn: certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }
        : { cloudfrontDefaultCertificate: true },
      tags: props.tags,
    });
    this.domainName = this.distribution.domainName;
    this.distributionId = this.distribution.id;
    this.distributionArn = this.distribution.arn;
    this.url = `https://${domain?.names.find((n) => !n.startsWith("*.")) ?? this.domainName}`;

    for (const bucket of [this.bucket, ...bucketOrigins.map((b) => b.bucket)]) this.allowDistributionRead(bucket);

    if (domain?.hostedZoneId) this.createAliasRecords(domain.names, domain.hostedZoneId);

    if (props.accessLogs) {
      const logBucketName = props.accessLogsBucketName ?? `${props.name}-cdn-logs`;
      this.logBucket = new PrivateBucket(this, "AccessLogBucket", {
        bucketName: logBucketName,
        // Logs are kept accessLogsRetentionDays; versioning guards them against overwrite and deletion.
        expirationDays: accessLogsRetentionDays,
        noncurrentVersionExpirationDays: 7,
        forceDestroy: props.forceDestroyBuckets,
        tags: props.tags,
      });
      this.accessLogDelivery = new CloudFrontAccessLogs(this, "AccessLogs", {
        name: `${props.name}-cdn`,
        distributionArn: this.distribution.arn,
        bucket: this.logBucket,
        usEast1Provider: props.usEast1Provider!,
        tags: props.tags,
      });
    }

    this.alarms = props.alarms ? [this.errorRateAlarm(props.name, props.alarms, errorRateThreshold, props.usEast1Provider!)] : [];
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
        fail(this, "extraStaticPaths", `must not repeat a path pattern (each may have one behavior; built in: ${BUILT_IN_STATIC_PATHS.join(", ")})`, p);
      }
      seen.add(p);
    }
    return all;
  }

  /**
   * The app origin's host name, protocol, timeout and headers, refusing a downgrade to HTTP and,
   * when a load balancer is behind it, anything that load balancer does not serve.
   */
  private resolveAppOrigin(o: CdnAppOrigin, requireVerification: boolean): ResolvedAppOrigin {
    if (o.domainName === undefined && o.loadBalancer === undefined) {
      fail(this, "appOrigin", "needs loadBalancer (a WebService's origin) or domainName", o);
    }
    const lb = o.loadBalancer;
    if (o.loadBalancer && o.domainName !== undefined && o.loadBalancer.certificateName !== undefined && o.domainName !== o.loadBalancer.certificateName) {
      fail(this, "appOrigin.domainName", `must be the name the certificate of the load balancer ${o.loadBalancer.constructPath} covers (${o.loadBalancer.certificateName}), or omitted`, o.domainName);
    }
    const domainName = o.domainName ?? lb!.certificateName ?? lb!.dnsName;
    checkOriginDomain(this, "appOrigin.domainName", domainName);
    const hasCertificate = o.originHasCertificate ?? (lb ? lb.protocol === "https" : true);
    const protocol = o.protocol ?? (hasCertificate ? "https-only" : "http-only");
    checkOneOf(this, "appOrigin.protocol", protocol, ["https-only", "http-only"]);
    const headers: Record<string, string> = { ...(o.customHeaders ?? {}) };
    for (const name of Object.keys(headers)) checkOriginHeaderName(this, "appOrigin.customHeaders", name);
    checkUnique(this, "appOrigin.customHeaders (case-insensitive)", Object.keys(headers).map((n) => n.toLowerCase()));
    if (lb) {
      const required = lb.originVerifyHeader;
      if (required && !Object.keys(headers).some((n) => n.toLowerCase() === required.name.toLowerCase())) {
        headers[required.name] = required.value;
      }
      this.checkMatchesLoadBalancer(lb, domainName, protocol, headers, requireVerification);
    }
    if (protocol === "http-only" && hasCertificate) {
      fail(
        this,
        "appOrigin.protocol",
        "must not be \"http-only\" while appOrigin.originHasCertificate is true: that would downgrade CloudFront-to-origin traffic to plain HTTP; use \"https-only\", or set originHasCertificate: false for an origin without TLS",
        protocol,
      );
    }
    if (protocol === "https-only" && !hasCertificate) {
      fail(this, "appOrigin.protocol", "must be \"http-only\" (or omitted) when appOrigin.originHasCertificate is false: CloudFront cannot speak HTTPS to an origin without a certificate", protocol);
    }
    const readTimeoutSeconds = o.readTimeoutSeconds ?? 30;
    checkIntegerRange(this, "appOrigin.readTimeoutSeconds", readTimeoutSeconds, 1, 180);
    return { domainName, protocol, readTimeoutSeconds, headers, forwardHost: o.forwardHost ?? protocol === "http-only", loadBalancer: lb };
  }

  /**
   * What CloudFront sends must be what the load balancer serves: the protocol of its one serving
   * listener (so also its port), a host name its certificate covers, the header it requires; an
   * internal one only through a VPC origin, in a VPC with an internet gateway. Messages name both sides.
   */
  private checkMatchesLoadBalancer(
    lb: LoadBalancerOriginRef,
    domainName: string,
    protocol: "https-only" | "http-only",
    headers: Record<string, string>,
    requireVerification: boolean,
  ): void {
    const side = `the load balancer ${lb.constructPath}`;
    const served = lb.protocol === "https" ? "https-only" : "http-only";
    if (protocol !== served) {
      const why = lb.protocol === "https" ? "port 80 only redirects to HTTPS" : "it has no certificate";
      fail(this, "appOrigin.protocol", `is "${protocol}", but ${side} serves ${lb.protocol.toUpperCase()} on port ${lb.port} only (${why}); use "${served}"`, protocol);
    }
    if (lb.protocol === "https" && lb.certificateName === undefined && domainName === lb.dnsName) {
      fail(
        this,
        "appOrigin.domainName",
        `is the AWS DNS name of ${side}, which its certificate does not cover (CloudFront verifies the origin's certificate against this name); give the web service a domain, or appOrigin.domainName the name its certificateArn covers`,
        domainName,
      );
    }
    const required = lb.originVerifyHeader;
    if (required) {
      // Added above unless customHeaders gives it: then the value must be the one required.
      const sent = Object.entries(headers).find(([n]) => n.toLowerCase() === required.name.toLowerCase());
      if (sent && sent[1] !== required.value) {
        fail(this, "appOrigin.customHeaders", `send a ${required.name} value other than the one ${side} requires (its originVerifyHeader)`, "<redacted>");
      }
    }
    if (lb.scheme === "internal" && lb.vpcHasInternetGateway === false) {
      fail(
        this,
        "appOrigin.loadBalancer",
        `is ${side}, in a VPC without an internet gateway: CloudFront VPC origins need one attached (they don't route through it); give the network public subnets (the Network module then attaches one)`,
        lb.constructPath,
      );
    }
    if (requireVerification && lb.scheme === "internet-facing" && !required) {
      fail(
        this,
        "requireOriginVerification",
        `is on, but ${side} is internet-facing and requires no origin-verify header: anyone could point another CloudFront distribution at it and skip this one's WAF; set the web service's originVerifyHeader, or its scheme "internal" for a VPC origin`,
        lb.constructPath,
      );
    }
  }

  /**
   * The VPC origin of an internal load balancer. CloudFront refuses to update or delete a VPC origin
   * while a distribution uses it (409), so every change of its settings is made by replacement,
   * new one first (a `terraform_data` of the settings triggers it; the name carries a suffix of it,
   * so the two never clash): the distribution moves to the new one, then the old one is deleted.
   * Creating one takes about 15 minutes, at times more than the provider's 15-minute default wait.
   */
  private createVpcOrigin(name: string, origin: ResolvedAppOrigin, tags?: Record<string, string>): CloudfrontVpcOrigin {
    const lb = origin.loadBalancer!;
    const endpoint = { arn: lb.loadBalancerArn, httpPort: 80, httpsPort: lb.protocol === "https" ? lb.port : 443, originProtocolPolicy: origin.protocol };
    const settings = new TerraformData(this, "AppVpcOriginSettings", { triggersReplace: endpoint });
    return new CloudfrontVpcOrigin(this, "AppVpcOrigin", {
      vpcOriginEndpointConfig: [
        {
          ...endpoint,
          name: `${name}-app-${Fn.substr(settings.id, 0, 8)}`,
          originSslProtocols: [{ items: ["TLSv1.2"], quantity: 1 }],
        },
      ],
      timeouts: { create: "30m", update: "30m", delete: "30m" },
      // A plain address: cdktf renders a resource given here as "${...}", which Terraform refuses.
      lifecycle: { createBeforeDestroy: true, replaceTriggeredBy: [`${settings.terraformResourceType}.${settings.friendlyUniqueId}`] },
      tags,
    });
  }

  /** Aliases need a certificate: an existing us-east-1 one, or a zone to validate a new one in. */
  private checkDomain(props: CdnDistributionProps): void {
    const domain = props.domain;
    if (!domain) return;
    if (domain.names.length === 0) fail(this, "domain.names", "must list at least one alias (omit `domain` for the default CloudFront certificate)", domain.names);
    domain.names.forEach((n, i) => checkAliasName(this, `domain.names[${i}]`, n));
    checkUnique(this, "domain.names", domain.names);
    checkCloudFrontCertificateArn(this, "domain.certificateArn", domain.certificateArn);
    if (!domain.certificateArn && !domain.hostedZoneId) {
      fail(
        this,
        "domain",
        "needs a certificate for its aliases: give domain.certificateArn (an ACM certificate in us-east-1) or domain.hostedZoneId (to create a DNS-validated one)",
        domain.names,
      );
    }
    checkPattern(this, "domain.hostedZoneId", domain.hostedZoneId, /^Z[A-Z0-9]{1,31}$/, "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ");
  }

  /**
   * CloudFront's 5xx error rate (percent of all requests, the `Region=Global` series) above the
   * threshold for 5 consecutive minutes. No requests means no data: not breaching.
   */
  private errorRateAlarm(name: string, topics: AlarmTopics, threshold: number, usEast1Provider: TerraformProvider): CloudwatchMetricAlarm {
    const alarm = metricAlarm(this, "ErrorRateAlarm", name, {
      purpose: "cdn-5xx-rate",
      description: `${name}: CloudFront 5xx error rate above ${threshold} % for 5 minutes`,
      namespace: "AWS/CloudFront",
      metricName: "5xxErrorRate",
      dimensions: { DistributionId: this.distribution.id, Region: "Global" },
      statistic: "Average",
      comparison: "GreaterThanThreshold",
      threshold,
      periodSeconds: 60,
      evaluationPeriods: 5,
      topicArn: topics.criticalTopicArn,
      treatMissingData: "notBreaching",
    });
    // CloudFront metrics exist only in us-east-1: the alarm must be created there.
    alarm.provider = usEast1Provider;
    return alarm;
  }

  /** The alarm threshold is a percentage; the topic the alarm notifies must be in us-east-1. */
  private checkAlarms(alarms: AlarmTopics | undefined, threshold: number): void {
    checkNumber(this, "errorRateAlarmThresholdPercent", threshold);
    if (!isToken(threshold) && (threshold <= 0 || threshold > 100)) {
      fail(this, "errorRateAlarmThresholdPercent", "must be above 0 and at most 100 (a percentage of requests)", threshold);
    }
    if (!alarms) return;
    checkResourceArn(this, "alarms.criticalTopicArn", alarms.criticalTopicArn, "snsTopic");
    checkInCloudFrontRegion(
      this,
      "alarms.criticalTopicArn",
      alarms.criticalTopicArn,
      "the CDN alarm lives in us-east-1 with CloudFront's metrics, and CloudWatch notifies only topics of the alarm's region",
    );
  }

  /** Everything created in us-east-1 goes through the provider the stack passes in. */
  private checkNeedsProvider(props: CdnDistributionProps): void {
    if (props.webAcl && props.webAclArn) {
      fail(this, "webAclArn", "must not be given together with webAcl: true (attach an existing web ACL or create one, not both)", props.webAclArn);
    }
    checkResourceArn(this, "webAclArn", props.webAclArn, "wafv2WebAcl");
    if (props.webAclArn && !isToken(props.webAclArn) && !/:wafv2:us-east-1:\d{12}:global\/webacl\//.test(props.webAclArn)) {
      fail(this, "webAclArn", "must be a WAFv2 web ACL of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:<account>:global/webacl/...)", props.webAclArn);
    }
    checkProviderRegion(this, "usEast1Provider", props.usEast1Provider, "us-east-1", "CloudFront takes certificates, web ACLs and its metrics from us-east-1 only");
    if (props.usEast1Provider) return;
    const needs = [
      props.domain && !props.domain.certificateArn ? "a certificate for domain.names (or pass domain.certificateArn)" : undefined,
      props.webAcl ? "webAcl" : undefined,
      props.accessLogs ? "accessLogs" : undefined,
      props.alarms ? "alarms" : undefined,
    ].filter((n): n is string => n !== undefined);
    if (needs.length > 0) {
      fail(
        this,
        "usEast1Provider",
        `is required for ${needs.join(", ")}: CloudFront takes them from us-east-1 only; pass the stack's AwsProvider aliased to us-east-1`,
        undefined,
      );
    }
  }

  /** Only this distribution may read the bucket, and only through origin access control. */
  private allowDistributionRead(bucket: PrivateBucket): void {
    bucket.addToResourcePolicy({
      sid: "AllowCloudFrontRead",
      principal: { Service: "cloudfront.amazonaws.com" },
      actions: ["s3:GetObject"],
      resources: [`${bucket.bucketArn}/*`],
      conditions: { StringEquals: { "AWS:SourceArn": this.distribution.arn } },
    });
  }

  private createAliasRecords(names: readonly string[], zoneId: string): void {
    for (const name of names) {
      for (const type of ["A", "AAAA"] as const) {
        this.aliasRecords.push(
          new Route53Record(this, `Alias${type}${idOfName(name)}`, {
            zoneId,
            name,
            type,
            alias: { name: this.distribution.domainName, zoneId: this.distribution.hostedZoneId, evaluateTargetHealth: false },
          }),
        );
      }
    }
  }
}
