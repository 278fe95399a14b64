import { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { TEST_NETWORK, findResources, policyOf, resource, resources, synth } from "../internal/testing";
import { AdminTaskRunSettings, DatabaseAdminTask, DatabaseAdminTaskProps, POSTGRES_CLIENT_IMAGE, appRoleSql } from "./database-admin-task";
import { PostgresDatabase } from "../database/postgres-database";

const KMS = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const build =
  (extra: Partial<DatabaseAdminTaskProps> = {}, dbKms?: string) =>
  (scope: Construct) => {
    const database = new PostgresDatabase(scope, "Db", { name: "shop-dev", network: TEST_NETWORK, kmsKeyArn: dbKms });
    return new DatabaseAdminTask(scope, "DbAdmin", { name: "shop-dev", database, network: TEST_NETWORK, ...extra });
  };
const containerOf = (json: ReturnType<typeof synth>) => JSON.parse(resource(json, "aws_ecs_task_definition").container_definitions)[0];

describe("DatabaseAdminTask defaults", () => {
  let settings: AdminTaskRunSettings | undefined;
  const json = synth((scope) => {
    settings = build()(scope).runSettings;
  });
  const container = containerOf(json);

  it("runs the public PostgreSQL client image on Fargate, in its own family", () => {
    expect(resource(json, "aws_ecs_task_definition")).toMatchObject({
      family: "shop-dev-db-admin",
      cpu: "256",
      memory: "512",
      network_mode: "awsvpc",
      requires_compatibilities: ["FARGATE"],
    });
    expect(resource(json, "aws_ecs_task_definition").task_role_arn).toBeUndefined();
    expect(container.image).toBe(POSTGRES_CLIENT_IMAGE);
  });

  it("injects the master credentials into this task only, as JSON keys of the RDS secret", () => {
    expect(container.secrets).toEqual([
      {
        name: "PGPASSWORD",
        valueFrom: expect.stringMatching(/^\$\{aws_db_instance\.Db_Instance_\w+\.master_user_secret\[0\]\.secret_arn\}:password::$/),
      },
      {
        name: "PGUSER",
        valueFrom: expect.stringMatching(/^\$\{aws_db_instance\.Db_Instance_\w+\.master_user_secret\[0\]\.secret_arn\}:username::$/),
      },
    ]);
    const statement = policyOf(resource(json, "aws_iam_role_policy")).Statement.find((s: { Sid: string }) => s.Sid === "ReadSecrets");
    expect(statement.Resource).toMatch(/^\$\{aws_db_instance\.Db_Instance_\w+\.master_user_secret\[0\]\.secret_arn\}$/);
  });

  it("verifies the server certificate against the downloaded RDS bundle", () => {
    expect(container.environment).toEqual(
      expect.arrayContaining([
        { name: "PGSSLMODE", value: "verify-full" },
        { name: "PGSSLROOTCERT", value: "/tmp/rds-ca.pem" },
        { name: "RDS_CA_BUNDLE_URL", value: "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem" },
        { name: "APP_USER", value: "app_user" },
        { name: "MASTER_USER", value: "dbadmin" },
        { name: "PGDATABASE", value: "shop_dev" },
        { name: "PGPORT", value: "5432" },
      ]),
    );
    expect(container.command[0]).toBe("sh");
    expect(container.command[2]).toContain('wget -qO "$PGSSLROOTCERT" "$RDS_CA_BUNDLE_URL"');
    expect(container.command[2]).toContain("psql -v ON_ERROR_STOP=1");
  });

  it("is admitted by the database's security group on 5432, from its own group", () => {
    const adminGroup = Object.entries(resources(json, "aws_security_group")).find(([, g]) => g.name === "shop-dev-db-admin")![0];
    const ingress = findResources(
      json,
      "aws_vpc_security_group_ingress_rule",
      (r) => r.referenced_security_group_id === `\${aws_security_group.${adminGroup}.id}`,
    );
    expect(ingress).toEqual([
      expect.objectContaining({
        from_port: 5432,
        to_port: 5432,
        security_group_id: expect.stringMatching(/^\$\{aws_security_group\.Db_SecurityGroup_\w+\.id\}$/),
      }),
    ]);
  });

  it("gives the script the cluster, task definition, private subnets and group", () => {
    expect(settings).toMatchObject({
      task_definition: expect.stringMatching(/TOKEN/),
      subnets: [...TEST_NETWORK.privateSubnetIds],
      assign_public_ip: "DISABLED",
      app_user: "app_user",
    });
    // Without a cluster, it brings its own (App Runner environments have none).
    expect(resource(json, "aws_ecs_cluster").name).toBe("shop-dev-admin");
  });
});

describe("DatabaseAdminTask SQL", () => {
  it("creates the role only when missing, with rds_iam and DML on present and future tables", () => {
    const sql = appRoleSql(false);
    expect(sql).toMatch(/WHERE NOT EXISTS \(SELECT 1 FROM pg_roles WHERE rolname = :'app_user'\) \\gexec/);
    expect(sql).toContain('GRANT rds_iam TO :"app_user";');
    expect(sql).toContain(
      'ALTER DEFAULT PRIVILEGES FOR ROLE :"master_user" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_user";',
    );
    expect(sql).not.toContain("GRANT CREATE");
  });

  it("grants CREATE on the schema only with allowSchemaChanges", () => {
    expect(appRoleSql(true)).toContain('GRANT CREATE ON SCHEMA public TO :"app_user";');
  });
});

describe("DatabaseAdminTask options", () => {
  it("decrypts the secret with the database's customer-managed key", () => {
    const json = synth(build({}, KMS));
    const statement = policyOf(resource(json, "aws_iam_role_policy")).Statement.find((s: { Sid: string }) => s.Sid === "DecryptSecrets");
    expect(statement.Resource).toBe(KMS);
  });

  it("runs in a given cluster instead of its own", () => {
    let settings: AdminTaskRunSettings | undefined;
    const json = synth((scope) => {
      settings = build({ cluster: { clusterName: "shop-dev", clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/shop-dev" } })(
        scope,
      ).runSettings;
    });
    expect(resources(json, "aws_ecs_cluster")).toEqual({});
    expect(settings!.cluster).toBe("shop-dev");
  });

  it("runs in the public subnets with a public IP for networks without NAT", () => {
    let settings: AdminTaskRunSettings | undefined;
    synth((scope) => {
      settings = build({ assignPublicIp: true })(scope).runSettings;
    });
    expect(settings).toMatchObject({ subnets: [...TEST_NETWORK.publicSubnetIds], assign_public_ip: "ENABLED" });
  });

  it("refuses a logs key of another region or an alias, and takes a key of the stack's region", () => {
    const other = KMS.replace("us-east-1", "eu-west-1");
    expect(() => synth(build({ logsKmsKeyArn: other }))).toThrow(
      /DbAdmin: logsKmsKeyArn must be in the stack's AWS provider region us-east-1 \(KMS keys are regional and CloudWatch Logs uses keys of its own region only\), not in eu-west-1/,
    );
    expect(() => synth(build({ logsKmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/logs" }))).toThrow(
      /DbAdmin: logsKmsKeyArn must be a KMS key ARN/,
    );
    expect(() =>
      synth(
        build({
          connectionUrl: {
            secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/dev/DATABASE_URL-AbCdEf",
            secretKmsKeyArn: other,
          },
        }),
      ),
    ).toThrow(/DbAdmin: connectionUrl\.secretKmsKeyArn must be in the stack's AWS provider region us-east-1/);
    expect(
      Object.values(resources(synth(build({ logsKmsKeyArn: KMS })), "aws_cloudwatch_log_group")).map((g: any) => g.kms_key_id),
    ).toContain(KMS);
  });

  it("refuses the master user as the app user", () => {
    expect(() => synth(build({ appUser: "dbadmin" }))).toThrow(
      /DbAdmin: appUser must differ from the database's master user .*got "dbadmin"/,
    );
  });

  it("refuses an app user PostgreSQL would have to quote", () => {
    expect(() => synth(build({ appUser: "App-User" }))).toThrow(
      /DbAdmin: appUser must be 1-63 lower-case letters, digits or underscores.*got "App-User"/,
    );
  });
});

describe("DatabaseAdminTask connectionUrl (password login, DATABASE_URL secret)", () => {
  const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/dev/DATABASE_URL-AbCdEf";
  let settings: AdminTaskRunSettings | undefined;
  const json = synth((scope) => {
    settings = build({
      connectionUrl: { secretArn: SECRET, secretKmsKeyArn: KMS, poolSize: 5, poolTimeoutSeconds: 20, statementCacheSize: 0 },
    })(scope).runSettings;
  });
  const task = resource(json, "aws_ecs_task_definition");
  const containers = JSON.parse(task.container_definitions);
  const byName = Object.fromEntries(containers.map((c: any) => [c.name, c]));
  const env = (c: any) => Object.fromEntries(c.environment.map((e: any) => [e.name, e.value]));

  it("chooses the login, sets its password, then stores the URL: three steps, each after the previous succeeded", () => {
    expect(containers.map((c: any) => [c.name, c.essential])).toEqual([
      ["select", false],
      ["psql", false],
      ["store", true],
    ]);
    expect(byName.psql.dependsOn).toEqual([{ containerName: "select", condition: "SUCCESS" }]);
    expect(byName.store.dependsOn).toEqual([{ containerName: "psql", condition: "SUCCESS" }]);
    expect(task.volume).toEqual([{ name: "handoff" }]);
    for (const c of containers) expect(c.mountPoints).toEqual([{ sourceVolume: "handoff", containerPath: "/handoff", readOnly: false }]);
  });

  it("alternates two login roles, members of the app role, and sends the password hashed by psql", () => {
    expect(byName.select.command[0]).toContain('"postgresql://$APP_USER"_1:*) next="$APP_USER"_2');
    // Terraform reads "${" in a string as an interpolation: the scripts hold only $VAR.
    for (const c of containers) expect(JSON.stringify(c.command ?? []) + JSON.stringify(c.entryPoint ?? [])).not.toContain("${");
    const script = byName.psql.command[2];
    expect(script).toContain(`GRANT :"app_user" TO :"login";`);
    expect(script).toContain(`ALTER ROLE :"login" SET role = :'app_user';`);
    expect(script).not.toContain("GRANT rds_iam");
    // Membership of rds_iam through app_user would force IAM tokens on the logins (IAM -> URL switch).
    expect(script).toContain('REVOKE rds_iam FROM :"app_user";');
    expect(script).toContain('psql -v ON_ERROR_STOP=1 -c "\\password $LOGIN"');
    // The password never appears in a SQL statement, the definition or an environment variable.
    expect(script).not.toMatch(/PASSWORD '/i);
    for (const c of containers) expect(Object.keys(env(c))).not.toContain("PASSWORD");
  });

  it("writes a Prisma URL with verified TLS and the pool settings to exactly that secret", () => {
    expect(env(byName.store)).toMatchObject({
      URL_SECRET_ARN: SECRET,
      URL_SUFFIX: expect.stringMatching(
        /^\$\{aws_db_instance\.Db_Instance_\w+\.address\}:5432\/shop_dev\?sslmode=require&sslcert=\/certs\/rds-global-bundle\.pem&connection_limit=5&pool_timeout=20&statement_cache_size=0$/,
      ),
    });
    expect(byName.store.command[0]).toContain('put-secret-value --secret-id "$URL_SECRET_ARN" --secret-string file:///handoff/url');
    const taskPolicy = findResources(json, "aws_iam_role_policy", (p) => p.role.includes("DbAdmin_TaskRole")).map((p) => policyOf(p))[0];
    expect(taskPolicy.Statement).toEqual([
      {
        Sid: "WriteConnectionUrl",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:DescribeSecret"],
        Resource: SECRET,
      },
      { Sid: "EncryptConnectionUrl", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: KMS },
    ]);
    expect(task.task_role_arn).toMatch(/aws_iam_role\.DbAdmin_TaskRole_\w+\.arn/);
    expect(settings).toMatchObject({ access: "url", url_secret_arn: SECRET });
  });

  it("spells TLS for libpq-style parsers with format libpq, and refuses Prisma-only settings there", () => {
    const libpq = synth(build({ connectionUrl: { secretArn: SECRET, format: "libpq" } }));
    const store = JSON.parse(resource(libpq, "aws_ecs_task_definition").container_definitions).find((c: any) => c.name === "store");
    expect(env(store).URL_SUFFIX).toMatch(/\/shop_dev\?sslmode=verify-full&sslrootcert=\/certs\/rds-global-bundle\.pem$/);
    expect(() => synth(build({ connectionUrl: { secretArn: SECRET, format: "libpq", pgbouncer: true } }))).toThrow(
      /DbAdmin: connectionUrl.pgbouncer is a Prisma setting/,
    );
  });

  it("refuses a secret that is not a full Secrets Manager ARN", () => {
    expect(() => synth(build({ connectionUrl: { secretArn: "shop/dev/DATABASE_URL" } }))).toThrow(
      /DbAdmin: connectionUrl.secretArn must be the ARN/,
    );
  });
});
