import { block, blocks, isUnknown } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

const OLD_PROTOCOLS = ["SSLv3", "TLSv1", "TLSv1.1"];

/** CloudFront talks to custom (app) origins over HTTPS with TLS 1.2. */
export const cloudfrontOriginHttps = defineRule({
  id: "CLOUDFRONT-ORIGIN-HTTPS",
  cites: ["FSBP CloudFront.9", "FSBP CloudFront.10", "CKV2_AWS_54"],
  description: "Every custom origin (the app's load balancer or App Runner URL) uses origin_protocol_policy https-only and TLSv1.2 only.",
  severity: ALWAYS,
  resourceTypes: ["aws_cloudfront_distribution"],
  check: (d) =>
    blocks(d.config.origin).flatMap((o: any) => {
      const custom = block(o.custom_origin_config);
      if (!custom) return [];
      const problems: { subject: string; message: string }[] = [];
      const subject = String(o.origin_id);
      const policy = custom.origin_protocol_policy;
      if (policy !== "https-only" && !isUnknown(policy))
        problems.push({ subject, message: `origin ${o.origin_id} has origin_protocol_policy ${policy}` });
      // A list known only at apply is a single token string: blocks() reads it as one unknown entry.
      const old = blocks(custom.origin_ssl_protocols).filter((p) => OLD_PROTOCOLS.includes(p));
      if (old.length > 0) problems.push({ subject, message: `origin ${o.origin_id} allows ${old.join(", ")}` });
      return problems;
    }),
  fix: 'give the app origin a certificate and keep `CdnDistribution` prop `appOrigin` with `protocol` "https-only" (the default when `originHasCertificate`); raw `CloudfrontDistribution`: `customOriginConfig { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] }`',
});
