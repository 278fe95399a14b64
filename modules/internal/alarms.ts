import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { physicalName } from "./naming";
import { checkIntegerRange, checkNumber, fail } from "./validate";

/** How an alarm compares the metric to its threshold. */
export type AlarmComparison = "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";

/** What an alarm does when data points are missing. */
export type MissingData = "missing" | "ignore" | "breaching" | "notBreaching";

/** One CloudWatch metric alarm, in operator terms ("CPU > 80 % for 5 minutes"). */
export interface MetricAlarmSpec {
  /** Physical name suffix, e.g. `ecs-cpu-high`; the alarm is named `<base>-<purpose>`. */
  readonly purpose: string;
  /** Alarm description, at most 1024 characters. */
  readonly description: string;
  /** CloudWatch namespace (e.g. `AWS/ECS`), 1-255 characters. */
  readonly namespace: string;
  /** Metric name, 1-255 characters. */
  readonly metricName: string;
  /** Metric dimensions: at most 30, each value 1-1024 characters. */
  readonly dimensions: Record<string, string>;
  /**
   * Statistic over each period.
   * @default "Average"
   */
  readonly statistic?: "Average" | "Sum" | "Minimum" | "Maximum" | "SampleCount";
  /** How the metric compares to the threshold. */
  readonly comparison: AlarmComparison;
  /** Threshold, a finite number. */
  readonly threshold: number;
  /** Period of one data point, seconds: 10, 20, 30 (high-resolution metrics) or a multiple of 60. */
  readonly periodSeconds: number;
  /** How many periods must breach: 1-100; times `periodSeconds` at most 1 day for periods under an hour, 7 days otherwise. */
  readonly evaluationPeriods: number;
  /** SNS topic notified on ALARM and OK. */
  readonly topicArn: string;
  /**
   * What missing data points count as.
   * @default "missing"
   */
  readonly treatMissingData?: MissingData;
}

/**
 * Create a metric alarm that notifies `topicArn` on ALARM and on recovery (OK).
 * Thresholds and periods are checked: CloudWatch accepts only numbers and
 * periods of 10, 20, 30 or a multiple of 60 seconds.
 */
export function metricAlarm(scope: Construct, id: string, base: string, spec: MetricAlarmSpec): CloudwatchMetricAlarm {
  checkNumber(scope, `${spec.purpose} threshold`, spec.threshold);
  if (![10, 20, 30].includes(spec.periodSeconds) && !(spec.periodSeconds >= 60 && spec.periodSeconds % 60 === 0)) {
    fail(scope, `${spec.purpose} periodSeconds`, "must be 10, 20, 30 or a multiple of 60", spec.periodSeconds);
  }
  checkIntegerRange(scope, `${spec.purpose} evaluationPeriods`, spec.evaluationPeriods, 1, 86_400);
  // CloudWatch caps period × evaluation periods at 1 day under an hour's period, 7 days otherwise.
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (Period)
  const range = spec.periodSeconds * spec.evaluationPeriods;
  if (range > (spec.periodSeconds < 3600 ? 86_400 : 604_800)) {
    fail(
      scope,
      `${spec.purpose} evaluationPeriods`,
      `× periodSeconds (${spec.periodSeconds}) must be at most 1 day for periods under an hour, 7 days otherwise (is ${range} s)`,
      spec.evaluationPeriods,
    );
  }
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: physicalName(scope, "cloudwatch", base, spec.purpose),
    alarmDescription: spec.description,
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: spec.dimensions,
    statistic: spec.statistic ?? "Average",
    comparisonOperator: spec.comparison,
    threshold: spec.threshold,
    period: spec.periodSeconds,
    evaluationPeriods: spec.evaluationPeriods,
    treatMissingData: spec.treatMissingData ?? "missing",
    alarmActions: [spec.topicArn],
    okActions: [spec.topicArn],
  });
}
