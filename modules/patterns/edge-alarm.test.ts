import { describe, expect, it } from "vitest";
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SynthJson, policyOf, resources, synthStack } from "../internal/testing";
import { ContainerWebApp, ContainerWebAppProps } from "./container-web-app";
import { PRODUCTION_APP } from "./testing";

const PROD: ContainerWebAppProps = { ...PRODUCTION_APP, alarmEmails: { critical: ["oncall@example.com"] } };

/** A production app in eu-west-1, with the us-east-1 provider alias or without it. */
function inEuWest1(props: Partial<ContainerWebAppProps> = {}, withUsEast1 = true): SynthJson {
  const stack = new TerraformStack(Testing.app(), "west");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const usEast1 = withUsEast1 ? new AwsProvider(stack, "aws_us_east_1", { alias: "us_east_1", region: "us-east-1" }) : undefined;
  new ContainerWebApp(stack, "App", { ...PROD, usEast1Provider: usEast1, ...props });
  return synthStack(stack);
}

const US_EAST_1 = "aws.us_east_1";
const ref = (json: SynthJson, type: string, match: (name: string) => boolean, attr: string): string => {
  const name = Object.keys(resources(json, type)).find(match)!;
  return `\${${type}.${name}.${attr}}`;
};

describe("ContainerWebApp: the CDN's 5xx alarm outside us-east-1", () => {
  const json = inEuWest1();
  const alarms = resources(json, "aws_cloudwatch_metric_alarm");
  const cdnAlarm = Object.entries(alarms).find(([, a]: [string, any]) => a.namespace === "AWS/CloudFront")?.[1] as any;

  it("exists, in us-east-1 where CloudFront publishes its metrics", () => {
    expect(cdnAlarm).toMatchObject({ metric_name: "5xxErrorRate", provider: US_EAST_1 });
  });

  it("notifies a critical topic created in us-east-1 (an alarm notifies topics of its own region only), encrypted with a us-east-1 key", () => {
    const critical = ref(json, "aws_sns_topic", (n) => n.includes("EdgeMonitoring_CriticalTopic"), "arn");
    expect(cdnAlarm.alarm_actions).toEqual([critical]);
    const topics = Object.entries(resources(json, "aws_sns_topic")).filter(([n]) => n.includes("EdgeMonitoring"));
    expect(topics.map(([, t]: [string, any]) => [t.name, t.provider])).toEqual([
      ["shop-prod-edge-critical", US_EAST_1],
      ["shop-prod-edge-warning", US_EAST_1],
    ]);
    const key = Object.entries(resources(json, "aws_kms_key")).find(([n]) => n.includes("EdgeMonitoring"))![1] as any;
    expect(key.provider).toBe(US_EAST_1);
    expect(topics[0][1].kms_master_key_id).toBe(ref(json, "aws_kms_key", (n) => n.includes("EdgeMonitoring"), "arn"));
  });

  it("lets only us-east-1 alarms of the account publish, and subscribes the same people", () => {
    const policy = Object.entries(resources(json, "aws_sns_topic_policy")).find(([n]) =>
      n.includes("EdgeMonitoring_CriticalTopicPolicy"),
    )![1] as any;
    expect(policy.provider).toBe(US_EAST_1);
    const publish = policyOf(policy).Statement.find((s: any) => s.Sid === "CloudWatchAlarmsPublish");
    expect(publish.Condition.ArnLike["aws:SourceArn"]).toMatch(/^arn:\$\{data\.aws_partition\.\w+\.partition\}:cloudwatch:us-east-1:/);
    const subs = Object.values(resources(json, "aws_sns_topic_subscription")).filter((s: any) => s.provider === US_EAST_1);
    expect(subs.map((s: any) => s.endpoint)).toEqual(["oncall@example.com"]);
  });

  it("keeps the app's own alarms on the stack's topics", () => {
    const dbAlarm = Object.values(alarms).find((a: any) => a.namespace === "AWS/RDS") as any;
    expect(dbAlarm.provider).toBeUndefined();
    expect(dbAlarm.alarm_actions[0]).toMatch(/^\$\{aws_sns_topic\.App_Monitoring_(Critical|Warning)Topic_\w+\.arn\}$/);
  });

  it("is refused at synth without the us-east-1 provider, saying what to pass", () => {
    expect(() => inEuWest1({}, false)).toThrow(
      /west\/App: usEast1Provider is required for production with a CDN outside us-east-1 \(stack region eu-west-1\).*5xx alarm.*pass the stack's AwsProvider aliased to us-east-1/,
    );
  });

  it("needs no provider and creates no edge topics without a CDN, or outside production", () => {
    const noCdn = inEuWest1({ cdn: false }, false);
    expect(Object.keys(resources(noCdn, "aws_sns_topic")).filter((n) => n.includes("Edge"))).toEqual([]);
    const nonProd = inEuWest1({ profile: "non-production", domain: undefined }, false);
    expect(Object.values(resources(nonProd, "aws_cloudwatch_metric_alarm")).filter((a: any) => a.namespace === "AWS/CloudFront")).toEqual(
      [],
    );
  });
});
