import { block } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** SES delivers mail only over TLS. */
export const sesRequireTls = defineRule({
  id: "SES-REQUIRE-TLS",
  cites: ["CKV_AWS_365"],
  description:
    "SES configuration sets require TLS to receiving mail servers (tls_policy REQUIRE); messages are not sent in clear text. `EmailDomain` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_sesv2_configuration_set", "aws_ses_configuration_set"],
  check: (c) => {
    const policy = block(c.config.delivery_options)?.tls_policy;
    return String(policy ?? "").toUpperCase() === "REQUIRE" ? undefined : `delivery_options.tls_policy is ${policy ?? "unset (OPTIONAL)"}`;
  },
  fix: '`EmailDomain` always requires TLS in its configuration set; raw `Sesv2ConfigurationSet`: `deliveryOptions: { tlsPolicy: "REQUIRE" }` (SES v1: "Require")',
});
