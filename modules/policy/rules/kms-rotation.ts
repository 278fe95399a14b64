import { ALWAYS, defineRule } from "../types";

/** Customer managed symmetric keys rotate yearly. */
export const kmsRotation = defineRule({
  id: "KMS-ROTATION",
  cites: ["FSBP KMS.4", "CKV_AWS_7", "AVD-AWS-0065"],
  description:
    "Customer managed symmetric KMS keys have automatic key rotation enabled. `EncryptionKey` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_kms_key"],
  check: (k) => {
    const spec = k.config.customer_master_key_spec ?? "SYMMETRIC_DEFAULT";
    if (spec !== "SYMMETRIC_DEFAULT" || (k.config.key_usage ?? "ENCRYPT_DECRYPT") !== "ENCRYPT_DECRYPT") return undefined;
    return k.config.enable_key_rotation === true ? undefined : "enable_key_rotation is not true";
  },
  fix: "`EncryptionKey` always enables rotation; raw `KmsKey`: `enableKeyRotation: true`",
});
