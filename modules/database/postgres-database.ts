import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { TerraformData } from "../core/terraform-data";
import { Connections } from "../core/connections";
import { serviceTrustPolicy } from "../core/policy-document";
import { readSecretsStatements } from "../core/statements";
import { RoleRef, grantTo } from "../core/workload-role";
import { awsContext } from "../internal/aws-context";
import { checkName, NAME_RULES, pascalCase, physicalName } from "../internal/naming";
import {
  checkIntegerRange,
  checkKmsKeyArn,
  checkLogRetention,
  checkMaxLength,
  checkOneOf,
  checkPattern,
  checkTags,
  fail,
  isToken,
} from "../internal/validate";
import { checkKmsKeyInStackRegion } from "../internal/region-checks";
import { AlarmTopics, checkAlarmTopics } from "../core/alarm-topics";
import { NetworkRef } from "../core/network-ref";
import { admitFrom, grantConnectOnce } from "./access";
import {
  ConnectionCapacityOptions,
  ConnectionCapacityResult,
  ConnectionDemand,
  checkConnectionCapacity,
  reservedConnections,
} from "./connection-capacity";
import { ConnectionEnvironmentOptions, endpointEnvironment } from "./connection-environment";
import { databaseAlarms } from "./database-alarms";
import { checkDatabaseName, checkMasterUsername, checkRoleName, defaultDatabaseName } from "../core/database-names";
import { DatabaseRef } from "../core/database-ref";
import { checkWindows } from "./maintenance-windows";
import { checkPostgresInstanceClass } from "./instance-class";
import { postgresEngine, renderParameters } from "./parameters";

/** PostgreSQL's port; the security group and clients use it. */
export const POSTGRES_PORT = 5432;
/** Which subnets of the network hold the instance. */
export type DatabaseSubnets = "database" | "private";
/** CA certificates RDS offers; clients verify the server against the chosen one. */
export const RDS_CA_CERTIFICATES = ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"] as const;
/** Enhanced monitoring granularities RDS accepts (0 = off). */
export const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60] as const;
/** Log types exported to CloudWatch Logs. */
/** A PostgreSQL log RDS exports to CloudWatch Logs (one log group each). */
export type PostgresLogExport = "postgresql" | "upgrade";

const LOG_EXPORTS: readonly PostgresLogExport[] = ["postgresql", "upgrade"];
/** Largest gp3 volume RDS allows, GiB. */
const MAX_STORAGE_GIB = 65536;

/**
 * Smallest storage autoscaling ceiling RDS accepts for an allocation: 10 % above it, in whole GiB
 * (integer arithmetic: 20 GiB gives 22, not 23).
 */
export function minAutoscalingCeiling(allocatedGiB: number): number {
  return Math.ceil((allocatedGiB * 11) / 10);
}

/** Props for {@link PostgresDatabase}. */
export interface PostgresDatabaseProps {
  /** Base name, `<project>-<environment>` (e.g. `shop-prod`); physical names derive from it. */
  readonly name: string;
  /** Where the instance lives. */
  readonly network: NetworkRef;
  /**
   * Which subnets hold the instance: the network's isolated `database` subnets or its `private` ones.
   * @default - "database" when the network has database subnets, else "private"
   */
  readonly subnets?: DatabaseSubnets;
  /**
   * DB instance identifier: 1-63 lower-case letters, digits and hyphens, starting with a
   * letter, no `--`, no trailing hyphen. Changing it replaces the instance.
   * @default `${name}-db`
   */
  readonly identifier?: string;
  /**
   * Treat this as production: refuses `backupRetentionDays: 0` and turns on Multi-AZ and
   * `prevent_destroy` unless they are set explicitly.
   * @default false
   */
  readonly isProduction?: boolean;
  /**
   * The database created with the instance (the app connects to it).
   * @default - `name` with non-alphanumerics replaced by `_` (e.g. `shop_prod`)
   */
  readonly databaseName?: string;
  /**
   * Master user name, 1-16 lower-case letters, digits or underscores starting with a letter (RDS's
   * limit); its password is generated and kept by RDS in Secrets Manager.
   * Not `postgres`, `admin`, `rdsadmin` nor another reserved name.
   * @default "dbadmin"
   */
  readonly masterUsername?: string;
  /**
   * PostgreSQL version: a major (`16`: the latest 16.x, with minor upgrades in the
   * maintenance window) or a major.minor (`16.4`).
   * @default "16"
   */
  readonly engineVersion?: string;
  /**
   * Parameter group family. Must match the engine's major version.
   * @default - derived from engineVersion, e.g. `postgres16`
   */
  readonly parameterGroupFamily?: string;
  /**
   * Allow a change of `engineVersion` to a new major version to be applied.
   * @default false
   */
  readonly allowMajorVersionUpgrade?: boolean;
  /**
   * Instance class, `db.*`.
   * @default "db.t4g.micro"
   */
  readonly instanceClass?: string;
  /**
   * gp3 storage allocated at creation, in GiB (gp3 minimum 20).
   * @default 20
   */
  readonly allocatedStorageGiB?: number;
  /**
   * Storage autoscaling ceiling, in GiB: at least 10 % above `allocatedStorageGiB` (RDS's rule),
   * or equal to it to turn autoscaling off.
   * @default - 100; allocatedStorageGiB (autoscaling off) when the allocation is above 90 GiB
   */
  readonly maxAllocatedStorageGiB?: number;
  /**
   * Synchronous standby in a second availability zone with automatic failover.
   * @default - isProduction
   */
  readonly multiAz?: boolean;
  /**
   * Refuse to delete the instance (RDS deletion protection).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Refuse `terraform destroy` / replacement of the instance (Terraform `prevent_destroy`).
   * @default - isProduction
   */
  readonly preventDestroy?: boolean;
  /**
   * Final snapshot taken when the instance is deleted (never skipped). A fixed identifier
   * blocks the second destroy of a re-created instance (the snapshot exists already).
   * @default - `${identifier}-final-<uuid>`: the UUID of a `terraform_data` resource, created
   * with the instance and replaced when a setting that replaces the instance changes, so every
   * instance gets its own identifier and it never changes while the instance lives
   */
  readonly finalSnapshotIdentifier?: string;
  /**
   * Days automated backups are kept, 0-35. 0 turns backups off and is refused with Multi-AZ or in production.
   * @default 7
   */
  readonly backupRetentionDays?: number;
  /**
   * Daily backup window, `hh24:mi-hh24:mi` UTC, at least 30 minutes.
   * @default "03:00-04:00"
   */
  readonly backupWindow?: string;
  /**
   * Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` UTC, at least 30 minutes, not overlapping the backup window.
   * @default "sun:04:00-sun:05:00"
   */
  readonly maintenanceWindow?: string;
  /**
   * Apply modifications now instead of in the next maintenance window.
   * @default false
   */
  readonly applyImmediately?: boolean;
  /**
   * Customer-managed KMS key for storage, the master secret and Performance Insights.
   * Storage is encrypted either way.
   * @default - AWS managed keys (aws/rds, aws/secretsmanager)
   */
  readonly kmsKeyArn?: string;
  /**
   * Customer-managed KMS key of the master user secret only, when it differs from `kmsKeyArn`
   * (changing it rotates the secret in place; changing `kmsKeyArn` replaces the instance). With
   * several environments in one account, a key of the environment's own is what keeps another
   * environment's roles from decrypting the secret (the AWS managed key admits every principal of
   * the account that may read the secret).
   * @default - `kmsKeyArn`
   */
  readonly masterSecretKmsKeyArn?: string;
  /**
   * Performance Insights with the free 7-day retention.
   * @default true
   */
  readonly performanceInsights?: boolean;
  /**
   * Enhanced monitoring granularity in seconds (0, 1, 5, 10, 15, 30, 60); above 0 a monitoring role is created.
   * @default 0
   */
  readonly enhancedMonitoringIntervalSeconds?: number;
  /**
   * CA the server certificate is signed by.
   * @default "rds-ca-rsa2048-g1"
   */
  readonly caCertIdentifier?: (typeof RDS_CA_CERTIFICATES)[number];
  /**
   * `max_connections`, 6-8388607 (the connections alarm fires above 80 % of it).
   * @default 100
   */
  readonly maxConnections?: number;
  /**
   * Extra or overriding parameters (values as strings), e.g. `{ work_mem: "8192" }`.
   * `max_connections` is set through `maxConnections`; `rds.force_ssl` is always 1.
   * @default - log_statement ddl, log_min_duration_statement 1000 (schema changes and queries over 1 s are logged)
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * Parameter names to treat as static (`pending-reboot`) beside the built-in list.
   * @default []
   */
  readonly staticParameterNames?: readonly string[];
  /**
   * Days the exported PostgreSQL/upgrade logs are kept in CloudWatch Logs.
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * KMS key for the instance's CloudWatch log groups (its policy must admit the logs service).
   * @default - CloudWatch Logs' own encryption
   */
  readonly logsKmsKeyArn?: string;
  /**
   * Topics for the database's alarms (CPU, free storage, connections, freeable memory, and CPU
   * credits on burstable classes).
   * @default - no alarms
   */
  readonly alarms?: AlarmTopics;
  /**
   * Extra tags on the instance, its security group, subnet group, parameter group, log groups and
   * monitoring role (the provider's default tags apply as well).
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/**
 * RDS for PostgreSQL with secure, data-safe defaults: private subnets, its own security
 * group that admits only groups given to {@link allowFrom}, encrypted gp3 storage with
 * autoscaling, a password that only Secrets Manager knows, TLS enforced, IAM
 * authentication, backups, a final snapshot, log exports and Performance Insights.
 */
export class PostgresDatabase extends Construct implements DatabaseRef {
  /** The DB instance. */
  public readonly instance: DbInstance;
  /** The instance's security group (no rules but those added by {@link allowFrom}). */
  public readonly securityGroup: SecurityGroup;
  /** Network paths to the instance: `database.connections.allowFrom(service)`. */
  public readonly connections: Connections;
  /** The DB subnet group over the chosen subnets. */
  public readonly subnetGroup: DbSubnetGroup;
  /** The parameter group (`name_prefix`, replaced create-before-destroy on a family change). */
  public readonly parameterGroup: DbParameterGroup;
  /** Log groups of the exported logs, by log type. */
  public readonly logGroups: Readonly<Record<PostgresLogExport, CloudwatchLogGroup>>;
  /** The enhanced monitoring role, when enhanced monitoring is on. */
  public readonly monitoringRole?: IamRole;
  /** Alarms created (empty without `alarms`). */
  public readonly alarms: readonly CloudwatchMetricAlarm[];
  /** Id of {@link securityGroup} (DatabaseRef). */
  /** The VPC the instance is in (as the network gave it). */
  public readonly vpcId: string;
  public readonly securityGroupId: string;
  /** The port PostgreSQL listens on, 5432 (DatabaseRef). */
  public readonly port: number = POSTGRES_PORT;
  /** Host name clients connect to. */
  public readonly address: string;
  /** `address:port`. */
  public readonly endpoint: string;
  /** ARN of the RDS-managed secret holding `{"username", "password"}` of the master user. */
  public readonly masterSecretArn: string;
  /** The customer-managed key of the master secret, when one is given. */
  public readonly masterSecretKmsKeyArn?: string;
  /** The database created with the instance. */
  public readonly databaseName: string;
  /** The master user name (its password is only in the secret {@link masterSecretArn}). */
  public readonly masterUsername: string;
  /** The DB instance identifier (also the CloudWatch `DBInstanceIdentifier`). */
  public readonly instanceIdentifier: string;
  /** `max_connections` of the parameter group (the connections alarm fires above 80 % of it). */
  public readonly maxConnections: number;
  /**
   * Slots `max_connections` keeps for superusers and RDS (`superuser_reserved_connections` 3 +
   * `rds.rds_superuser_reserved_connections` 2 unless `parameters` change them).
   */
  public readonly reservedConnections: number;
  /** `DbiResourceId` of the instance (`db-...`), the resource part of IAM database-user ARNs. */
  public readonly resourceId: string;
  /** The `terraform_data` whose id makes the default final snapshot identifier unique (none when it is given). */
  public readonly finalSnapshotSuffix?: TerraformData;
  private readonly ingressIds = new Set<string>();
  private readonly grantIds = new Set<string>();
  private readonly connectGrants = new Set<string>();

  public constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    const isProduction = props.isProduction ?? false;
    const identifier =
      props.identifier !== undefined
        ? checkName(this, "identifier", "dbInstance", props.identifier)
        : physicalName(this, "dbInstance", props.name, "db");
    const databaseName = checkDatabaseName(
      this,
      "databaseName",
      props.databaseName ?? (isToken(props.name) ? "app" : defaultDatabaseName(props.name)),
    );
    const username = checkMasterUsername(this, "masterUsername", props.masterUsername ?? "dbadmin");
    const engine = postgresEngine(this, props.engineVersion ?? "16", props.parameterGroupFamily);
    const instanceClass = props.instanceClass ?? "db.t4g.micro";
    checkPostgresInstanceClass(this, "instanceClass", instanceClass, engine.major);
    const { storage, maxStorage } = this.resolveStorage(props);
    const multiAz = props.multiAz ?? isProduction;
    const retention = props.backupRetentionDays ?? 7;
    this.checkBackupRetention(retention, multiAz, isProduction);
    const windows = checkWindows(this, props.backupWindow ?? "03:00-04:00", props.maintenanceWindow ?? "sun:04:00-sun:05:00");
    this.checkKeys(props);
    const monitoringInterval = props.enhancedMonitoringIntervalSeconds ?? 0;
    checkOneOf<number>(this, "enhancedMonitoringIntervalSeconds", monitoringInterval, MONITORING_INTERVALS);
    const caCert = props.caCertIdentifier ?? "rds-ca-rsa2048-g1";
    checkOneOf<string>(this, "caCertIdentifier", caCert, RDS_CA_CERTIFICATES);
    const maxConnections = props.maxConnections ?? 100;
    checkIntegerRange(this, "maxConnections", maxConnections, 6, 8388607);
    const logRetention = props.logRetentionDays ?? 30;
    checkLogRetention(this, "logRetentionDays", logRetention);
    // Unique per instance, stable during its life: the id of a built-in terraform_data resource
    // (no provider) replaced together with the instance (same replacing inputs).
    this.finalSnapshotSuffix =
      props.finalSnapshotIdentifier === undefined
        ? new TerraformData(this, "FinalSnapshotSuffix", {
            triggersReplace: { identifier, databaseName, username, kmsKeyArn: props.kmsKeyArn ?? "aws/rds" },
          })
        : undefined;
    const finalSnapshot = props.finalSnapshotIdentifier ?? `${identifier}-final-${this.finalSnapshotSuffix!.id}`;
    this.checkFinalSnapshot(finalSnapshot);
    this.vpcId = props.network.vpcId;
    const subnetIds = this.selectSubnets(props.network, props.subnets);
    const tags = props.tags;

    this.instanceIdentifier = identifier;
    this.databaseName = databaseName;
    this.masterUsername = username;
    this.maxConnections = maxConnections;
    this.reservedConnections = reservedConnections(props.parameters);
    if (!isToken(maxConnections) && maxConnections - this.reservedConnections < 1) {
      fail(
        this,
        "maxConnections",
        `must leave at least 1 connection beyond the ${this.reservedConnections} reserved for superusers and RDS`,
        maxConnections,
      );
    }
    this.masterSecretKmsKeyArn = props.masterSecretKmsKeyArn ?? props.kmsKeyArn;

    this.securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: physicalName(this, "securityGroup", identifier, "sg", "identifier"),
      description: `PostgreSQL ${identifier}: ${POSTGRES_PORT} only from allowed security groups`,
      vpcId: props.network.vpcId,
      // No inline rules: ingress comes from allowFrom(); Terraform removes AWS's default egress rule.
      tags,
    });
    this.connections = new Connections({
      securityGroupId: this.securityGroup.id,
      defaultPort: POSTGRES_PORT,
      label: "database",
      owner: this,
    });
    this.securityGroupId = this.securityGroup.id;

    this.subnetGroup = new DbSubnetGroup(this, "SubnetGroup", {
      name: physicalName(this, "dbGroup", identifier, "subnets", "identifier"),
      description: `Subnets of ${identifier}`,
      subnetIds: [...subnetIds],
      tags,
    });

    this.parameterGroup = this.createParameterGroup(props, identifier, engine, maxConnections);

    this.logGroups = {
      postgresql: this.logGroup("PostgresqlLogGroup", identifier, "postgresql", logRetention, tags, props.logsKmsKeyArn),
      upgrade: this.logGroup("UpgradeLogGroup", identifier, "upgrade", logRetention, tags, props.logsKmsKeyArn),
    };

    const monitoring = monitoringInterval > 0 ? this.createMonitoringRole(identifier, tags) : undefined;
    this.monitoringRole = monitoring?.role;

    const performanceInsights = props.performanceInsights ?? true;
    this.instance = new DbInstance(this, "Instance", {
      identifier,
      engine: "postgres",
      engineVersion: engine.version,
      allowMajorVersionUpgrade: props.allowMajorVersionUpgrade ?? false,
      autoMinorVersionUpgrade: true,
      instanceClass,
      dbName: databaseName,
      port: POSTGRES_PORT,
      username,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: this.masterSecretKmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      caCertIdentifier: caCert,
      storageType: "gp3",
      allocatedStorage: storage,
      maxAllocatedStorage: maxStorage === storage ? 0 : maxStorage,
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      multiAz,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      publiclyAccessible: false,
      parameterGroupName: this.parameterGroup.name,
      backupRetentionPeriod: retention,
      backupWindow: windows.backupWindow,
      maintenanceWindow: windows.maintenanceWindow,
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      deletionProtection: props.deletionProtection ?? true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: finalSnapshot,
      applyImmediately: props.applyImmediately ?? false,
      enabledCloudwatchLogsExports: [...LOG_EXPORTS],
      performanceInsightsEnabled: performanceInsights,
      performanceInsightsRetentionPeriod: performanceInsights ? 7 : undefined,
      performanceInsightsKmsKeyId: performanceInsights ? props.kmsKeyArn : undefined,
      monitoringInterval,
      monitoringRoleArn: this.monitoringRole?.arn,
      lifecycle: (props.preventDestroy ?? isProduction) ? { preventDestroy: true } : undefined,
      // The log groups must exist first (RDS would create them without retention), and the
      // monitoring role must hold its policy before RDS uses it.
      dependsOn: [...Object.values(this.logGroups), ...(monitoring ? [monitoring.attachment] : [])],
      tags,
    });
    this.address = this.instance.address;
    this.endpoint = this.instance.endpoint;
    this.masterSecretArn = this.instance.masterUserSecret.get(0).secretArn;
    this.resourceId = this.instance.resourceId;

    checkAlarmTopics(this, "alarms", props.alarms);
    this.alarms = props.alarms ? databaseAlarms(this, { instanceIdentifier: identifier, maxConnections, instanceClass }, props.alarms) : [];
  }

  /** Backup retention: 0-35 days, at least 1 with Multi-AZ or in production. */
  private checkBackupRetention(retention: number, multiAz: boolean, isProduction: boolean): void {
    checkIntegerRange(this, "backupRetentionDays", retention, 0, 35);
    if (retention === 0 && multiAz) fail(this, "backupRetentionDays", "must be at least 1 with Multi-AZ", retention);
    if (retention === 0 && isProduction)
      fail(this, "backupRetentionDays", "must be at least 1 in production (0 turns backups off)", retention);
  }

  /** The final snapshot's identifier: RDS's identifier rules, at most 255 characters. */
  private checkFinalSnapshot(finalSnapshot: string): void {
    checkPattern(
      this,
      "finalSnapshotIdentifier",
      finalSnapshot,
      NAME_RULES.dbInstance.pattern,
      `must be a snapshot identifier: ${NAME_RULES.dbInstance.description}`,
    );
    checkMaxLength(this, "finalSnapshotIdentifier", finalSnapshot, 255);
  }

  /** The KMS keys given: ARNs (not aliases) in the stack's region. */
  private checkKeys(props: PostgresDatabaseProps): void {
    checkKmsKeyArn(
      this,
      "kmsKeyArn",
      props.kmsKeyArn,
      "it also encrypts the master secret, and grantReadMasterSecret grants kms:Decrypt on it (IAM authorizes Decrypt on the key, not on an alias)",
    );
    checkKmsKeyArn(this, "logsKmsKeyArn", props.logsKmsKeyArn, "CloudWatch Logs encrypts with key ARNs only");
    checkKmsKeyInStackRegion(this, "kmsKeyArn", props.kmsKeyArn, "RDS (storage, master secret, Performance Insights)");
    checkKmsKeyArn(
      this,
      "masterSecretKmsKeyArn",
      props.masterSecretKmsKeyArn,
      "grantReadMasterSecret grants kms:Decrypt on it (IAM authorizes Decrypt on the key, not on an alias)",
    );
    checkKmsKeyInStackRegion(this, "masterSecretKmsKeyArn", props.masterSecretKmsKeyArn, "Secrets Manager");
    checkKmsKeyInStackRegion(this, "logsKmsKeyArn", props.logsKmsKeyArn, "CloudWatch Logs");
  }

  /** Allocated storage and the autoscaling ceiling (equal: autoscaling off), as RDS accepts them. */
  private resolveStorage(props: PostgresDatabaseProps): { storage: number; maxStorage: number } {
    const storage = props.allocatedStorageGiB ?? 20;
    checkIntegerRange(this, "allocatedStorageGiB", storage, 20, MAX_STORAGE_GIB);
    // RDS refuses a ceiling less than 10 % above the allocation ("Invalid max storage size"),
    // so the default ceiling of 100 GiB only applies while it clears that margin.
    const minCeiling = isToken(storage) ? undefined : minAutoscalingCeiling(storage);
    const maxStorage = props.maxAllocatedStorageGiB ?? (minCeiling === undefined || minCeiling <= 100 ? 100 : storage);
    checkIntegerRange(this, "maxAllocatedStorageGiB", maxStorage, 20, MAX_STORAGE_GIB);
    if (minCeiling !== undefined && !isToken(maxStorage) && maxStorage !== storage && maxStorage < minCeiling) {
      fail(
        this,
        "maxAllocatedStorageGiB",
        `must be at least ${minCeiling} (10 % above allocatedStorageGiB ${storage}, as RDS requires) or equal to allocatedStorageGiB (${storage}) to turn autoscaling off`,
        maxStorage,
      );
    }
    return { storage, maxStorage };
  }

  /** The parameter group: the given parameters, and the two this module always sets itself. */
  private createParameterGroup(
    props: PostgresDatabaseProps,
    identifier: string,
    engine: ReturnType<typeof postgresEngine>,
    maxConnections: number,
  ): DbParameterGroup {
    const extras = props.parameters ?? {};
    for (const reserved of ["max_connections", "rds.force_ssl"]) {
      if (Object.keys(extras).some((k) => k.toLowerCase() === reserved)) {
        fail(
          this,
          `parameters.${reserved}`,
          reserved === "max_connections" ? "is set through the maxConnections prop" : "is always 1 (TLS required)",
          extras[reserved],
        );
      }
    }
    return new DbParameterGroup(this, "ParameterGroup", {
      namePrefix: physicalName(this, "dbGroupPrefix", identifier, `${engine.family}-`, "identifier"),
      family: engine.family,
      description: `PostgreSQL ${engine.major} parameters of ${identifier}`,
      parameter: renderParameters(
        this,
        "parameters",
        {
          log_statement: "ddl",
          log_min_duration_statement: "1000",
          ...extras,
          max_connections: String(maxConnections),
          "rds.force_ssl": "1",
        },
        props.staticParameterNames,
        engine.major,
      ),
      lifecycle: { createBeforeDestroy: true },
      tags: props.tags,
    });
  }

  /**
   * Admit PostgreSQL (TCP 5432) from a security group. The construct id of the rule derives
   * from `description`, so each allowed client needs its own description, e.g.
   * "PostgreSQL from the web service".
   */
  public allowFrom(securityGroupId: string, description: string): VpcSecurityGroupIngressRule {
    return admitFrom(this, this.ingressIds, this, securityGroupId, description);
  }

  /**
   * Let a role read the master secret (`GetSecretValue`/`DescribeSecret` on its ARN only),
   * and decrypt it when a customer-managed key is used.
   */
  public grantReadMasterSecret(role: RoleRef): void {
    const base = isToken(role.roleName) ? `Role${this.grantIds.size + 1}` : pascalCase(role.roleName);
    const id = `ReadMasterSecret${base}`;
    if (this.grantIds.has(id)) fail(this, "grantReadMasterSecret role", "was already granted", role.roleName);
    this.grantIds.add(id);
    grantTo(this, id, role, readSecretsStatements([this.masterSecretArn], this.masterSecretKmsKeyArn ? [this.masterSecretKmsKeyArn] : []));
  }

  /**
   * ARN IAM authorizes for logging in as `dbUser` with an IAM token:
   * `arn:<partition>:rds-db:<region>:<account>:dbuser:<DbiResourceId>/<dbUser>`.
   */
  public iamUserArn(dbUser: string): string {
    checkRoleName(this, "dbUser", dbUser);
    const { partition, region, accountId } = awsContext(this);
    return `arn:${partition}:rds-db:${region}:${accountId}:dbuser:${this.resourceId}/${dbUser}`;
  }

  /**
   * Let a role log in as `dbUser` with IAM database authentication (`rds-db:connect` on exactly
   * that user of this instance). The role must exist in the database with `GRANT rds_iam`
   * (see {@link DatabaseAdminTask}); the master user is refused, it keeps its password.
   */
  public grantConnect(role: RoleRef, dbUser: string): void {
    checkRoleName(this, "grantConnect dbUser", dbUser);
    if (!isToken(dbUser) && dbUser === this.masterUsername) {
      fail(
        this,
        "grantConnect dbUser",
        "must not be the master user (it is for migrations and administration only); create an application role such as app_user",
        dbUser,
      );
    }
    grantConnectOnce(this, this.connectGrants, role, dbUser, this.iamUserArn(dbUser));
  }

  /**
   * Plain settings for an app that logs in as `dbUser` with an IAM token over verified TLS:
   * `DB_HOST`, `DB_PORT`, `DB_NAME`, `DB_USER`, `DB_REGION`, `PGSSLMODE=verify-full`,
   * `PGSSLROOTCERT` and `NODE_EXTRA_CA_CERTS` (the RDS CA bundle in the image). No secret.
   */
  public connectionEnvironment(dbUser: string, options: ConnectionEnvironmentOptions = {}): Record<string, string> {
    return endpointEnvironment(this, dbUser, options);
  }

  /**
   * Refuse (or warn about) clients that can open more connections at once, during a rolling
   * deployment, than `maxConnections` minus the reserved slots: per client
   * `floor(maxTasks × deploymentMaximumPercent / 100) × poolSize`. The message names every
   * setting. Clients of an RDS Proxy are not counted here (the proxy bounds its own pool).
   */
  public checkConnectionCapacity(demands: readonly ConnectionDemand[], options: ConnectionCapacityOptions = {}): ConnectionCapacityResult {
    return checkConnectionCapacity(
      this,
      { maxConnections: this.maxConnections, reservedConnections: this.reservedConnections, setting: "maxConnections" },
      demands,
      options,
    );
  }

  private selectSubnets(network: NetworkRef, choice: DatabaseSubnets | undefined): readonly string[] {
    checkOneOf<string>(this, "subnets", choice, ["database", "private"]);
    const database = network.databaseSubnetIds;
    const hasDatabase = database !== undefined && (isToken(database) || database.length > 0);
    const selected = choice ?? (hasDatabase ? "database" : "private");
    if (selected === "database" && !hasDatabase) {
      fail(this, "subnets", 'is "database" but network.databaseSubnetIds is empty; use "private" or add database subnets', choice);
    }
    const ids = selected === "database" ? database! : network.privateSubnetIds;
    if (!isToken(ids) && !ids.some((s) => isToken(s)) && new Set(ids).size < 2) {
      fail(
        this,
        `network.${selected === "database" ? "databaseSubnetIds" : "privateSubnetIds"}`,
        "must hold at least 2 subnets in different availability zones (RDS subnet groups need 2 AZs)",
        ids,
      );
    }
    return ids;
  }

  private logGroup(
    id: string,
    identifier: string,
    type: string,
    retentionInDays: number,
    tags?: Record<string, string>,
    kmsKeyArn?: string,
  ): CloudwatchLogGroup {
    return new CloudwatchLogGroup(this, id, {
      name: `/aws/rds/instance/${identifier}/${type}`,
      retentionInDays,
      kmsKeyId: kmsKeyArn,
      tags,
    });
  }

  private createMonitoringRole(identifier: string, tags?: Record<string, string>): { role: IamRole; attachment: IamRolePolicyAttachment } {
    const { accountId, partition } = awsContext(this);
    const role = new IamRole(this, "MonitoringRole", {
      name: physicalName(this, "iamRole", identifier, "monitoring", "identifier"),
      description: `RDS enhanced monitoring of ${identifier}`,
      assumeRolePolicy: serviceTrustPolicy("monitoring.rds.amazonaws.com", accountId),
      tags,
    });
    const attachment = new IamRolePolicyAttachment(this, "MonitoringRolePolicy", {
      role: role.name,
      policyArn: `arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    });
    return { role, attachment };
  }
}
