import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { describe, expect, it } from "vitest";
import { SynthJson, resource, resources } from "../internal/testing";
import { ContainerWebApp, ContainerWebAppProps } from "./container-web-app";
import { PRODUCTION_APP } from "./testing";

const BASE: ContainerWebAppProps = {
  project: "shop",
  environment: "qa",
  profile: "non-production",
  imageTag: "v1",
  cache: {},
  workers: [{ name: "jobs", command: ["node", "worker.js"] }],
};

function build(props: Partial<ContainerWebAppProps> = {}): { json: SynthJson; app: ContainerWebApp } {
  const stack = new TerraformStack(Testing.app(), "shop-qa");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const app = new ContainerWebApp(stack, "App", { ...BASE, ...props });
  return { json: JSON.parse(Testing.synth(stack, true)), app };
}

/** Container definition of the app container of the task whose logical name contains `part`. */
function appContainer(json: SynthJson, part: string): any {
  const [, def] = Object.entries(resources(json, "aws_ecs_task_definition")).find(([n]) => n.includes(part))! as [string, any];
  return JSON.parse(def.container_definitions)[0];
}

describe("ContainerWebApp cache", () => {
  const { json } = build();

  it("gives the web app and the workers REDIS_URL as a secret, never as a plain variable, and the TLS setting", () => {
    const urlSecret = Object.entries(resources(json, "aws_secretsmanager_secret")).find(([, s]) => (s as any).name === "shop/qa/REDIS_URL");
    expect(urlSecret).toBeDefined();
    for (const part of ["_Web_", "_WorkerJobs_"]) {
      const container = appContainer(json, part);
      const secrets = Object.fromEntries(container.secrets.map((s: any) => [s.name, s.valueFrom]));
      expect(secrets.REDIS_URL).toBe(`\${aws_secretsmanager_secret.${urlSecret![0]}.arn}`);
      const env = Object.fromEntries(container.environment.map((e: any) => [e.name, e.value]));
      expect(env).toMatchObject({ REDIS_TLS: "true", REDIS_CLUSTER: "false" });
      expect(env.REDIS_URL).toBeUndefined();
    }
  });

  it("lets the execution roles read the URL secret", () => {
    const secretArn = `\${${Object.keys(resources(json, "aws_secretsmanager_secret"))
      .map((n) => `aws_secretsmanager_secret.${n}.arn`)
      .find((r) => r.includes("Cache_UrlSecret"))}}`;
    const readers = Object.values(resources(json, "aws_iam_role_policy")).filter((p: any) => p.policy.includes(secretArn));
    expect(readers.length).toBeGreaterThanOrEqual(2);
  });

  it("admits 6379 from the web and worker security groups only", () => {
    const cacheGroup = `\${aws_security_group.${Object.keys(resources(json, "aws_security_group")).find((n) => n.startsWith("App_Cache_"))}.id}`;
    const ingress = Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).filter(
      (r: any) => r.security_group_id === cacheGroup,
    ) as any[];
    expect(ingress.map((r) => r.from_port)).toEqual([6379, 6379]);
    expect(ingress.map((r) => r.referenced_security_group_id).sort()).toEqual([
      expect.stringMatching(/^\$\{aws_security_group\.App_Web_\w+\.id\}$/),
      expect.stringMatching(/^\$\{aws_security_group\.App_WorkerJobs_\w+\.id\}$/),
    ]);
    expect(ingress.every((r) => r.cidr_ipv4 === undefined)).toBe(true);
  });

  it("outputs the credential command and the endpoint", () => {
    expect(json.output?.cache_credential_command?.value).toMatch(/aws elasticache modify-user/);
    expect(json.output?.redis_endpoint?.value).toMatch(/primary_endpoint_address\}:6379$/);
  });

  it("non-production: one node, no snapshots, the AWS managed key", () => {
    expect(resource(json, "aws_elasticache_replication_group")).toMatchObject({ num_cache_clusters: 1, snapshot_retention_limit: 0 });
    expect(resource(json, "aws_elasticache_replication_group").kms_key_id).toBeUndefined();
  });

  it("production: a replica, snapshots, its own key kept on destroy, alarms", () => {
    const prod = build({ ...PRODUCTION_APP, database: { poolSize: 3 }, cache: {}, workers: BASE.workers }).json;
    expect(resource(prod, "aws_elasticache_replication_group")).toMatchObject({
      num_cache_clusters: 2,
      multi_az_enabled: true,
      snapshot_retention_limit: 7,
      lifecycle: { prevent_destroy: true },
    });
    expect(resource(prod, "aws_elasticache_replication_group").kms_key_id).toMatch(/aws_kms_key\.App_CacheKey_/);
    const alarms = Object.values(resources(prod, "aws_cloudwatch_metric_alarm")).filter((a: any) => a.namespace === "AWS/ElastiCache");
    expect(alarms).toHaveLength(8);
  });

  it("refuses REDIS_URL among the app's own secrets", () => {
    expect(() => build({ secrets: ["REDIS_URL"] })).toThrow(/secrets must not list REDIS_URL with cache/);
  });
});

describe("ContainerWebApp cache with App Runner", () => {
  it("gives the service REDIS_URL as a runtime secret and opens 6379 from its VPC connector only", () => {
    const { json } = build({ compute: { kind: "apprunner" }, workers: [] });
    const service = resource(json, "aws_apprunner_service");
    const secrets = service.source_configuration.image_repository.image_configuration.runtime_environment_secrets;
    expect(secrets.REDIS_URL).toMatch(/^\$\{aws_secretsmanager_secret\.App_Cache_UrlSecret_\w+\.arn\}$/);
    expect(service.source_configuration.image_repository.image_configuration.runtime_environment_variables).toMatchObject({
      REDIS_TLS: "true",
    });
    const cacheGroup = `\${aws_security_group.${Object.keys(resources(json, "aws_security_group")).find((n) => n.startsWith("App_Cache_"))}.id}`;
    const ingress = Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).filter(
      (r: any) => r.security_group_id === cacheGroup,
    ) as any[];
    expect(ingress).toHaveLength(1);
    expect(ingress[0]).toMatchObject({
      from_port: 6379,
      referenced_security_group_id: expect.stringMatching(/aws_security_group\.App_ConnectorSecurityGroup_/),
    });
  });
});
