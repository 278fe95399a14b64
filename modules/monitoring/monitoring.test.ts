import { describe, expect, it } from "vitest";
import { findResources, policyOf, resource, resources, synth } from "../internal/testing";
import { Monitoring } from "./monitoring";

const name = "shop-prod";

describe("Monitoring", () => {
  it("defaults to two KMS-encrypted topics that CloudWatch alarms in this account may publish to", () => {
    const json = synth((s) => new Monitoring(s, "Monitoring", { name }));
    const topics = Object.values(resources(json, "aws_sns_topic"));
    expect(topics.map((t) => t.name).sort()).toEqual(["shop-prod-critical", "shop-prod-warning"]);
    for (const t of topics) expect(t.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.[\w]+\.arn\}$/);
    expect(resources(json, "aws_sns_topic_subscription")).toEqual({});

    const key = resource(json, "aws_kms_key");
    expect(key.enable_key_rotation).toBe(true);
    const keyPolicy = policyOf(key);
    const cw = keyPolicy.Statement.find((st: any) => st.Principal?.Service === "cloudwatch.amazonaws.com");
    expect(cw).toMatchObject({ Effect: "Allow", Action: ["kms:GenerateDataKey*", "kms:Decrypt"] });
    expect(keyPolicy.Statement[0].Principal.AWS).toMatch(/:root$/);

    const policies = Object.values(resources(json, "aws_sns_topic_policy"));
    expect(policies).toHaveLength(2);
    for (const p of policies) {
      const publish = policyOf(p).Statement.find((st: any) => st.Sid === "CloudWatchAlarmsPublish");
      expect(publish.Principal).toEqual({ Service: "cloudwatch.amazonaws.com" });
      expect(publish.Action).toBe("sns:Publish");
      expect(publish.Resource).toBe(p.arn);
      expect(publish.Condition.StringEquals["aws:SourceAccount"]).toMatch(/data\.aws_caller_identity/);
    }
  });

  it("subscribes each email to its topic", () => {
    const json = synth(
      (s) => new Monitoring(s, "Monitoring", { name, criticalEmails: ["oncall@example.com"], warningEmails: ["ops@example.com", "dev@example.com"] }),
    );
    const subs = Object.values(resources(json, "aws_sns_topic_subscription"));
    expect(subs.every((s) => s.protocol === "email")).toBe(true);
    const critical = findResources(json, "aws_sns_topic_subscription", (s) => s.topic_arn.includes("CriticalTopic"));
    expect(critical.map((s) => s.endpoint)).toEqual(["oncall@example.com"]);
    const warning = findResources(json, "aws_sns_topic_subscription", (s) => s.topic_arn.includes("WarningTopic"));
    expect(warning.map((s) => s.endpoint).sort()).toEqual(["dev@example.com", "ops@example.com"]);
  });

  it("uses a given key and lets extra services publish", () => {
    const kmsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const json = synth((s) => new Monitoring(s, "Monitoring", { name, kmsKeyArn, additionalPublisherServices: ["events.amazonaws.com"] }));
    expect(resources(json, "aws_kms_key")).toEqual({});
    for (const t of Object.values(resources(json, "aws_sns_topic"))) expect(t.kms_master_key_id).toBe(kmsKeyArn);
    const statement = policyOf(Object.values(resources(json, "aws_sns_topic_policy"))[0]).Statement.find(
      (st: any) => st.Sid === "ServicesPublish",
    );
    expect(statement.Principal).toEqual({ Service: "events.amazonaws.com" });
  });

  it("fails on an invalid email", () => {
    expect(() => synth((s) => new Monitoring(s, "Monitoring", { name, criticalEmails: ["oncall@example"] }))).toThrow(
      /Monitoring: criticalEmails must be an email address.*got "oncall@example"/,
    );
    expect(() => synth((s) => new Monitoring(s, "Monitoring", { name, warningEmails: ["a@b.co", "A@b.co"] }))).toThrow(
      /warningEmails must not contain duplicates/,
    );
  });

  describe("addAlarm", () => {
    const spec = {
      purpose: "signups-low",
      description: "Fewer than 1 signup in an hour",
      namespace: "App",
      metricName: "Signups",
      dimensions: { Environment: "prod" },
      statistic: "Sum" as const,
      comparison: "LessThanThreshold" as const,
      threshold: 1,
      periodSeconds: 3600,
      evaluationPeriods: 1,
      treatMissingData: "breaching" as const,
    };

    it("notifies the topic of its severity on ALARM and OK", () => {
      const json = synth((s) => {
        const m = new Monitoring(s, "Monitoring", { name });
        m.addAlarm({ ...spec, severity: "warning" });
        m.addAlarm({ ...spec, purpose: "orders-failing", severity: "critical" });
      });
      const [warning] = findResources(json, "aws_cloudwatch_metric_alarm", (a) => a.alarm_name === "shop-prod-signups-low");
      expect(warning.alarm_actions).toEqual([expect.stringContaining("WarningTopic")]);
      expect(warning.ok_actions).toEqual(warning.alarm_actions);
      expect(warning).toMatchObject({ threshold: 1, period: 3600, statistic: "Sum", treat_missing_data: "breaching" });
      const [critical] = findResources(json, "aws_cloudwatch_metric_alarm", (a) => a.alarm_name === "shop-prod-orders-failing");
      expect(critical.alarm_actions).toEqual([expect.stringContaining("CriticalTopic")]);
    });

    it.each([
      ["NaN", Number.NaN],
      ["a string", "80"],
      ["missing", undefined],
    ])("fails when the threshold is %s", (_label, threshold) => {
      expect(() =>
        synth((s) => new Monitoring(s, "Monitoring", { name }).addAlarm({ ...spec, severity: "critical", threshold: threshold as number })),
      ).toThrow(/Monitoring: addAlarm\(signups-low\)\.threshold must be a finite number/);
    });

    it("fails on an unknown severity or a repeated purpose", () => {
      expect(() =>
        synth((s) => new Monitoring(s, "Monitoring", { name }).addAlarm({ ...spec, severity: "page" as "critical" })),
      ).toThrow(/severity must be one of "critical", "warning", got "page"/);
      expect(() =>
        synth((s) => {
          const m = new Monitoring(s, "Monitoring", { name });
          m.addAlarm({ ...spec, severity: "warning" });
          m.addAlarm({ ...spec, severity: "critical" });
        }),
      ).toThrow(/addAlarm\(signups-low\)\.purpose must be unique/);
    });
  });
});
