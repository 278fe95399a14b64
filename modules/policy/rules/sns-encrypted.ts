import { ALWAYS, defineRule } from "../types";

/** SNS topics are encrypted at rest. */
export const snsEncrypted = defineRule({
  id: "SNS-ENCRYPTED",
  cites: ["FSBP SNS.1", "CKV_AWS_26", "AVD-AWS-0095", "AVD-AWS-0136"],
  description: "SNS topics are encrypted at rest with a customer managed KMS key (kms_master_key_id, not the AWS managed alias/aws/sns).",
  severity: ALWAYS,
  dataProtection: true,
  resourceTypes: ["aws_sns_topic"],
  check: (t) => {
    const key = t.config.kms_master_key_id;
    if (!key) return "kms_master_key_id is unset";
    return /alias\/aws\/sns$/.test(String(key)) ? "kms_master_key_id is the AWS managed alias/aws/sns key: its policy cannot be extended (CloudWatch alarms cannot publish)" : undefined;
  },
  fix: "set kmsMasterKeyId to a customer managed key whose policy lets cloudwatch.amazonaws.com (alarms) and other publishers use it: the AWS managed alias/aws/sns key cannot be used by CloudWatch alarms",
});
