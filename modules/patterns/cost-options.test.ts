import { describe, expect, it } from "vitest";
import { SynthJson, policyOf, resource, resources, synth } from "../internal/testing";
import { ContainerWebApp, ContainerWebAppProps } from "./container-web-app";
import { PRODUCTION_APP } from "./testing";

const DEV: ContainerWebAppProps = { project: "shop", environment: "dev", profile: "non-production", imageTag: "v1", cdn: false };
const PROD: ContainerWebAppProps = PRODUCTION_APP;
const app = (props: ContainerWebAppProps): SynthJson => synth((s) => new ContainerWebApp(s, "App", props));

describe("ContainerWebApp cost options", () => {
  it("gives production one NAT gateway by default; a NAT per AZ is the opt-in", () => {
    expect(Object.keys(resources(app(PROD), "aws_nat_gateway"))).toHaveLength(1);
    expect(Object.keys(resources(app({ ...PROD, network: { natGateways: "perAz" } }), "aws_nat_gateway"))).toHaveLength(2);
  });

  it("lets AWS Budgets notify the encrypted warning topic when there is a budget", () => {
    const json = app({ ...DEV, monthlyBudgetUsd: 60 });
    const budget = resource(json, "aws_budgets_budget");
    // An account per environment: the whole account counts, with no tag to activate first.
    expect(budget.limit_amount).toBe("60");
    expect(budget.cost_filter).toBeUndefined();
    const shared = resource(app({ ...DEV, monthlyBudgetUsd: 60, budgetScope: "environment-tag" }), "aws_budgets_budget");
    expect(shared.cost_filter).toEqual([{ name: "TagKeyValue", values: ["user:Environment$dev"] }]);
    const warning = Object.entries(resources(json, "aws_sns_topic")).find(([, t]) => t.name === "shop-dev-warning")![0];
    expect(budget.notification.map((n: any) => n.subscriber_sns_topic_arns)).toEqual([
      [`\${aws_sns_topic.${warning}.arn}`],
      [`\${aws_sns_topic.${warning}.arn}`],
    ]);
    const topicPolicy = Object.values(resources(json, "aws_sns_topic_policy")).find((p: any) => p.arn.includes(warning));
    expect(
      policyOf(topicPolicy).Statement.some((st: any) => st.Principal?.Service === "budgets.amazonaws.com" && st.Action === "sns:Publish"),
    ).toBe(true);
    const topicKey = Object.values(resources(json, "aws_kms_key")).find((k: any) => String(k.description).includes("alarm topics"));
    expect(policyOf(topicKey).Statement.some((st: any) => [st.Principal?.Service].flat().includes("budgets.amazonaws.com"))).toBe(true);
  });

  it("grants budgets nothing without a budget", () => {
    const json = app(DEV);
    expect(resources(json, "aws_budgets_budget")).toEqual({});
    expect(JSON.stringify(resources(json, "aws_sns_topic_policy"))).not.toContain("budgets.amazonaws.com");
  });

  it("runs a non-production app without NAT: tasks in public subnets with public IPs", () => {
    const json = app({
      ...DEV,
      network: { natGateways: "none" },
      compute: { kind: "fargate", assignPublicIp: true, cpuArchitecture: "ARM64" },
    });
    expect(resources(json, "aws_nat_gateway")).toEqual({});
    expect(resource(json, "aws_ecs_service").network_configuration.assign_public_ip).toBe(true);
    const tasks = Object.values(resources(json, "aws_ecs_task_definition")) as any[];
    expect(tasks.find((t) => !t.family.endsWith("-db-admin")).runtime_platform.cpu_architecture).toBe("ARM64");
    // The database admin task leaves the same way: public subnet, public IP (no NAT to pull through).
    const output = (json.output?.db_admin_task as { value: string }).value;
    expect(output).toContain('"assign_public_ip" = "ENABLED"');
    expect(output).toMatch(/"subnets" = \[\s*aws_subnet\.App_Network_PublicSubnet1_/);
  });

  it("runs a non-production app behind a NAT instance", () => {
    const json = app({ ...DEV, network: { natGateways: "instance" } });
    expect(resource(json, "aws_instance").instance_type).toBe("t4g.nano");
  });

  it("refuses a NAT instance or public-IP tasks for production", () => {
    expect(() => app({ ...PROD, network: { natGateways: "instance" } })).toThrow(
      /App: network.natGateways must not be "instance" for production/,
    );
    expect(() => app({ ...PROD, compute: { kind: "fargate", assignPublicIp: true } })).toThrow(
      /App: compute.assignPublicIp must not be true for production/,
    );
  });

  it("refuses no NAT where something still needs egress: private tasks, App Runner", () => {
    expect(() => app({ ...DEV, network: { natGateways: "none" } })).toThrow(
      /network.natGateways leaves tasks in private subnets without a way to pull images/,
    );
    expect(() => app({ ...DEV, network: { natGateways: "none" }, compute: { kind: "apprunner" } })).toThrow(
      /network.natGateways must give App Runner egress/,
    );
  });
});
