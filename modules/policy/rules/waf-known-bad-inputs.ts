import { PRODUCTION_ERROR, defineRule } from "../types";

/** The managed rule group that blocks Log4Shell and other known-bad request patterns. */
export const KNOWN_BAD_INPUTS = "AWSManagedRulesKnownBadInputsRuleSet";

/** Web ACLs include the known-bad-inputs managed rule group. */
export const wafKnownBadInputs = defineRule({
  id: "WAF-KNOWN-BAD-INPUTS",
  cites: ["CKV_AWS_192", "CKV2_AWS_47", "FSBP WAF.10"],
  description: `Every WAFv2 web ACL includes the ${KNOWN_BAD_INPUTS} managed rule group (Log4j / Log4Shell and other exploit patterns). \`CloudFrontWebAcl\` always includes it; the rule guards raw resources and overrides.`,
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_wafv2_web_acl"],
  check: (acl) => {
    const text = JSON.stringify(acl.config.rule ?? []) + String(acl.config.rule_json ?? "");
    return text.includes(KNOWN_BAD_INPUTS) ? undefined : `web ACL has no ${KNOWN_BAD_INPUTS} rule`;
  },
  fix: '`CloudFrontWebAcl` (`CdnDistribution` prop `webAcl`) always includes it; raw `Wafv2WebAcl`: a rule with managedRuleGroupStatement { vendorName: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" } and overrideAction none',
});
