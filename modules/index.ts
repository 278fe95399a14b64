// The package's public API, curated: constructs, their props, the refs modules take from each
// other (so values from remote state fit), grants, connections, the policy layer. Validation and
// rendering helpers stay internal; import nothing from deep paths of this package.

// Whole app
export { ContainerWebApp, ORIGIN_VERIFY_HEADER } from "./patterns/container-web-app";
export { NON_PRODUCTION_CHOICES } from "./patterns/profile-choices";
export type {
  AppCacheOptions,
  AppCdnOptions,
  AppDatabaseOptions,
  AppDomain,
  AppEmailOptions,
  AppNetworkOptions,
  AppProfile,
  AppReleaseOptions,
  AppRunnerComputeOptions,
  AppUploadsOptions,
  AppWorkerOptions,
  ContainerWebAppProps,
  FargateComputeOptions,
} from "./patterns/container-web-app";
export type { DashboardSources, OperatorOutput, WebCompute } from "./core/web-compute";
export { Connections, connectable } from "./core/connections";
export type { ConnectOptions, ConnectionsProps, IConnectable, SecurityGroupTarget } from "./core/connections";

// Network
export { Network, NAT_GATEWAY_MODES, INTERFACE_ENDPOINT_SERVICES, FCK_NAT_AMI_NAME, FCK_NAT_AMI_OWNER } from "./network/network";
export type {
  FlowLogTrafficType,
  InterfaceEndpointService,
  NatGatewayMode,
  NatInstanceProps,
  NetworkEndpointsProps,
  NetworkFlowLogsProps,
  NetworkProps,
} from "./network/network";
export { VpcOriginZoneCheck } from "./network/vpc-origin-zones";
export type { VpcOriginZoneCheckProps } from "./network/vpc-origin-zones";
export type { NetworkRef, PrivateSubnetEgress } from "./core/network-ref";

// Database
export { PostgresDatabase, POSTGRES_PORT, RDS_CA_CERTIFICATES, MONITORING_INTERVALS } from "./database/postgres-database";
export type { DatabaseSubnets, PostgresDatabaseProps, PostgresLogExport } from "./database/postgres-database";
export type { DatabaseRef } from "./core/database-ref";
export { TerraformData } from "./core/terraform-data";
export type { TerraformDataProps } from "./core/terraform-data";
export { DatabaseProxy } from "./database/database-proxy";
export type { DatabaseProxyProps } from "./database/database-proxy";
export { DatabaseAdminTask, POSTGRES_CLIENT_IMAGE, AWS_CLI_IMAGE } from "./service/database-admin-task";
export type { AdminDatabaseRef, AdminTaskRunSettings, DatabaseAdminTaskProps } from "./service/database-admin-task";
export { connectionEnvironment, RDS_CA_BUNDLE_URL, DEFAULT_CA_BUNDLE_PATH } from "./database/connection-environment";
export type { ConnectionEnvironmentOptions, ConnectionTarget } from "./database/connection-environment";
export type { ConnectionUrlFormat, ConnectionUrlOptions } from "./core/connection-url";
export { checkConnectionCapacity, RESERVED_CONNECTION_DEFAULTS } from "./database/connection-capacity";
export type { ConnectionCapacityOptions, ConnectionCapacityResult, ConnectionDemand } from "./database/connection-capacity";

// Cache
export { RedisCache, REDIS_PORT } from "./cache/redis-cache";
export type { CacheAuth, CacheDeployment, RedisCacheProps } from "./cache/redis-cache";
export { CACHE_ENGINE_VERSIONS, MAXMEMORY_POLICIES } from "./cache/cache-checks";
export type { CacheEngine, MaxmemoryPolicy } from "./cache/cache-checks";

// Images
export { ContainerRepository } from "./registry/container-repository";
export type { ContainerRepositoryProps } from "./registry/container-repository";
export type { RepositoryRef } from "./core/repository-ref";

// Compute: ECS Fargate and App Runner
export { FargateCluster, ON_DEMAND_CAPACITY, SPOT_CAPACITY } from "./service/fargate-cluster";
export type { CapacityProviderWeight, ClusterRef, FargateCapacityProvider, FargateClusterProps } from "./service/fargate-cluster";
export { FargateServiceBase } from "./service/fargate-service-base";
export type { FargateServiceProps, ScheduledCapacity, ServiceKind } from "./service/fargate-service-base";
export type { OneOffTask, OneOffTaskOptions, OneOffTaskRunSettings } from "./service/one-off-task";
export { WebService, TLS_POLICY, CLOUDFRONT_ORIGIN_PREFIX_LIST } from "./service/web-service";
export type { ServiceRoute, WebServiceProps } from "./service/web-service";
export { WorkerService } from "./service/worker-service";
export type { WorkerServiceProps } from "./service/worker-service";
export type { TargetHealthCheck } from "./service/target-group";
export type { LoadBalancerDomain } from "./service/load-balancer-domain";
export type { LoadBalancerOriginRef, OriginVerifyHeader } from "./core/load-balancer-origin";
export type { ContainerHealthCheck, ContainerSettings, SidecarContainer } from "./service/container";
export { AppRunnerService } from "./app-runner/app-runner-service";
export type { AppRunnerDomain, AppRunnerServiceProps } from "./app-runner/app-runner-service";
export { AppRunnerCustomDomain } from "./app-runner/custom-domain";
export type { AppRunnerCustomDomainProps } from "./app-runner/custom-domain";
export { APP_RUNNER_INSTANCE_SIZES } from "./app-runner/instance-size";
export type { InstanceSize } from "./app-runner/instance-size";

// Edge
export { CdnDistribution, BUILT_IN_STATIC_PATHS } from "./cdn/cdn-distribution";
export type { CdnAppOrigin, CdnBucketOrigin, CdnCorsRule, CdnDistributionProps, CdnDomain } from "./cdn/cdn-distribution";
export { BucketDistribution } from "./cdn/bucket-distribution";
export type { BucketDistributionProps } from "./cdn/bucket-distribution";
export { EdgeDistribution } from "./cdn/edge-parts";
export type { EdgeOptions, ViewerParts } from "./cdn/edge-parts";
export { CloudFrontCertificate } from "./cdn/cloudfront-certificate";
export type { CloudFrontCertificateProps } from "./cdn/cloudfront-certificate";
export { CloudFrontWebAcl } from "./cdn/cloudfront-web-acl";
export type { CloudFrontWebAclProps } from "./cdn/cloudfront-web-acl";
export { CloudFrontAccessLogs, ACCESS_LOG_FORMATS } from "./cdn/cloudfront-access-logs";
export type { CloudFrontAccessLogsProps } from "./cdn/cloudfront-access-logs";
export { SecurityHeadersPolicy, MIN_HSTS_MAX_AGE_SECONDS } from "./cdn/security-headers-policy";
export type { SecurityHeadersPolicyProps } from "./cdn/security-headers-policy";
export {
  CACHING_OPTIMIZED_POLICY_ID,
  CACHING_DISABLED_POLICY_ID,
  ALL_VIEWER_EXCEPT_HOST_HEADER_POLICY_ID,
  PRICE_CLASSES,
} from "./cdn/managed-policies";
export type { PriceClass } from "./cdn/managed-policies";
export { cloudFrontOriginFacingPrefixListId } from "./core/origin-facing-prefix-list";

// Email
export { EmailDomain } from "./email/email-domain";
export type { EmailDomainProps, GrantSendOptions } from "./email/email-domain";
export { DMARC_POLICIES } from "./email/dns-records";
export type { DmarcPolicy, DmarcSettings, EmailDnsRecord } from "./email/dns-records";
export type { EmailTemplateContent } from "./email/email-templates";

// Storage
export { PrivateBucket } from "./core/private-bucket";
export type { PrivateBucketProps } from "./core/private-bucket";
export { UploadsBucket } from "./storage/uploads-bucket";
export type { UploadsBucketProps } from "./storage/uploads-bucket";
export type { BucketCorsRule } from "./core/bucket-cors";
export { LoadBalancerLogsBucket } from "./storage/load-balancer-logs-bucket";
export type { LoadBalancerLogsBucketProps } from "./storage/load-balancer-logs-bucket";

// Secrets and keys
export { AppSecrets, recoveryWindowDaysFor } from "./secrets/app-secrets";
export type { AppParameterSpec, AppSecretSpec, AppSecretsProps } from "./secrets/app-secrets";
export type { SecretRef } from "./core/secret-ref";
export { EncryptionKey, cloudWatchLogsKey } from "./core/encryption-key";
export type { CloudWatchLogsKeyProps, EncryptionKeyProps } from "./core/encryption-key";
export { databaseCredentialSecrets, databaseCredentialsJsonSecret } from "./secrets/database-credentials";
export type { DatabaseCredentialNames } from "./secrets/database-credentials";

// Operations
export { Monitoring } from "./monitoring/monitoring";
export type { AlarmSeverity, AlarmSpec, MonitoringProps } from "./monitoring/monitoring";
export type { AlarmTopics } from "./core/alarm-topics";
export type { AlarmComparison, MetricAlarmSpec, MissingData } from "./internal/alarms";
export { OperationsDashboard } from "./monitoring/dashboard";
export type {
  DashboardAppRunnerService,
  DashboardDatabase,
  DashboardEcsService,
  DashboardLoadBalancer,
  OperationsDashboardProps,
} from "./monitoring/dashboard";
export { CostBudget } from "./monitoring/cost-budget";
export type { CostAllocationTag, CostBudgetProps } from "./monitoring/cost-budget";

// IAM and grants
export { WorkloadRole, grantTo } from "./core/workload-role";
export type { PolicyCollector, RoleRef, WorkloadRoleProps } from "./core/workload-role";
export type { BedrockGrant } from "./core/bedrock";
export { policyDocument, serviceTrustPolicy, webIdentityTrustPolicy } from "./core/policy-document";
export type { PolicyConditions, PolicyPrincipal, PolicyStatement } from "./core/policy-document";
export {
  bucketReadStatements,
  bucketReadWriteStatements,
  databaseConnectStatements,
  listBucketStatement,
  readParametersStatements,
  readSecretsStatements,
  sendEmailStatements,
} from "./core/statements";
export type { SendEmailGrantOptions } from "./core/statements";
export { applyPermissionsBoundary } from "./iam/permissions-boundary";
export { repositoryPullStatements, repositoryPushStatements } from "./core/repository-statements";

// Delivery: workload identity for CI and HCP Terraform
export {
  OidcProvider,
  GitHubActionsOidc,
  HcpTerraformOidc,
  GITHUB_ACTIONS_OIDC_HOST,
  GITHUB_ACTIONS_AUDIENCE,
  HCP_TERRAFORM_HOST,
  HCP_TERRAFORM_AWS_AUDIENCE,
} from "./identity/oidc-provider";
export type { GitHubActionsOidcProps, HcpTerraformOidcProps, OidcProviderProps, OidcProviderRef } from "./identity/oidc-provider";
export { gitHubSubjects } from "./identity/github-subjects";
export type { GitHubRepository, GitHubSubjectContext, GitHubSubjectFormat } from "./identity/github-subjects";
export { DeployRole } from "./identity/deploy-role";
export type { DeployRoleProps } from "./identity/deploy-role";
export { DeployRolePair } from "./identity/deploy-role-pair";
export type { CrossEnvironmentSettings, DeployRolePairProps } from "./identity/deploy-role-pair";
export { crossEnvironmentGuardStatements } from "./identity/environment-guard";
export type { CrossEnvironmentGuardOptions, GuardedDomain, NeighbourEnvironment } from "./identity/environment-guard";
export { APPLICATION_DATA_ACTIONS, PLAN_READ_SERVICES, planReadStatements } from "./identity/deploy-permissions";
export { PermissionsBoundaryPolicy, permissionsBoundaryName } from "./identity/permissions-boundary-policy";
export type { PermissionsBoundaryPolicyProps } from "./identity/permissions-boundary-policy";
export { GitHubDeployRoles } from "./identity/github-deploy-roles";
export type { GitHubDeployRolesProps } from "./identity/github-deploy-roles";
export { HcpTerraformWorkspaceRoles, hcpTerraformSubject } from "./identity/hcp-terraform-workspace-roles";
export type {
  HcpTerraformRunPhase,
  HcpTerraformWorkspace,
  HcpTerraformWorkspaceRolesProps,
} from "./identity/hcp-terraform-workspace-roles";

// Remote state
export { configureRemoteState, stateKey, cloudWorkspaceName } from "./state/remote-state";
export type { CloudStateSettings, RemoteStateProps, RemoteStateSettings, S3StateSettings } from "./state/remote-state";
export { stateAccessStatements, stateIsolationStatements, lockFileKey } from "./core/state-access";
export type { StateAccessLevel, StateObjectRef } from "./core/state-access";

// Synth-time policy checks: what every stack uses at top level; the rules (`policy.rules.*`) and
// the engine (`policy.evaluate`, `policy.StackIndex`, `policy.defineRule`...) in the namespace.
export { enforcePolicies, policyReport, policySummary } from "./policy/enforce";
export type { PolicyOptions } from "./policy/enforce";
export { formatReport } from "./policy/format";
export { suppress } from "./core/suppressions";
export type { SuppressOptions } from "./core/suppressions";
export type { Finding, PolicyReport } from "./policy/engine";
export type { PolicyTier } from "./policy/types";
export * as policy from "./policy";

// Naming and errors
export { baseName } from "./internal/naming";
export { ValidationError } from "./internal/validate";
