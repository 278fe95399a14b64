import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { architectureDoc, diagramOf, leftOut } from "./diagram";
import { ARCHITECTURE_DOC, synthesizeEnvironments } from "./environments";

describe("docs/architecture.md", () => {
  it("matches the environments as they synthesize now (run `npm run diagram` after changing them)", () => {
    const current = readFileSync(join(__dirname, "..", "..", ARCHITECTURE_DOC), "utf8");
    expect(current).toBe(architectureDoc(synthesizeEnvironments()));
  });
});

const TASK = { cpu: "512", memory: "1024", runtime_platform: { cpu_architecture: "ARM64" } };

describe("diagramOf", () => {
  it("draws the request path users → CloudFront with WAF → HTTPS load balancer → Fargate → database, and the S3 origin", () => {
    const text = diagramOf("prod", {
      resource: {
        aws_wafv2_web_acl: { Acl: { rule: [{}, {}] } },
        aws_cloudfront_distribution: {
          Cdn: {
            origin: [{ origin_id: "assets", origin_access_control_id: "oac" }, { origin_id: "app" }],
            ordered_cache_behavior: [{ path_pattern: "/static/*", target_origin_id: "assets" }],
          },
        },
        aws_lb: { Alb: { internal: false } },
        aws_lb_listener: { Https: { protocol: "HTTPS" } },
        aws_ecs_task_definition: { Task: TASK },
        aws_ecs_service: {
          Web: {
            task_definition: "${aws_ecs_task_definition.Task.arn}",
            capacity_provider_strategy: [{ capacity_provider: "FARGATE", weight: 1 }],
          },
        },
        aws_appautoscaling_target: { T: { min_capacity: 2, max_capacity: 10, resource_id: "service/c/${aws_ecs_service.Web.name}" } },
        aws_db_instance: {
          Db: {
            engine: "postgres",
            engine_version: "16",
            instance_class: "db.t4g.micro",
            multi_az: true,
            storage_encrypted: true,
            deletion_protection: true,
          },
        },
      },
    });
    expect(text).toContain('  cdn["CloudFront<br/>WAF, 2 rules"]');
    expect(text).toContain('  app["ECS Fargate<br/>2-10 tasks, 0.5 vCPU / 1 GB ARM64<br/>private subnets"]');
    expect(text).toContain('  db[("RDS PostgreSQL 16<br/>db.t4g.micro, Multi-AZ, encrypted, deletion protection")]');
    const edges = text.split("\n").filter((l) => l.includes("-->"));
    expect(edges).toEqual([
      "  users -->|HTTPS| cdn",
      "  cdn -->|HTTPS| alb",
      "  alb --> app",
      '  cdn -->|"/static/*, OAC"| assets',
      "  app -->|5432, TLS| db",
    ]);
  });

  it("goes straight to App Runner without a load balancer, and shows Spot, public-IP tasks and a NAT instance", () => {
    const appRunner = diagramOf("staging", {
      resource: { aws_apprunner_service: { S: { instance_configuration: { cpu: "1024", memory: "2048" } } } },
    });
    expect(appRunner).toContain('  app["App Runner<br/>1 vCPU / 2 GB"]');
    expect(appRunner).toContain("  users -->|HTTPS| app");
    const dev = diagramOf("dev", {
      resource: {
        aws_lb: { Alb: {} },
        aws_lb_listener: { Http: { protocol: "HTTP" } },
        aws_ecs_task_definition: { Task: TASK },
        aws_ecs_service: {
          Web: {
            task_definition: "${aws_ecs_task_definition.Task.arn}",
            desired_count: 1,
            capacity_provider_strategy: [{ capacity_provider: "FARGATE_SPOT", weight: 1 }],
            network_configuration: { assign_public_ip: true },
          },
        },
        aws_instance: { Nat: {} },
      },
    });
    expect(dev).toContain('  alb["Application Load Balancer<br/>HTTP only"]');
    expect(dev).toContain("ECS Fargate Spot<br/>1 task, 0.5 vCPU / 1 GB ARM64<br/>public subnets, public IP");
    expect(dev).toContain('  nat["NAT instance (fck-nat)"]');
  });
});

describe("leftOut", () => {
  it("lists the optional components a stack does not have", () => {
    expect(leftOut({ resource: { aws_db_instance: { Db: { multi_az: false, deletion_protection: false } } } })).toEqual([
      "CDN (CloudFront)",
      "WAF",
      "custom domain with HTTPS",
      "load balancer",
      "NAT gateway",
      "Multi-AZ database",
      "database deletion protection",
      "email (SES)",
      "cost budget",
    ]);
    expect(leftOut({ resource: { aws_instance: { Nat: {} } } })).toContain("NAT gateway (a NAT instance instead)");
  });

  it("lists nothing when every component is there", () => {
    const one = { X: {} };
    const json = {
      resource: {
        aws_cloudfront_distribution: one,
        aws_wafv2_web_acl: one,
        aws_acm_certificate: one,
        aws_lb: one,
        aws_nat_gateway: one,
        aws_db_instance: { Db: { multi_az: true, deletion_protection: true } },
        aws_sesv2_email_identity: one,
        aws_budgets_budget: one,
      },
    };
    expect(leftOut(json)).toEqual([]);
    expect(diagramOf("all", json)).toContain("Leaves out: nothing.");
  });
});
