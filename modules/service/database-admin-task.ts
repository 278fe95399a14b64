import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Construct } from "constructs";
import { WorkloadRole } from "../core/workload-role";
import { awsContext } from "../internal/aws-context";
import { allowTcpBetween } from "../internal/connections";
import { physicalName } from "../internal/naming";
import { checkKmsKeyInStackRegion } from "../internal/region-checks";
import { checkKmsKeyArn, checkLogRetention, checkOneOf, checkPattern, fail, isToken } from "../internal/validate";
import { NetworkRef } from "../core/network-ref";
import { SecretRef } from "../core/secret-ref";
import { suppress } from "../core/suppressions";
import { ContainerSettings, containerDefinitions, executionStatements } from "./container";
import { ClusterRef, FargateCluster } from "./fargate-cluster";
import { RunTaskTarget } from "./one-off-task";
import { checkRoleName } from "../core/database-names";
import { DatabaseRef, RDS_CA_BUNDLE_URL } from "../core/database-ref";
import { ConnectionUrlOptions, connectionUrlSuffix } from "../core/connection-url";

/** The PostgreSQL client image the task runs (public ECR mirror of Docker's official image). */
export const POSTGRES_CLIENT_IMAGE = "public.ecr.aws/docker/library/postgres:16-alpine";
/** The AWS CLI image that reads and writes the connection-URL secret (URL mode only). */
export const AWS_CLI_IMAGE = "public.ecr.aws/aws-cli/aws-cli:2.17.0";
/** Where the URL mode's containers hand the login and password to each other (task storage, gone with the task). */
const HANDOFF = "/handoff";

/** What the admin task needs of a database: a {@link PostgresDatabase} has all of it. */
export interface AdminDatabaseRef extends DatabaseRef {
  /** ARN of the RDS-managed master secret (JSON `username`/`password`). */
  readonly masterSecretArn: string;
  /** The database the application uses. */
  readonly databaseName: string;
  /** The master user: owner of what migrations create, so default privileges are set for it. */
  readonly masterUsername: string;
}

/** Props for {@link DatabaseAdminTask}. */
export interface DatabaseAdminTaskProps {
  /** Base name, `<project>-<environment>`: family and log group `<name>-db-admin`. */
  readonly name: string;
  /** The database to administer; its security group admits the task. */
  readonly database: AdminDatabaseRef;
  /** The task runs in its private subnets (NAT for the image and the CA bundle), or public ones with `assignPublicIp`. */
  readonly network: NetworkRef;
  /**
   * Cluster to run in.
   * @default - a {@link FargateCluster} `<name>-admin` (App Runner environments have none)
   */
  readonly cluster?: ClusterRef;
  /**
   * The application's login role: created with `LOGIN` and `rds_iam` (IAM authentication, no
   * password), `CONNECT` on the database, `USAGE` on schema `public`, read/write on its tables
   * and sequences, and the same on what the master user (migrations) creates later.
   * @default "app_user"
   */
  readonly appUser?: string;
  /**
   * Also grant `CREATE` on schema `public`, for apps that run their own migrations as the app
   * user (then they own their tables). Off keeps DDL with the master user.
   * @default false
   */
  readonly allowSchemaChanges?: boolean;
  /**
   * Give the app a password login and a connection URL in a secret instead of IAM authentication
   * (for Prisma and most ORMs). Each run creates the group role `appUser` (the privileges) and
   * two login roles `<appUser>_1` / `<appUser>_2` (members of it; sessions act as `appUser`), sets
   * a new generated password on the login the secret does not name, then writes the URL with
   * that login into the secret: the running app keeps its login until its next deployment
   * (rotation by alternating users). The password never passes through Terraform or the task's
   * definition, overrides or logs.
   * @default - IAM authentication: `appUser` logs in with a token, no password exists
   */
  readonly connectionUrl?: ConnectionUrlOptions;
  /** AWS CLI image of the URL mode's secret steps (needs `sh`). @default AWS_CLI_IMAGE */
  readonly awsCliImage?: string;
  /**
   * PostgreSQL client image (needs `sh`, `psql` and `wget` with TLS, as the Alpine images have).
   * @default POSTGRES_CLIENT_IMAGE
   */
  readonly image?: string;
  /**
   * Run in the public subnets with a public IP, for networks without NAT (the task pulls its
   * image and the CA bundle from the internet). The database still admits only its security group.
   * @default false - private subnets, no public IP
   */
  readonly assignPublicIp?: boolean;
  /** CPU architecture of the task. @default "X86_64" */
  readonly cpuArchitecture?: "X86_64" | "ARM64";
  /** Days CloudWatch keeps the task's logs. @default 30 */
  readonly logRetentionDays?: number;
  /** KMS key ARN for the log group. @default - CloudWatch Logs' own encryption */
  readonly logsKmsKeyArn?: string;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/** What `npx cdktf-aws-webapp db-create-app-role` reads from the stack output (see the README). */
export interface AdminTaskRunSettings extends RunTaskTarget {
  readonly app_user: string;
  /** `iam` (token login) or `url` (password login written to {@link url_secret_arn}). */
  readonly access: "iam" | "url";
  /** With `access: "url"`: the secret holding `DATABASE_URL`. */
  readonly url_secret_arn?: string;
}

/**
 * Idempotent SQL run by `psql` with variables `app_user`, `master_user`, `db` (and `login` in URL
 * mode): create the roles once, then (re-)grant; every statement may run again without error.
 * IAM mode: `app_user` logs in with `rds_iam`. URL mode: `app_user` holds the privileges and
 * `login` (one of the two alternating login roles) is a member whose sessions act as `app_user`,
 * so what it creates belongs to `app_user` whichever login ran it; no `rds_iam` (RDS refuses
 * passwords to its members).
 */
export function appRoleSql(allowSchemaChanges: boolean, access: "iam" | "url" = "iam"): string {
  const grants = [
    'GRANT CONNECT ON DATABASE :"db" TO :"app_user";',
    'GRANT USAGE ON SCHEMA public TO :"app_user";',
    ...(allowSchemaChanges ? ['GRANT CREATE ON SCHEMA public TO :"app_user";'] : []),
    'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_user";',
    'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :"app_user";',
    'ALTER DEFAULT PRIVILEGES FOR ROLE :"master_user" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_user";',
    'ALTER DEFAULT PRIVILEGES FOR ROLE :"master_user" IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :"app_user";',
  ];
  if (access === "iam") {
    return [
      "SELECT format('CREATE ROLE %I LOGIN', :'app_user') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_user') \\gexec",
      'ALTER ROLE :"app_user" LOGIN;',
      'GRANT rds_iam TO :"app_user";',
      ...grants,
    ].join("\n");
  }
  return [
    "SELECT format('CREATE ROLE %I NOLOGIN', :'app_user') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_user') \\gexec",
    ...grants,
    "SELECT format('CREATE ROLE %I LOGIN', :'login') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'login') \\gexec",
    'ALTER ROLE :"login" LOGIN INHERIT;',
    'GRANT :"app_user" TO :"login";',
    "ALTER ROLE :\"login\" SET role = :'app_user';",
    // RDS requires IAM tokens from every member of rds_iam, through app_user too: an app that
    // switches from IAM to URL loses IAM logins here (deploy it right after).
    'REVOKE rds_iam FROM :"app_user";',
    'REVOKE rds_iam FROM :"login";',
  ].join("\n");
}

/** Shell of the URL mode's first step: choose the login the secret does not name, generate its password. */
function selectLoginScript(): string {
  return [
    "set -eu",
    "umask 077",
    `if current=$(aws secretsmanager get-secret-value --secret-id "$URL_SECRET_ARN" --query SecretString --output text 2>${HANDOFF}/error); then :; else`,
    `  grep -q ResourceNotFoundException ${HANDOFF}/error || { cat ${HANDOFF}/error >&2; exit 1; }`,
    '  current=""  # the secret has no value yet: first run',
    "fi",
    // No ${VAR} in these scripts: Terraform would read it as an interpolation in the task definition.
    'case "$current" in "postgresql://$APP_USER"_1:*) next="$APP_USER"_2 ;; *) next="$APP_USER"_1 ;; esac',
    `printf %s "$next" > ${HANDOFF}/login`,
    // 40 letters and digits (about 238 bits): nothing to escape in a URL or in SQL.
    `head -c 512 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 40 > ${HANDOFF}/password`,
    `[ "$(wc -c < ${HANDOFF}/password)" -eq 40 ] || { echo "could not generate a password" >&2; exit 1; }`,
    'echo "next login: $next (the running app keeps the current one until its next deployment)"',
  ].join("\n");
}

/** Shell of the URL mode's last step: write the URL with the new login into the secret. */
function storeUrlScript(): string {
  return [
    "set -eu",
    "umask 077",
    `login=$(cat ${HANDOFF}/login)`,
    `printf 'postgresql://%s:%s@%s' "$login" "$(cat ${HANDOFF}/password)" "$URL_SUFFIX" > ${HANDOFF}/url`,
    `aws secretsmanager put-secret-value --secret-id "$URL_SECRET_ARN" --secret-string file://${HANDOFF}/url > /dev/null`,
    `rm -f ${HANDOFF}/password ${HANDOFF}/url`,
    'echo "DATABASE_URL now logs in as $login; deploy the app to use it (tasks read secrets when they start)"',
  ].join("\n");
}

/**
 * A one-off ECS task definition that logs in as the master user (the only thing besides
 * migrations that does) and creates the application's least-privilege login role for IAM
 * authentication. The master secret is injected into this task only. Run it with
 * `npx cdktf-aws-webapp db-create-app-role --stack <env>`; it is idempotent.
 */
export class DatabaseAdminTask extends Construct {
  /** The task definition (family `<name>-db-admin`). */
  public readonly taskDefinition: EcsTaskDefinition;
  /** Reads the master secret and writes the log group; nothing else. */
  public readonly executionRole: WorkloadRole;
  /** URL mode: the role the task's steps use to read and write the connection-URL secret. */
  public readonly taskRole?: WorkloadRole;
  /** The task's security group: HTTPS out, PostgreSQL to the database. */
  public readonly securityGroup: SecurityGroup;
  /** `/ecs/<name>-db-admin`. */
  public readonly logGroup: CloudwatchLogGroup;
  /** The cluster created when none was given. */
  public readonly cluster?: FargateCluster;
  /** The application's login role name. */
  public readonly appUser: string;
  /** Everything `aws ecs run-task` needs: put it in a stack output named `db_admin_task`. */
  public readonly runSettings: AdminTaskRunSettings;

  public constructor(scope: Construct, id: string, props: DatabaseAdminTaskProps) {
    super(scope, id);
    const name = physicalName(this, "ecs", props.name, "db-admin");
    const appUser = checkRoleName(this, "appUser", props.appUser ?? "app_user");
    const db = props.database;
    if (!isToken(appUser) && appUser === db.masterUsername) {
      fail(this, "appUser", "must differ from the database's master user (the app must not log in as it)", appUser);
    }
    if (props.connectionUrl && !isToken(appUser) && appUser.length > 61) {
      fail(
        this,
        "appUser",
        "must be at most 61 characters with connectionUrl (its login roles <appUser>_1 and <appUser>_2 must fit PostgreSQL's 63)",
        appUser,
      );
    }
    checkPattern(this, "database.masterUsername", db.masterUsername, /^[a-z][a-z0-9_]{0,62}$/, "must be a lower-case PostgreSQL role name");
    const architecture = props.cpuArchitecture ?? "X86_64";
    checkOneOf(this, "cpuArchitecture", architecture, ["X86_64", "ARM64"]);
    const retention = props.logRetentionDays ?? 30;
    checkLogRetention(this, "logRetentionDays", retention);
    checkKmsKeyArn(this, "logsKmsKeyArn", props.logsKmsKeyArn, "CloudWatch Logs encrypts with key ARNs only");
    checkKmsKeyInStackRegion(this, "logsKmsKeyArn", props.logsKmsKeyArn, "CloudWatch Logs");
    this.appUser = appUser;

    this.logGroup = new CloudwatchLogGroup(this, "LogGroup", {
      name: physicalName(this, "logGroup", `/ecs/${name}`),
      retentionInDays: retention,
      kmsKeyId: props.logsKmsKeyArn,
      tags: props.tags,
    });

    const credentials: Record<string, SecretRef> = {
      PGUSER: { arn: db.masterSecretArn, jsonKey: "username", kind: "secretsmanager" },
      PGPASSWORD: { arn: db.masterSecretArn, jsonKey: "password", kind: "secretsmanager" },
    };
    const settings: ContainerSettings = {
      imageUri: props.image ?? POSTGRES_CLIENT_IMAGE,
      environment: {
        PGHOST: db.address,
        PGPORT: String(db.port),
        PGDATABASE: db.databaseName,
        PGSSLMODE: "verify-full",
        PGSSLROOTCERT: "/tmp/rds-ca.pem",
        RDS_CA_BUNDLE_URL,
        APP_USER: appUser,
        MASTER_USER: db.masterUsername,
      },
      secrets: credentials,
      secretsKmsKeyArns: db.masterSecretKmsKeyArn ? [db.masterSecretKmsKeyArn] : [],
      stopTimeoutSeconds: 10,
    };

    this.executionRole = new WorkloadRole(this, "ExecutionRole", {
      name: `${name}-execution`,
      assumedBy: "ecs-tasks.amazonaws.com",
      description: `Runs ${name}: reads the master secret of the database, writes logs`,
      tags: props.tags,
    });
    this.executionRole.addToPolicy(executionStatements(settings, this.logGroup.arn));

    // The shared renderer validates names and values; the one-off command is added to it.
    const [container] = JSON.parse(
      containerDefinitions(this, settings, {
        image: settings.imageUri!,
        logGroupName: this.logGroup.name,
        region: awsContext(this).region,
      }),
    );
    const allowSchemaChanges = props.allowSchemaChanges ?? false;
    const url = props.connectionUrl;
    const script = adminScript(allowSchemaChanges, url !== undefined);
    const handoffMount = [{ sourceVolume: "handoff", containerPath: HANDOFF, readOnly: false }];
    const psql = {
      ...container,
      name: "psql",
      command: ["sh", "-c", script],
      ...(url ? { essential: false, mountPoints: handoffMount, dependsOn: [{ containerName: "select", condition: "SUCCESS" }] } : {}),
    };
    let containers: object[] = [psql];
    if (url) {
      const urlMode = this.urlModeSteps(props, name, appUser, url, psql, handoffMount);
      containers = urlMode.containers;
      this.taskRole = urlMode.taskRole;
    }
    this.taskDefinition = new EcsTaskDefinition(this, "TaskDefinition", {
      family: name,
      cpu: "256",
      memory: "512",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: architecture },
      executionRoleArn: this.executionRole.roleArn,
      taskRoleArn: this.taskRole?.roleArn,
      containerDefinitions: JSON.stringify(containers),
      // Fargate task storage shared by the URL mode's steps, gone when the task stops.
      volume: url ? [{ name: "handoff" }] : undefined,
      // The roles' policies before the definition: a run right after apply can read the secrets.
      dependsOn: [this.executionRole.grantsPolicy, this.taskRole?.grantsPolicy].filter((p) => p !== undefined),
      tags: props.tags,
    });

    suppress(
      this.taskDefinition,
      "ECS-READ-ONLY-ROOT-FS",
      "a one-off task operators run by hand, not a service: its shell steps write the RDS CA bundle (and, in URL mode, their hand-off files) when it starts",
    );

    this.securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: physicalName(this, "securityGroup", name),
      description: `One-off database administration task ${name}`,
      vpcId: props.network.vpcId,
      tags: { ...props.tags, Name: name },
    });
    new VpcSecurityGroupEgressRule(this, "HttpsEgress", {
      securityGroupId: this.securityGroup.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS to the image registry, the RDS CA bundle and AWS APIs",
    });
    allowTcpBetween(this, "DatabaseAccess", {
      fromSecurityGroupId: this.securityGroup.id,
      toSecurityGroupId: db.securityGroupId,
      port: db.port,
      description: `PostgreSQL from ${name}`,
    });

    this.cluster = props.cluster ? undefined : new FargateCluster(this, "Cluster", { name: `${props.name}-admin`, tags: props.tags });
    const cluster = props.cluster ?? this.cluster!;
    this.runSettings = {
      cluster: cluster.clusterName,
      task_definition: this.taskDefinition.arn,
      subnets: [...(props.assignPublicIp ? props.network.publicSubnetIds : props.network.privateSubnetIds)],
      security_groups: [this.securityGroup.id],
      assign_public_ip: props.assignPublicIp ? "ENABLED" : "DISABLED",
      log_group: this.logGroup.name,
      app_user: appUser,
      access: url ? "url" : "iam",
      ...(url ? { url_secret_arn: url.secretArn } : {}),
    };
  }

  /**
   * URL mode: a step before psql picks the login to rotate, a step after stores the new URL in the
   * secret, with a task role for that secret only.
   */
  private urlModeSteps(
    props: DatabaseAdminTaskProps,
    name: string,
    appUser: string,
    url: NonNullable<DatabaseAdminTaskProps["connectionUrl"]>,
    psql: object,
    handoffMount: object[],
  ): { containers: object[]; taskRole: WorkloadRole } {
    const db = props.database;
    const suffix = connectionUrlSuffix(this, "connectionUrl", { host: db.address, port: db.port, databaseName: db.databaseName }, url);
    const cli = props.awsCliImage ?? AWS_CLI_IMAGE;
    const awsCliContainer = (stepName: string, stepScript: string, environment: Record<string, string>) => {
      const [rendered] = JSON.parse(
        containerDefinitions(
          this,
          { imageUri: cli, environment, stopTimeoutSeconds: 10 },
          { image: cli, logGroupName: this.logGroup.name, region: awsContext(this).region },
        ),
      );
      rendered.logConfiguration.options["awslogs-stream-prefix"] = stepName;
      return { ...rendered, name: stepName, entryPoint: ["sh", "-c"], command: [stepScript], mountPoints: handoffMount };
    };
    const containers = [
      {
        ...awsCliContainer("select", selectLoginScript(), {
          URL_SECRET_ARN: url.secretArn,
          APP_USER: appUser,
          AWS_REGION: awsContext(this).region,
        }),
        essential: false,
      },
      psql,
      {
        ...awsCliContainer("store", storeUrlScript(), {
          URL_SECRET_ARN: url.secretArn,
          URL_SUFFIX: suffix,
          AWS_REGION: awsContext(this).region,
        }),
        essential: true,
        dependsOn: [{ containerName: "psql", condition: "SUCCESS" }],
      },
    ];
    // The task itself (not ECS) reads and writes the URL secret: a task role for that only.
    const taskRole = new WorkloadRole(this, "TaskRole", {
      name: `${name}-task`,
      assumedBy: "ecs-tasks.amazonaws.com",
      description: `Runs ${name}: reads and writes the app's connection-URL secret`,
      tags: props.tags,
    });
    taskRole.addToPolicy([
      {
        sid: "WriteConnectionUrl",
        actions: ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:DescribeSecret"],
        resources: [url.secretArn],
      },
      ...(url.secretKmsKeyArn
        ? [{ sid: "EncryptConnectionUrl", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [url.secretKmsKeyArn] }]
        : []),
    ]);
    return { containers, taskRole };
  }
}

/** The psql step's shell script: fetch the RDS CA bundle, create or update the app's role, and in URL mode set its login's password. */
function adminScript(allowSchemaChanges: boolean, url: boolean): string {
  const psqlVariables = `-v app_user="$APP_USER" -v master_user="$MASTER_USER" -v db="$PGDATABASE"${url ? ' -v login="$LOGIN"' : ""}`;
  return [
    "set -eu",
    'wget -qO "$PGSSLROOTCERT" "$RDS_CA_BUNDLE_URL"',
    ...(url ? [`LOGIN=$(cat ${HANDOFF}/login)`] : []),
    `psql -v ON_ERROR_STOP=1 ${psqlVariables} <<'SQL'`,
    appRoleSql(allowSchemaChanges, url ? "url" : "iam"),
    "SQL",
    ...(url
      ? [
          // \password hashes the password in psql (SCRAM) and sends only the verifier: the
          // server's statement log (log_statement ddl) never sees the password. Without a
          // terminal psql reads the new password (twice) from its standard input.
          `{ cat ${HANDOFF}/password; echo; cat ${HANDOFF}/password; echo; } | psql -v ON_ERROR_STOP=1 -c "\\password $LOGIN" > /dev/null`,
          'echo "login $LOGIN of $APP_USER ready in $PGDATABASE"',
        ]
      : ['echo "app role $APP_USER ready in $PGDATABASE"']),
  ].join("\n");
}
