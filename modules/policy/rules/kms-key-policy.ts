import { ALWAYS, defineRule } from "../types";

/** Keys carry an explicit key policy. */
export const kmsKeyPolicy = defineRule({
  id: "KMS-KEY-POLICY",
  cites: ["CKV2_AWS_64"],
  description:
    "Customer managed KMS keys declare their key policy (policy, or an aws_kms_key_policy), so who may use and administer the key is reviewed in code rather than left to the default. `EncryptionKey` always writes one; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_kms_key"],
  check: (key, { stack }) =>
    key.config.policy || stack.pointingAt(key, ["aws_kms_key_policy"], "key_id", ["key_id"]).length > 0
      ? undefined
      : "the key has no policy (neither policy nor aws_kms_key_policy)",
  fix: "use `EncryptionKey` (props `servicePrincipals`, `serviceConditions`): it always writes the key policy; raw `KmsKey`: `policy` with the account root plus the service principals, under aws:SourceAccount / encryption-context conditions",
});
