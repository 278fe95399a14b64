import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { Construct } from "constructs";
import { checkIntegerRange, checkMaxLength, checkOneOf, checkPattern } from "../internal/validate";

/** One year: the HSTS minimum for browser preload lists and for this library. */
export const MIN_HSTS_MAX_AGE_SECONDS = 31_536_000;

/** Props for {@link SecurityHeadersPolicy}. */
export interface SecurityHeadersPolicyProps {
  /** Policy name, unique in the account (1-128 letters, digits, `-`, `_`). */
  readonly name: string;
  /**
   * `Strict-Transport-Security: max-age`, seconds; at least one year. `includeSubDomains` is always set.
   * @default 63072000 (two years)
   */
  readonly hstsMaxAgeSeconds?: number;
  /**
   * Add `preload` to HSTS. Only once every subdomain serves HTTPS: preload lists are slow to leave.
   * @default false
   */
  readonly hstsPreload?: boolean;
  /**
   * `X-Frame-Options` (and the matching CSP `frame-ancestors` of the default policy).
   * @default "DENY"
   */
  readonly frameOptions?: "DENY" | "SAMEORIGIN";
  /**
   * `Content-Security-Policy`, sent when the app sends none (the app's own header, e.g. a
   * nonce-based one from Next.js middleware, wins). At most 1783 characters.
   * @default - `base-uri 'self'; object-src 'none'; frame-ancestors 'none'; upgrade-insecure-requests`
   *   (`'self'` with SAMEORIGIN): guards that restrict no script, so a Next.js app keeps working
   */
  readonly contentSecurityPolicy?: string;
}

/**
 * A CloudFront response headers policy with the usual security headers: HSTS with
 * subdomains, `X-Content-Type-Options: nosniff`, `X-Frame-Options`, `Referrer-Policy:
 * strict-origin-when-cross-origin`, and a CSP. All but the CSP override what the origin sends.
 */
export class SecurityHeadersPolicy extends Construct {
  /** The response headers policy. */
  public readonly policy: CloudfrontResponseHeadersPolicy;
  /** Policy id, for cache behaviors. */
  public readonly policyId: string;

  public constructor(scope: Construct, id: string, props: SecurityHeadersPolicyProps) {
    super(scope, id);
    const maxAge = props.hstsMaxAgeSeconds ?? 63_072_000;
    const frameOption = props.frameOptions ?? "DENY";
    const csp =
      props.contentSecurityPolicy ??
      `base-uri 'self'; object-src 'none'; frame-ancestors ${frameOption === "DENY" ? "'none'" : "'self'"}; upgrade-insecure-requests`;
    checkPattern(
      this,
      "name",
      props.name,
      /^[\w-]{1,128}$/,
      "must be 1-128 letters, digits, hyphens and underscores (a response headers policy name)",
    );
    checkIntegerRange(this, "hstsMaxAgeSeconds", maxAge, MIN_HSTS_MAX_AGE_SECONDS, 2_147_483_647);
    checkOneOf(this, "frameOptions", frameOption, ["DENY", "SAMEORIGIN"]);
    checkPattern(this, "contentSecurityPolicy", csp, /\S/, "must not be empty");
    checkMaxLength(this, "contentSecurityPolicy", csp, 1783);

    this.policy = new CloudfrontResponseHeadersPolicy(this, "Policy", {
      name: props.name,
      comment: "Security headers: HSTS, nosniff, frame options, referrer policy, CSP",
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: maxAge,
          includeSubdomains: true,
          preload: props.hstsPreload ?? false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption, override: true },
        referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: false },
      },
    });
    this.policyId = this.policy.id;
  }
}
