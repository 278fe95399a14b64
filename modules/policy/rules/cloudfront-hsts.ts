import { block, isUnknown } from "../stack-index";
import { PRODUCTION_ERROR, defineRule } from "../types";

/** One year, the minimum max-age scanners and the HSTS preload list accept. */
export const HSTS_MIN_MAX_AGE_SECONDS = 31_536_000;

/** Response headers policies send a strong Strict-Transport-Security header. */
export const cloudfrontHsts = defineRule({
  id: "CLOUDFRONT-HSTS",
  cites: ["CKV_AWS_259"],
  description: `CloudFront response headers policies set Strict-Transport-Security with override, max-age of at least ${HSTS_MIN_MAX_AGE_SECONDS} s (1 year) and includeSubDomains, so browsers never fall back to HTTP. (preload: see the table of checks that do not fit.) \`SecurityHeadersPolicy\` refuses less than a year; the rule guards raw resources and overrides.`,
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_cloudfront_response_headers_policy"],
  check: (p) => {
    const sts = block(block(p.config.security_headers_config)?.strict_transport_security);
    if (!sts) return "security_headers_config has no strict_transport_security";
    const problems: string[] = [];
    const maxAge = Number(sts.access_control_max_age_sec);
    if (!isUnknown(sts.access_control_max_age_sec) && !(maxAge >= HSTS_MIN_MAX_AGE_SECONDS))
      problems.push(`access_control_max_age_sec is ${sts.access_control_max_age_sec ?? "unset"}, below ${HSTS_MIN_MAX_AGE_SECONDS}`);
    if (sts.include_subdomains !== true) problems.push("strict_transport_security.include_subdomains is not true");
    if (sts.override !== true) problems.push("strict_transport_security.override is not true: the origin's header wins");
    return problems;
  },
  fix: "set `CdnDistribution`/`SecurityHeadersPolicy` prop `hstsMaxAgeSeconds` (at least 31536000; includeSubDomains and override are always on); raw `CloudfrontResponseHeadersPolicy`: `securityHeadersConfig.strictTransportSecurity { accessControlMaxAgeSec: 31536000 or more, includeSubdomains: true, override: true }`",
});
