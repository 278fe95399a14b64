import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { WorkloadRole } from "../core/workload-role";
import { physicalName } from "../internal/naming";
import { checkKmsKeyInStackRegion } from "../internal/region-checks";
import { checkKmsKeyArn, checkLogRetention, checkOneOf } from "../internal/validate";
import type { FlowLogTrafficType, NetworkFlowLogsProps } from "./network";
import { NetworkPart } from "./network-part";

const FLOW_LOG_TRAFFIC_TYPES: readonly FlowLogTrafficType[] = ["ALL", "ACCEPT", "REJECT"];

/** Flow log settings with their defaults. */
export interface FlowLogSettings {
  readonly enabled: boolean;
  readonly retentionDays: number;
  readonly trafficType: FlowLogTrafficType;
  readonly aggregationSeconds: number;
  readonly kmsKeyArn?: string;
}

/** `flowLogs` with its defaults, checked (`scope` is the network, named in errors). */
export function resolveFlowLogs(scope: NetworkPart["scope"], props: NetworkFlowLogsProps | undefined): FlowLogSettings {
  const settings = {
    enabled: props?.enabled ?? true,
    retentionDays: props?.retentionDays ?? 90,
    trafficType: props?.trafficType ?? "ALL",
    aggregationSeconds: props?.maxAggregationIntervalSeconds ?? 600,
    kmsKeyArn: props?.kmsKeyArn,
  };
  checkLogRetention(scope, "flowLogs.retentionDays", settings.retentionDays);
  checkOneOf(scope, "flowLogs.trafficType", settings.trafficType, FLOW_LOG_TRAFFIC_TYPES);
  checkOneOf<number>(scope, "flowLogs.maxAggregationIntervalSeconds", settings.aggregationSeconds, [60, 600]);
  checkKmsKeyArn(scope, "flowLogs.kmsKeyArn", settings.kmsKeyArn, "CloudWatch Logs encrypts with key ARNs only");
  checkKmsKeyInStackRegion(scope, "flowLogs.kmsKeyArn", settings.kmsKeyArn, "CloudWatch Logs");
  return settings;
}

/** VPC flow logs to a CloudWatch log group, delivered with a role of their own. */
export function createFlowLogs(
  part: NetworkPart,
  settings: FlowLogSettings,
): { group: CloudwatchLogGroup; role: IamRole; flowLog: FlowLog } {
  const { scope, name, tagsFor } = part;
  const groupName = physicalName(scope, "logGroup", name, "vpc-flow-logs");
  const group = new CloudwatchLogGroup(scope, "FlowLogGroup", {
    name: groupName,
    retentionInDays: settings.retentionDays,
    kmsKeyId: settings.kmsKeyArn,
    tags: tagsFor("vpc-flow-logs"),
  });
  // A service role whose trust is limited to this account (aws:SourceAccount), writing only to this group.
  const role = new WorkloadRole(scope, "FlowLogRole", {
    name: physicalName(scope, "iamRole", name, "vpc-flow-logs"),
    assumedBy: "vpc-flow-logs.amazonaws.com",
    description: `VPC Flow Logs delivery to the ${groupName} log group`,
    tags: tagsFor("vpc-flow-logs"),
  });
  role.addToPolicy([
    {
      sid: "WriteFlowLogs",
      actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
      resources: [group.arn, `${group.arn}:*`],
    },
    // Part of AWS's documented minimum for flow-log delivery; the action has no resource-level scoping.
    { sid: "DescribeLogGroups", actions: ["logs:DescribeLogGroups"], resources: ["*"] },
  ]);
  const flowLog = new FlowLog(scope, "FlowLog", {
    vpcId: part.vpcId,
    trafficType: settings.trafficType,
    logDestinationType: "cloud-watch-logs",
    logDestination: group.arn,
    iamRoleArn: role.role.arn,
    maxAggregationInterval: settings.aggregationSeconds,
    tags: tagsFor("vpc-flow-logs"),
    // Created before the role's policy, the flow log can stay in "Access error" (a fix to the role
    // may only take effect once the flow log is recreated), so it waits for the grants as the ECS services do.
    // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-troubleshooting.html
    dependsOn: role.grantsPolicy ? [role.grantsPolicy] : undefined,
  });
  return { group, role: role.role, flowLog };
}
