import { describe, expect, it } from "vitest";
import {
  Assumptions,
  DEFAULT_ASSUMPTIONS,
  averageMinimum,
  checkBudget,
  countResources,
  estimateStack,
  formatEstimate,
  spotShareOf,
} from "./estimate";

const A: Assumptions = { ...DEFAULT_ASSUMPTIONS, natDataGbPerMonth: 10, albLcus: 0, logGbPerGroupPerMonth: 1, storageGbPerBucket: 2 };

/** A small stack, written by hand: every number below is checked against a hand calculation. */
const STACK = {
  resource: {
    aws_vpc: { Vpc: { cidr_block: "10.0.0.0/16" } },
    aws_eip: { NatEip1: { domain: "vpc" } },
    aws_nat_gateway: { Nat1: { allocation_id: "${aws_eip.NatEip1.allocation_id}", connectivity_type: "public" } },
    aws_vpc_endpoint: {
      S3: { vpc_endpoint_type: "Gateway" },
      Logs: { vpc_endpoint_type: "Interface", subnet_ids: ["a", "b"] },
    },
    aws_lb: { Alb: { load_balancer_type: "application", internal: false, subnets: ["a", "b"] } },
    aws_ecs_cluster: { Cluster: { setting: [{ name: "containerInsights", value: "disabled" }] } },
    aws_ecs_task_definition: { Task: { cpu: "512", memory: "1024", runtime_platform: { cpu_architecture: "X86_64" } } },
    aws_ecs_service: {
      Web: {
        task_definition: "${aws_ecs_task_definition.Task.arn}",
        desired_count: 5,
        capacity_provider_strategy: [
          { capacity_provider: "FARGATE", base: 1, weight: 1 },
          { capacity_provider: "FARGATE_SPOT", weight: 1 },
        ],
        network_configuration: { assign_public_ip: true },
      },
    },
    aws_appautoscaling_target: { Target: { min_capacity: 2, max_capacity: 4, resource_id: "service/c/${aws_ecs_service.Web.name}" } },
    aws_db_instance: { Db: { instance_class: "db.t4g.micro", multi_az: true, allocated_storage: 20, manage_master_user_password: true } },
    aws_kms_key: { K1: {}, K2: {} },
    aws_secretsmanager_secret: { S1: {} },
    aws_cloudwatch_metric_alarm: { A1: {}, A2: {}, A3: {} },
    aws_cloudwatch_log_group: { L1: {}, L2: {} },
    aws_iam_role: { R: {} },
    aws_subnet: { S: { count: 3 } },
  },
};

describe("estimateStack", () => {
  const estimate = estimateStack("hand", STACK, A);
  const line = (item: string) => estimate.lines.find((l) => l.item === item)?.monthlyUsd;

  it("prices networking by the hour: NAT gateway, its data, public IPv4 and interface endpoints per AZ (gateway free)", () => {
    expect(line("NAT gateway (hours)")).toBe(32.85); // 730 × 0.045
    expect(line("NAT gateway (data processed)")).toBe(0.45); // 10 GB × 0.045
    expect(line("Elastic IP (public IPv4)")).toBe(3.65); // 730 × 0.005
    expect(line("VPC interface endpoints (per AZ)")).toBe(14.6); // 2 AZs × 730 × 0.01
  });

  it("prices an internet-facing load balancer with one public IPv4 per subnet", () => {
    expect(line("Application load balancer (hours)")).toBeCloseTo(16.43, 2); // 730 × 0.0225 = 16.425
    expect(line("Load balancer public IPv4 (one per AZ)")).toBe(7.3); // 2 × 730 × 0.005
  });

  it("runs Fargate tasks at the scaling minimum, base on-demand first, the rest split by weight, Spot discounted", () => {
    // 2 tasks: base 1 on FARGATE, the other split 1:1 → 1.5 on-demand, 0.5 Spot.
    // 0.5 vCPU × 0.04048 + 1 GB × 0.004445 = 0.024685 per task-hour.
    expect(line("Fargate on-demand tasks (0.5 vCPU/1 GB x86)")).toBe(27.03); // 1.5 × 730 × 0.024685 = 27.030
    expect(line("Fargate Spot tasks (0.5 vCPU/1 GB x86, −70 %)")).toBe(2.7); // 0.5 × 730 × 0.024685 × 0.3 = 2.703
    expect(line("Fargate task public IPv4")).toBe(7.3); // 2 × 730 × 0.005
  });

  it("doubles a Multi-AZ database's instance hours and storage", () => {
    expect(line("RDS db.t4g.micro Multi-AZ")).toBe(23.36); // 2 × 730 × 0.016
    expect(line("RDS storage gp3 (Multi-AZ)")).toBe(4.6); // 20 GB × 2 × 0.115
  });

  it("counts monthly items: KMS keys, secrets with the RDS-managed one, alarms, log ingestion", () => {
    expect(line("KMS keys")).toBe(2);
    expect(line("Secrets Manager secrets (incl. RDS-managed)")).toBe(0.8); // (1 + 1) × 0.40
    expect(line("CloudWatch alarms")).toBe(0.3);
    expect(line("CloudWatch Logs ingestion")).toBe(1); // 2 groups × 1 GB × 0.50
  });

  it("leaves out what costs nothing: no Container Insights when disabled, no LCUs at zero, free types unlisted", () => {
    expect(estimate.lines.map((l) => l.item)).not.toContain("Container Insights metrics");
    expect(estimate.lines.map((l) => l.item)).not.toContain("Application load balancer (LCUs)");
    expect(estimate.unpriced).toEqual([]);
  });

  it("totals the lines to the hand calculation and sorts them largest first", () => {
    // 32.85 + 0.45 + 3.65 + 14.6 + 16.43 + 7.3 + 27.03 + 2.7 + 7.3 + 23.36 + 4.6 + 2 + 0.8 + 0.3 + 1
    expect(estimate.totalUsd).toBeCloseTo(144.37, 2);
    expect(estimate.lines[0].item).toBe("NAT gateway (hours)");
    const costs = estimate.lines.map((l) => l.monthlyUsd);
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
  });

  it("counts managed resources, multiplying literal counts (3 subnets from one block)", () => {
    // 1+1+1+2+1+1+1+1+1+1+2+1+3+2+1+3 = 23
    expect(estimate.resourceCount).toBe(23);
    expect(countResources({ resource: { aws_vpc: { V: {} } } })).toBe(1);
  });

  it("prices ARM64 tasks at the Graviton rate", () => {
    const arm = estimateStack(
      "arm",
      {
        resource: {
          aws_ecs_task_definition: { T: { cpu: "1024", memory: "2048", runtime_platform: { cpu_architecture: "ARM64" } } },
          aws_ecs_service: { S: { task_definition: "${aws_ecs_task_definition.T.arn}", desired_count: 1 } },
        },
      },
      A,
    );
    // 730 × (1 × 0.03238 + 2 × 0.00356) = 730 × 0.0395 = 28.835
    expect(arm.lines[0]).toMatchObject({ item: "Fargate on-demand tasks (1 vCPU/2 GB ARM64)", monthlyUsd: 28.84 });
  });

  it("prices a NAT instance, its root volume and public IPv4", () => {
    const nat = estimateStack(
      "nat",
      {
        resource: {
          aws_instance: { Nat: { instance_type: "t4g.nano", associate_public_ip_address: true, root_block_device: { volume_size: 4 } } },
        },
      },
      A,
    );
    const items = Object.fromEntries(nat.lines.map((l) => [l.item, l.monthlyUsd]));
    expect(items).toEqual({ "EC2 t4g.nano": 3.07, "EC2 public IPv4": 3.65, "EC2 root volumes (gp3)": 0.32 }); // 730 × 0.0042; 4 GB × 0.08
  });

  it("lists resource types it cannot price instead of pricing them at zero silently", () => {
    const odd = estimateStack("odd", { resource: { aws_elasticache_cluster: { C: {} }, aws_vpc: { V: {} } } }, A);
    expect(odd.unpriced).toEqual(["aws_elasticache_cluster"]);
    expect(formatEstimate(odd)).toMatch(/not priced.*aws_elasticache_cluster/);
  });

  it("prints the assumptions and the price date", () => {
    const text = formatEstimate(estimate, 150);
    expect(text).toMatch(/== hand: \$144\.37 a month \(budget \$150\.00\), 23 managed resources/);
    expect(text).toMatch(/730 h\/month; Spot −70 %; 10 GB\/month per NAT/);
    expect(text).toMatch(/list prices of 2026-11-28/);
  });
});

describe("scheduled capacity", () => {
  const night = { schedule: "cron(0 19 ? * MON-FRI *)", scalable_target_action: { min_capacity: 0, max_capacity: 0 } };
  const morning = { schedule: "cron(0 7 ? * MON-FRI *)", scalable_target_action: { min_capacity: 1, max_capacity: 2 } };

  it("averages the minimum over a week: on 07:00-19:00 on weekdays is 60 of 168 hours", () => {
    expect(averageMinimum(1, [night, morning])).toBeCloseTo(60 / 168, 6);
    expect(averageMinimum(1, [{ schedule: "rate(1 day)" }])).toBe(1);
  });

  it("prices a service scaled to zero at night for the hours it runs", () => {
    const json = {
      resource: {
        aws_ecs_task_definition: { T: { cpu: "1024", memory: "2048" } },
        aws_ecs_service: { S: { task_definition: "${aws_ecs_task_definition.T.arn}", desired_count: 1 } },
        aws_appautoscaling_target: { Target: { min_capacity: 1, max_capacity: 2, resource_id: "service/c/${aws_ecs_service.S.name}" } },
        aws_appautoscaling_scheduled_action: {
          Night: { ...night, resource_id: "${aws_appautoscaling_target.Target.resource_id}" },
          Morning: { ...morning, resource_id: "${aws_appautoscaling_target.Target.resource_id}" },
        },
      },
    };
    // 60/168 task × 730 h × (1 × 0.04048 + 2 × 0.004445) = 0.35714 × 730 × 0.04937 = 12.87
    expect(estimateStack("s", json, A).lines[0]).toMatchObject({ item: "Fargate on-demand tasks (1 vCPU/2 GB x86)", monthlyUsd: 12.87 });
  });
});

describe("RDS Proxy", () => {
  it("bills the vCPUs of the instance behind it, at least 2", () => {
    const json = {
      resource: {
        aws_db_proxy: { P: {} },
        aws_db_instance: { Db: { instance_class: "db.t4g.micro", multi_az: true, allocated_storage: 20 } },
      },
    };
    // 2 vCPU × 730 h × 0.015 = 21.90
    expect(estimateStack("p", json, A).lines.find((l) => l.item === "RDS Proxy")?.monthlyUsd).toBe(21.9);
  });
});

describe("spotShareOf", () => {
  it("places the base first, then splits the rest by weight", () => {
    expect(spotShareOf([{ capacity_provider: "FARGATE_SPOT", weight: 1 }], 3)).toBe(1);
    expect(
      spotShareOf(
        [
          { capacity_provider: "FARGATE", base: 2, weight: 0 },
          { capacity_provider: "FARGATE_SPOT", weight: 1 },
        ],
        4,
      ),
    ).toBe(0.5);
    expect(spotShareOf(undefined, 2)).toBe(0);
  });
});

describe("checkBudget", () => {
  const estimate = estimateStack("hand", STACK, A);
  it("fails over budget, naming the three largest items", () => {
    const verdict = checkBudget(estimate, 100);
    expect(verdict.withinBudget).toBe(false);
    expect(verdict.message).toBe(
      "hand: $144.37 a month exceeds its budget of $100.00 by $44.37; biggest items: NAT gateway (hours) $32.85, Fargate on-demand tasks (0.5 vCPU/1 GB x86) $27.03, RDS db.t4g.micro Multi-AZ $23.36",
    );
  });
  it("passes at or under budget", () => {
    expect(checkBudget(estimate, 144.37).withinBudget).toBe(true);
  });
});

describe("ElastiCache", () => {
  it("prices node-based caches per node-hour by engine, and serverless by data (at the engine's minimum) and ECPUs", () => {
    const stack = {
      resource: {
        aws_elasticache_replication_group: {
          Prod: { engine: "valkey", node_type: "cache.t4g.micro", num_cache_clusters: 2 },
          Legacy: { engine: "redis", node_type: "cache.t4g.small", num_cache_clusters: 1 },
        },
        aws_elasticache_serverless_cache: { Sessions: { engine: "valkey" }, Old: { engine: "redis" } },
        aws_elasticache_user: { U: {} },
        aws_elasticache_user_group: { G: {} },
        aws_elasticache_parameter_group: { P: {} },
        aws_elasticache_subnet_group: { S: {} },
      },
    };
    const estimate = estimateStack("t", stack, { ...DEFAULT_ASSUMPTIONS, cacheServerlessDataGb: 0.1, cacheServerlessEcpuMillions: 100 });
    const line = (item: string) => estimate.lines.find((l) => l.item === item)?.monthlyUsd;
    expect(line("ElastiCache valkey cache.t4g.micro")).toBe(18.69); // 2 × 730 × 0.0128
    expect(line("ElastiCache redis cache.t4g.small")).toBe(23.36); // 730 × 0.032
    expect(line("ElastiCache Serverless valkey (data)")).toBe(6.13); // 0.1 GB × 730 × 0.084
    expect(line("ElastiCache Serverless redis (data)")).toBe(91.25); // 1 GB minimum × 730 × 0.125
    expect(line("ElastiCache Serverless valkey (ECPU)")).toBe(0.23); // 100 M × 0.0023
    expect(estimate.unpriced).toEqual([]);
  });

  it("lists a node type without a price as unpriced", () => {
    const estimate = estimateStack("t", {
      resource: { aws_elasticache_replication_group: { G: { engine: "valkey", node_type: "cache.r7g.4xlarge", num_cache_clusters: 1 } } },
    });
    expect(estimate.unpriced).toEqual(["aws_elasticache_replication_group (valkey cache.r7g.4xlarge)"]);
  });
});
