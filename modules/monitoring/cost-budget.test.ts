import { describe, expect, it } from "vitest";
import { policyOf, resource, resources, synth } from "../internal/testing";
import { CostBudget, CostBudgetProps } from "./cost-budget";
import { Monitoring } from "./monitoring";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:app-dev-warning";
const PROPS: CostBudgetProps = {
  name: "app-dev-monthly",
  monthlyLimitUsd: 60,
  topicArn: TOPIC,
  costAllocationTag: { key: "Environment", value: "dev" },
};

describe("CostBudget", () => {
  it("defaults to a monthly USD cost budget on the tag, notifying the topic at 80 % and 100 % of actual spend", () => {
    const budget = resource(
      synth((s) => new CostBudget(s, "Budget", PROPS)),
      "aws_budgets_budget",
    );
    expect(budget).toMatchObject({
      name: "app-dev-monthly",
      budget_type: "COST",
      limit_amount: "60",
      limit_unit: "USD",
      time_unit: "MONTHLY",
      cost_filter: [{ name: "TagKeyValue", values: ["user:Environment$dev"] }],
    });
    expect(budget.notification).toEqual(
      [80, 100].map((threshold) => ({
        comparison_operator: "GREATER_THAN",
        notification_type: "ACTUAL",
        threshold,
        threshold_type: "PERCENTAGE",
        subscriber_sns_topic_arns: [TOPIC],
      })),
    );
  });

  it("notifies at the thresholds given", () => {
    const budget = resource(
      synth((s) => new CostBudget(s, "Budget", { ...PROPS, thresholdsPercent: [50, 90, 120] })),
      "aws_budgets_budget",
    );
    expect(budget.notification.map((n: any) => n.threshold)).toEqual([50, 90, 120]);
  });

  it("can notify Monitoring's encrypted warning topic: budgets may publish to it and use its key", () => {
    const json = synth((s) => {
      const monitoring = new Monitoring(s, "Monitoring", { name: "app-dev", additionalPublisherServices: ["budgets.amazonaws.com"] });
      new CostBudget(s, "Budget", { ...PROPS, topicArn: monitoring.warningTopicArn });
    });
    const budget = resource(json, "aws_budgets_budget");
    const warning = Object.entries(resources(json, "aws_sns_topic")).find(([, t]) => t.name === "app-dev-warning")![0];
    expect(budget.notification[0].subscriber_sns_topic_arns).toEqual([`\${aws_sns_topic.${warning}.arn}`]);
    const topicPolicy = Object.values(resources(json, "aws_sns_topic_policy")).find((p: any) => p.arn.includes(warning));
    const publish = policyOf(topicPolicy).Statement.find((st: any) => st.Principal?.Service === "budgets.amazonaws.com");
    expect(publish).toMatchObject({ Effect: "Allow", Action: "sns:Publish" });
    expect(budget.depends_on).toBeUndefined();
    const keyPolicy = policyOf(resource(json, "aws_kms_key"));
    const use = keyPolicy.Statement.find((st: any) => [st.Principal?.Service].flat().includes("budgets.amazonaws.com"));
    expect(use.Action).toEqual(expect.arrayContaining(["kms:GenerateDataKey*", "kms:Decrypt"]));
  });

  it("is created after the topic policies it is given, so Budgets may publish before it subscribes", () => {
    const json = synth((s) => {
      const monitoring = new Monitoring(s, "Monitoring", { name: "app-dev", additionalPublisherServices: ["budgets.amazonaws.com"] });
      new CostBudget(s, "Budget", { ...PROPS, topicArn: monitoring.warningTopicArn, dependsOn: monitoring.topicPolicies });
    });
    const policies = Object.keys(resources(json, "aws_sns_topic_policy")).map((n) => `aws_sns_topic_policy.${n}`);
    expect(policies).toHaveLength(2);
    expect([...resource(json, "aws_budgets_budget").depends_on].sort()).toEqual([...policies].sort());
  });

  it("fails on a name with a colon, and accepts hyphens and spaces", () => {
    expect(() => synth((s) => new CostBudget(s, "Budget", { ...PROPS, name: "app:dev" }))).toThrow(
      /Budget: name must be 1-100 characters without : or \\.*got "app:dev"/,
    );
    expect(() => synth((s) => new CostBudget(s, "Budget", { ...PROPS, name: "app-dev monthly" }))).not.toThrow();
  });

  it("fails on a limit of zero, and accepts a cent", () => {
    expect(() => synth((s) => new CostBudget(s, "Budget", { ...PROPS, monthlyLimitUsd: 0 }))).toThrow(
      /monthlyLimitUsd must be a positive amount of US dollars, got 0/,
    );
    expect(() => synth((s) => new CostBudget(s, "Budget", { ...PROPS, monthlyLimitUsd: 0.01 }))).not.toThrow();
  });

  it("fails on a topic ARN of another service", () => {
    expect(() => synth((s) => new CostBudget(s, "Budget", { ...PROPS, topicArn: "arn:aws:sqs:us-east-1:123456789012:q" }))).toThrow(
      /topicArn/,
    );
  });

  it("fails on an aws: tag key, and accepts a user tag", () => {
    expect(() => synth((s) => new CostBudget(s, "Budget", { ...PROPS, costAllocationTag: { key: "aws:createdBy", value: "x" } }))).toThrow(
      /costAllocationTag.key must be a user-defined tag key/,
    );
    expect(() =>
      synth((s) => new CostBudget(s, "Budget", { ...PROPS, costAllocationTag: { key: "Project", value: "app" } })),
    ).not.toThrow();
  });

  it("fails on no thresholds, a non-positive one or a repeated one", () => {
    expect(() => synth((s) => new CostBudget(s, "Budget", { ...PROPS, thresholdsPercent: [] }))).toThrow(
      /thresholdsPercent must list at least one percentage/,
    );
    expect(() => synth((s) => new CostBudget(s, "Budget", { ...PROPS, thresholdsPercent: [0] }))).toThrow(
      /thresholdsPercent\[0\] must be a positive percentage, got 0/,
    );
    expect(() => synth((s) => new CostBudget(s, "Budget", { ...PROPS, thresholdsPercent: [80, 80] }))).toThrow(/thresholdsPercent/);
    expect(() => synth((s) => new CostBudget(s, "Budget", { ...PROPS, thresholdsPercent: [1] }))).not.toThrow();
  });
});
