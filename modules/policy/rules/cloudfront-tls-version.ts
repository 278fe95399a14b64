import { block } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** Viewer security policies at least as strict as TLSv1.2_2021. */
export const MODERN_VIEWER_POLICIES = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

/** With a custom certificate, viewers must use TLS 1.2 (2021 ciphers) or newer. */
export const cloudfrontTlsVersion = defineRule({
  id: "CLOUDFRONT-TLS-VERSION",
  cites: ["FSBP CloudFront.15", "CKV_AWS_174", "AVD-AWS-0013"],
  description:
    "A CloudFront distribution with a custom certificate uses minimum_protocol_version TLSv1.2_2021 or newer and SNI. (With the default *.cloudfront.net certificate the policy cannot be chosen.) `CdnDistribution` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_cloudfront_distribution"],
  check: (d) => {
    const cert = block(d.config.viewer_certificate) ?? {};
    if (!cert.acm_certificate_arn && !cert.iam_certificate_id) return undefined;
    const problems: string[] = [];
    if (!MODERN_VIEWER_POLICIES.includes(cert.minimum_protocol_version)) {
      problems.push(`viewer_certificate.minimum_protocol_version is ${cert.minimum_protocol_version ?? "unset (TLSv1)"}`);
    }
    if (cert.ssl_support_method !== "sni-only")
      problems.push(`viewer_certificate.ssl_support_method is ${cert.ssl_support_method ?? "unset"}, not sni-only`);
    return problems;
  },
  fix: '`CdnDistribution` prop `domain` always serves TLSv1.2_2021 with SNI; raw `CloudfrontDistribution`: `viewerCertificate { acmCertificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }`',
});
