import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { metricAlarm } from "../internal/alarms";
import { AlarmTopics } from "../core/alarm-topics";
import { instanceClassMemoryGiB, maxCpuCredits } from "./instance-class";

/** One GiB in bytes: CloudWatch reports FreeStorageSpace in bytes. */
export const GIB = 1024 ** 3;

/** What the database alarms watch. */
export interface DatabaseAlarmTarget {
  /** The DB instance identifier (the `DBInstanceIdentifier` dimension and the alarm name prefix). */
  readonly instanceIdentifier: string;
  /** `max_connections` of the instance; the connections alarm fires above 80 % of it. */
  readonly maxConnections: number;
  /**
   * The instance class: free memory is watched against its memory, and a burstable class
   * (`db.t*`) gets a CPU credit alarm.
   * @default - no memory or credit alarm
   */
  readonly instanceClass?: string;
}

/**
 * The database's alarms:
 * - critical: CPU > 75 % for 10 minutes; free storage < 5 GiB;
 * - warning: free storage < 10 GiB; connections > 80 % of `max_connections` for 10 minutes;
 *   freeable memory below 10 % of the class's memory for 15 minutes (swapping is next); on a
 *   burstable class (db.t*), CPU credits below 10 % of the most it can hold for 10 minutes (RDS
 *   runs db.t3/db.t4g unlimited: past that point CPU above the baseline is billed as surplus
 *   credits, a sign the class is too small).
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
  const memoryGiB = target.instanceClass === undefined ? undefined : instanceClassMemoryGiB(target.instanceClass);
  const credits = target.instanceClass === undefined ? undefined : maxCpuCredits(target.instanceClass);
  const extra: CloudwatchMetricAlarm[] = [];
  if (memoryGiB !== undefined) {
    extra.push(
      metricAlarm(scope, "FreeableMemoryLowAlarm", base, {
        ...common,
        purpose: "memory-low",
        description: `${base}: freeable memory below 10 % of ${target.instanceClass}'s ${memoryGiB} GiB for 15 minutes`,
        metricName: "FreeableMemory",
        statistic: "Average",
        comparison: "LessThanThreshold",
        threshold: Math.round(memoryGiB * GIB * 0.1),
        evaluationPeriods: 3,
        topicArn: topics.warningTopicArn,
        treatMissingData: "missing",
      }),
    );
  }
  if (credits !== undefined) {
    extra.push(
      metricAlarm(scope, "CpuCreditsLowAlarm", base, {
        ...common,
        purpose: "cpu-credits-low",
        description: `${base}: CPU credit balance below 10 % of the ${credits} ${target.instanceClass} can hold for 10 minutes (CPU above the baseline is now billed as surplus credits)`,
        metricName: "CPUCreditBalance",
        statistic: "Minimum",
        comparison: "LessThanThreshold",
        threshold: Math.round(credits * 0.1),
        evaluationPeriods: 2,
        topicArn: topics.warningTopicArn,
        treatMissingData: "missing",
      }),
    );
  }
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
    ...extra,
  ];
}
