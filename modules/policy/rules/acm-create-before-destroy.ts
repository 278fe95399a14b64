import { block } from "../stack-index";
import { PRODUCTION_ERROR, defineRule } from "../types";

/** Replacing a certificate never leaves its listener or distribution without one. */
export const acmCreateBeforeDestroy = defineRule({
  id: "ACM-CREATE-BEFORE-DESTROY",
  cites: ["CKV_AWS_233"],
  description:
    "ACM certificates use lifecycle create_before_destroy, so a replacement (new domain, key algorithm) is issued and attached before the old one is deleted instead of failing or leaving HTTPS down. The library's certificates always are; the rule guards raw resources and overrides.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_acm_certificate"],
  check: (c) => (block(c.config.lifecycle)?.create_before_destroy === true ? undefined : "lifecycle.create_before_destroy is not true"),
  fix: "certificates requested by `WebService`/`CdnDistribution` prop `domain` and by `CloudFrontCertificate` always are; raw `AcmCertificate`: `lifecycle: { createBeforeDestroy: true }`",
});
