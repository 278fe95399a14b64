import { block } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** Certificates are published to Certificate Transparency logs. */
export const acmTransparencyLogging = defineRule({
  id: "ACM-TRANSPARENCY-LOGGING",
  cites: ["CKV_AWS_234"],
  description:
    "ACM certificates keep Certificate Transparency logging enabled (the default): browsers reject certificates missing from CT logs, and CT is how a mis-issued certificate for our domain gets noticed. The library's certificates never disable it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_acm_certificate"],
  check: (c) =>
    block(c.config.options)?.certificate_transparency_logging_preference === "DISABLED"
      ? "options.certificate_transparency_logging_preference is DISABLED"
      : undefined,
  fix: "certificates requested by `WebService`/`CdnDistribution` prop `domain` keep it; raw `AcmCertificate`: remove `options.certificateTransparencyLoggingPreference` (or set it to ENABLED)",
});
