import { Fn, TerraformLocal } from "cdktf";
import { DbProxy } from "@cdktf/provider-aws/lib/db-proxy";
import { DbProxyDefaultTargetGroup } from "@cdktf/provider-aws/lib/db-proxy-default-target-group";
import { DbProxyTarget } from "@cdktf/provider-aws/lib/db-proxy-target";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { databaseConnectStatements } from "../core/statements";
import { RoleRef, WorkloadRole } from "../core/workload-role";
import { awsContext } from "../internal/aws-context";
import { allowTcpBetween } from "../internal/connections";
import { physicalName } from "../internal/naming";
import { checkIntegerRange, checkUnique, fail, isToken } from "../internal/validate";
import { NetworkRef } from "../core/network-ref";
import { ConnectionEnvironmentOptions, endpointEnvironment } from "./connection-environment";
import { admitFrom, grantConnectOnce } from "./access";
import { checkRoleName } from "../core/database-names";
import { DatabaseRef } from "../core/database-ref";
import { POSTGRES_PORT, PostgresDatabase } from "./postgres-database";

/** Props for {@link DatabaseProxy}. */
export interface DatabaseProxyProps {
  /** The instance behind the proxy (IAM authentication on, as {@link PostgresDatabase} always has). */
  readonly database: PostgresDatabase;
  /** The proxy runs in its private subnets (same VPC as the database). */
  readonly network: NetworkRef;
  /**
   * Database users the proxy may log in as. Clients authenticate to the proxy with IAM tokens
   * and the proxy to the database with IAM too (end-to-end IAM, `default_auth_scheme =
   * "IAM_AUTH"`): no secret. Each user needs `rds_iam` in PostgreSQL ({@link DatabaseAdminTask}).
   * @default ["app_user"]
   */
  readonly dbUsers?: readonly string[];
  /**
   * Share of the database's `max_connections` the proxy may open, 1-100.
   * @default 90 - leaves room for migrations and operators connecting directly
   */
  readonly maxConnectionsPercent?: number;
  /**
   * Share of `max_connections` the proxy keeps open while idle, 0-`maxConnectionsPercent`.
   * @default 50
   */
  readonly maxIdleConnectionsPercent?: number;
  /**
   * Seconds a client waits for a pooled connection before its request fails, 0-3600
   * (RDS API ConnectionPoolConfiguration.ConnectionBorrowTimeout).
   * @default 120
   */
  readonly connectionBorrowTimeoutSeconds?: number;
  /**
   * Seconds an idle client connection stays open, 1-28800.
   * @default 1800
   */
  readonly idleClientTimeoutSeconds?: number;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * An RDS Proxy in front of a {@link PostgresDatabase}, for apps whose tasks would open more
 * connections than the instance allows: it pools them into at most `maxConnectionsPercent` of
 * `max_connections`. TLS is required, clients and the proxy both authenticate with IAM (no
 * secret), and it lives in the private subnets with its own security group. Clients connect to
 * {@link endpoint} exactly as to the instance (`connectionEnvironment`, `grantConnect`).
 */
export class DatabaseProxy extends Construct implements DatabaseRef {
  /** The proxy. */
  public readonly proxy: DbProxy;
  /** Its connection pool settings. */
  public readonly targetGroup: DbProxyDefaultTargetGroup;
  /** The instance registered as its target. */
  public readonly target: DbProxyTarget;
  /** Assumed by RDS: `rds-db:connect` to the instance as `dbUsers`. */
  public readonly role: WorkloadRole;
  /** The proxy's security group (clients are admitted with {@link allowFrom}). */
  public readonly securityGroup: SecurityGroup;
  /** Id of {@link securityGroup} (DatabaseRef: services `connectToDatabase(proxy)`). */
  public readonly securityGroupId: string;
  /** 5432. */
  public readonly port: number = POSTGRES_PORT;
  /** The proxy's endpoint host name (DatabaseRef `address`). */
  public readonly address: string;
  /** Same as {@link address}. */
  public readonly endpoint: string;
  /** The database behind the proxy. */
  public readonly databaseName: string;
  /** `prx-...`: the resource part of the proxy's IAM database-user ARNs. */
  public readonly resourceId: string;
  /** The users the proxy logs in as. */
  public readonly dbUsers: readonly string[];
  private readonly database: PostgresDatabase;
  private readonly ingressIds = new Set<string>();
  private readonly connectGrants = new Set<string>();

  public constructor(scope: Construct, id: string, props: DatabaseProxyProps) {
    super(scope, id);
    const db = props.database;
    const name = physicalName(this, "dbInstance", db.instanceIdentifier, "proxy", "database.instanceIdentifier");
    const users = props.dbUsers ?? ["app_user"];
    if (users.length === 0) fail(this, "dbUsers", "must name at least one database user", users);
    users.forEach((u, i) => checkRoleName(this, `dbUsers[${i}]`, u));
    checkUnique(this, "dbUsers", users);
    if (users.some((u) => !isToken(u) && u === db.masterUsername)) {
      fail(
        this,
        "dbUsers",
        "must not include the master user (it keeps its password for migrations and administration)",
        db.masterUsername,
      );
    }
    const maxPercent = props.maxConnectionsPercent ?? 90;
    checkIntegerRange(this, "maxConnectionsPercent", maxPercent, 1, 100);
    const idlePercent = props.maxIdleConnectionsPercent ?? Math.min(50, maxPercent);
    checkIntegerRange(this, "maxIdleConnectionsPercent", idlePercent, 0, isToken(maxPercent) ? 100 : maxPercent);
    const borrow = props.connectionBorrowTimeoutSeconds ?? 120;
    // "Constraints: between 0 and 3600" (RDS API, ConnectionPoolConfiguration.ConnectionBorrowTimeout,
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ConnectionPoolConfiguration.html).
    checkIntegerRange(this, "connectionBorrowTimeoutSeconds", borrow, 0, 3600);
    const idleClient = props.idleClientTimeoutSeconds ?? 1800;
    checkIntegerRange(this, "idleClientTimeoutSeconds", idleClient, 1, 28800);
    // RDS Proxy must be in the database's VPC ("The proxy must be in the same VPC as the database",
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-setup.html); a token may be the same VPC, so only literals are compared.
    if (!isToken(props.network.vpcId) && !isToken(db.vpcId) && props.network.vpcId !== db.vpcId) {
      fail(
        this,
        "network.vpcId",
        `must be the database's VPC ${db.vpcId} (a proxy reaches only instances in its own VPC)`,
        props.network.vpcId,
      );
    }
    this.database = db;
    this.dbUsers = users;
    this.databaseName = db.databaseName;

    this.role = new WorkloadRole(this, "Role", {
      name,
      assumedBy: "rds.amazonaws.com",
      description: `RDS Proxy ${name}: IAM login to ${db.instanceIdentifier}`,
      tags: props.tags,
    });
    this.role.addToPolicy(databaseConnectStatements(users.map((u) => db.iamUserArn(u))));

    this.securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: physicalName(this, "securityGroup", name, "sg", "database.instanceIdentifier"),
      description: `RDS Proxy ${name}: ${POSTGRES_PORT} from allowed security groups`,
      vpcId: props.network.vpcId,
      tags: props.tags,
    });
    this.securityGroupId = this.securityGroup.id;
    allowTcpBetween(this, "DatabaseAccess", {
      fromSecurityGroupId: this.securityGroup.id,
      toSecurityGroupId: db.securityGroupId,
      port: db.port,
      description: `PostgreSQL from ${name}`,
    });

    this.proxy = new DbProxy(this, "Proxy", {
      name,
      engineFamily: "POSTGRESQL",
      // End-to-end IAM (AWS, September 2025): no `auth` block, no secret. hashicorp/aws 6.x makes
      // `auth` optional with IAM_AUTH (terraform-provider-aws PR 44309); 5.x still requires it.
      defaultAuthScheme: "IAM_AUTH",
      requireTls: true,
      roleArn: this.role.roleArn,
      vpcSubnetIds: [...props.network.privateSubnetIds],
      vpcSecurityGroupIds: [this.securityGroup.id],
      idleClientTimeout: idleClient,
      debugLogging: false,
      // RDS checks the role when the proxy is created: its policy first.
      dependsOn: this.role.grantsPolicy ? [this.role.grantsPolicy] : undefined,
      tags: props.tags,
    });
    this.targetGroup = new DbProxyDefaultTargetGroup(this, "TargetGroup", {
      dbProxyName: this.proxy.name,
      connectionPoolConfig: {
        maxConnectionsPercent: maxPercent,
        maxIdleConnectionsPercent: idlePercent,
        connectionBorrowTimeout: borrow,
      },
    });
    this.target = new DbProxyTarget(this, "Target", {
      dbProxyName: this.proxy.name,
      targetGroupName: this.targetGroup.name,
      dbInstanceIdentifier: db.instance.identifier,
    });
    this.address = this.proxy.endpoint;
    this.endpoint = this.proxy.endpoint;
    // arn:<partition>:rds:<region>:<account>:db-proxy:prx-0123456789abcdef0
    // A local, so policies (JSON strings) reference it without the quotes of the expression.
    this.resourceId = new TerraformLocal(this, "ResourceId", Fn.element(Fn.split(":", this.proxy.arn), 6)).asString;
  }

  /** `arn:<partition>:rds-db:<region>:<account>:dbuser:<prx-id>/<dbUser>`: what a client needs to log in via the proxy. */
  public iamUserArn(dbUser: string): string {
    const { partition, region, accountId } = awsContext(this);
    return `arn:${partition}:rds-db:${region}:${accountId}:dbuser:${this.resourceId}/${dbUser}`;
  }

  /** Let a role log in through the proxy as one of {@link dbUsers} (`rds-db:connect` on the proxy's user ARN only). */
  public grantConnect(role: RoleRef, dbUser: string): void {
    checkRoleName(this, "grantConnect dbUser", dbUser);
    if (!isToken(dbUser) && !this.dbUsers.includes(dbUser)) {
      fail(this, "grantConnect dbUser", `must be one of the proxy's dbUsers (${this.dbUsers.join(", ")})`, dbUser);
    }
    grantConnectOnce(this, this.connectGrants, role, dbUser, this.iamUserArn(dbUser));
  }

  /**
   * The instance's connection settings with the proxy as host. The proxy presents an ACM
   * certificate (Amazon Root CA 1), not one of the RDS CA: the bundle at `caBundlePath` must
   * contain Amazon's roots too (see the README).
   */
  public connectionEnvironment(dbUser: string, options: ConnectionEnvironmentOptions = {}): Record<string, string> {
    return endpointEnvironment(this, dbUser, options);
  }

  /** Admit PostgreSQL (TCP 5432) to the proxy from a security group (one description per client). */
  public allowFrom(securityGroupId: string, description: string): VpcSecurityGroupIngressRule {
    return admitFrom(this, this.ingressIds, this, securityGroupId, description);
  }

  /** The database behind the proxy (for its alarms and the admin task, which connect directly). */
  public get instance(): PostgresDatabase {
    return this.database;
  }
}
