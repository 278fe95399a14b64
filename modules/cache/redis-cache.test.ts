import { describe, expect, it } from "vitest";
import { Construct } from "constructs";
import { Connections } from "../core/connections";
import { TEST_NETWORK, resource, resources, synth } from "../internal/testing";
import { RedisCache, RedisCacheProps } from "./redis-cache";

const topics = {
  criticalTopicArn: "arn:aws:sns:us-east-1:123456789012:shop-prod-critical",
  warningTopicArn: "arn:aws:sns:us-east-1:123456789012:shop-prod-warning",
};
const KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const cache = (scope: Construct, props: Partial<RedisCacheProps> = {}) =>
  new RedisCache(scope, "Cache", { name: "shop-dev", network: TEST_NETWORK, ...props });

describe("RedisCache", () => {
  it("defaults to one encrypted Valkey node with TLS required, RBAC and private subnets", () => {
    const json = synth((s) => cache(s));
    expect(resource(json, "aws_elasticache_replication_group")).toMatchObject({
      replication_group_id: "shop-dev-cache",
      engine: "valkey",
      engine_version: "8.0",
      node_type: "cache.t4g.micro",
      num_cache_clusters: 1,
      automatic_failover_enabled: false,
      multi_az_enabled: false,
      port: 6379,
      at_rest_encryption_enabled: "true",
      transit_encryption_enabled: true,
      transit_encryption_mode: "required",
      snapshot_retention_limit: 0,
    });
    expect(resource(json, "aws_elasticache_replication_group").auth_token).toBeUndefined();
    expect(resource(json, "aws_elasticache_subnet_group").subnet_ids).toEqual([...TEST_NETWORK.privateSubnetIds]);
    expect(resource(json, "aws_elasticache_parameter_group")).toMatchObject({
      family: "valkey8",
      parameter: [{ name: "maxmemory-policy", value: "noeviction" }],
    });
    // No inline rules: nothing reaches the cache until a path is opened.
    expect(resource(json, "aws_security_group").ingress).toBeUndefined();
    expect(resources(json, "aws_vpc_security_group_ingress_rule")).toEqual({});
  });

  it("switches the default user off and creates the app user IAM-only, with no password anywhere", () => {
    const json = synth((s) => cache(s));
    const users = Object.values(resources(json, "aws_elasticache_user"));
    const def = users.find((u) => u.user_name === "default");
    const app = users.find((u) => u.user_name === "shop-dev-app");
    expect(def).toMatchObject({ user_id: "shop-dev-cache-default", access_string: "off -@all" });
    expect(app).toMatchObject({
      user_id: "shop-dev-app",
      authentication_mode: { type: "iam" },
      lifecycle: { ignore_changes: ["authentication_mode"] },
    });
    expect(JSON.stringify(json)).not.toMatch(/"passwords"|auth_token/);
    const group = resource(json, "aws_elasticache_user_group");
    expect(group.user_ids).toHaveLength(2);
    expect(resource(json, "aws_elasticache_replication_group").user_group_ids).toEqual([
      expect.stringMatching(/^\$\{aws_elasticache_user_group\.Cache_UserGroup_\w+\.user_group_id\}$/),
    ]);
  });

  it("creates the URL secret empty and a credential command that writes it without Terraform interpolation markers", () => {
    let c!: RedisCache;
    const json = synth((s) => {
      c = cache(s);
    });
    const secret = resource(json, "aws_secretsmanager_secret");
    expect(secret).toMatchObject({ name: "shop-dev/cache/REDIS_URL", recovery_window_in_days: 0 });
    expect(resources(json, "aws_secretsmanager_secret_version")).toEqual({});
    const command = c.credentialCommand;
    expect(command).toMatch(/modify-user --cli-input-json file:\/\/\/dev\/stdin/);
    expect(command).toMatch(/put-secret-value --cli-input-json file:\/\/\/dev\/stdin/);
    // Only cdktf's own tokens may hold "${": a shell one would become a Terraform interpolation.
    expect(command.replace(/\$\{TfToken\[[^\]]+\]\}/g, "")).not.toMatch(/\$\{|%\{/);
  });

  it("opens the cache port only to the peers given, from either side", () => {
    const json = synth((s) => {
      const c = cache(s);
      const web = { connections: new Connections({ securityGroupId: "sg-0eb0000000000000a", label: "web service", owner: s }) };
      c.connections.allowFrom(web);
    });
    const ingress = Object.values(resources(json, "aws_vpc_security_group_ingress_rule"));
    expect(ingress).toHaveLength(1);
    expect(ingress[0]).toMatchObject({
      referenced_security_group_id: "sg-0eb0000000000000a",
      from_port: 6379,
      to_port: 6379,
      ip_protocol: "tcp",
    });
  });

  it("gives production a Multi-AZ replica, snapshots, a final snapshot and prevent_destroy", () => {
    const json = synth((s) => cache(s, { name: "shop-prod", isProduction: true, kmsKeyArn: KEY }));
    expect(resource(json, "aws_elasticache_replication_group")).toMatchObject({
      num_cache_clusters: 2,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      snapshot_retention_limit: 7,
      snapshot_window: "02:00-03:00",
      final_snapshot_identifier: "shop-prod-cache-final",
      kms_key_id: KEY,
      lifecycle: { prevent_destroy: true },
    });
    expect(resource(json, "aws_secretsmanager_secret").recovery_window_in_days).toBe(30);
  });

  it("alarms per node on memory, engine CPU and evictions", () => {
    const json = synth((s) => cache(s, { name: "shop-prod", isProduction: true, alarms: topics }));
    const alarms = Object.values(resources(json, "aws_cloudwatch_metric_alarm"));
    expect(alarms).toHaveLength(8);
    expect(alarms.map((a) => a.dimensions.CacheClusterId).sort()).toEqual([
      ...Array(4).fill("shop-prod-cache-001"),
      ...Array(4).fill("shop-prod-cache-002"),
    ]);
    expect(alarms.map((a) => a.metric_name)).toEqual(
      expect.arrayContaining(["DatabaseMemoryUsagePercentage", "EngineCPUUtilization", "Evictions"]),
    );
  });

  it("builds a serverless cache with usage limits and ECPU/storage alarms", () => {
    let c!: RedisCache;
    const json = synth((s) => {
      c = cache(s, { deployment: "serverless", maxDataStorageGiB: 2, maxEcpuPerSecond: 2000, alarms: topics });
    });
    expect(resource(json, "aws_elasticache_serverless_cache")).toMatchObject({
      name: "shop-dev-cache",
      engine: "valkey",
      major_engine_version: "8",
      cache_usage_limits: [{ data_storage: [{ maximum: 2, unit: "GB" }], ecpu_per_second: [{ maximum: 2000 }] }],
      subnet_ids: [...TEST_NETWORK.privateSubnetIds],
    });
    expect(resources(json, "aws_elasticache_replication_group")).toEqual({});
    const alarms = Object.values(resources(json, "aws_cloudwatch_metric_alarm"));
    expect(alarms.map((a) => a.metric_name).sort()).toEqual(["BytesUsedForCache", "ElastiCacheProcessingUnits", "ThrottledCmds"]);
    expect(alarms.find((a) => a.metric_name === "ElastiCacheProcessingUnits").threshold).toBe(2000 * 60 * 0.8);
    expect(c.connectionEnvironment()).toEqual({ REDIS_TLS: "true", REDIS_CLUSTER: "true" });
  });

  it("with IAM auth keeps no secret and grants elasticache:Connect on the cache and user", () => {
    const json = synth((s) => {
      const c = cache(s, { auth: "iam" });
      c.grantConnect({ roleName: "shop-dev-web-task", roleArn: "arn:aws:iam::123456789012:role/shop-dev-web-task" });
    });
    expect(resources(json, "aws_secretsmanager_secret")).toEqual({});
    const policy = JSON.parse(resource(json, "aws_iam_role_policy").policy);
    expect(policy.Statement[0].Action).toEqual("elasticache:Connect");
    expect(policy.Statement[0].Resource).toHaveLength(2);
    const app = Object.values(resources(json, "aws_elasticache_user")).find((u) => u.user_name === "shop-dev-app");
    expect(app).toMatchObject({ authentication_mode: { type: "iam" } });
    expect(app.lifecycle).toBeUndefined();
  });

  it.each([
    [{ engineVersion: "6.2", engine: "redis" as const }, /engineVersion must be one of 7.0, 7.1 for redis.*got "6.2"/],
    [{ engineVersion: "7.1" }, /engineVersion must be one of 7.2, 8.0, 8.1, 8.2 for valkey.*got "7.1"/],
    [{ nodeType: "cache.t4g.large" }, /nodeType must be an ElastiCache node type.*got "cache.t4g.large"/],
    [{ nodeType: "db.t4g.micro" }, /nodeType must be an ElastiCache node type.*got "db.t4g.micro"/],
    [{ nodeType: "cache.r6gd.xlarge" }, /nodeType must not be a data-tiering r6gd node/],
    [{ replicas: 6 }, /replicas must be an integer from 0 to 5, got 6/],
    [{ identifier: "Shop--cache" }, /identifier must be 1-40 lower-case letters.*got "Shop--cache"/],
    [{ name: "a-very-long-project-name-production" }, /name must be at most 40 characters \(is 41\)/],
    [{ snapshotWindow: "02:00-02:30" }, /snapshotWindow must be at least 60 minutes long \(is 30\)/],
    [{ isProduction: true, snapshotRetentionDays: 0 }, /snapshotRetentionDays must be at least 1 in production/],
    [{ accessString: "~* +@all" }, /accessString must start with "on"/],
    [{ accessString: "on >secret ~* +@all" }, /accessString must not set passwords/],
    [{ deployment: "serverless" as const, nodeType: "cache.t4g.small" }, /nodeType applies to deployment "nodes" only/],
    [{ deployment: "serverless" as const, maxEcpuPerSecond: 10 }, /maxEcpuPerSecond must be an integer from 1000 to 15000000, got 10/],
    [{ kmsKeyArn: "alias/cache" }, /kmsKeyArn must be a KMS key ARN/],
    [{ urlSecretRecoveryWindowDays: 3 }, /urlSecretRecoveryWindowDays must be 0 \(delete at once\) or 7-30, got 3/],
  ])("refuses %o", (props, message) => {
    expect(() => synth((s) => cache(s, props))).toThrow(message);
  });

  it("refuses the credential command and URL reference with IAM auth", () => {
    expect(() => synth((s) => cache(s, { auth: "iam" }).credentialCommand)).toThrow(/credentialCommand needs auth "password"/);
    expect(() => synth((s) => cache(s, { auth: "iam" }).urlSecretRef)).toThrow(/urlSecretRef needs auth "password"/);
  });
});
