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
      (s) =>
        new Monitoring(s, "Monitoring", {
          name,
          criticalEmails: ["oncall@example.com"],
          warningEmails: ["ops@example.com", "dev@example.com"],
        }),
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

  it("refuses a topic key of another region than the stack's (SNS uses keys of its own region)", () => {
    const kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(() => synth((s) => new Monitoring(s, "Monitoring", { name, kmsKeyArn }))).toThrow(
      /Monitoring: kmsKeyArn must be in the stack's AWS provider region us-east-1 \(KMS keys are regional and SNS uses keys of its own region only\), not in eu-west-1/,
    );
  });

  it("fails on an invalid email", () => {
    expect(() => synth((s) => new Monitoring(s, "Monitoring", { name, criticalEmails: ["oncall@example"] }))).toThrow(
      /Monitoring: criticalEmails must be an email address.*got "oncall@example"/,
    );
    expect(() => synth((s) => new Monitoring(s, "Monitoring", { name, warningEmails: ["a@b.co", "A@b.co"] }))).toThrow(
      /warningEmails must not contain duplicates/,
    );
  });

  it("refuses the AWS-managed alias/aws/sns key (CloudWatch cannot publish to topics encrypted with it)", () => {
    expect(() =>
      synth((s) => new Monitoring(s, "Monitoring", { name, kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/aws/sns" })),
    ).toThrow(
      /Monitoring: kmsKeyArn must be a customer-managed key whose policy admits cloudwatch\.amazonaws\.com, not the AWS-managed alias\/aws\/sns.*got "arn:aws:kms:us-east-1:123456789012:alias\/aws\/sns"/,
    );
  });

  it("accepts the alias ARN of a customer-managed key (SNS resolves aliases)", () => {
    const kmsKeyArn = "arn:aws:kms:us-east-1:123456789012:alias/alarm-topics";
    const json = synth((s) => new Monitoring(s, "Monitoring", { name, kmsKeyArn }));
    for (const t of Object.values(resources(json, "aws_sns_topic"))) expect(t.kms_master_key_id).toBe(kmsKeyArn);
  });

  it("refuses tags AWS reserves and accepts ordinary ones", () => {
    expect(() => synth((s) => new Monitoring(s, "Monitoring", { name, tags: { "aws:team": "x" } }))).toThrow(
      /Monitoring: tags key must not start with aws: \(reserved for AWS\), got "aws:team"/,
    );
    const json = synth((s) => new Monitoring(s, "Monitoring", { name, tags: { "team:owner": "ops@example.com" } }));
    for (const t of Object.values(resources(json, "aws_sns_topic"))) expect(t.tags).toEqual({ "team:owner": "ops@example.com" });
  });

  it("fails on publisher services that are not service principals or repeat CloudWatch", () => {
    expect(() => synth((s) => new Monitoring(s, "Monitoring", { name, additionalPublisherServices: ["events"] }))).toThrow(
      /Monitoring: additionalPublisherServices\[0\] must be a service principal with its domain, such as ecs-tasks\.amazonaws\.com, got "events"/,
    );
    expect(() =>
      synth((s) => new Monitoring(s, "Monitoring", { name, additionalPublisherServices: ["cloudwatch.amazonaws.com"] })),
    ).toThrow(/Monitoring: additionalPublisherServices must not contain duplicates, got "cloudwatch\.amazonaws\.com"/);
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

    it("defaults to the Average statistic and missing data treated as missing", () => {
      const json = synth((s) => {
        const { statistic: _s, treatMissingData: _t, ...rest } = spec;
        new Monitoring(s, "Monitoring", { name }).addAlarm({ ...rest, severity: "warning" });
      });
      expect(resource(json, "aws_cloudwatch_metric_alarm")).toMatchObject({
        alarm_name: "shop-prod-signups-low",
        alarm_description: spec.description,
        namespace: "App",
        metric_name: "Signups",
        dimensions: { Environment: "prod" },
        comparison_operator: "LessThanThreshold",
        evaluation_periods: 1,
        statistic: "Average",
        treat_missing_data: "missing",
      });
    });

    const addFails = (override: Record<string, unknown>, message: RegExp) =>
      expect(() =>
        synth((s) => new Monitoring(s, "Monitoring", { name }).addAlarm({ ...spec, severity: "warning", ...override } as any)),
      ).toThrow(message);

    it.each([
      [
        "a comparison CloudWatch does not know",
        { comparison: "GreaterThan" },
        /Monitoring: addAlarm\(signups-low\)\.comparison must be one of "GreaterThanThreshold".*got "GreaterThan"/,
      ],
      [
        "an unknown statistic",
        { statistic: "p99" },
        /addAlarm\(signups-low\)\.statistic must be one of "Average", "Sum", "Minimum", "Maximum", "SampleCount", got "p99"/,
      ],
      [
        "an unknown missing-data treatment",
        { treatMissingData: "zero" },
        /addAlarm\(signups-low\)\.treatMissingData must be one of "missing", "ignore", "breaching", "notBreaching", got "zero"/,
      ],
      ["an empty namespace", { namespace: " " }, /addAlarm\(signups-low\)\.namespace must be a non-empty string, got " "/],
      ["an empty metric name", { metricName: "" }, /addAlarm\(signups-low\)\.metricName must be a non-empty string/],
      [
        "a description over 1024 characters",
        { description: "d".repeat(1025) },
        /addAlarm\(signups-low\)\.description must be at most 1024 characters \(is 1025\)/,
      ],
      [
        "more than 30 dimensions",
        { dimensions: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`D${i}`, "x"])) },
        /addAlarm\(signups-low\)\.dimensions must have at most 30 entries \(has 31\)/,
      ],
      [
        "an empty dimension value",
        { dimensions: { Environment: "" } },
        /addAlarm\(signups-low\)\.dimensions\.Environment must be a non-empty string/,
      ],
      [
        "a period CloudWatch refuses",
        { periodSeconds: 90 },
        /addAlarm\(signups-low\)\.periodSeconds must be 10, 20, 30 or a multiple of 60 .*got 90/,
      ],
      [
        "zero evaluation periods",
        { evaluationPeriods: 0 },
        /addAlarm\(signups-low\)\.evaluationPeriods must be an integer from 1 to 604800, got 0/,
      ],
      [
        "more than a day of short periods",
        { periodSeconds: 1800, evaluationPeriods: 49 },
        /evaluationPeriods × periodSeconds must be at most 86400 seconds \(1 day for periods under an hour\); 49 × 1800 is 88200, got 49/,
      ],
      [
        "more than 7 days of hourly periods",
        { periodSeconds: 7200, evaluationPeriods: 85 },
        /must be at most 604800 seconds \(7 days\); 85 × 7200 is 612000/,
      ],
    ])("fails on %s", (_label, override, message) => addFails(override, message));

    it("accepts 10-second periods and up to 7 days of hourly periods", () => {
      const json = synth((s) => {
        const m = new Monitoring(s, "Monitoring", { name });
        m.addAlarm({ ...spec, severity: "warning", periodSeconds: 10, evaluationPeriods: 3 });
        m.addAlarm({ ...spec, purpose: "weekly", severity: "warning", periodSeconds: 3600, evaluationPeriods: 168 });
        m.addAlarm({ ...spec, purpose: "daily", severity: "warning", periodSeconds: 60, evaluationPeriods: 1440 });
      });
      const periods = Object.values(resources(json, "aws_cloudwatch_metric_alarm")).map((a) => [a.period, a.evaluation_periods]);
      expect(periods.sort()).toEqual(
        [
          [10, 3],
          [3600, 168],
          [60, 1440],
        ].sort(),
      );
    });

    it("fails on an unknown severity or a repeated purpose", () => {
      expect(() => synth((s) => new Monitoring(s, "Monitoring", { name }).addAlarm({ ...spec, severity: "page" as "critical" }))).toThrow(
        /severity must be one of "critical", "warning", got "page"/,
      );
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
