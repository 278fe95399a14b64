import { PRODUCTION_ERROR, defineRule } from "../types";

/** Log groups are encrypted with a customer managed key. */
export const logGroupKms = defineRule({
  id: "LOG-GROUP-KMS",
  cites: ["CKV_AWS_158", "AVD-AWS-0017"],
  description: "CloudWatch log groups are encrypted with a customer managed KMS key, so access to log contents is governed by the key policy too.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_cloudwatch_log_group"],
  check: (g) => (g.config.kms_key_id ? undefined : "kms_key_id is unset"),
  fix: "set kmsKeyId to a customer managed key whose policy allows logs.<region>.amazonaws.com (kms:Encrypt*, Decrypt*, GenerateDataKey*, Describe*) with an aws:logs:arn condition",
});
