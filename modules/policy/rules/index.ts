/** Every rule of the policy layer, in report order. One rule per file. */
import { Rule } from "../types";
import { albAccessLogs } from "./alb-access-logs";
import { albDeletionProtection } from "./alb-deletion-protection";
import { albDesyncMitigation } from "./alb-desync-mitigation";
import { albDropInvalidHeaders } from "./alb-drop-invalid-headers";
import { albHttpsRedirect } from "./alb-https-redirect";
import { albTlsPolicy } from "./alb-tls-policy";
import { albWaf } from "./alb-waf";
import { cloudfrontHttps } from "./cloudfront-https";
import { cloudfrontLogging } from "./cloudfront-logging";
import { cloudfrontOriginHttps } from "./cloudfront-origin-https";
import { cloudfrontS3Oac } from "./cloudfront-s3-oac";
import { cloudfrontSecurityHeaders } from "./cloudfront-security-headers";
import { cloudfrontTlsVersion } from "./cloudfront-tls-version";
import { cloudfrontWaf } from "./cloudfront-waf";
import { defaultSgClosed } from "./default-sg-closed";
import { ecrImmutableTags } from "./ecr-immutable-tags";
import { ecrLifecyclePolicy } from "./ecr-lifecycle-policy";
import { ecrScanOnPush } from "./ecr-scan-on-push";
import { ecsContainerInsights } from "./ecs-container-insights";
import { ecsLogging } from "./ecs-logging";
import { ecsNoPrivileged } from "./ecs-no-privileged";
import { ecsNoPublicIp } from "./ecs-no-public-ip";
import { ecsReadOnlyRootFilesystem } from "./ecs-read-only-root-filesystem";
import { iamNoAdminStatements } from "./iam-no-admin-statements";
import { iamNoAdministratorAccess } from "./iam-no-administrator-access";
import { iamNoWildcardActions } from "./iam-no-wildcard-actions";
import { kmsRotation } from "./kms-rotation";
import { logGroupKms } from "./log-group-kms";
import { logRetentionOneYear } from "./log-retention-one-year";
import { logRetention } from "./log-retention";
import { noPlaintextSecrets } from "./no-plaintext-secrets";
import { rdsAutoMinorUpgrade } from "./rds-auto-minor-upgrade";
import { rdsBackupRetention } from "./rds-backup-retention";
import { rdsCopyTagsToSnapshot } from "./rds-copy-tags-to-snapshot";
import { rdsDeletionProtection } from "./rds-deletion-protection";
import { rdsEncrypted } from "./rds-encrypted";
import { rdsEnhancedMonitoring } from "./rds-enhanced-monitoring";
import { rdsForceSsl } from "./rds-force-ssl";
import { rdsIamAuth } from "./rds-iam-auth";
import { rdsLogExports } from "./rds-log-exports";
import { rdsMultiAz } from "./rds-multi-az";
import { rdsNotPublic } from "./rds-not-public";
import { rdsPerformanceInsights } from "./rds-performance-insights";
import { s3Encryption } from "./s3-encryption";
import { s3Lifecycle } from "./s3-lifecycle";
import { s3OwnershipEnforced } from "./s3-ownership-enforced";
import { s3PublicAccessBlock } from "./s3-public-access-block";
import { s3TlsOnly } from "./s3-tls-only";
import { s3Versioning } from "./s3-versioning";
import { secretsCmk } from "./secrets-cmk";
import { sesRequireTls } from "./ses-require-tls";
import { sgDescription } from "./sg-description";
import { sgOpenIngress } from "./sg-open-ingress";
import { snsEncrypted } from "./sns-encrypted";
import { subnetNoAutoPublicIp } from "./subnet-no-auto-public-ip";
import { vpcFlowLogs } from "./vpc-flow-logs";
import { wafKnownBadInputs } from "./waf-known-bad-inputs";
import { wafLogging } from "./waf-logging";

export const ALL_RULES: readonly Rule[] = [
  albAccessLogs,
  albDeletionProtection,
  albDesyncMitigation,
  albDropInvalidHeaders,
  albHttpsRedirect,
  albTlsPolicy,
  albWaf,
  cloudfrontHttps,
  cloudfrontLogging,
  cloudfrontOriginHttps,
  cloudfrontS3Oac,
  cloudfrontSecurityHeaders,
  cloudfrontTlsVersion,
  cloudfrontWaf,
  defaultSgClosed,
  ecrImmutableTags,
  ecrLifecyclePolicy,
  ecrScanOnPush,
  ecsContainerInsights,
  ecsLogging,
  ecsNoPrivileged,
  ecsNoPublicIp,
  ecsReadOnlyRootFilesystem,
  iamNoAdminStatements,
  iamNoAdministratorAccess,
  iamNoWildcardActions,
  kmsRotation,
  logGroupKms,
  logRetentionOneYear,
  logRetention,
  noPlaintextSecrets,
  rdsAutoMinorUpgrade,
  rdsBackupRetention,
  rdsCopyTagsToSnapshot,
  rdsDeletionProtection,
  rdsEncrypted,
  rdsEnhancedMonitoring,
  rdsForceSsl,
  rdsIamAuth,
  rdsLogExports,
  rdsMultiAz,
  rdsNotPublic,
  rdsPerformanceInsights,
  s3Encryption,
  s3Lifecycle,
  s3OwnershipEnforced,
  s3PublicAccessBlock,
  s3TlsOnly,
  s3Versioning,
  secretsCmk,
  sesRequireTls,
  sgDescription,
  sgOpenIngress,
  snsEncrypted,
  subnetNoAutoPublicIp,
  vpcFlowLogs,
  wafKnownBadInputs,
  wafLogging,
];

export { albAccessLogs };
export { albDeletionProtection };
export { albDesyncMitigation };
export { albDropInvalidHeaders };
export { albHttpsRedirect };
export { albTlsPolicy };
export { albWaf };
export { cloudfrontHttps };
export { cloudfrontLogging };
export { cloudfrontOriginHttps };
export { cloudfrontS3Oac };
export { cloudfrontSecurityHeaders };
export { cloudfrontTlsVersion };
export { cloudfrontWaf };
export { defaultSgClosed };
export { ecrImmutableTags };
export { ecrLifecyclePolicy };
export { ecrScanOnPush };
export { ecsContainerInsights };
export { ecsLogging };
export { ecsNoPrivileged };
export { ecsNoPublicIp };
export { ecsReadOnlyRootFilesystem };
export { iamNoAdminStatements };
export { iamNoAdministratorAccess };
export { iamNoWildcardActions };
export { kmsRotation };
export { logGroupKms };
export { logRetentionOneYear };
export { logRetention };
export { noPlaintextSecrets };
export { rdsAutoMinorUpgrade };
export { rdsBackupRetention };
export { rdsCopyTagsToSnapshot };
export { rdsDeletionProtection };
export { rdsEncrypted };
export { rdsEnhancedMonitoring };
export { rdsForceSsl };
export { rdsIamAuth };
export { rdsLogExports };
export { rdsMultiAz };
export { rdsNotPublic };
export { rdsPerformanceInsights };
export { s3Encryption };
export { s3Lifecycle };
export { s3OwnershipEnforced };
export { s3PublicAccessBlock };
export { s3TlsOnly };
export { s3Versioning };
export { secretsCmk };
export { sesRequireTls };
export { sgDescription };
export { sgOpenIngress };
export { snsEncrypted };
export { subnetNoAutoPublicIp };
export { vpcFlowLogs };
export { wafKnownBadInputs };
export { wafLogging };
