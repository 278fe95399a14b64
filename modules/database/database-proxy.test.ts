import { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { WorkloadRole } from "../core/workload-role";
import { TEST_NETWORK, findResources, policyOf, resource, resources, synth } from "../internal/testing";
import { DatabaseProxy, DatabaseProxyProps } from "./database-proxy";
import { PostgresDatabase } from "./postgres-database";

const build =
  (extra: Partial<DatabaseProxyProps> = {}) =>
  (scope: Construct) => {
    const database = new PostgresDatabase(scope, "Db", { name: "shop-prod", network: TEST_NETWORK });
    return new DatabaseProxy(scope, "Proxy", { database, network: TEST_NETWORK, ...extra });
  };
const taskRole = (scope: Construct) => new WorkloadRole(scope, "Task", { name: "shop-prod-task", assumedBy: "ecs-tasks.amazonaws.com" });

describe("DatabaseProxy defaults", () => {
  const json = synth(build());
  const proxy = resource(json, "aws_db_proxy");

  it("requires TLS and IAM end to end, in the private subnets, without a secret", () => {
    expect(proxy).toMatchObject({
      name: "shop-prod-db-proxy",
      engine_family: "POSTGRESQL",
      default_auth_scheme: "IAM_AUTH",
      require_tls: true,
      vpc_subnet_ids: [...TEST_NETWORK.privateSubnetIds],
      idle_client_timeout: 1800,
      debug_logging: false,
    });
    expect(proxy.auth).toBeUndefined();
  });

  it("lets the proxy's role log in to the instance as app_user only, and waits for that policy", () => {
    const [[policyName, policy]] = Object.entries(resources(json, "aws_iam_role_policy"));
    expect(policyOf(policy).Statement).toEqual([
      expect.objectContaining({
        Action: "rds-db:connect",
        Resource: expect.stringMatching(/:dbuser:\$\{aws_db_instance\.Db_Instance_\w+\.resource_id\}\/app_user$/),
      }),
    ]);
    expect(policyOf(resource(json, "aws_iam_role"), "assume_role_policy").Statement[0].Principal).toEqual({ Service: "rds.amazonaws.com" });
    expect(proxy.depends_on).toEqual([`aws_iam_role_policy.${policyName}`]);
  });

  it("pools at most 90 % of max_connections for the instance", () => {
    expect(resource(json, "aws_db_proxy_default_target_group").connection_pool_config).toEqual({
      max_connections_percent: 90,
      max_idle_connections_percent: 50,
      connection_borrow_timeout: 120,
    });
    expect(resource(json, "aws_db_proxy_target")).toMatchObject({
      db_instance_identifier: expect.stringMatching(/^\$\{aws_db_instance\.Db_Instance_\w+\.identifier\}$/),
      target_group_name: expect.stringMatching(/^\$\{aws_db_proxy_default_target_group\.\w+\.name\}$/),
    });
  });

  it("is admitted by the database's security group, from its own", () => {
    const proxyGroup = Object.entries(resources(json, "aws_security_group")).find(([, g]) => g.name === "shop-prod-db-proxy-sg")![0];
    expect(
      findResources(
        json,
        "aws_vpc_security_group_ingress_rule",
        (r) => r.referenced_security_group_id === `\${aws_security_group.${proxyGroup}.id}`,
      ),
    ).toEqual([
      expect.objectContaining({
        from_port: 5432,
        security_group_id: expect.stringMatching(/^\$\{aws_security_group\.Db_SecurityGroup_\w+\.id\}$/),
      }),
    ]);
  });
});

describe("DatabaseProxy clients", () => {
  it("grants rds-db:connect on the proxy's prx- id, not the instance's", () => {
    const json = synth((scope) => build()(scope).grantConnect(taskRole(scope), "app_user"));
    const grants = Object.values(resources(json, "aws_iam_role_policy")).filter((p) => p.name === "grants" && p.role.includes("Task"));
    const local = Object.entries(json.locals as Record<string, string>).find(([k]) => k.startsWith("Proxy_ResourceId"))!;
    expect(local[1]).toMatch(/^\$\{element\(split\(":", aws_db_proxy\.Proxy_\w+\.arn\), 6\)\}$/);
    expect(policyOf(grants[0]).Statement[0].Resource).toContain(`dbuser:\${local.${local[0]}}/app_user`);
    expect(policyOf(grants[0]).Statement).toEqual([
      expect.objectContaining({
        Action: "rds-db:connect",
        Resource: expect.stringMatching(/:dbuser:\$\{local\.(\w+)\}\/app_user$/),
      }),
    ]);
  });

  it("points the connection settings at the proxy endpoint, with verify-full", () => {
    let env: Record<string, string> = {};
    let endpoint = "";
    synth((scope) => {
      const p = build()(scope);
      env = p.connectionEnvironment("app_user");
      endpoint = p.address;
    });
    expect(env).toMatchObject({ DB_HOST: endpoint, DB_USER: "app_user", PGSSLMODE: "verify-full" });
  });

  it("admits a client's security group", () => {
    const json = synth((scope) => build()(scope).allowFrom("sg-0123456789abcdef0", "PostgreSQL from the web service"));
    expect(
      findResources(json, "aws_vpc_security_group_ingress_rule", (r) => r.referenced_security_group_id === "sg-0123456789abcdef0"),
    ).toEqual([
      expect.objectContaining({
        security_group_id: expect.stringMatching(/^\$\{aws_security_group\.Proxy_SecurityGroup_\w+\.id\}$/),
        from_port: 5432,
      }),
    ]);
  });

  it("refuses a user the proxy does not log in as", () => {
    expect(() => synth((scope) => build()(scope).grantConnect(taskRole(scope), "reporting"))).toThrow(
      /Proxy: grantConnect dbUser must be one of the proxy's dbUsers \(app_user\), got "reporting"/,
    );
  });
});

describe("DatabaseProxy bad input", () => {
  it("refuses the master user among dbUsers", () => {
    expect(() => synth(build({ dbUsers: ["app_user", "dbadmin"] }))).toThrow(
      /Proxy: dbUsers must not include the master user .*got "dbadmin"/,
    );
  });

  it("refuses an idle share above the maximum share", () => {
    expect(() => synth(build({ maxConnectionsPercent: 40, maxIdleConnectionsPercent: 60 }))).toThrow(
      /Proxy: maxIdleConnectionsPercent must be an integer from 0 to 40, got 60/,
    );
  });

  it("accepts an idle share equal to the maximum", () => {
    const json = synth(build({ maxConnectionsPercent: 40, maxIdleConnectionsPercent: 40 }));
    expect(resource(json, "aws_db_proxy_default_target_group").connection_pool_config.max_idle_connections_percent).toBe(40);
  });

  it("refuses a network in another VPC than the database's, and takes the database's", () => {
    expect(() => synth(build({ network: { ...TEST_NETWORK, vpcId: "vpc-0fedcba9876543210" } }))).toThrow(
      'test/Proxy: network.vpcId must be the database\'s VPC vpc-0123456789abcdef0 (a proxy reaches only instances in its own VPC), got "vpc-0fedcba9876543210"',
    );
    expect(Object.values(resources(synth(build()), "aws_security_group")).map((g: any) => g.vpc_id)).toEqual([
      "vpc-0123456789abcdef0",
      "vpc-0123456789abcdef0",
    ]);
  });

  it("takes a borrow timeout up to the API's 3,600 seconds and refuses one above", () => {
    expect(resources(synth(build({ connectionBorrowTimeoutSeconds: 3600 })), "aws_db_proxy_default_target_group")).toMatchObject({
      Proxy_TargetGroup_28CC3B85: { connection_pool_config: { connection_borrow_timeout: 3600 } },
    });
    expect(() => synth(build({ connectionBorrowTimeoutSeconds: 3601 }))).toThrow(
      /Proxy: connectionBorrowTimeoutSeconds must be an integer from 0 to 3600, got 3601/,
    );
  });
});
