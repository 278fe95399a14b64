import { ALWAYS, defineRule } from "../types";

/** Keys carry an explicit key policy. */
export const kmsKeyPolicy = defineRule({
  id: "KMS-KEY-POLICY",
  cites: ["CKV2_AWS_64"],
  description: "Customer managed KMS keys declare their key policy (policy, or an aws_kms_key_policy), so who may use and administer the key is reviewed in code rather than left to the default.",
  severity: ALWAYS,
  resourceTypes: ["aws_kms_key"],
  check: (key, { stack }) =>
    key.config.policy || stack.pointingAt(key, ["aws_kms_key_policy"], "key_id", ["key_id"]).length > 0 ? undefined : "the key has no policy (neither policy nor aws_kms_key_policy)",
  fix: "set policy: account root for IAM delegation, plus the service principals that use the key, with aws:SourceAccount / encryption-context conditions",
});
