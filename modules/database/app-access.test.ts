import { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { WorkloadRole } from "../core/workload-role";
import { TEST_NETWORK, policyOf, resource, resources, synth } from "../internal/testing";
import { ConnectionDemand, reservedConnections } from "./connection-capacity";
import { PostgresDatabase, PostgresDatabaseProps } from "./postgres-database";

const build =
  (extra: Partial<PostgresDatabaseProps> = {}) =>
  (scope: Construct) =>
    new PostgresDatabase(scope, "Db", { name: "fckdoomscroll-dev", network: TEST_NETWORK, ...extra });
const taskRole = (scope: Construct) =>
  new WorkloadRole(scope, "Task", { name: "fckdoomscroll-dev-task", assumedBy: "ecs-tasks.amazonaws.com" });
/** Seed 001's prod service: 10 tasks, 200 % during a deploy, DB_POOL_SIZE 5. */
const PROD_WEB: ConnectionDemand = {
  consumer: "prod/Web",
  maxTasks: 10,
  poolSize: 5,
  maxTasksSetting: "service.maxCapacity",
  poolSizeSetting: "DB_POOL_SIZE",
};

describe("PostgresDatabase final snapshot (re-creatable)", () => {
  it("names the final snapshot after a terraform_data id replaced together with the instance", () => {
    const json = synth(build({ kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555" }));
    const [[suffixName, suffix]] = Object.entries(resources(json, "terraform_data"));
    expect(resource(json, "aws_db_instance").final_snapshot_identifier).toBe(
      `fckdoomscroll-dev-db-final-\${terraform_data.${suffixName}.id}`,
    );
    // The inputs whose change replaces the instance replace the suffix too: a new instance, a new name.
    expect(suffix.triggers_replace).toEqual({
      identifier: "fckdoomscroll-dev-db",
      databaseName: "fckdoomscroll_dev",
      username: "dbadmin",
      kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
    });
    // No input that changes on every plan: the id (and so the name) stays for the instance's life.
    expect(suffix.input).toBeUndefined();
  });

  it("uses a given identifier as it is, without a suffix resource", () => {
    const json = synth(build({ finalSnapshotIdentifier: "fckdoomscroll-dev-db-last" }));
    expect(resource(json, "aws_db_instance").final_snapshot_identifier).toBe("fckdoomscroll-dev-db-last");
    expect(resources(json, "terraform_data")).toEqual({});
  });
});

describe("PostgresDatabase IAM authentication", () => {
  it("grants rds-db:connect on exactly the app user of this instance's DbiResourceId", () => {
    const json = synth((scope) => build()(scope).grantConnect(taskRole(scope), "app_user"));
    expect(resource(json, "aws_db_instance").iam_database_authentication_enabled).toBe(true);
    expect(policyOf(resource(json, "aws_iam_role_policy")).Statement).toEqual([
      {
        Sid: "ConnectToDatabase",
        Effect: "Allow",
        Action: "rds-db:connect",
        Resource: expect.stringMatching(
          /^arn:\$\{data\.aws_partition\.\w+\.partition\}:rds-db:\$\{data\.aws_region\.\w+\.region\}:\$\{data\.aws_caller_identity\.\w+\.account_id\}:dbuser:\$\{aws_db_instance\.Db_Instance_\w+\.resource_id\}\/app_user$/,
        ),
      },
    ]);
  });

  it("adds a separate inline policy for a role from remote state", () => {
    const json = synth((scope) =>
      build()(scope).grantConnect({ roleName: "imported", roleArn: "arn:aws:iam::123456789012:role/imported" }, "app_user"),
    );
    expect(resource(json, "aws_iam_role_policy").role).toBe("imported");
  });

  it("refuses the master user: it keeps its password for migrations", () => {
    expect(() => synth((scope) => build()(scope).grantConnect(taskRole(scope), "dbadmin"))).toThrow(
      /Db: grantConnect dbUser must not be the master user .*, got "dbadmin"/,
    );
  });

  it("refuses a reserved role name", () => {
    expect(() => synth((scope) => build()(scope).grantConnect(taskRole(scope), "rds_iam"))).toThrow(
      /Db: grantConnect dbUser must not be a reserved or built-in role name.*got "rds_iam"/,
    );
  });

  it("refuses the same grant twice", () => {
    expect(() =>
      synth((scope) => {
        const d = build()(scope);
        const role = taskRole(scope);
        d.grantConnect(role, "app_user");
        d.grantConnect(role, "app_user");
      }),
    ).toThrow(/Db: grantConnect role was already granted app_user/);
  });
});

describe("PostgresDatabase connectionEnvironment", () => {
  it("gives host, port, name, user, region and verify-full TLS with the CA bundle path, and no secret", () => {
    let env: Record<string, string> = {};
    synth((scope) => {
      env = build()(scope).connectionEnvironment("app_user");
    });
    expect(env).toEqual({
      DB_HOST: expect.stringMatching(/^\$\{TfToken\[TOKEN\.\d+\]\}$/),
      DB_PORT: "5432",
      DB_NAME: "fckdoomscroll_dev",
      DB_USER: "app_user",
      DB_REGION: expect.stringMatching(/^\$\{TfToken\[TOKEN\.\d+\]\}$/),
      PGSSLMODE: "verify-full",
      PGSSLROOTCERT: "/certs/rds-global-bundle.pem",
      NODE_EXTRA_CA_CERTS: "/certs/rds-global-bundle.pem",
    });
  });

  it("points at another bundle path", () => {
    let env: Record<string, string> = {};
    synth((scope) => {
      env = build()(scope).connectionEnvironment("app_user", { caBundlePath: "/etc/ssl/rds.pem" });
    });
    expect([env.PGSSLROOTCERT, env.NODE_EXTRA_CA_CERTS]).toEqual(["/etc/ssl/rds.pem", "/etc/ssl/rds.pem"]);
  });

  it("refuses a relative bundle path", () => {
    expect(() => synth((scope) => build()(scope).connectionEnvironment("app_user", { caBundlePath: "certs/rds.pem" }))).toThrow(
      /Db: connectionEnvironment caBundlePath must be an absolute path .*got "certs\/rds.pem"/,
    );
  });
});

describe("PostgresDatabase connection capacity", () => {
  it("counts 3 superuser + 2 rds_superuser reserved slots by default, and parameters that change them", () => {
    expect(reservedConnections()).toBe(5);
    expect(
      reservedConnections({
        superuser_reserved_connections: "5",
        "rds.rds_superuser_reserved_connections": "2",
        reserved_connections: "4",
      }),
    ).toBe(11);
  });

  it("refuses seed 001's prod: 10 tasks × 200 % × pool 5 = 100 (+2) > 100 - 5, naming both settings", () => {
    expect(() => synth((scope) => build()(scope).checkConnectionCapacity([PROD_WEB]))).toThrow(
      /Db: database connections may exceed the limit during a deployment: prod\/Web: service\.maxCapacity 10 × deployment maximum 200 % × DB_POOL_SIZE 5 = 100 \+ 2 other = 102 connections, but maxConnections 100 minus 5 reserved .* leaves 95\./,
    );
  });

  it("accepts the same service when maxConnections leaves room", () => {
    let result;
    synth((scope) => {
      result = build({ maxConnections: 110 })(scope).checkConnectionCapacity([PROD_WEB]);
    });
    expect(result).toEqual({ peak: 102, available: 105, fits: true });
  });

  it("adds up several clients and uses the deployment percent given", () => {
    let result;
    synth((scope) => {
      result = build()(scope).checkConnectionCapacity(
        [
          { consumer: "web", maxTasks: 4, poolSize: 5 },
          { consumer: "worker", maxTasks: 3, deploymentMaximumPercent: 150, poolSize: 2 },
        ],
        { otherConnections: 0 },
      );
    });
    // web: 8 tasks × 5 = 40; worker: floor(4.5) = 4 tasks × 2 = 8.
    expect(result).toEqual({ peak: 48, available: 95, fits: true });
  });

  it("warns instead of failing with onExceed: warn", () => {
    let scope: Construct | undefined;
    synth((s) => {
      const d = build()(s);
      d.checkConnectionCapacity([PROD_WEB], { onExceed: "warn" });
      scope = d;
    });
    const warnings = scope!.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings).toEqual([
      expect.stringMatching(/service\.maxCapacity 10 × .* DB_POOL_SIZE 5 = 100 .* maxConnections 100 minus 5 reserved/),
    ]);
  });

  it("refuses a deployment percent above ECS's 200", () => {
    expect(() => synth((scope) => build()(scope).checkConnectionCapacity([{ ...PROD_WEB, deploymentMaximumPercent: 250 }]))).toThrow(
      /Db: checkConnectionCapacity demands\[0\]\.deploymentMaximumPercent must be an integer from 100 to 200, got 250/,
    );
  });

  it("refuses parameters that leave no slot for the application", () => {
    expect(() => synth(build({ maxConnections: 6, parameters: { superuser_reserved_connections: "4" } }))).toThrow(
      /Db: maxConnections must leave at least 1 connection beyond the 6 reserved for superusers and RDS, got 6/,
    );
  });
});
