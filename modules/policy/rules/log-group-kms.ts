import { PRODUCTION_ERROR, defineRule } from "../types";

/** Log groups are encrypted with a customer managed key. */
export const logGroupKms = defineRule({
  id: "LOG-GROUP-KMS",
  cites: ["CKV_AWS_158", "AVD-AWS-0017"],
  description:
    "CloudWatch log groups are encrypted with a customer managed KMS key, so access to log contents is governed by the key policy too.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_cloudwatch_log_group"],
  check: (g) => (g.config.kms_key_id ? undefined : "kms_key_id is unset"),
  fix: "set the owning construct's key: `WebService`/`WorkerService`/`PostgresDatabase`/`DatabaseAdminTask`/`CloudFrontWebAcl`/`CdnDistribution` prop `logsKmsKeyArn`, `Network` prop `flowLogs.kmsKeyArn` (a key whose policy admits logs.<region>.amazonaws.com, e.g. `CloudWatchLogsKey`); raw `CloudwatchLogGroup`: `kmsKeyId`",
});
