/** Every rule of the policy layer, in report order. One rule per file. */
import { Rule } from "../types";
import { acmCreateBeforeDestroy } from "./acm-create-before-destroy";
import { acmTransparencyLogging } from "./acm-transparency-logging";
import { albAccessLogs } from "./alb-access-logs";
import { albDeletionProtection } from "./alb-deletion-protection";
import { albDesyncMitigation } from "./alb-desync-mitigation";
import { albDropInvalidHeaders } from "./alb-drop-invalid-headers";
import { albHttpsRedirect } from "./alb-https-redirect";
import { albOriginVerify } from "./alb-origin-verify";
import { albTargetHealthCheck } from "./alb-target-health-check";
import { albTlsPolicy } from "./alb-tls-policy";
import { albWaf } from "./alb-waf";
import { cloudfrontHsts } from "./cloudfront-hsts";
import { cloudfrontHttps } from "./cloudfront-https";
import { cloudfrontLogging } from "./cloudfront-logging";
import { cloudfrontOriginHttps } from "./cloudfront-origin-https";
import { cloudfrontS3Oac } from "./cloudfront-s3-oac";
import { cloudfrontSecurityHeaders } from "./cloudfront-security-headers";
import { cloudfrontTlsVersion } from "./cloudfront-tls-version";
import { cloudfrontWaf } from "./cloudfront-waf";
import { cloudwatchAlarmActions } from "./cloudwatch-alarm-actions";
import { defaultSgClosed } from "./default-sg-closed";
import { ecrImmutableTags } from "./ecr-immutable-tags";
import { ecrLifecyclePolicy } from "./ecr-lifecycle-policy";
import { ecrScanOnPush } from "./ecr-scan-on-push";
import { ecsContainerInsights } from "./ecs-container-insights";
import { ecsLogging } from "./ecs-logging";
import { ecsNoHostNamespaces } from "./ecs-no-host-namespaces";
import { ecsNoPrivileged } from "./ecs-no-privileged";
import { ecsNoPublicIp } from "./ecs-no-public-ip";
import { ecsReadOnlyRootFilesystem } from "./ecs-read-only-root-filesystem";
import { ecsSeparateRoles } from "./ecs-separate-roles";
import { iamNoAdminStatements } from "./iam-no-admin-statements";
import { iamNoAdministratorAccess } from "./iam-no-administrator-access";
import { iamNoWildcardActions } from "./iam-no-wildcard-actions";
import { kmsKeyPolicy } from "./kms-key-policy";
import { kmsRotation } from "./kms-rotation";
import { logGroupKms } from "./log-group-kms";
import { logRetention } from "./log-retention";
import { logRetentionOneYear } from "./log-retention-one-year";
import { naclNoAdminPorts } from "./nacl-no-admin-ports";
import { noPlaintextSecrets } from "./no-plaintext-secrets";
import { noPublicResourcePolicy } from "./no-public-resource-policy";
import { rdsAutoMinorUpgrade } from "./rds-auto-minor-upgrade";
import { rdsBackupRetention } from "./rds-backup-retention";
import { rdsCaCert } from "./rds-ca-cert";
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
import { sgEgressAllPorts } from "./sg-egress-all-ports";
import { sgOpenIngress } from "./sg-open-ingress";
import { snsEncrypted } from "./sns-encrypted";
import { subnetNoAutoPublicIp } from "./subnet-no-auto-public-ip";
import { vpcFlowLogs } from "./vpc-flow-logs";
import { wafKnownBadInputs } from "./waf-known-bad-inputs";
import { wafLogging } from "./waf-logging";
import { wafMetrics } from "./waf-metrics";

export const ALL_RULES: readonly Rule[] = [
  acmCreateBeforeDestroy,
  acmTransparencyLogging,
  albAccessLogs,
  albDeletionProtection,
  albDesyncMitigation,
  albDropInvalidHeaders,
  albHttpsRedirect,
  albOriginVerify,
  albTargetHealthCheck,
  albTlsPolicy,
  albWaf,
  cloudfrontHsts,
  cloudfrontHttps,
  cloudfrontLogging,
  cloudfrontOriginHttps,
  cloudfrontS3Oac,
  cloudfrontSecurityHeaders,
  cloudfrontTlsVersion,
  cloudfrontWaf,
  cloudwatchAlarmActions,
  defaultSgClosed,
  ecrImmutableTags,
  ecrLifecyclePolicy,
  ecrScanOnPush,
  ecsContainerInsights,
  ecsLogging,
  ecsNoHostNamespaces,
  ecsNoPrivileged,
  ecsNoPublicIp,
  ecsReadOnlyRootFilesystem,
  ecsSeparateRoles,
  iamNoAdminStatements,
  iamNoAdministratorAccess,
  iamNoWildcardActions,
  kmsKeyPolicy,
  kmsRotation,
  logGroupKms,
  logRetention,
  logRetentionOneYear,
  naclNoAdminPorts,
  noPlaintextSecrets,
  noPublicResourcePolicy,
  rdsAutoMinorUpgrade,
  rdsBackupRetention,
  rdsCaCert,
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
  sgEgressAllPorts,
  sgOpenIngress,
  snsEncrypted,
  subnetNoAutoPublicIp,
  vpcFlowLogs,
  wafKnownBadInputs,
  wafLogging,
  wafMetrics,
];

export { acmCreateBeforeDestroy };
export { acmTransparencyLogging };
export { albAccessLogs };
export { albDeletionProtection };
export { albDesyncMitigation };
export { albDropInvalidHeaders };
export { albHttpsRedirect };
export { albOriginVerify };
export { albTargetHealthCheck };
export { albTlsPolicy };
export { albWaf };
export { cloudfrontHsts };
export { cloudfrontHttps };
export { cloudfrontLogging };
export { cloudfrontOriginHttps };
export { cloudfrontS3Oac };
export { cloudfrontSecurityHeaders };
export { cloudfrontTlsVersion };
export { cloudfrontWaf };
export { cloudwatchAlarmActions };
export { defaultSgClosed };
export { ecrImmutableTags };
export { ecrLifecyclePolicy };
export { ecrScanOnPush };
export { ecsContainerInsights };
export { ecsLogging };
export { ecsNoHostNamespaces };
export { ecsNoPrivileged };
export { ecsNoPublicIp };
export { ecsReadOnlyRootFilesystem };
export { ecsSeparateRoles };
export { iamNoAdminStatements };
export { iamNoAdministratorAccess };
export { iamNoWildcardActions };
export { kmsKeyPolicy };
export { kmsRotation };
export { logGroupKms };
export { logRetention };
export { logRetentionOneYear };
export { naclNoAdminPorts };
export { noPlaintextSecrets };
export { noPublicResourcePolicy };
export { rdsAutoMinorUpgrade };
export { rdsBackupRetention };
export { rdsCaCert };
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
export { sgEgressAllPorts };
export { sgOpenIngress };
export { snsEncrypted };
export { subnetNoAutoPublicIp };
export { vpcFlowLogs };
export { wafKnownBadInputs };
export { wafLogging };
export { wafMetrics };
