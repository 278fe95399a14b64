import { Fn, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { WorkloadRole } from "../core/workload-role";
import { NetworkRef } from "../core/network-ref";
import { SynthJson, TEST_NETWORK, findResources, policyOf, resource, resources, synth } from "../internal/testing";
import { DatabaseRef } from "../core/database-ref";
import { PostgresDatabase, PostgresDatabaseProps } from "./postgres-database";

const network: NetworkRef = TEST_NETWORK;
const topics = {
  criticalTopicArn: "arn:aws:sns:us-east-1:123456789012:critical",
  warningTopicArn: "arn:aws:sns:us-east-1:123456789012:warning",
};
const KMS = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const WEB_SG = "sg-0123456789abcdef0";
const WORKER_SG = "sg-0fedcba9876543210";

type Extra = Partial<PostgresDatabaseProps>;
const build =
  (extra: Extra = {}) =>
  (scope: Construct) =>
    new PostgresDatabase(scope, "Db", { name: "fckdoomscroll-dev", network, ...extra });
const db = (extra: Extra = {}): SynthJson => synth(build(extra));
const instanceOf = (json: SynthJson) => resource(json, "aws_db_instance");
const fails = (extra: Extra) => expect(() => db(extra));

/** Seed 001's prod database ("Database: RDS PostgreSQL"). */
const SEED_001_PROD: Extra = {
  name: "fckdoomscroll-prod",
  identifier: "fckdoomscroll-db",
  isProduction: true,
  databaseName: "fckdoomscroll",
  masterUsername: "fckadmin",
  engineVersion: "16",
  multiAz: true,
  deletionProtection: true,
  preventDestroy: true,
  alarms: topics,
};

describe("PostgresDatabase defaults", () => {
  const json = db();
  const instance = instanceOf(json);

  it("runs PostgreSQL 16 on db.t4g.micro with encrypted gp3 20 GiB autoscaling to 100 GiB", () => {
    expect(instance).toMatchObject({
      identifier: "fckdoomscroll-dev-db",
      engine: "postgres",
      engine_version: "16",
      instance_class: "db.t4g.micro",
      storage_type: "gp3",
      allocated_storage: 20,
      max_allocated_storage: 100,
      storage_encrypted: true,
      auto_minor_version_upgrade: true,
      allow_major_version_upgrade: false,
      port: 5432,
    });
    expect(instance.kms_key_id).toBeUndefined();
  });

  it("keeps the password in Secrets Manager only, with IAM authentication and a current CA", () => {
    expect(instance).toMatchObject({
      username: "dbadmin",
      manage_master_user_password: true,
      iam_database_authentication_enabled: true,
      ca_cert_identifier: "rds-ca-rsa2048-g1",
      db_name: "fckdoomscroll_dev",
    });
    expect(instance.password).toBeUndefined();
  });

  it("is private, single-AZ, deletion-protected, backed up, and keeps a named final snapshot", () => {
    expect(instance).toMatchObject({
      publicly_accessible: false,
      multi_az: false,
      deletion_protection: true,
      backup_retention_period: 7,
      backup_window: "03:00-04:00",
      maintenance_window: "sun:04:00-sun:05:00",
      skip_final_snapshot: false,
      final_snapshot_identifier: "fckdoomscroll-dev-db-final-${terraform_data.Db_FinalSnapshotSuffix_44F39129.id}",
      copy_tags_to_snapshot: true,
      delete_automated_backups: false,
      apply_immediately: false,
    });
    expect(instance.lifecycle).toBeUndefined();
  });

  it("exports logs to retained log groups and turns on Performance Insights (7 days), no enhanced monitoring", () => {
    expect(instance).toMatchObject({
      enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"],
      performance_insights_enabled: true,
      performance_insights_retention_period: 7,
      monitoring_interval: 0,
    });
    expect(instance.monitoring_role_arn).toBeUndefined();
    expect(Object.keys(resources(json, "aws_iam_role"))).toHaveLength(0);
    const groups = Object.values(resources(json, "aws_cloudwatch_log_group"));
    expect(groups.map((g) => [g.name, g.retention_in_days])).toEqual([
      ["/aws/rds/instance/fckdoomscroll-dev-db/postgresql", 30],
      ["/aws/rds/instance/fckdoomscroll-dev-db/upgrade", 30],
    ]);
    expect(instance.depends_on).toHaveLength(2);
  });

  it("uses the private subnets and its own security group", () => {
    expect(resource(json, "aws_db_subnet_group")).toMatchObject({
      name: "fckdoomscroll-dev-db-subnets",
      subnet_ids: [...TEST_NETWORK.privateSubnetIds],
    });
    expect(instance.db_subnet_group_name).toMatch(/^\$\{aws_db_subnet_group\..*\.name\}$/);
    expect(instance.vpc_security_group_ids).toEqual([expect.stringMatching(/^\$\{aws_security_group\..*\.id\}$/)]);
  });

  it("has a postgres16 parameter group with seed 001's settings and TLS forced, swapped create-before-destroy", () => {
    const group = resource(json, "aws_db_parameter_group");
    expect(group).toMatchObject({
      family: "postgres16",
      name_prefix: "fckdoomscroll-dev-db-postgres16-",
      lifecycle: { create_before_destroy: true },
    });
    expect(group.name).toBeUndefined();
    expect(group.parameter).toEqual([
      { name: "log_min_duration_statement", value: "1000", apply_method: "immediate" },
      { name: "log_statement", value: "ddl", apply_method: "immediate" },
      { name: "max_connections", value: "100", apply_method: "pending-reboot" },
      { name: "rds.force_ssl", value: "1", apply_method: "immediate" },
    ]);
    expect(instance.parameter_group_name).toMatch(/^\$\{aws_db_parameter_group\..*\.name\}$/);
  });

  it("creates no alarms without topics", () => {
    expect(Object.keys(resources(json, "aws_cloudwatch_metric_alarm"))).toHaveLength(0);
  });
});

describe("PostgresDatabase attributes", () => {
  it("exposes the DatabaseRef fields and the managed secret ARN", () => {
    let d!: PostgresDatabase;
    const json = synth((scope) => {
      d = build()(scope);
      // Outputs only to see how the attributes resolve (modules never create outputs).
      for (const [key, value] of Object.entries({
        secret: d.masterSecretArn,
        address: d.address,
        endpoint: d.endpoint,
        sg: d.securityGroupId,
      })) {
        new TerraformOutput(scope, key, { value });
      }
    });
    expect(d.port).toBe(5432);
    expect(d.instanceIdentifier).toBe("fckdoomscroll-dev-db");
    expect(d.databaseName).toBe("fckdoomscroll_dev");
    expect(d.maxConnections).toBe(100);
    // Type-level: the construct is usable wherever a DatabaseRef is expected.
    const ref: DatabaseRef = d;
    void ref;
    const out = (key: string) => json.output?.[key].value;
    expect(out("secret")).toMatch(/^\$\{aws_db_instance\.Db_Instance_[0-9A-F]+\.master_user_secret\[0\]\.secret_arn\}$/);
    expect(out("address")).toMatch(/^\$\{aws_db_instance\..*\.address\}$/);
    expect(out("endpoint")).toMatch(/^\$\{aws_db_instance\..*\.endpoint\}$/);
    expect(out("sg")).toMatch(/^\$\{aws_security_group\..*\.id\}$/);
  });
});

describe("PostgresDatabase seed 001 (prod)", () => {
  const json = db(SEED_001_PROD);
  const instance = instanceOf(json);

  it("is Multi-AZ, deletion-protected and prevent_destroy, with seed 001's names", () => {
    expect(instance).toMatchObject({
      identifier: "fckdoomscroll-db",
      db_name: "fckdoomscroll",
      username: "fckadmin",
      engine_version: "16",
      instance_class: "db.t4g.micro",
      multi_az: true,
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
      storage_type: "gp3",
      allocated_storage: 20,
      max_allocated_storage: 100,
      backup_retention_period: 7,
      backup_window: "03:00-04:00",
      maintenance_window: "sun:04:00-sun:05:00",
      storage_encrypted: true,
      final_snapshot_identifier: expect.stringMatching(
        /^fckdoomscroll-db-final-\$\{terraform_data\.Db_FinalSnapshotSuffix_[0-9A-F]+\.id\}$/,
      ),
    });
  });

  it("alarms on CPU > 75 % for 10 min and free storage < 5 GiB (critical)", () => {
    const alarms = resources(json, "aws_cloudwatch_metric_alarm");
    expect(Object.keys(alarms)).toHaveLength(6);
    const [cpu] = findResources(json, "aws_cloudwatch_metric_alarm", (a) => a.metric_name === "CPUUtilization");
    expect(cpu).toMatchObject({
      alarm_name: "fckdoomscroll-db-cpu-high",
      namespace: "AWS/RDS",
      dimensions: { DBInstanceIdentifier: "fckdoomscroll-db" },
      comparison_operator: "GreaterThanThreshold",
      threshold: 75,
      period: 300,
      evaluation_periods: 2,
      alarm_actions: [topics.criticalTopicArn],
      treat_missing_data: "notBreaching",
    });
    const storage = findResources(json, "aws_cloudwatch_metric_alarm", (a) => a.metric_name === "FreeStorageSpace");
    expect(storage.map((a) => [a.threshold, a.comparison_operator, a.alarm_actions[0]])).toEqual([
      [5 * 1024 ** 3, "LessThanThreshold", topics.criticalTopicArn],
      [10 * 1024 ** 3, "LessThanThreshold", topics.warningTopicArn],
    ]);
  });

  it("warns above 80 % of max_connections", () => {
    const [connections] = findResources(json, "aws_cloudwatch_metric_alarm", (a) => a.metric_name === "DatabaseConnections");
    expect(connections).toMatchObject({
      threshold: 80,
      comparison_operator: "GreaterThanThreshold",
      alarm_actions: [topics.warningTopicArn],
    });
    const bigger = db({ ...SEED_001_PROD, maxConnections: 250 });
    const [alarm] = findResources(bigger, "aws_cloudwatch_metric_alarm", (a) => a.metric_name === "DatabaseConnections");
    expect(alarm.threshold).toBe(200);
  });
});

describe("PostgresDatabase memory and CPU credit alarms", () => {
  const alarm = (json: any, metric: string) => findResources(json, "aws_cloudwatch_metric_alarm", (a) => a.metric_name === metric);

  it("warns when freeable memory stays below 10 % of the class's memory for 15 minutes", () => {
    const [micro] = alarm(db(SEED_001_PROD), "FreeableMemory");
    expect(micro).toMatchObject({
      alarm_name: "fckdoomscroll-db-memory-low",
      namespace: "AWS/RDS",
      dimensions: { DBInstanceIdentifier: "fckdoomscroll-db" },
      statistic: "Average",
      comparison_operator: "LessThanThreshold",
      threshold: Math.round(0.1 * 1024 ** 3),
      period: 300,
      evaluation_periods: 3,
      alarm_actions: [topics.warningTopicArn],
    });
    expect(alarm(db({ ...SEED_001_PROD, instanceClass: "db.r7g.2xlarge" }), "FreeableMemory")[0].threshold).toBe(
      Math.round(0.1 * 64 * 1024 ** 3),
    );
    expect(alarm(db({ ...SEED_001_PROD, instanceClass: "db.m7g.large" }), "FreeableMemory")[0].threshold).toBe(
      Math.round(0.1 * 8 * 1024 ** 3),
    );
  });

  it("watches CPU credits on burstable classes only: below 10 % of the 24 hours of credits the class holds", () => {
    const [micro] = alarm(db(SEED_001_PROD), "CPUCreditBalance");
    expect(micro).toMatchObject({
      alarm_name: "fckdoomscroll-db-cpu-credits-low",
      statistic: "Minimum",
      comparison_operator: "LessThanThreshold",
      threshold: 29,
      alarm_actions: [topics.warningTopicArn],
    });
    expect(alarm(db({ ...SEED_001_PROD, instanceClass: "db.t3.large" }), "CPUCreditBalance")[0].threshold).toBe(86);
    expect(alarm(db({ ...SEED_001_PROD, instanceClass: "db.m7g.large" }), "CPUCreditBalance")).toEqual([]);
  });
});

describe("PostgresDatabase environments", () => {
  it("production turns on Multi-AZ and prevent_destroy unless set", () => {
    expect(instanceOf(db({ isProduction: true }))).toMatchObject({ multi_az: true, lifecycle: { prevent_destroy: true } });
    const overridden = instanceOf(db({ isProduction: true, multiAz: false, preventDestroy: false }));
    expect(overridden.multi_az).toBe(false);
    expect(overridden.lifecycle).toBeUndefined();
  });
  it("dev/staging: single-AZ without deletion protection still keeps a final snapshot", () => {
    expect(instanceOf(db({ deletionProtection: false }))).toMatchObject({
      multi_az: false,
      deletion_protection: false,
      skip_final_snapshot: false,
      final_snapshot_identifier: "fckdoomscroll-dev-db-final-${terraform_data.Db_FinalSnapshotSuffix_44F39129.id}",
    });
  });
});

describe("PostgresDatabase props", () => {
  it("uses the network's database subnets when it has them, or the chosen ones", () => {
    const isolated = { ...network, databaseSubnetIds: ["subnet-0ccccccccccccccc1", "subnet-0ccccccccccccccc2"] };
    expect(resource(db({ network: isolated }), "aws_db_subnet_group").subnet_ids).toEqual(isolated.databaseSubnetIds);
    expect(resource(db({ network: isolated, subnets: "private" }), "aws_db_subnet_group").subnet_ids).toEqual([
      ...network.privateSubnetIds,
    ]);
  });

  it("uses a customer-managed key for storage, the secret and Performance Insights", () => {
    expect(instanceOf(db({ kmsKeyArn: KMS }))).toMatchObject({
      kms_key_id: KMS,
      master_user_secret_kms_key_id: KMS,
      performance_insights_kms_key_id: KMS,
    });
  });

  it("turns Performance Insights off", () => {
    const instance = instanceOf(db({ performanceInsights: false }));
    expect(instance.performance_insights_enabled).toBe(false);
    expect(instance.performance_insights_retention_period).toBeUndefined();
  });

  it("creates the enhanced monitoring role when an interval is set", () => {
    const json = db({ enhancedMonitoringIntervalSeconds: 60 });
    const role = resource(json, "aws_iam_role");
    expect(role.name).toBe("fckdoomscroll-dev-db-monitoring");
    expect(policyOf(role, "assume_role_policy").Statement[0].Principal).toEqual({ Service: "monitoring.rds.amazonaws.com" });
    expect(resource(json, "aws_iam_role_policy_attachment").policy_arn).toMatch(
      /:iam::aws:policy\/service-role\/AmazonRDSEnhancedMonitoringRole$/,
    );
    const instance = instanceOf(json);
    expect(instance).toMatchObject({ monitoring_interval: 60, monitoring_role_arn: expect.stringMatching(/aws_iam_role\..*\.arn/) });
    expect(instance.depends_on).toContainEqual(expect.stringMatching(/^aws_iam_role_policy_attachment\./));
  });

  it("sets engine version, class, storage, windows, retention and identifier", () => {
    expect(
      instanceOf(
        db({
          identifier: "custom-db",
          engineVersion: "16.4",
          parameterGroupFamily: "postgres16",
          instanceClass: "db.t4g.small",
          allocatedStorageGiB: 50,
          maxAllocatedStorageGiB: 200,
          backupRetentionDays: 14,
          backupWindow: "01:00-01:30",
          maintenanceWindow: "SAT:02:00-SAT:03:00",
          applyImmediately: true,
          finalSnapshotIdentifier: "custom-db-last",
        }),
      ),
    ).toMatchObject({
      identifier: "custom-db",
      engine_version: "16.4",
      instance_class: "db.t4g.small",
      allocated_storage: 50,
      max_allocated_storage: 200,
      backup_retention_period: 14,
      backup_window: "01:00-01:30",
      maintenance_window: "sat:02:00-sat:03:00",
      apply_immediately: true,
      final_snapshot_identifier: "custom-db-last",
    });
  });

  it("accepts a storage ceiling exactly 10 % above the allocation", () => {
    expect(instanceOf(db({ allocatedStorageGiB: 20, maxAllocatedStorageGiB: 22 })).max_allocated_storage).toBe(22);
  });

  it("keeps the 100 GiB default ceiling up to a 90 GiB allocation, and turns autoscaling off above (RDS's 10 % rule)", () => {
    expect(instanceOf(db({ allocatedStorageGiB: 90 })).max_allocated_storage).toBe(100);
    expect(instanceOf(db({ allocatedStorageGiB: 95 }))).toMatchObject({ allocated_storage: 95, max_allocated_storage: 0 });
    expect(instanceOf(db({ allocatedStorageGiB: 200 }))).toMatchObject({ allocated_storage: 200, max_allocated_storage: 0 });
  });

  it("uses another CA, allows major version upgrades and accepts a 16-character master user", () => {
    expect(
      instanceOf(db({ caCertIdentifier: "rds-ca-ecc384-g1", allowMajorVersionUpgrade: true, masterUsername: "a".repeat(16) })),
    ).toMatchObject({
      ca_cert_identifier: "rds-ca-ecc384-g1",
      allow_major_version_upgrade: true,
      username: "a".repeat(16),
    });
  });

  it("keeps exported logs as long as asked, encrypted with the given key", () => {
    const groups = Object.values(resources(db({ logRetentionDays: 365, logsKmsKeyArn: KMS }), "aws_cloudwatch_log_group"));
    expect(groups).toHaveLength(2);
    for (const group of groups) expect(group).toMatchObject({ retention_in_days: 365, kms_key_id: KMS });
  });

  it("sets prevent_destroy outside production when asked", () => {
    expect(instanceOf(db({ preventDestroy: true })).lifecycle).toEqual({ prevent_destroy: true });
  });

  it("accepts RDS formulas and 0/1 booleans as parameter values", () => {
    const parameters = resource(
      db({ parameters: { shared_buffers: "{DBInstanceClassMemory/32768}", track_io_timing: "1", work_mem: "8192" } }),
      "aws_db_parameter_group",
    ).parameter;
    expect(parameters).toEqual(
      expect.arrayContaining([
        { name: "shared_buffers", value: "{DBInstanceClassMemory/32768}", apply_method: "pending-reboot" },
        { name: "track_io_timing", value: "1", apply_method: "immediate" },
        { name: "work_mem", value: "8192", apply_method: "immediate" },
      ]),
    );
  });

  it("turns storage autoscaling off when max equals allocated", () => {
    expect(instanceOf(db({ allocatedStorageGiB: 50, maxAllocatedStorageGiB: 50 })).max_allocated_storage).toBe(0);
  });

  it("derives the parameter family from another major version", () => {
    expect(resource(db({ engineVersion: "17.2" }), "aws_db_parameter_group")).toMatchObject({
      family: "postgres17",
      name_prefix: "fckdoomscroll-dev-db-postgres17-",
    });
  });

  it("adds parameters with the apply method each needs (static: pending-reboot, dynamic: immediate)", () => {
    const json = db({
      maxConnections: 200,
      parameters: {
        shared_preload_libraries: "pg_stat_statements",
        "pg_stat_statements.track": "all",
        log_statement: "mod",
        work_mem: "8192",
        "my_ext.workers": "4",
      },
      staticParameterNames: ["my_ext.workers"],
    });
    const byName = Object.fromEntries(
      resource(json, "aws_db_parameter_group").parameter.map((p: any) => [p.name, [p.value, p.apply_method]]),
    );
    expect(byName).toEqual({
      log_min_duration_statement: ["1000", "immediate"],
      log_statement: ["mod", "immediate"],
      max_connections: ["200", "pending-reboot"],
      "my_ext.workers": ["4", "pending-reboot"],
      "pg_stat_statements.track": ["all", "immediate"],
      "rds.force_ssl": ["1", "immediate"],
      shared_preload_libraries: ["pg_stat_statements", "pending-reboot"],
      work_mem: ["8192", "immediate"],
    });
  });

  it("passes extra tags to its resources", () => {
    const json = db({ tags: { Team: "data" } });
    for (const type of ["aws_db_instance", "aws_security_group", "aws_db_subnet_group", "aws_db_parameter_group"]) {
      expect(resource(json, type).tags).toEqual({ Team: "data" });
    }
  });
});

describe("PostgresDatabase security group", () => {
  it("has no rules of its own: no CIDR ingress, no egress", () => {
    const json = db();
    const group = resource(json, "aws_security_group");
    expect(group).toMatchObject({ name: "fckdoomscroll-dev-db-sg", vpc_id: TEST_NETWORK.vpcId });
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    expect(Object.keys(resources(json, "aws_vpc_security_group_ingress_rule"))).toHaveLength(0);
    expect(Object.keys(resources(json, "aws_vpc_security_group_egress_rule"))).toHaveLength(0);
    expect(Object.keys(resources(json, "aws_security_group_rule"))).toHaveLength(0);
  });

  it("admits 5432 only from the allowed groups", () => {
    const json = synth((scope) => {
      const d = build()(scope);
      d.allowFrom(WEB_SG, "PostgreSQL from the web service");
      d.allowFrom(WORKER_SG, "PostgreSQL from the worker");
    });
    const rules = Object.values(resources(json, "aws_vpc_security_group_ingress_rule"));
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      expect(rule).toMatchObject({
        ip_protocol: "tcp",
        from_port: 5432,
        to_port: 5432,
        security_group_id: expect.stringMatching(/aws_security_group\./),
      });
      expect(rule.cidr_ipv4).toBeUndefined();
      expect(rule.cidr_ipv6).toBeUndefined();
      expect(rule.prefix_list_id).toBeUndefined();
    }
    expect(rules.map((r) => r.referenced_security_group_id).sort()).toEqual([WEB_SG, WORKER_SG].sort());
    expect(Object.keys(resources(json, "aws_vpc_security_group_egress_rule"))).toHaveLength(0);
  });

  it("refuses a malformed group id or a repeated description", () => {
    expect(() => synth((s) => build()(s).allowFrom("0.0.0.0/0", "anyone"))).toThrow(
      /Db: allowFrom securityGroupId must be a security group id such as sg-0123456789abcdef0, got "0.0.0.0\/0"/,
    );
    expect(() =>
      synth((s) => {
        const d = build()(s);
        d.allowFrom(WEB_SG, "PostgreSQL from web");
        d.allowFrom(WORKER_SG, "PostgreSQL from web");
      }),
    ).toThrow(/allowFrom description must differ from the descriptions of earlier allowFrom calls, got "PostgreSQL from web"/);
  });
});

describe("PostgresDatabase grantReadMasterSecret", () => {
  it("grants read of exactly the master secret to a workload role", () => {
    const json = synth((scope) => {
      const d = build()(scope);
      d.grantReadMasterSecret(new WorkloadRole(scope, "Task", { name: "fckdoomscroll-dev-task", assumedBy: "ecs-tasks.amazonaws.com" }));
    });
    const policy = policyOf(resource(json, "aws_iam_role_policy"));
    expect(policy.Statement).toEqual([
      {
        Sid: "ReadSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: expect.stringMatching(/^\$\{aws_db_instance\..*\.master_user_secret\[0\]\.secret_arn\}$/),
      },
    ]);
  });

  it("adds kms:Decrypt on the customer-managed key to a role from remote state", () => {
    const json = synth((scope) => {
      build({ kmsKeyArn: KMS })(scope).grantReadMasterSecret({
        roleName: "imported-role",
        roleArn: "arn:aws:iam::123456789012:role/imported-role",
      });
    });
    const policy = resource(json, "aws_iam_role_policy");
    expect(policy.role).toBe("imported-role");
    expect(policyOf(policy).Statement[1]).toEqual({ Sid: "DecryptSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: KMS });
  });
});

describe("PostgresDatabase method misuse", () => {
  it("refuses to grant the same role twice", () => {
    const role = { roleName: "imported-role", roleArn: "arn:aws:iam::123456789012:role/imported-role" };
    expect(() =>
      synth((s) => {
        const d = build()(s);
        d.grantReadMasterSecret(role);
        d.grantReadMasterSecret(role);
      }),
    ).toThrow(/Db: grantReadMasterSecret role was already granted, got "imported-role"/);
  });

  it("refuses an allowFrom description without letters or digits", () => {
    expect(() => synth((s) => build()(s).allowFrom(WEB_SG, "---"))).toThrow(
      /Db: allowFrom description must contain letters or digits, got "---"/,
    );
  });
});

describe("PostgresDatabase bad input", () => {
  it.each([
    ["Db-Upper", "lower-case"],
    ["1db", "starting with a letter"],
    ["my--db", "no '--'"],
    ["my-db-", "not ending with a hyphen"],
    ["my_db", "lower-case letters, digits and hyphens"],
    ["a".repeat(64), "must be 1-63 characters"],
  ])("rejects the identifier %s", (identifier, rule) => {
    fails({ identifier }).toThrow(new RegExp(`Db: identifier .*${rule.replace(/[()]/g, "\\$&")}.*got "${identifier}"`));
  });

  it("rejects a base name that makes an invalid identifier", () => {
    fails({ name: "Fck-Prod" }).toThrow(/Db: name must be a valid dbInstance name.*got "Fck-Prod-db"/);
  });

  it.each([
    ["1app", "must be 1-63 lower-case letters, digits or underscores, starting with a letter"],
    ["my-app", "must be 1-63 lower-case letters"],
    ["App", "must be 1-63 lower-case letters"],
    ["a".repeat(64), "must be 1-63 lower-case letters"],
    ["template1", "must not be a database every instance already has"],
    ["postgres", "must not be a database every instance already has"],
    ["select", "must not be an SQL reserved word"],
  ])("rejects the database name %s", (databaseName, rule) => {
    fails({ databaseName }).toThrow(new RegExp(`Db: databaseName ${rule}.*got "${databaseName}"`));
  });

  it.each(["admin", "rdsadmin", "rds_superuser", "pg_monitor", "public", "none"])(
    "rejects the reserved master username %s",
    (masterUsername) => {
      fails({ masterUsername }).toThrow(
        new RegExp(`Db: masterUsername must not be a name RDS or PostgreSQL reserves.*got "${masterUsername}"`),
      );
    },
  );

  it.each(["postgres", "root", "master", "administrator", "rds_app", "aws_app", "dbadmin2"])(
    "accepts the master username %s (RDS takes it)",
    (masterUsername) => {
      expect(instanceOf(db({ masterUsername })).username).toBe(masterUsername);
    },
  );

  it.each([
    ["user", "must not be an SQL reserved word"],
    ["1admin", "must be 1-16 lower-case letters, digits or underscores, starting with a letter \\(RDS's limit"],
    ["db-admin", "must be 1-16 lower-case letters, digits or underscores"],
    ["", "must be 1-16 lower-case letters, digits or underscores"],
    ["a".repeat(17), "must be 1-16 lower-case letters, digits or underscores"],
  ])("rejects the master username %j", (masterUsername, rule) => {
    fails({ masterUsername }).toThrow(new RegExp(`Db: masterUsername ${rule}`));
  });

  it("rejects alarm topics given by name (CloudWatch takes ARNs)", () => {
    fails({ alarms: { criticalTopicArn: "db-critical", warningTopicArn: "db-warning" } }).toThrow(
      /Db: alarms\.criticalTopicArn must be an SNS topic ARN .*not a topic name, got "db-critical"/,
    );
  });

  it("rejects storage below 20 GiB", () => {
    fails({ allocatedStorageGiB: 5 }).toThrow(/Db: allocatedStorageGiB must be an integer from 20 to 65536, got 5/);
  });

  it("rejects a storage ceiling below the allocation", () => {
    fails({ allocatedStorageGiB: 50, maxAllocatedStorageGiB: 40 }).toThrow(
      /Db: maxAllocatedStorageGiB must be at least 55 \(10 % above allocatedStorageGiB 50, as RDS requires\) or equal to allocatedStorageGiB \(50\) to turn autoscaling off, got 40/,
    );
  });

  it("rejects a storage ceiling less than 10 % above the allocation", () => {
    fails({ allocatedStorageGiB: 50, maxAllocatedStorageGiB: 54 }).toThrow(/Db: maxAllocatedStorageGiB must be at least 55 .*got 54/);
  });

  it("rejects a storage ceiling above the gp3 maximum", () => {
    fails({ maxAllocatedStorageGiB: 70000 }).toThrow(/Db: maxAllocatedStorageGiB must be an integer from 20 to 65536, got 70000/);
  });

  it("rejects a final snapshot identifier longer than 255 characters", () => {
    const finalSnapshotIdentifier = `s${"a".repeat(255)}`;
    fails({ finalSnapshotIdentifier }).toThrow(/Db: finalSnapshotIdentifier must be at most 255 characters \(is 256\)/);
  });

  it("rejects a CA RDS does not offer", () => {
    fails({ caCertIdentifier: "rds-ca-2019" as never }).toThrow(
      /Db: caCertIdentifier must be one of "rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1", got "rds-ca-2019"/,
    );
  });

  it("rejects an unknown subnet tier", () => {
    fails({ subnets: "public" as never }).toThrow(/Db: subnets must be one of "database", "private", got "public"/);
  });

  it("rejects an engine version only known at apply without a parameter family", () => {
    fails({ engineVersion: Fn.lookup({ v: "16" }, "v") }).toThrow(
      /Db: parameterGroupFamily is required when engineVersion is a token, got undefined/,
    );
  });

  it("rejects a major version out of standard support", () => {
    fails({ engineVersion: "12" }).toThrow(/Db: engineVersion must be PostgreSQL 13 or later .*got "12"/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      "a value with a unit",
      { work_mem: "8MB" },
      /Db: parameters\.work_mem must be an integer from 64 to 2147483647 in kB, without a unit suffix .*got "8MB"/,
    ],
    [
      "an integer out of range",
      { log_min_duration_statement: "-5" },
      /Db: parameters\.log_min_duration_statement must be an integer from -1 to 2147483647 in ms.*got "-5"/,
    ],
    [
      "a boolean written as on",
      { track_io_timing: "on" },
      /Db: parameters\.track_io_timing must be "0" or "1" \(RDS writes booleans as 0\/1\), got "on"/,
    ],
    [
      "an unknown enum value",
      { log_statement: "everything" },
      /Db: parameters\.log_statement must be one of none, ddl, mod, all, got "everything"/,
    ],
    ["a number instead of a string", { work_mem: 8192 }, /Db: parameters\.work_mem must be a string value, got 8192/],
    ["a malformed name", { "work mem": "1" }, /Db: parameters\.work mem must be a PostgreSQL parameter name/],
  ])("rejects a parameter with %s", (_, parameters, message) => {
    fails({ parameters: parameters as Record<string, string> }).toThrow(message);
  });

  it.each([-1, 36, 7.5])("rejects backup retention %s", (backupRetentionDays) => {
    fails({ backupRetentionDays }).toThrow(
      new RegExp(`Db: backupRetentionDays must be an integer from 0 to 35, got ${backupRetentionDays}`),
    );
  });

  it("rejects backup retention 0 with Multi-AZ", () => {
    fails({ backupRetentionDays: 0, multiAz: true }).toThrow(/Db: backupRetentionDays must be at least 1 with Multi-AZ, got 0/);
  });

  it("rejects backup retention 0 in production", () => {
    fails({ backupRetentionDays: 0, isProduction: true, multiAz: false }).toThrow(
      /Db: backupRetentionDays must be at least 1 in production/,
    );
  });

  it("accepts backup retention 0 in a single-AZ dev database", () => {
    expect(instanceOf(db({ backupRetentionDays: 0 })).backup_retention_period).toBe(0);
  });

  it("rejects a malformed backup window", () => {
    fails({ backupWindow: "3am-4am" }).toThrow(/Db: backupWindow must be a UTC window hh24:mi-hh24:mi such as 03:00-04:00, got "3am-4am"/);
  });

  it("rejects a malformed maintenance window", () => {
    fails({ maintenanceWindow: "sunday 04:00" }).toThrow(/Db: maintenanceWindow must be a UTC window ddd:hh24:mi-ddd:hh24:mi/);
  });

  it("rejects a window shorter than 30 minutes", () => {
    fails({ backupWindow: "03:00-03:15" }).toThrow(/Db: backupWindow must last at least 30 minutes \(lasts 15\)/);
  });

  it("rejects overlapping windows", () => {
    fails({ maintenanceWindow: "sun:03:30-sun:04:30" }).toThrow(/Db: maintenanceWindow must not overlap backupWindow 03:00-04:00/);
  });

  it("rejects an engine version that does not match the parameter family", () => {
    fails({ engineVersion: "15.7", parameterGroupFamily: "postgres16" }).toThrow(
      /Db: parameterGroupFamily must match engineVersion 15.7 \(family postgres15\), got "postgres16"/,
    );
  });

  it("rejects a malformed engine version", () => {
    fails({ engineVersion: "sixteen" }).toThrow(/Db: engineVersion must be a PostgreSQL version such as 16 or 16.4/);
  });

  it.each<[string, RegExp]>([
    [
      "db.t3.nano",
      /^test\/Db: instanceClass must be a size db\.t3 comes in: micro, small, medium, large, xlarge, 2xlarge \(RDS for PostgreSQL classes as of 2026-11-28: https:\/\/docs\.aws\.amazon\.com\/AmazonRDS\/latest\/UserGuide\/Concepts\.DBInstanceClass\.Support\.html\), got "db\.t3\.nano"$/,
    ],
    ["db.m6g.medium", /instanceClass must be a size db\.m6g comes in: large, xlarge, .*got "db\.m6g\.medium"/],
    [
      "db.t2.micro",
      /instanceClass must not be a previous-generation class: RDS does not offer db\.t2 for PostgreSQL 16.*got "db\.t2\.micro"/,
    ],
    ["db.t4.micro", /instanceClass must be of a family RDS offers for PostgreSQL: db\.t3, db\.t4g, .*got "db\.t4\.micro"/],
    ["db.serverless", /instanceClass must be an RDS instance class db\.<family>\.<size>.*got "db\.serverless"/],
  ])("rejects %s, a class RDS does not offer for PostgreSQL", (instanceClass, message) => {
    fails({ instanceClass }).toThrow(message);
  });

  it.each(["db.t3.micro", "db.t4g.2xlarge", "db.m6g.large", "db.r7g.16xlarge", "db.m7i.48xlarge", "db.x2iedn.xlarge"])(
    "accepts %s, a class RDS offers for PostgreSQL",
    (instanceClass) => {
      expect(instanceOf(db({ instanceClass })).instance_class).toBe(instanceClass);
    },
  );

  it("leaves previous-generation classes to RDS for majors older than the table (PostgreSQL 13)", () => {
    expect(instanceOf(db({ engineVersion: "13", instanceClass: "db.r4.large" })).instance_class).toBe("db.r4.large");
  });

  it.each(["t4g.micro", "m5.large", "db.t4g", "cache.t4g.micro"])("rejects the instance class %s", (instanceClass) => {
    fails({ instanceClass }).toThrow(
      new RegExp(`Db: instanceClass must be an RDS instance class db.<family>.<size> such as db.t4g.micro, got "${instanceClass}"`),
    );
  });

  it("rejects setting max_connections or rds.force_ssl through parameters", () => {
    fails({ parameters: { max_connections: "500" } }).toThrow(
      /Db: parameters.max_connections is set through the maxConnections prop, got "500"/,
    );
    fails({ parameters: { "rds.force_ssl": "0" } }).toThrow(/Db: parameters.rds.force_ssl is always 1/);
  });

  it("checks parameter names against the engine's family: removed in 16, still there in 15", () => {
    fails({ parameters: { vacuum_defer_cleanup_age: "0" } }).toThrow(
      /Db: parameters\.vacuum_defer_cleanup_age is not a parameter of family postgres16: PostgreSQL 16 removed it/,
    );
    const group = resource(db({ engineVersion: "15", parameters: { vacuum_defer_cleanup_age: "0" } }), "aws_db_parameter_group");
    expect(group.family).toBe("postgres15");
    expect(group.parameter).toContainEqual({ name: "vacuum_defer_cleanup_age", value: "0", apply_method: "immediate" });
  });

  it("rejects other out-of-range settings", () => {
    fails({ maxConnections: 2 }).toThrow(/Db: maxConnections must be an integer from 6 to 8388607, got 2/);
    fails({ enhancedMonitoringIntervalSeconds: 20 }).toThrow(
      /Db: enhancedMonitoringIntervalSeconds must be one of 0, 1, 5, 10, 15, 30, 60, got 20/,
    );
    fails({ kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/rds" }).toThrow(
      /Db: kmsKeyArn must be a KMS key ARN .*not an alias: it also encrypts the master secret/,
    );
    fails({ kmsKeyArn: KMS.replace("us-east-1", "eu-west-1") }).toThrow(
      /Db: kmsKeyArn must be in the stack's AWS provider region us-east-1 \(KMS keys are regional and RDS .*\), not in eu-west-1/,
    );
    fails({ logsKmsKeyArn: KMS.replace("us-east-1", "us-west-2") }).toThrow(
      /Db: logsKmsKeyArn must be in the stack's AWS provider region us-east-1 \(KMS keys are regional and CloudWatch Logs .*\), not in us-west-2/,
    );
    fails({ logRetentionDays: 0 }).toThrow(/Db: logRetentionDays must be one of/);
    fails({ finalSnapshotIdentifier: "final--snap" }).toThrow(/Db: finalSnapshotIdentifier must be a snapshot identifier/);
  });

  it("rejects database subnets the network does not have, and a single subnet", () => {
    fails({ subnets: "database" }).toThrow(/Db: subnets is "database" but network.databaseSubnetIds is empty/);
    fails({ network: { ...network, privateSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1"] } }).toThrow(
      /Db: network.privateSubnetIds must hold at least 2 subnets in different availability zones/,
    );
  });
});
