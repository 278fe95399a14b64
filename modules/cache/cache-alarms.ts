import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { metricAlarm } from "../internal/alarms";
import { AlarmTopics } from "../core/alarm-topics";

/** One GiB in bytes: `BytesUsedForCache` is in bytes. */
const GIB = 1024 ** 3;

/**
 * Alarms of a node-based cache, per node (ElastiCache publishes host and engine metrics by
 * `CacheClusterId`, one per node of the replication group):
 * - critical: memory used above 90 % of `maxmemory` (with `noeviction` writes then fail), engine CPU
 *   above 80 % for 10 minutes (Valkey and Redis OSS run commands on one thread);
 * - warning: memory above 75 %, any eviction in 5 minutes (keys lost to the eviction policy).
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.WhichShouldIMonitor.html
 */
export function nodeCacheAlarms(
  scope: Construct,
  base: string,
  memberIds: readonly string[],
  topics: AlarmTopics,
): CloudwatchMetricAlarm[] {
  return memberIds.flatMap((member, i) => {
    const node = memberIds.length > 1 ? `-node${i + 1}` : "";
    const id = memberIds.length > 1 ? `Node${i + 1}` : "";
    const common = { namespace: "AWS/ElastiCache", dimensions: { CacheClusterId: member }, periodSeconds: 300 } as const;
    return [
      metricAlarm(scope, `MemoryCriticalAlarm${id}`, base, {
        ...common,
        purpose: `memory-critical${node}`,
        description: `${member}: memory above 90 % of maxmemory (writes fail or keys are evicted)`,
        metricName: "DatabaseMemoryUsagePercentage",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        threshold: 90,
        evaluationPeriods: 1,
        topicArn: topics.criticalTopicArn,
        treatMissingData: "missing",
      }),
      metricAlarm(scope, `MemoryHighAlarm${id}`, base, {
        ...common,
        purpose: `memory-high${node}`,
        description: `${member}: memory above 75 % of maxmemory`,
        metricName: "DatabaseMemoryUsagePercentage",
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        threshold: 75,
        evaluationPeriods: 2,
        topicArn: topics.warningTopicArn,
        treatMissingData: "missing",
      }),
      metricAlarm(scope, `CpuHighAlarm${id}`, base, {
        ...common,
        purpose: `engine-cpu-high${node}`,
        description: `${member}: engine CPU above 80 % for 10 minutes`,
        metricName: "EngineCPUUtilization",
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        threshold: 80,
        evaluationPeriods: 2,
        topicArn: topics.criticalTopicArn,
        treatMissingData: "notBreaching",
      }),
      metricAlarm(scope, `EvictionsAlarm${id}`, base, {
        ...common,
        purpose: `evictions${node}`,
        description: `${member}: keys evicted (memory full under the eviction policy)`,
        metricName: "Evictions",
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        threshold: 0,
        evaluationPeriods: 1,
        topicArn: topics.warningTopicArn,
        treatMissingData: "notBreaching",
      }),
    ];
  });
}

/** The limits a serverless cache's alarms compare with. */
export interface ServerlessAlarmLimits {
  /** `cache_usage_limits.data_storage.maximum`, GiB. */
  readonly maxDataStorageGiB: number;
  /** `cache_usage_limits.ecpu_per_second.maximum`. */
  readonly maxEcpuPerSecond: number;
}

/**
 * Alarms of a serverless cache (dimension `clusterId`, the cache's name):
 * - critical: data above 90 % of the storage limit (at the limit, writes fail);
 * - warning: ECPUs above 80 % of the per-second limit for 10 minutes, throttled commands.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/serverless-metrics-events-redis.html
 */
export function serverlessCacheAlarms(
  scope: Construct,
  base: string,
  cacheName: string,
  limits: ServerlessAlarmLimits,
  topics: AlarmTopics,
): CloudwatchMetricAlarm[] {
  const common = { namespace: "AWS/ElastiCache", dimensions: { clusterId: cacheName } } as const;
  return [
    metricAlarm(scope, "StorageHighAlarm", base, {
      ...common,
      purpose: "storage-high",
      description: `${cacheName}: data above 90 % of the ${limits.maxDataStorageGiB} GiB limit (writes fail at the limit)`,
      metricName: "BytesUsedForCache",
      statistic: "Maximum",
      comparison: "GreaterThanThreshold",
      threshold: Math.floor(limits.maxDataStorageGiB * GIB * 0.9),
      periodSeconds: 300,
      evaluationPeriods: 1,
      topicArn: topics.criticalTopicArn,
      treatMissingData: "missing",
    }),
    metricAlarm(scope, "EcpuHighAlarm", base, {
      ...common,
      purpose: "ecpu-high",
      description: `${cacheName}: ECPUs above 80 % of the ${limits.maxEcpuPerSecond}/s limit for 10 minutes`,
      metricName: "ElastiCacheProcessingUnits",
      statistic: "Sum",
      comparison: "GreaterThanThreshold",
      // The metric sums a minute's ECPUs; the limit is per second.
      threshold: Math.floor(limits.maxEcpuPerSecond * 60 * 0.8),
      periodSeconds: 60,
      evaluationPeriods: 10,
      topicArn: topics.warningTopicArn,
      treatMissingData: "notBreaching",
    }),
    metricAlarm(scope, "ThrottledAlarm", base, {
      ...common,
      purpose: "throttled",
      description: `${cacheName}: commands throttled (the ECPU limit or scaling was reached)`,
      metricName: "ThrottledCmds",
      statistic: "Sum",
      comparison: "GreaterThanThreshold",
      threshold: 0,
      periodSeconds: 300,
      evaluationPeriods: 1,
      topicArn: topics.warningTopicArn,
      treatMissingData: "notBreaching",
    }),
  ];
}
