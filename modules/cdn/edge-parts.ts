import { TerraformProvider } from "cdktf";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";
import { AlarmTopics } from "../core/alarm-topics";
import { PrivateBucket } from "../core/private-bucket";
import { metricAlarm } from "../internal/alarms";
import { checkResourceArn } from "../internal/arns";
import { checkProviderRegion } from "../internal/aws-context";
import {
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
import { checkAliasName, checkCloudFrontCertificateArn, checkInCloudFrontRegion, idOfName } from "./cdn-checks";
import { CloudFrontAccessLogs } from "./cloudfront-access-logs";
import { CloudFrontCertificate } from "./cloudfront-certificate";
import { CloudFrontWebAcl } from "./cloudfront-web-acl";
import { PRICE_CLASSES, PriceClass } from "./managed-policies";
import { SecurityHeadersPolicy } from "./security-headers-policy";

/** Public names of a distribution. */
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
   * Create the A and AAAA alias records in `hostedZoneId`, which move users to the distribution.
   * Set false for the first apply of a two-phase go-live: the distribution, its aliases and
   * certificate (with its validation records) are created and can be checked on the
   * `*.cloudfront.net` name (`go-live-check`) while the names still point where they did; then
   * set true (or remove it) and apply again.
   * @default true
   */
  readonly aliasRecords?: boolean;
  /**
   * An existing ACM certificate in us-east-1 covering every name.
   * @default - a DNS-validated certificate created in us-east-1 (needs `hostedZoneId` and `usEast1Provider`)
   */
  readonly certificateArn?: string;
}

/**
 * What every distribution of this module offers viewers, whatever its origins: names and
 * certificate, price class, security headers, WAF, access logs and the error-rate alarm
 * (`CdnDistribution` in front of an app, `BucketDistribution` in front of a bucket alone).
 */
export interface EdgeOptions {
  readonly name: string;
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
   * Edge locations used: `PriceClass_100` (North America, Europe), `PriceClass_200` (+ Asia, Middle East, Africa), `PriceClass_All`.
   * @default "PriceClass_100"
   */
  readonly priceClass?: PriceClass;
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
   * Let `terraform destroy` delete the buckets created here (assets, access logs) while they hold objects.
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
  /** Extra tags on taggable resources. @default {} */
  readonly tags?: Record<string, string>;
}

/** The viewer-side resources created before the distribution. */
export interface ViewerParts {
  readonly responseHeadersPolicy: SecurityHeadersPolicy;
  readonly certificate?: CloudFrontCertificate;
  readonly webAcl?: CloudFrontWebAcl;
  /** Distribution settings that follow from the options: aliases, price class, WAF, certificate, protocols. */
  readonly settings: {
    readonly aliases?: string[];
    readonly priceClass: PriceClass;
    readonly httpVersion: string;
    readonly isIpv6Enabled: boolean;
    readonly webAclId?: string;
    readonly restrictions: { readonly geoRestriction: { readonly restrictionType: string } };
    readonly viewerCertificate: {
      readonly acmCertificateArn?: string;
      readonly sslSupportMethod?: string;
      readonly minimumProtocolVersion?: string;
      readonly cloudfrontDefaultCertificate?: boolean;
    };
    readonly tags?: Record<string, string>;
  };
}

/**
 * Check the shared options (name, price class, domain, what needs the us-east-1 provider, WAF,
 * logs, alarm), then create the security headers policy, the certificate and the web ACL under
 * `scope` with the construct ids every distribution of this module uses.
 */
export function createViewerParts(scope: Construct, props: EdgeOptions): ViewerParts {
  checkTags(scope, "tags", props.tags);
  checkPattern(
    scope,
    "name",
    props.name,
    /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
    "must be 1-40 lower-case letters, digits and hyphens (the <project>-<environment> base)",
  );
  const priceClass = props.priceClass ?? "PriceClass_100";
  checkOneOf(scope, "priceClass", priceClass, PRICE_CLASSES);
  checkDomain(scope, props);
  checkNeedsProvider(scope, props);
  checkIntegerRange(scope, "accessLogsRetentionDays", props.accessLogsRetentionDays ?? 90, 1, 36_500);
  checkIntegerRange(scope, "webAclRateLimitPerFiveMinutes", props.webAclRateLimitPerFiveMinutes, 10, 2_000_000_000);
  checkLogRetention(scope, "webAclLogRetentionDays", props.webAclLogRetentionDays);
  checkKmsKeyArn(scope, "logsKmsKeyArn", props.logsKmsKeyArn, "CloudWatch Logs encrypts with key ARNs only");
  checkInCloudFrontRegion(
    scope,
    "logsKmsKeyArn",
    props.logsKmsKeyArn,
    "the WAF log group is in us-east-1 and CloudWatch Logs uses keys of its own region only",
  );
  checkAlarms(scope, props.alarms, props.errorRateAlarmThresholdPercent ?? 5);

  const responseHeadersPolicy = new SecurityHeadersPolicy(scope, "SecurityHeaders", {
    name: `${props.name}-security-headers`,
    hstsMaxAgeSeconds: props.hstsMaxAgeSeconds,
    hstsPreload: props.hstsPreload,
    frameOptions: props.frameOptions,
    contentSecurityPolicy: props.contentSecurityPolicy,
  });
  const domain = props.domain;
  const certificate =
    domain && !domain.certificateArn
      ? new CloudFrontCertificate(scope, "Certificate", {
          names: domain.names,
          hostedZoneId: domain.hostedZoneId!,
          usEast1Provider: props.usEast1Provider!,
          tags: props.tags,
        })
      : undefined;
  const certificateArn = domain?.certificateArn ?? certificate?.certificateArn;
  const webAcl = props.webAcl
    ? new CloudFrontWebAcl(scope, "WebAcl", {
        name: `${props.name}-cdn`,
        usEast1Provider: props.usEast1Provider!,
        rateLimitPerFiveMinutes: props.webAclRateLimitPerFiveMinutes,
        logging: props.webAclLogging,
        logRetentionDays: props.webAclLogRetentionDays,
        logsKmsKeyArn: props.logsKmsKeyArn,
        tags: props.tags,
      })
    : undefined;
  return {
    responseHeadersPolicy,
    certificate,
    webAcl,
    settings: {
      aliases: domain ? [...domain.names] : undefined,
      priceClass,
      httpVersion: "http2and3",
      isIpv6Enabled: true,
      webAclId: webAcl?.webAclArn ?? props.webAclArn,
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: certificateArn
        ? { acmCertificateArn: certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }
        : { cloudfrontDefaultCertificate: true },
      tags: props.tags,
    },
  };
}

/**
 * What every distribution of this module shares, in one place: the viewer-side parts created
 * before the distribution (security headers, certificate, web ACL) and those created after it
 * (alias records, access logs, the alarm), with the public attributes that expose them. A
 * subclass builds its origins and behaviors, creates `distribution` with {@link viewerSettings},
 * then calls {@link finish}.
 */
export abstract class EdgeDistribution extends Construct {
  /** The distribution. */
  public abstract readonly distribution: CloudfrontDistribution;
  /** The security headers on every behavior. */
  public readonly responseHeadersPolicy: SecurityHeadersPolicy;
  /** The certificate, when created here. */
  public readonly certificate?: CloudFrontCertificate;
  /** The web ACL, when created here. */
  public readonly webAcl?: CloudFrontWebAcl;
  /** Distribution settings that follow from the options (aliases, price class, WAF, certificate, protocols). */
  protected readonly viewerSettings: ViewerParts["settings"];
  private finished?: EdgeFinish;
  /** The first non-wildcard alias, when there is one. */
  private readonly primaryName?: string;

  protected constructor(scope: Construct, id: string, props: EdgeOptions) {
    super(scope, id);
    const viewer = createViewerParts(this, props);
    this.responseHeadersPolicy = viewer.responseHeadersPolicy;
    this.certificate = viewer.certificate;
    this.webAcl = viewer.webAcl;
    this.viewerSettings = viewer.settings;
    this.primaryName = props.domain?.names.find((n) => !n.startsWith("*."));
  }

  /** The distribution's `*.cloudfront.net` name. */
  public get domainName(): string {
    return this.distribution.domainName;
  }

  /** `https://` + the first non-wildcard alias, else the `*.cloudfront.net` name: what users (and AUTH_URL) use. */
  public get url(): string {
    return `https://${this.primaryName ?? this.distribution.domainName}`;
  }

  /** Distribution id (e.g. for cache invalidations in CI). */
  public get distributionId(): string {
    return this.distribution.id;
  }

  /** Distribution ARN. */
  public get distributionArn(): string {
    return this.distribution.arn;
  }

  /** The Route 53 alias records (A and AAAA per name), when a hosted zone is given. */
  public get aliasRecords(): readonly Route53Record[] {
    return this.finished?.aliasRecords ?? [];
  }

  /** The access log bucket, when `accessLogs`. */
  public get logBucket(): PrivateBucket | undefined {
    return this.finished?.logBucket;
  }

  /** The standard logging v2 delivery, when `accessLogs`. */
  public get accessLogDelivery(): CloudFrontAccessLogs | undefined {
    return this.finished?.accessLogDelivery;
  }

  /** The alarms (5xx error rate, in us-east-1), when `alarms` is given; otherwise empty. */
  public get alarms(): readonly CloudwatchMetricAlarm[] {
    return this.finished?.alarms ?? [];
  }

  /** Alias records, access logs and the alarm of `distribution`: call once, after creating it. */
  protected finish(distribution: CloudfrontDistribution, props: EdgeOptions): void {
    this.finished = finishEdge(this, distribution, props);
  }
}

/** The resources created after the distribution: alias records, access logs, the alarm. */
export interface EdgeFinish {
  readonly aliasRecords: Route53Record[];
  readonly logBucket?: PrivateBucket;
  readonly accessLogDelivery?: CloudFrontAccessLogs;
  readonly alarms: readonly CloudwatchMetricAlarm[];
}

/** Alias records in the hosted zone, access logs to a private bucket, the 5xx error-rate alarm. */
export function finishEdge(scope: Construct, distribution: CloudfrontDistribution, props: EdgeOptions): EdgeFinish {
  const domain = props.domain;
  const aliasRecords =
    domain?.hostedZoneId && (domain.aliasRecords ?? true) ? createAliasRecords(scope, distribution, domain.names, domain.hostedZoneId) : [];
  let logBucket: PrivateBucket | undefined;
  let accessLogDelivery: CloudFrontAccessLogs | undefined;
  if (props.accessLogs) {
    logBucket = new PrivateBucket(scope, "AccessLogBucket", {
      bucketName: props.accessLogsBucketName ?? `${props.name}-cdn-logs`,
      // Logs are kept accessLogsRetentionDays; versioning guards them against overwrite and deletion.
      expirationDays: props.accessLogsRetentionDays ?? 90,
      noncurrentVersionExpirationDays: 7,
      forceDestroy: props.forceDestroyBuckets,
      tags: props.tags,
    });
    accessLogDelivery = new CloudFrontAccessLogs(scope, "AccessLogs", {
      name: `${props.name}-cdn`,
      distributionArn: distribution.arn,
      bucket: logBucket,
      usEast1Provider: props.usEast1Provider!,
      tags: props.tags,
    });
  }
  const alarms = props.alarms
    ? [errorRateAlarm(scope, distribution, props.name, props.alarms, props.errorRateAlarmThresholdPercent ?? 5, props.usEast1Provider!)]
    : [];
  return { aliasRecords, logBucket, accessLogDelivery, alarms };
}

/** Only this distribution may read the bucket, and only through origin access control. */
export function allowDistributionRead(bucket: PrivateBucket, distributionArn: string): void {
  bucket.addToResourcePolicy({
    sid: "AllowCloudFrontRead",
    principal: { Service: "cloudfront.amazonaws.com" },
    actions: ["s3:GetObject"],
    resources: [`${bucket.bucketArn}/*`],
    conditions: { StringEquals: { "AWS:SourceArn": distributionArn } },
  });
}

/** Aliases need a certificate: an existing us-east-1 one, or a zone to validate a new one in. */
function checkDomain(scope: Construct, props: EdgeOptions): void {
  const domain = props.domain;
  if (!domain) return;
  if (domain.names.length === 0)
    fail(scope, "domain.names", "must list at least one alias (omit `domain` for the default CloudFront certificate)", domain.names);
  domain.names.forEach((n, i) => checkAliasName(scope, `domain.names[${i}]`, n));
  checkUnique(scope, "domain.names", domain.names);
  checkCloudFrontCertificateArn(scope, "domain.certificateArn", domain.certificateArn);
  if (!domain.certificateArn && !domain.hostedZoneId) {
    fail(
      scope,
      "domain",
      "needs a certificate for its aliases: give domain.certificateArn (an ACM certificate in us-east-1) or domain.hostedZoneId (to create a DNS-validated one)",
      domain.names,
    );
  }
  checkPattern(
    scope,
    "domain.hostedZoneId",
    domain.hostedZoneId,
    /^Z[A-Z0-9]{1,31}$/,
    "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ",
  );
}

/**
 * CloudFront's 5xx error rate (percent of all requests, the `Region=Global` series) above the
 * threshold for 5 consecutive minutes. No requests means no data: not breaching.
 */
function errorRateAlarm(
  scope: Construct,
  distribution: CloudfrontDistribution,
  name: string,
  topics: AlarmTopics,
  threshold: number,
  usEast1Provider: TerraformProvider,
): CloudwatchMetricAlarm {
  const alarm = metricAlarm(scope, "ErrorRateAlarm", name, {
    purpose: "cdn-5xx-rate",
    description: `${name}: CloudFront 5xx error rate above ${threshold} % for 5 minutes`,
    namespace: "AWS/CloudFront",
    metricName: "5xxErrorRate",
    dimensions: { DistributionId: distribution.id, Region: "Global" },
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
function checkAlarms(scope: Construct, alarms: AlarmTopics | undefined, threshold: number): void {
  checkNumber(scope, "errorRateAlarmThresholdPercent", threshold);
  if (!isToken(threshold) && (threshold <= 0 || threshold > 100)) {
    fail(scope, "errorRateAlarmThresholdPercent", "must be above 0 and at most 100 (a percentage of requests)", threshold);
  }
  if (!alarms) return;
  checkResourceArn(scope, "alarms.criticalTopicArn", alarms.criticalTopicArn, "snsTopic");
  checkInCloudFrontRegion(
    scope,
    "alarms.criticalTopicArn",
    alarms.criticalTopicArn,
    "the CDN alarm lives in us-east-1 with CloudFront's metrics, and CloudWatch notifies only topics of the alarm's region",
  );
}

/** Everything created in us-east-1 goes through the provider the stack passes in. */
function checkNeedsProvider(scope: Construct, props: EdgeOptions): void {
  if (props.webAcl && props.webAclArn) {
    fail(
      scope,
      "webAclArn",
      "must not be given together with webAcl: true (attach an existing web ACL or create one, not both)",
      props.webAclArn,
    );
  }
  checkResourceArn(scope, "webAclArn", props.webAclArn, "wafv2WebAcl");
  if (props.webAclArn && !isToken(props.webAclArn) && !/:wafv2:us-east-1:\d{12}:global\/webacl\//.test(props.webAclArn)) {
    fail(
      scope,
      "webAclArn",
      "must be a WAFv2 web ACL of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:<account>:global/webacl/...)",
      props.webAclArn,
    );
  }
  checkProviderRegion(
    scope,
    "usEast1Provider",
    props.usEast1Provider,
    "us-east-1",
    "CloudFront takes certificates, web ACLs and its metrics from us-east-1 only",
  );
  if (props.usEast1Provider) return;
  const needs = [
    props.domain && !props.domain.certificateArn ? "a certificate for domain.names (or pass domain.certificateArn)" : undefined,
    props.webAcl ? "webAcl" : undefined,
    props.accessLogs ? "accessLogs" : undefined,
    props.alarms ? "alarms" : undefined,
  ].filter((n): n is string => n !== undefined);
  if (needs.length > 0) {
    fail(
      scope,
      "usEast1Provider",
      `is required for ${needs.join(", ")}: CloudFront takes them from us-east-1 only; pass the stack's AwsProvider aliased to us-east-1`,
      undefined,
    );
  }
}

function createAliasRecords(
  scope: Construct,
  distribution: CloudfrontDistribution,
  names: readonly string[],
  zoneId: string,
): Route53Record[] {
  return names.flatMap((name) =>
    (["A", "AAAA"] as const).map(
      (type) =>
        new Route53Record(scope, `Alias${type}${idOfName(name)}`, {
          zoneId,
          name,
          type,
          alias: { name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false },
        }),
    ),
  );
}
