import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { metricAlarm } from "../internal/alarms";
import { AlarmTopics } from "../core/alarm-topics";

/** One GiB in bytes: CloudWatch reports FreeStorageSpace in bytes. */
export const GIB = 1024 ** 3;

/** What the database alarms watch. */
export interface DatabaseAlarmTarget {
  /** The DB instance identifier (the `DBInstanceIdentifier` dimension and the alarm name prefix). */
  readonly instanceIdentifier: string;
  /** `max_connections` of the instance; the connections alarm fires above 80 % of it. */
  readonly maxConnections: number;
}

/**
 * The database's alarms:
 * - critical: CPU > 75 % for 10 minutes; free storage < 5 GiB;
 * - warning: free storage < 10 GiB; connections > 80 % of `max_connections` for 10 minutes.
 * Missing data counts as "not breaching" for CPU and connections (no data, no load) and is
 * kept "missing" for storage, so a stopped instance neither pages nor hides low disk.
 */
export function databaseAlarms(scope: Construct, target: DatabaseAlarmTarget, topics: AlarmTopics): CloudwatchMetricAlarm[] {
  const base = target.instanceIdentifier;
  const common = {
    namespace: "AWS/RDS",
    dimensions: { DBInstanceIdentifier: target.instanceIdentifier },
    periodSeconds: 300,
  } as const;
  const connectionsLimit = Math.floor(target.maxConnections * 0.8);
  return [
    metricAlarm(scope, "CpuHighAlarm", base, {
      ...common,
      purpose: "cpu-high",
      description: `${base}: CPU above 75 % for 10 minutes`,
      metricName: "CPUUtilization",
      statistic: "Average",
      comparison: "GreaterThanThreshold",
      threshold: 75,
      evaluationPeriods: 2,
      topicArn: topics.criticalTopicArn,
      treatMissingData: "notBreaching",
    }),
    metricAlarm(scope, "StorageCriticalAlarm", base, {
      ...common,
      purpose: "storage-critical",
      description: `${base}: free storage below 5 GiB`,
      metricName: "FreeStorageSpace",
      statistic: "Minimum",
      comparison: "LessThanThreshold",
      threshold: 5 * GIB,
      evaluationPeriods: 1,
      topicArn: topics.criticalTopicArn,
      treatMissingData: "missing",
    }),
    metricAlarm(scope, "StorageLowAlarm", base, {
      ...common,
      purpose: "storage-low",
      description: `${base}: free storage below 10 GiB`,
      metricName: "FreeStorageSpace",
      statistic: "Minimum",
      comparison: "LessThanThreshold",
      threshold: 10 * GIB,
      evaluationPeriods: 1,
      topicArn: topics.warningTopicArn,
      treatMissingData: "missing",
    }),
    metricAlarm(scope, "ConnectionsHighAlarm", base, {
      ...common,
      purpose: "connections-high",
      description: `${base}: more than ${connectionsLimit} connections (80 % of max_connections ${target.maxConnections}) for 10 minutes`,
      metricName: "DatabaseConnections",
      statistic: "Maximum",
      comparison: "GreaterThanThreshold",
      threshold: connectionsLimit,
      evaluationPeriods: 2,
      topicArn: topics.warningTopicArn,
      treatMissingData: "notBreaching",
    }),
  ];
}
