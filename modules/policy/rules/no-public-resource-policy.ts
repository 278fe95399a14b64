import { statementsOf } from "../policy-documents";
import { ResourceBlock } from "../types";
import { ALWAYS, defineRule } from "../types";

/** The attribute holding the resource-based policy, per type. */
const POLICY_ATTRIBUTE: Record<string, string> = {
  aws_s3_bucket_policy: "policy",
  aws_sns_topic_policy: "policy",
  aws_sqs_queue_policy: "policy",
  aws_ecr_repository_policy: "policy",
  aws_secretsmanager_secret_policy: "policy",
  aws_kms_key: "policy",
  aws_kms_key_policy: "policy",
  aws_iam_role: "assume_role_policy",
};

/** Resource policies never allow anyone on the internet. */
export const noPublicResourcePolicy = defineRule({
  id: "NO-PUBLIC-RESOURCE-POLICY",
  cites: ["CKV_AWS_70", "CKV_AWS_169", "CKV_AWS_32", "CKV_AWS_33", "CKV_AWS_60", "FSBP S3.2", "FSBP S3.3"],
  description:
    'No resource-based policy (S3 bucket, SNS topic, SQS queue, ECR repository, secret, KMS key, role trust policy) has an Allow statement for Principal "*" without a condition: grant services and accounts by name, or scope a wildcard with aws:SourceArn / aws:SourceAccount / aws:PrincipalOrgID. The library\'s resource policies always name their principals; the rule guards raw resources and overrides.',
  severity: ALWAYS,
  dataProtection: true,
  resourceTypes: Object.keys(POLICY_ATTRIBUTE),
  check: (r: ResourceBlock, { stack }) =>
    (statementsOf(r.config[POLICY_ATTRIBUTE[r.type]], stack) ?? [])
      .filter((s) => s.effect === "Allow" && s.principals.includes("*") && s.conditions.length === 0)
      .map((s) => `an Allow statement grants ${s.actions.join(", ") || "its actions"} to Principal "*" with no condition`),
  fix: "the library's policies (`PrivateBucket`, `EncryptionKey`, `Monitoring` topics) always name their principals; raw policies: name the service or account principal, or limit the wildcard with aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID",
});
