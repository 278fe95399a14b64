import { ALWAYS, defineRule } from "../types";

/** SNS topics are encrypted at rest. */
export const snsEncrypted = defineRule({
  id: "SNS-ENCRYPTED",
  cites: ["FSBP SNS.1", "CKV_AWS_26", "AVD-AWS-0095", "AVD-AWS-0136"],
  description:
    "SNS topics are encrypted at rest with a customer managed KMS key (kms_master_key_id, not the AWS managed alias/aws/sns). `Monitoring` always encrypts its topics; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  dataProtection: true,
  resourceTypes: ["aws_sns_topic"],
  check: (t) => {
    const key = t.config.kms_master_key_id;
    if (!key) return "kms_master_key_id is unset";
    return /alias\/aws\/sns$/.test(String(key))
      ? "kms_master_key_id is the AWS managed alias/aws/sns key: its policy cannot be extended (CloudWatch alarms cannot publish)"
      : undefined;
  },
  fix: "use `Monitoring` (a customer managed key by default, or prop `kmsKeyArn` with a policy letting cloudwatch.amazonaws.com use it); raw `SnsTopic`: `kmsMasterKeyId` = such a key (CloudWatch alarms cannot use alias/aws/sns)",
});
