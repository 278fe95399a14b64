/**
 * IDs of AWS-managed CloudFront policies. They are the same in every account and never change,
 * so they are constants rather than `aws_cloudfront_cache_policy` data sources (one lookup less
 * per plan, and tests need no AWS). Source: the CloudFront Developer Guide, "Use managed cache
 * policies" and "Use managed origin request policies".
 */

/** Managed-CachingOptimized: long TTLs, no cookies/query strings/headers in the key, gzip + brotli. */
export const CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6";

/** Managed-CachingDisabled: TTL 0, for dynamic responses. */
export const CACHING_DISABLED_POLICY_ID = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

/**
 * Managed-AllViewerExceptHostHeader: forwards every viewer header, cookie and query string except
 * `Host`, so a load balancer or App Runner origin sees its own host name (App Runner and TLS to an
 * ALB certificate both require that).
 */
export const ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

/**
 * Managed-AllViewer: forwards every viewer header (the viewer's `Host` too), cookie and query
 * string. For an origin reached over HTTP, where no certificate must match the host name.
 */
export const ALL_VIEWER_POLICY_ID = "216adef6-5c7f-47e4-b989-5492eafa07d3";

/** CloudFront accepts ACM certificates from this region only; WAF web ACLs of scope CLOUDFRONT live here too. */
export const CLOUDFRONT_REGION = "us-east-1";

/** The price classes CloudFront accepts. */
export const PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;

/** A CloudFront price class: which edge locations serve viewers. */
export type PriceClass = (typeof PRICE_CLASSES)[number];
