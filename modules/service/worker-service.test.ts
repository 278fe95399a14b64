import { describe, expect, it } from "vitest";
import { resource, resources, synth } from "../internal/testing";
import { FargateCluster, SPOT_CAPACITY } from "./fargate-cluster";
import { DATABASE, TOPICS, containerOf, workerService } from "./testing";

describe("FargateCluster", () => {
  const json = synth((s) => {
    new FargateCluster(s, "Cluster", { name: "fckdoomscroll-dev" });
    new FargateCluster(s, "Spot", {
      name: "fckdoomscroll-staging",
      containerInsights: "enhanced",
      defaultCapacityProviderStrategy: [
        { capacityProvider: "FARGATE", weight: 1, base: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 3 },
      ],
    });
  });
  const clusters = Object.values(resources(json, "aws_ecs_cluster")) as any[];
  const providers = Object.values(resources(json, "aws_ecs_cluster_capacity_providers")) as any[];

  it("turns Container Insights on and offers FARGATE and FARGATE_SPOT, on-demand by default", () => {
    expect(clusters[0]).toMatchObject({ name: "fckdoomscroll-dev", setting: [{ name: "containerInsights", value: "enabled" }] });
    expect(providers[0]).toMatchObject({
      capacity_providers: ["FARGATE", "FARGATE_SPOT"],
      default_capacity_provider_strategy: [{ capacity_provider: "FARGATE", weight: 1, base: 0 }],
    });
  });

  it("takes a configurable default strategy and enhanced insights", () => {
    expect(clusters[1].setting).toEqual([{ name: "containerInsights", value: "enhanced" }]);
    expect(providers[1].default_capacity_provider_strategy).toEqual([
      { capacity_provider: "FARGATE", weight: 1, base: 1 },
      { capacity_provider: "FARGATE_SPOT", weight: 3, base: 0 },
    ]);
  });
});

describe("WorkerService (seed 003 queue worker)", () => {
  const json = synth((s) => {
    const worker = workerService(s, {
      capacityProviderStrategy: SPOT_CAPACITY,
      environment: { QUEUE_NAME: "jobs" },
      alarms: TOPICS,
      scheduledCapacity: [
        { name: "night", schedule: "cron(0 19 ? * MON-FRI *)", timezone: "Europe/Berlin", minCapacity: 0, maxCapacity: 0 },
        { name: "morning", schedule: "cron(0 7 ? * MON-FRI *)", timezone: "Europe/Berlin", minCapacity: 1, maxCapacity: 5 },
      ],
    });
    worker.connectToDatabase(DATABASE);
  });

  it("runs the same task machinery without a load balancer", () => {
    expect(resources(json, "aws_lb")).toEqual({});
    expect(resources(json, "aws_lb_target_group")).toEqual({});
    const service = resource(json, "aws_ecs_service");
    expect(service).toMatchObject({
      name: "fckdoomscroll-test-worker",
      desired_count: 1,
      capacity_provider_strategy: [{ capacity_provider: "FARGATE_SPOT", weight: 1, base: 0 }],
      network_configuration: { assign_public_ip: false },
      deployment_circuit_breaker: { enable: true, rollback: true },
    });
    expect(service.load_balancer).toBeUndefined();
    expect(service.health_check_grace_period_seconds).toBeUndefined();
    expect(containerOf(json).portMappings).toBeUndefined();
    expect(resource(json, "aws_cloudwatch_log_group").name).toBe("/ecs/fckdoomscroll-test-worker");
    expect(Object.keys(resources(json, "aws_iam_role"))).toHaveLength(2);
  });

  it("scales 1-5 on CPU 60 %", () => {
    expect(resource(json, "aws_appautoscaling_target")).toMatchObject({ min_capacity: 1, max_capacity: 5 });
    expect(resource(json, "aws_appautoscaling_policy").target_tracking_scaling_policy_configuration.target_value).toBe(60);
  });

  it("applies scheduled capacity one action after the other", () => {
    const actions = resources(json, "aws_appautoscaling_scheduled_action");
    const idOf = (suffix: string) => Object.keys(actions).find((k) => actions[k].name.endsWith(suffix))!;
    const [nightId, morningId] = [idOf("-night"), idOf("-morning")];
    expect(actions[nightId]).toMatchObject({
      name: "fckdoomscroll-test-worker-night",
      timezone: "Europe/Berlin",
      scalable_target_action: { min_capacity: "0", max_capacity: "0" },
    });
    expect(actions[morningId].depends_on).toEqual([`aws_appautoscaling_scheduled_action.${nightId}`]);
  });

  it("has only the ECS alarms and the database path", () => {
    const names = (Object.values(resources(json, "aws_cloudwatch_metric_alarm")) as any[]).map((a) => a.alarm_name).sort();
    expect(names).toEqual([
      "fckdoomscroll-test-worker-cpu-high",
      "fckdoomscroll-test-worker-memory-high",
      "fckdoomscroll-test-worker-running-below-desired",
    ]);
    expect(
      Object.values(resources(json, "aws_vpc_security_group_egress_rule"))
        .map((r: any) => r.to_port)
        .sort(),
    ).toEqual([443, 5432]);
  });
});
