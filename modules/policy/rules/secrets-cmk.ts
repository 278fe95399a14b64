import { PRODUCTION_ERROR, defineRule } from "../types";

/** Secrets are encrypted with a customer managed key. */
export const secretsCmk = defineRule({
  id: "SECRETS-CMK",
  cites: ["CKV_AWS_149", "AVD-AWS-0098"],
  description:
    "Secrets Manager secrets (and RDS-managed master user secrets) are encrypted with a customer managed KMS key, so reading them also needs kms:Decrypt granted by the key policy.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_secretsmanager_secret", "aws_db_instance"],
  check: (r) => {
    if (r.type === "aws_db_instance") {
      return r.config.manage_master_user_password === true && !r.config.master_user_secret_kms_key_id
        ? "manage_master_user_password without master_user_secret_kms_key_id: the secret uses the AWS managed key"
        : undefined;
    }
    return r.config.kms_key_id ? undefined : "kms_key_id is unset: the secret uses the AWS managed key";
  },
  fix: "keep a customer managed key: `AppSecrets` prop `kmsKeyArn` (or the key it creates by default), `PostgresDatabase` prop `kmsKeyArn` for the master user secret; raw: `SecretsmanagerSecret` `kmsKeyId`, `DbInstance` `masterUserSecretKmsKeyId`",
});
