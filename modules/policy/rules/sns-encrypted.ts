import { ALWAYS, defineRule } from "../types";

/** SNS topics are encrypted at rest. */
export const snsEncrypted = defineRule({
  id: "SNS-ENCRYPTED",
  cites: ["FSBP SNS.1", "CKV_AWS_26", "AVD-AWS-0095"],
  description: "SNS topics are encrypted at rest with KMS (kms_master_key_id).",
  severity: ALWAYS,
  dataProtection: true,
  resourceTypes: ["aws_sns_topic"],
  check: (t) => (t.config.kms_master_key_id ? undefined : "kms_master_key_id is unset"),
  fix: "set kmsMasterKeyId to a customer managed key whose policy lets cloudwatch.amazonaws.com (alarms) and other publishers use it: the AWS managed alias/aws/sns key cannot be used by CloudWatch alarms",
});
