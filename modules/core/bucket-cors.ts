import { S3BucketCorsConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration";
import { Construct, IConstruct } from "constructs";
import { checkIntegerRange, checkOneOf, checkPattern, fail } from "../internal/validate";

/** A CORS allowed origin: `*`, or `http(s)://host[:port]` with at most one `*` wildcard, no path or trailing slash. */
export function checkCorsOrigin(scope: IConstruct, prop: string, value: string): void {
  if (value === "*") return;
  checkPattern(
    scope,
    prop,
    value,
    /^https?:\/\/(?!.*\*.*\*)[A-Za-z0-9*.-]+(:\d{1,5})?$/,
    "must be * or an origin such as https://app.example.com (scheme and host, optional port, at most one *, no path or trailing slash)",
  );
  // Browsers send Origin without the scheme's default port (RFC 6454 serialization), and S3
  // compares the strings: https://x:443 would never match a request, so CORS would silently fail.
  if (typeof value === "string" && /^(https:\/\/[^/]+:443|http:\/\/[^/]+:80)$/.test(value)) {
    fail(
      scope,
      prop,
      `must not name the scheme's default port: browsers send ${value.replace(/:(443|80)$/, "")} as the Origin, which S3 would not match`,
      value,
    );
  }
}

/** One CORS rule of a bucket, for browser uploads with presigned URLs. */
export interface BucketCorsRule {
  /** Origins allowed, e.g. `["https://app.example.com"]`, or `["*"]`. */
  readonly allowedOrigins: readonly string[];
  /**
   * Methods allowed.
   * @default ["GET", "HEAD", "PUT", "POST"]
   */
  readonly allowedMethods?: readonly ("GET" | "HEAD" | "PUT" | "POST" | "DELETE")[];
  /**
   * Request headers allowed in the preflight.
   * @default ["*"]
   */
  readonly allowedHeaders?: readonly string[];
  /**
   * Response headers the browser may read.
   * @default ["ETag"] (multipart uploads need it)
   */
  readonly exposeHeaders?: readonly string[];
  /**
   * Seconds a browser caches the preflight response (0 or more).
   * @default 3000
   */
  readonly maxAgeSeconds?: number;
}

/**
 * The CORS configuration of a bucket, checked against S3's rules (origins with a scheme and at
 * most one `*`, the five methods S3 accepts; see the S3 CORS configuration reference).
 * Undefined when there are no rules.
 */
export function bucketCorsConfiguration(
  scope: Construct,
  id: string,
  bucketId: string,
  rules: readonly BucketCorsRule[],
  prop = "corsRules",
): S3BucketCorsConfiguration | undefined {
  if (rules.length === 0) return undefined;
  rules.forEach((rule, i) => {
    if (rule.allowedOrigins.length === 0) fail(scope, `${prop}[${i}].allowedOrigins`, "must list at least one origin", rule.allowedOrigins);
    rule.allowedOrigins.forEach((o, j) => checkCorsOrigin(scope, `${prop}[${i}].allowedOrigins[${j}]`, o));
    (rule.allowedMethods ?? []).forEach((m, j) =>
      checkOneOf(scope, `${prop}[${i}].allowedMethods[${j}]`, m, ["GET", "HEAD", "PUT", "POST", "DELETE"]),
    );
    // S3 takes any non-negative MaxAgeSeconds (browsers cap what they honour).
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CORSRule.html
    checkIntegerRange(scope, `${prop}[${i}].maxAgeSeconds`, rule.maxAgeSeconds, 0, 2_147_483_647);
  });
  return new S3BucketCorsConfiguration(scope, id, {
    bucket: bucketId,
    corsRule: rules.map((rule) => ({
      allowedOrigins: [...rule.allowedOrigins],
      allowedMethods: [...(rule.allowedMethods ?? ["GET", "HEAD", "PUT", "POST"])],
      allowedHeaders: [...(rule.allowedHeaders ?? ["*"])],
      exposeHeaders: [...(rule.exposeHeaders ?? ["ETag"])],
      maxAgeSeconds: rule.maxAgeSeconds ?? 3000,
    })),
  });
}
