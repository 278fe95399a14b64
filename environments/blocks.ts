import { TerraformOutput, dependable } from "cdktf";
import { AppRunnerService } from "../modules/app-runner/app-runner-service";
import { CdnDistribution } from "../modules/cdn/cdn-distribution";
import { PostgresDatabase } from "../modules/database/postgres-database";
import { EmailDomain } from "../modules/email/email-domain";
import { RoleRef } from "../modules/iam/workload-role";
import { OperationsDashboard } from "../modules/monitoring/dashboard";
import { Monitoring } from "../modules/monitoring/monitoring";
import { Network } from "../modules/network/network";
import { ContainerRepository } from "../modules/registry/container-repository";
import { AppSecrets } from "../modules/secrets/app-secrets";
import { EncryptionKey, cloudWatchLogsKey } from "../modules/secrets/encryption-key";
import { databaseCredentialSecrets, databaseCredentialsJsonSecret } from "../modules/secrets/database-credentials";
import { SecretRef } from "../modules/secrets/secret-ref";
import { FargateCluster, ON_DEMAND_CAPACITY, SPOT_CAPACITY } from "../modules/service/fargate-cluster";
import { WebService } from "../modules/service/web-service";
import { LoadBalancerLogsBucket } from "../modules/storage/load-balancer-logs-bucket";
import { SEED_TEMPLATES } from "./email-templates";
import { EnvironmentStack } from "./environment-stack";

/**
 * Building blocks the environment files compose. Each reads the stack's typed config, so
 * `dev.ts`, `staging.ts` and `prod.ts` only say which blocks an environment has.
 */

/** Header CloudFront adds to app requests and the load balancer requires (with ORIGIN_VERIFY_SECRET). */
export const ORIGIN_VERIFY_HEADER = "X-Origin-Verify";

/** The app's compute: ECS Fargate behind a load balancer, or App Runner. */
export type WebApp = WebService | AppRunnerService;

/** The role the app's code runs as (grants for email, uploads, Bedrock go here). */
export function appRole(web: WebApp): RoleRef {
  return web instanceof WebService ? web.taskRole : web.instanceRole;
}

/** The host name CloudFront forwards app requests to (always over HTTPS). */
export function appOrigin(stack: EnvironmentStack, web: WebApp): string {
  if (web instanceof AppRunnerService) return web.service.serviceUrl;
  return `origin.${stack.config.domain!.name}`;
}

/** What every environment has: network, database, registry, secrets, alarm topics. */
export interface Foundation {
  /** Customer-managed key for log groups (prod; CloudWatch Logs' own encryption elsewhere). */
  readonly logsKey?: EncryptionKey;
  /** Log retention, days: a year in prod (FSBP CloudWatch.16), seed 001's 30 days elsewhere. */
  readonly logRetentionDays: number;
  readonly network: Network;
  readonly database: PostgresDatabase;
  readonly repository: ContainerRepository;
  readonly secrets: AppSecrets;
  readonly monitoring: Monitoring;
}

export function foundation(stack: EnvironmentStack): Foundation {
  const c = stack.config;
  const name = stack.baseName;
  const logsKey = c.production
    ? cloudWatchLogsKey(stack, "LogsKey", { alias: `${name}-logs`, region: c.region, preventDestroy: true })
    : undefined;
  const logRetentionDays = c.production ? 365 : 30;
  const network = new Network(stack, "Network", {
    name,
    cidr: c.vpcCidr,
    availabilityZones: c.availabilityZones,
    natGateways: c.natGateways,
    flowLogs: { retentionDays: c.production ? 365 : 90, kmsKeyArn: logsKey?.keyArn },
    ...(c.subnetCidrs ? { publicSubnetCidrs: c.subnetCidrs.public, privateSubnetCidrs: c.subnetCidrs.private } : {}),
  });
  const monitoring = new Monitoring(stack, "Monitoring", {
    name,
    criticalEmails: c.alarmEmails.critical,
    warningEmails: c.alarmEmails.warning,
  });
  // Prod encrypts storage, the master secret and Performance Insights with its own key.
  const databaseKey = c.production
    ? new EncryptionKey(stack, "DatabaseKey", {
        alias: `${name}-database`,
        description: `RDS storage, master secret and Performance Insights of ${name}`,
        preventDestroy: true,
      })
    : undefined;
  const database = new PostgresDatabase(stack, "Database", {
    name,
    network,
    kmsKeyArn: databaseKey?.keyArn,
    logsKmsKeyArn: logsKey?.keyArn,
    logRetentionDays,
    instanceClass: c.database.instanceClass,
    databaseName: c.database.databaseName,
    masterUsername: c.database.masterUsername,
    multiAz: c.database.multiAz,
    isProduction: c.production,
    deletionProtection: c.production,
    preventDestroy: c.production,
    enhancedMonitoringIntervalSeconds: c.production ? 60 : 0,
    // Every environment watches its database; only prod adds the service and edge alarms.
    alarms: monitoring,
  });
  const repository = new ContainerRepository(stack, "Repository", {
    name: `${c.project}/${c.environment}/app`,
    // Images are rebuildable: only prod keeps its repository when the stack is destroyed.
    forceDelete: !c.production,
    preventDestroy: c.production,
  });
  const secrets = new AppSecrets(stack, "AppSecrets", {
    project: c.project,
    environment: c.environment,
    secrets: Object.fromEntries(c.appSecrets.map((s) => [s, { description: `${s} for ${name}` }])),
    parameters: c.appParameters,
    // Dev reuses names right after a destroy; elsewhere a deleted secret can be restored.
    recoveryWindowDays: c.environment === "dev" ? 0 : c.production ? 30 : 7,
  });
  return { logsKey, logRetentionDays, network, database, repository, secrets, monitoring };
}

/** Plain settings and `valueFrom` secrets the app container receives. */
export function appRuntime(stack: EnvironmentStack, f: Foundation): {
  environment: Record<string, string>;
  secrets: Record<string, SecretRef>;
} {
  return {
    environment: {
      NODE_ENV: "production",
      APP_ENV: stack.config.environment,
      DB_HOST: f.database.address,
      DB_PORT: String(f.database.port),
      DB_NAME: stack.config.database.databaseName,
      // RDS rotates the managed master password every 7 days: values injected at start go
      // stale, so the app reads this secret when it (re)connects (the role may read it).
      DB_SECRET_ARN: f.database.masterSecretArn,
    },
    // DB_USERNAME / DB_PASSWORD come from the RDS-managed master secret (on App Runner, which
    // cannot select JSON keys, the whole JSON as DB_CREDENTIALS); the app assembles
    // DATABASE_URL from them at start (see modules/secrets/README.md).
    secrets: {
      ...f.secrets.environmentSecrets(),
      ...(stack.config.compute === "apprunner" ? databaseCredentialsJsonSecret(f.database) : databaseCredentialSecrets(f.database)),
    },
  };
}

/** The web app on ECS Fargate behind an HTTPS load balancer (prod, dev, staging fallback). */
export function fargateWebApp(stack: EnvironmentStack, f: Foundation): WebService {
  const c = stack.config;
  const name = stack.baseName;
  const capacity = c.service.spot ? SPOT_CAPACITY : ON_DEMAND_CAPACITY;
  const cluster = new FargateCluster(stack, "Cluster", { name, defaultCapacityProviderStrategy: capacity });
  const runtime = appRuntime(stack, f);
  const logs = c.production ? new LoadBalancerLogsBucket(stack, "LoadBalancerLogs", { bucketName: `${name}-alb-logs`, prefix: name }) : undefined;
  const web = new WebService(stack, "Web", {
    name,
    cluster,
    network: f.network,
    repository: f.repository,
    imageTag: c.imageTag,
    cpu: c.service.cpu,
    memoryMiB: c.service.memoryMiB,
    capacityProviderStrategy: capacity,
    desiredCount: c.service.minCapacity,
    minCapacity: c.service.minCapacity,
    maxCapacity: c.service.maxCapacity,
    cpuTargetPercent: 70,
    // With a domain, the load balancer answers on origin.<domain> over HTTPS (80 redirects);
    // behind CloudFront it admits only CloudFront's origin-facing addresses.
    ...(c.domain ? { domain: { name: `origin.${c.domain.name}`, hostedZoneId: c.domain.hostedZoneId } } : { https: false }),
    ingress: c.cdn ? "cloudfront" : "anywhere",
    ...(c.cdn && c.originVerifySecret ? { originVerifyHeader: { name: ORIGIN_VERIFY_HEADER, value: c.originVerifySecret } } : {}),
    deletionProtection: c.production,
    accessLogsBucket: logs?.bucketName,
    accessLogsPrefix: logs?.prefix,
    scheduledCapacity: c.service.nightlyScaleToZero
      ? [
          { name: "night", schedule: "cron(0 19 ? * MON-FRI *)", minCapacity: 0, maxCapacity: 0 },
          { name: "morning", schedule: "cron(0 7 ? * MON-FRI *)", minCapacity: c.service.minCapacity, maxCapacity: c.service.maxCapacity },
        ]
      : undefined,
    environment: runtime.environment,
    secrets: runtime.secrets,
    secretsKmsKeyArns: [...f.secrets.kmsKeyArns, ...(f.database.masterSecretKmsKeyArn ? [f.database.masterSecretKmsKeyArn] : [])],
    logRetentionDays: f.logRetentionDays,
    logsKmsKeyArn: f.logsKey?.keyArn,
    alarms: c.production ? f.monitoring : undefined,
  });
  // ELB checks that it may write to the bucket when logging is switched on: the policy first.
  if (logs) web.loadBalancer.dependsOn = [...(web.loadBalancer.dependsOn ?? []), dependable(logs.bucket.policy)];
  web.connectToDatabase(f.database);
  f.database.grantReadMasterSecret(web.taskRole);
  return web;
}

/** The web app on App Runner, reaching the private database through a VPC connector (staging). */
export function appRunnerWebApp(stack: EnvironmentStack, f: Foundation): AppRunnerService {
  const runtime = appRuntime(stack, f);
  const app = new AppRunnerService(stack, "App", {
    name: stack.baseName,
    network: f.network,
    repository: f.repository,
    imageTag: stack.config.imageTag,
    // Seed 003 staging: 1 vCPU / 2 GB, 100 concurrent requests per instance, 1-3 instances.
    cpu: 1,
    memoryGiB: 2,
    maxConcurrency: 100,
    minSize: 1,
    maxSize: 3,
    environment: runtime.environment,
    secrets: runtime.secrets,
  });
  // The module grants read on exactly the referenced secrets; their customer-managed key too.
  // No key without secrets: IAM refuses a statement with no resources.
  if (f.secrets.kmsKeyArns.length > 0) {
    app.instanceRole.addToPolicy([{ sid: "DecryptAppSecrets", actions: ["kms:Decrypt"], resources: f.secrets.kmsKeyArns }]);
  }
  app.connectToDatabase(f.database);
  f.database.grantReadMasterSecret(app.instanceRole);
  return app;
}

/** CloudFront in front of the app origin, with the S3 static-assets bucket. */
export function cdn(stack: EnvironmentStack, f: Foundation, appOrigin: string, grantee: RoleRef): CdnDistribution {
  const c = stack.config;
  const distribution = new CdnDistribution(stack, "Cdn", {
    name: stack.baseName,
    appOrigin: {
      domainName: appOrigin,
      ...(c.originVerifySecret ? { customHeaders: { [ORIGIN_VERIFY_HEADER]: c.originVerifySecret } } : {}),
    },
    ...(c.domain ? { domain: { names: [c.domain.name], hostedZoneId: c.domain.hostedZoneId } } : {}),
    // Certificates, WAF and log delivery for CloudFront live in us-east-1.
    usEast1Provider: stack.usEast1Provider,
    webAcl: c.production,
    accessLogs: c.production,
    // The logs key serves WAF's log group, and the alarm topics CloudFront's 5xx alarm, only
    // when the stack is in us-east-1 (where CloudFront's metrics and WAF logs live).
    logsKmsKeyArn: c.region === "us-east-1" ? f.logsKey?.keyArn : undefined,
    alarms: c.production && c.region === "us-east-1" ? f.monitoring : undefined,
  });
  distribution.grantReadWrite(grantee, "uploads/*");
  return distribution;
}

/** The SES sending domain, and permission for the app's role to send from noreply@. */
export function email(stack: EnvironmentStack, grantee: RoleRef): EmailDomain | undefined {
  const c = stack.config;
  if (!c.emailDomain || !c.domain) return undefined;
  // The domain identity covers every address; the grant limits the app to noreply@.
  const sender = `noreply@${c.emailDomain}`;
  const domain = new EmailDomain(stack, "Email", {
    name: stack.baseName,
    domain: c.emailDomain,
    hostedZoneId: c.domain.hostedZoneId,
    templates: SEED_TEMPLATES,
    templateNamePrefix: c.production ? "" : `${c.environment}-`,
  });
  domain.grantSend(grantee, { fromAddresses: [sender] });
  return domain;
}

/** One CloudWatch dashboard over what the environment runs. */
export function dashboard(stack: EnvironmentStack, f: Foundation, web: WebApp, distribution?: CdnDistribution): OperationsDashboard {
  const alarms = [
    ...f.monitoring.alarms,
    ...f.database.alarms,
    ...(web instanceof WebService ? web.alarms : []),
    ...(distribution?.alarms ?? []),
  ].map((a) => a.arn);
  return new OperationsDashboard(stack, "Dashboard", {
    name: stack.baseName,
    databases: [f.database],
    alarmArns: alarms,
    ...(web instanceof WebService
      ? { services: [web], loadBalancers: [{ loadBalancerArnSuffix: web.loadBalancerArnSuffix, targetGroupArnSuffix: web.targetGroupArnSuffix }] }
      : { appRunnerServices: [{ serviceName: web.service.serviceName, serviceId: web.service.serviceId }] }),
  });
}

/** The values operators need (seed 004): app URL, repository, cluster and service, database. */
export function operatorOutputs(stack: EnvironmentStack, f: Foundation, web: WebApp, cdnUrl?: string): void {
  const out = (id: string, value: string, description: string) => new TerraformOutput(stack, id, { value, description });
  out("app_url", cdnUrl ?? (web instanceof WebService ? web.url : web.serviceUrl), "Where users reach the app");
  out("ecr_repository_url", f.repository.repositoryUrl, "Push images here (tags are immutable)");
  out("rds_endpoint", f.database.endpoint, "PostgreSQL endpoint (host:port)");
  out("database_secret_arn", f.database.masterSecretArn, "Secrets Manager secret with the master credentials");
  out("alarm_topic_arns", [f.monitoring.criticalTopicArn, f.monitoring.warningTopicArn].join(","), "Critical and warning SNS topics");
  if (web instanceof WebService) {
    out("ecs_cluster_name", web.clusterName, "ECS cluster");
    out("ecs_service_name", web.serviceName, "ECS service");
    out("load_balancer_dns_name", web.dnsName, "Load balancer DNS name");
  } else {
    out("apprunner_service_url", web.serviceUrl, "App Runner service URL");
    out("apprunner_service_arn", web.serviceArn, "App Runner service ARN");
  }
}
