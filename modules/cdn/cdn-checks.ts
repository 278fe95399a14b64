import { IConstruct } from "constructs";
import { pascalCase } from "../internal/naming";
import { ORIGIN_SHIELD_REGIONS } from "../internal/aws-facts";
import { checkRegionOffers } from "../internal/region-checks";
import { DOMAIN_PATTERN, REGION_PATTERN, checkPattern, fail, isToken } from "../internal/validate";
import { CLOUDFRONT_REGION } from "./managed-policies";

/**
 * Synth-time checks specific to CloudFront. Not exported from the package: the constructs call them.
 */

/** A CloudFront alias: a lower-case DNS name, optionally with a leading `*.` wildcard label. */
export function checkAliasName(scope: IConstruct, prop: string, value: string): void {
  if (isToken(value)) return;
  const host = value.startsWith("*.") ? value.slice(2) : value;
  if (!DOMAIN_PATTERN.test(host)) {
    fail(scope, prop, "must be a lower-case DNS name such as app.example.com or *.example.com (no scheme, path or trailing dot)", value);
  }
}

/** An origin host name: no scheme, no path, no port (case-insensitive, as ELB DNS names keep the LB name's case). */
export function checkOriginDomain(scope: IConstruct, prop: string, value: string): void {
  // A partly-known value still shows a literal scheme or path, e.g. `https://${service.url}`.
  if (isToken(value)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      fail(
        scope,
        prop,
        "must be a host name without a scheme (pass the bare domain, e.g. appRunner.service.serviceUrl, not the https:// URL)",
        value,
      );
    }
    return;
  }
  if (!DOMAIN_PATTERN.test(value.toLowerCase())) {
    fail(scope, prop, "must be a host name such as my-alb-123.us-east-1.elb.amazonaws.com (no https://, path or port)", value);
  }
}

/** A certificate ARN that CloudFront accepts: ACM, in us-east-1. */
export function checkCloudFrontCertificateArn(scope: IConstruct, prop: string, value: string | undefined): void {
  if (value === undefined || isToken(value)) return;
  const match = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/.exec(value);
  if (!match) fail(scope, prop, `must be an ACM certificate ARN (arn:aws:acm:${CLOUDFRONT_REGION}:<account>:certificate/<id>)`, value);
  if (match[1] !== CLOUDFRONT_REGION) {
    fail(
      scope,
      prop,
      `must be a certificate in ${CLOUDFRONT_REGION} (CloudFront accepts no other region; request or import it there), not in ${match[1]}`,
      value,
    );
  }
}

/**
 * An ARN that must be in us-east-1 (`why` says which AWS rule requires it). ARNs of other
 * shapes are left to the caller's format check; references known only at apply are skipped.
 */
export function checkInCloudFrontRegion(scope: IConstruct, prop: string, value: string | undefined, why: string): void {
  if (value === undefined || isToken(value)) return;
  const region = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):/.exec(value)?.[1];
  if (region !== undefined && region !== CLOUDFRONT_REGION) {
    fail(scope, prop, `must be in ${CLOUDFRONT_REGION} (${why}), not in ${region || "no region"}`, value);
  }
}

/** Characters CloudFront accepts in a cache behavior path pattern (max 255). */
const PATH_PATTERN = /^[A-Za-z0-9_\-.*$/~"'@:+&]{1,255}$/;

/** A cache behavior path pattern such as `/images/*`; `*` and `/*` are refused (that is the default behavior). */
export function checkPathPattern(scope: IConstruct, prop: string, value: string): void {
  checkPattern(
    scope,
    prop,
    value,
    PATH_PATTERN,
    "must be a CloudFront path pattern of 1-255 characters A-Z a-z 0-9 _-.*$/~\"'@:+& such as /images/*",
  );
  if (value === "*" || value === "/*")
    fail(scope, prop, "must not match every path (that is the default behavior, served by the app)", value);
}

/** Headers CloudFront refuses as origin custom headers (CloudFront Developer Guide, "Add custom headers to origin requests"). */
const RESERVED_ORIGIN_HEADERS = new Set([
  "cache-control",
  "connection",
  "content-length",
  "cookie",
  "host",
  "if-match",
  "if-modified-since",
  "if-none-match",
  "if-range",
  "if-unmodified-since",
  "max-forwards",
  "pragma",
  "proxy-authorization",
  "proxy-connection",
  "range",
  "request-range",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "via",
  "x-real-ip",
]);

/** An origin custom header name: an HTTP token that CloudFront lets you add. */
export function checkOriginHeaderName(scope: IConstruct, prop: string, name: string): void {
  if (isToken(name)) return;
  const lower = name.toLowerCase();
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/.test(name)) fail(scope, prop, "must be an HTTP header name (letters, digits, hyphens)", name);
  if (RESERVED_ORIGIN_HEADERS.has(lower) || lower.startsWith("x-amz-") || lower.startsWith("x-edge-")) {
    fail(
      scope,
      prop,
      "must not be a header CloudFront sets itself (Host, Cookie, Via, X-Amz-*, X-Edge-*, ...); use e.g. X-Origin-Verify",
      name,
    );
  }
}

/** PascalCase of a DNS name for construct ids: `*.app.example.com` → `WildcardAppExampleCom`. */
export function idOfName(name: string): string {
  return pascalCase(name.replace(/^\*\./, "wildcard."));
}

/**
 * An Origin Shield region: a region code CloudFront offers Origin Shield in ("Choosing the AWS Region
 * for Origin Shield", CloudFront Developer Guide); any other region fails at apply.
 */
export function checkOriginShieldRegion(scope: IConstruct, region: string | undefined): void {
  checkPattern(scope, "originShieldRegion", region, REGION_PATTERN, "must be an AWS region code such as us-east-1");
  checkRegionOffers(scope, "originShieldRegion", region, ORIGIN_SHIELD_REGIONS, "CloudFront Origin Shield", "originShield");
}
