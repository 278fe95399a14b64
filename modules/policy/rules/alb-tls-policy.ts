import { LISTENER_TYPES } from "../network";
import { ALWAYS, defineRule } from "../types";

/** Security policies that offer TLS 1.3 and no protocol below TLS 1.2. */
export const TLS13_POLICY = /^ELBSecurityPolicy-TLS13-1-[23]-/;

/** HTTPS listeners use a TLS 1.3 security policy. */
export const albTlsPolicy = defineRule({
  id: "ALB-TLS13-POLICY",
  cites: ["FSBP ELB.17", "CKV_AWS_103", "CKV2_AWS_74", "AVD-AWS-0047"],
  description:
    "HTTPS and TLS listeners use an ELBSecurityPolicy-TLS13-1-2-* (or 1-3) policy: TLS 1.3 offered, nothing older than TLS 1.2 accepted. `WebService` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: [...LISTENER_TYPES],
  check: (listener) => {
    const protocol = listener.config.protocol;
    if (protocol !== "HTTPS" && protocol !== "TLS") return undefined;
    const policy = listener.config.ssl_policy;
    return typeof policy === "string" && TLS13_POLICY.test(policy)
      ? undefined
      : `${protocol} listener uses ssl_policy ${policy ?? "unset (provider default)"}, not a TLS 1.3 policy`;
  },
  fix: '`WebService` always uses ELBSecurityPolicy-TLS13-1-2-2021-06 on HTTPS; raw `LbListener`: `sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06"` (or "ELBSecurityPolicy-TLS13-1-2-Res-2021-06")',
});
