import { TerraformProvider } from "cdktf";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { PolicyStatement, policyDocument } from "../core/policy-document";
import { MetricAlarmSpec, metricAlarm } from "../internal/alarms";
import { awsContext } from "../internal/aws-context";
import { physicalName } from "../internal/naming";
import {
  REGION_PATTERN,
  checkArn,
  checkEmail,
  checkIntegerRange,
  checkMaxLength,
  checkNumber,
  checkOneOf,
  checkServicePrincipal,
  checkTags,
  checkUnique,
  fail,
  isToken,
} from "../internal/validate";
import { checkKmsKeyInStackRegion } from "../internal/region-checks";
import { pascalId } from "../core/construct-id";
import { EncryptionKey } from "../core/encryption-key";
import { AlarmTopics } from "../core/alarm-topics";

/** Which topic an alarm notifies: `critical` pages someone, `warning` only needs attention. */
export type AlarmSeverity = "critical" | "warning";

const SEVERITIES: readonly AlarmSeverity[] = ["critical", "warning"];
const COMPARISONS = ["GreaterThanThreshold", "GreaterThanOrEqualToThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"] as const;
const STATISTICS = ["Average", "Sum", "Minimum", "Maximum", "SampleCount"] as const;
const MISSING_DATA = ["missing", "ignore", "breaching", "notBreaching"] as const;
/** CloudWatch caps period × evaluation periods at 1 day for periods under an hour, 7 days otherwise. */
const MAX_EVALUATION_RANGE_SECONDS = { underAnHour: 86_400, hourOrMore: 604_800 } as const;
const CLOUDWATCH = "cloudwatch.amazonaws.com";

/** Props for {@link Monitoring}. */
export interface MonitoringProps {
  /** Base name `<project>-<environment>`; topics are `<name>-critical` and `<name>-warning`. */
  readonly name: string;
  /**
   * Email addresses subscribed to the critical topic. Each must confirm the subscription
   * from the email AWS sends before it receives anything.
   * @default [] - no subscriptions
   */
  readonly criticalEmails?: readonly string[];
  /**
   * Email addresses subscribed to the warning topic (confirmation needed as above).
   * @default [] - no subscriptions
   */
  readonly warningEmails?: readonly string[];
  /**
   * Existing customer-managed KMS key ARN for the topics. Its key policy must let
   * `cloudwatch.amazonaws.com` use `kms:GenerateDataKey*` and `kms:Decrypt`, or alarms fail
   * to publish without any error in Terraform.
   * @default - a new key (rotation on) whose policy allows exactly that
   */
  readonly kmsKeyArn?: string;
  /**
   * Other AWS services that may publish to both topics (e.g. `events.amazonaws.com` for
   * EventBridge rules, `events.rds.amazonaws.com` for RDS event subscriptions). They get
   * `sns:Publish` limited to this account and, on the created key, `kms:GenerateDataKey*`/`kms:Decrypt`.
   * @default [] - CloudWatch alarms only
   */
  readonly additionalPublisherServices?: readonly string[];
  /**
   * AWS provider of the region the topics, their key and the alarms added here live in, when not the
   * stack's default provider's: e.g. the stack's us-east-1 alias for CloudFront alarms (CloudFront
   * publishes its metrics in us-east-1 only, and an alarm notifies topics of its own region only).
   * Its `region` must be a literal (the topic policy names the alarms' region).
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/** A custom alarm for {@link Monitoring.addAlarm}: a metric alarm without its topic, plus a severity. */
export interface AlarmSpec extends Omit<MetricAlarmSpec, "topicArn"> {
  /** Which topic is notified on ALARM and OK. */
  readonly severity: AlarmSeverity;
}

/**
 * Where the environment's alarms notify: a critical and a warning SNS topic, encrypted with a
 * customer-managed KMS key that CloudWatch may use (with the AWS-managed `alias/aws/sns` key,
 * alarms silently fail to publish), topic policies letting this account's CloudWatch alarms
 * publish, and email subscriptions. Pass it as `AlarmTopics` to the database, service and CDN
 * modules; add environment-specific alarms with {@link addAlarm}.
 */
export class Monitoring extends Construct implements AlarmTopics {
  /** Topic for alarms that page someone. */
  public readonly criticalTopic: SnsTopic;
  /** Topic for alarms that only need attention. */
  public readonly warningTopic: SnsTopic;
  /** ARN of the critical topic (the `AlarmTopics` contract). */
  public readonly criticalTopicArn: string;
  /** ARN of the warning topic (the `AlarmTopics` contract). */
  public readonly warningTopicArn: string;
  /** The key created for the topics (undefined when `kmsKeyArn` was given). */
  public readonly encryptionKey?: EncryptionKey;
  /** ARN of the key encrypting both topics. */
  public readonly kmsKeyArn: string;
  /** Topic policies, critical then warning: what must exist before a service may publish (e.g. a budget's `dependsOn`). */
  public readonly topicPolicies: SnsTopicPolicy[] = [];
  /** Email subscriptions, critical then warning. */
  public readonly subscriptions: SnsTopicSubscription[] = [];
  /** Alarms added with {@link addAlarm}. */
  public readonly alarms: CloudwatchMetricAlarm[] = [];
  private readonly baseName: string;
  private readonly provider?: TerraformProvider;
  /** Region of the alarms that publish here: the provider's, else the stack's (a token). */
  private readonly region: string;

  public constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const criticalEmails = props.criticalEmails ?? [];
    const warningEmails = props.warningEmails ?? [];
    const publishers = props.additionalPublisherServices ?? [];
    checkArn(this, "kmsKeyArn", props.kmsKeyArn, "kms");
    // With a provider of another region the key must be in that region; only the provider knows it.
    if (props.provider === undefined) checkKmsKeyInStackRegion(this, "kmsKeyArn", props.kmsKeyArn, "SNS");
    // The AWS-managed SNS key's policy cannot be changed to admit CloudWatch, so alarms could
    // never publish to the topics (silently: Terraform applies, no notification ever arrives).
    // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
    if (props.kmsKeyArn !== undefined && !isToken(props.kmsKeyArn) && /:alias\/aws\/sns$/.test(props.kmsKeyArn)) {
      fail(
        this,
        "kmsKeyArn",
        "must be a customer-managed key whose policy admits cloudwatch.amazonaws.com, not the AWS-managed alias/aws/sns (CloudWatch alarms cannot publish to topics encrypted with it); leave kmsKeyArn unset to create one",
        props.kmsKeyArn,
      );
    }
    checkUnique(this, "additionalPublisherServices", [CLOUDWATCH, ...publishers]);
    publishers.forEach((s, i) => checkServicePrincipal(this, `additionalPublisherServices[${i}]`, s));
    checkTags(this, "tags", props.tags);
    this.baseName = props.name;
    this.provider = props.provider;
    this.region = props.provider ? this.literalRegion(props.provider) : awsContext(this).region;

    if (props.kmsKeyArn === undefined) {
      this.encryptionKey = new EncryptionKey(this, "TopicKey", {
        alias: physicalName(this, "snsTopic", props.name, "alarm-topics"),
        description: `Encrypts the ${props.name} alarm topics; usable by CloudWatch alarms`,
        servicePrincipals: [CLOUDWATCH, ...publishers],
        tags: props.tags,
        provider: props.provider,
      });
    }
    this.kmsKeyArn = props.kmsKeyArn ?? this.encryptionKey!.keyArn;

    this.criticalTopic = this.createTopic("critical", criticalEmails, publishers, props.tags);
    this.warningTopic = this.createTopic("warning", warningEmails, publishers, props.tags);
    this.criticalTopicArn = this.criticalTopic.arn;
    this.warningTopicArn = this.warningTopic.arn;
  }

  /** The topic ARN for a severity. */
  public topicArnFor(severity: AlarmSeverity): string {
    return severity === "critical" ? this.criticalTopicArn : this.warningTopicArn;
  }

  /**
   * Add a CloudWatch metric alarm notifying the topic of its severity on ALARM and OK, e.g. an
   * environment-specific alarm that no module offers. Named `<name>-<purpose>`; the construct id
   * is derived from `purpose`, so each purpose may be used once.
   */
  public addAlarm(spec: AlarmSpec): CloudwatchMetricAlarm {
    const prop = `addAlarm(${spec.purpose})`;
    checkOneOf(this, `${prop}.severity`, spec.severity, SEVERITIES);
    checkNumber(this, `${prop}.threshold`, spec.threshold);
    if (spec.threshold === undefined || spec.threshold === null) fail(this, `${prop}.threshold`, "must be a finite number", spec.threshold);
    this.checkAlarmSpec(prop, spec);
    const id = `Alarm${pascalId(spec.purpose)}`;
    if (id === "Alarm" || this.node.tryFindChild(id)) {
      fail(this, `${prop}.purpose`, "must be unique among this construct's alarms and contain letters or digits", spec.purpose);
    }
    const { severity, ...rest } = spec;
    const alarm = metricAlarm(this, id, this.baseName, { ...rest, topicArn: this.topicArnFor(severity) });
    if (this.provider) alarm.provider = this.provider;
    this.alarms.push(alarm);
    return alarm;
  }

  /** What CloudWatch's PutMetricAlarm would refuse at apply, checked at synth with the prop named. */
  private checkAlarmSpec(prop: string, spec: AlarmSpec): void {
    checkOneOf<string>(this, `${prop}.comparison`, spec.comparison, COMPARISONS);
    checkOneOf<string>(this, `${prop}.statistic`, spec.statistic, STATISTICS);
    checkOneOf<string>(this, `${prop}.treatMissingData`, spec.treatMissingData, MISSING_DATA);
    for (const key of ["namespace", "metricName"] as const) {
      const value = spec[key];
      if (!isToken(value) && (typeof value !== "string" || value.trim() === ""))
        fail(this, `${prop}.${key}`, "must be a non-empty string", value);
      checkMaxLength(this, `${prop}.${key}`, value, 255);
    }
    checkMaxLength(this, `${prop}.description`, spec.description, 1024);
    const dimensions = Object.entries(spec.dimensions ?? {});
    if (dimensions.length > 30)
      fail(this, `${prop}.dimensions`, `must have at most 30 entries (has ${dimensions.length})`, Object.keys(spec.dimensions));
    for (const [name, value] of dimensions) {
      checkMaxLength(this, `${prop}.dimensions`, name, 255);
      if (!isToken(value) && (typeof value !== "string" || value === "")) {
        fail(this, `${prop}.dimensions.${name}`, "must be a non-empty string (1-1024 characters)", value);
      }
      checkMaxLength(this, `${prop}.dimensions.${name}`, value, 1024);
    }
    const period = spec.periodSeconds;
    if (
      !isToken(period) &&
      !(typeof period === "number" && ([10, 20, 30].includes(period) || (Number.isInteger(period) && period >= 60 && period % 60 === 0)))
    ) {
      fail(this, `${prop}.periodSeconds`, "must be 10, 20, 30 or a multiple of 60 (CloudWatch alarm periods)", period);
    }
    // PutMetricAlarm caps the evaluation range (below), not the count: 168 hourly periods (7 days) are valid.
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (Period)
    checkIntegerRange(this, `${prop}.evaluationPeriods`, spec.evaluationPeriods, 1, MAX_EVALUATION_RANGE_SECONDS.hourOrMore);
    if (!isToken(period) && !isToken(spec.evaluationPeriods)) {
      const limit = period < 3600 ? MAX_EVALUATION_RANGE_SECONDS.underAnHour : MAX_EVALUATION_RANGE_SECONDS.hourOrMore;
      const range = period * spec.evaluationPeriods;
      if (range > limit) {
        fail(
          this,
          `${prop}.evaluationPeriods`,
          `× periodSeconds must be at most ${limit} seconds (${limit === 86_400 ? "1 day for periods under an hour" : "7 days"}); ${spec.evaluationPeriods} × ${period} is ${range}`,
          spec.evaluationPeriods,
        );
      }
    }
  }

  /** The provider's region as a literal: the topic policy admits alarms of that region only. */
  private literalRegion(provider: TerraformProvider): string {
    const region = (provider as { region?: unknown }).region;
    if (typeof region !== "string" || isToken(region) || !REGION_PATTERN.test(region)) {
      fail(
        this,
        "provider",
        "must have a literal region such as us-east-1 (the topic policy admits CloudWatch alarms of that region only)",
        region,
      );
    }
    return region;
  }

  private createTopic(
    severity: AlarmSeverity,
    emails: readonly string[],
    publishers: readonly string[],
    tags: Record<string, string> | undefined,
  ): SnsTopic {
    const prefix = severity === "critical" ? "Critical" : "Warning";
    const prop = `${severity}Emails`;
    emails.forEach((e) => checkEmail(this, prop, e));
    checkUnique(
      this,
      prop,
      emails.map((e) => e.toLowerCase()),
    );

    const topic = new SnsTopic(this, `${prefix}Topic`, {
      name: physicalName(this, "snsTopic", this.baseName, severity),
      kmsMasterKeyId: this.kmsKeyArn,
      tags,
      provider: this.provider,
    });
    const { accountId, partition } = awsContext(this);
    const region = this.region;
    const sourceAccount = { StringEquals: { "aws:SourceAccount": accountId } };
    const statements: PolicyStatement[] = [
      {
        sid: "AccountOwner",
        principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        actions: [
          "sns:GetTopicAttributes",
          "sns:SetTopicAttributes",
          "sns:AddPermission",
          "sns:RemovePermission",
          "sns:DeleteTopic",
          "sns:Subscribe",
          "sns:ListSubscriptionsByTopic",
          "sns:Publish",
        ],
        resources: [topic.arn],
      },
      {
        sid: "CloudWatchAlarmsPublish",
        principal: { Service: CLOUDWATCH },
        actions: ["sns:Publish"],
        resources: [topic.arn],
        conditions: {
          ...sourceAccount,
          ArnLike: { "aws:SourceArn": `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:*` },
        },
      },
    ];
    if (publishers.length > 0) {
      statements.push({
        sid: "ServicesPublish",
        principal: { Service: publishers.length === 1 ? publishers[0] : [...publishers] },
        actions: ["sns:Publish"],
        resources: [topic.arn],
        conditions: sourceAccount,
      });
    }
    this.topicPolicies.push(
      new SnsTopicPolicy(this, `${prefix}TopicPolicy`, { arn: topic.arn, policy: policyDocument(statements), provider: this.provider }),
    );

    for (const email of emails) {
      // Ids come from the address, not its position: removing one address must not replace
      // (and force re-confirmation of) the others.
      const id = `${prefix}Email${pascalId(email)}`;
      if (this.node.tryFindChild(id)) fail(this, prop, "must not contain addresses that differ only in punctuation", email);
      this.subscriptions.push(
        new SnsTopicSubscription(this, id, { topicArn: topic.arn, protocol: "email", endpoint: email, provider: this.provider }),
      );
    }
    return topic;
  }
}
