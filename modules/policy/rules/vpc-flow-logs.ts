import { ALWAYS, defineRule } from "../types";

/** Every VPC records its flow logs. */
export const vpcFlowLogs = defineRule({
  id: "VPC-FLOW-LOGS",
  cites: ["FSBP EC2.6", "CKV2_AWS_11", "AVD-AWS-0178"],
  description: "Every VPC has an aws_flow_log capturing ALL (or at least REJECT) traffic, for incident response.",
  severity: ALWAYS,
  resourceTypes: ["aws_vpc"],
  check: (vpc, { stack }) => {
    const logs = stack.pointingAt(vpc, ["aws_flow_log"], "vpc_id");
    if (logs.length === 0) return "VPC has no aws_flow_log";
    return logs.some((l) => l.config.traffic_type === "ALL" || l.config.traffic_type === "REJECT")
      ? undefined
      : "flow log traffic_type is neither ALL nor REJECT";
  },
  fix: 'keep `Network` prop `flowLogs` enabled (the default) with `trafficType` ALL or REJECT; raw `Vpc`: a `FlowLog { vpcId, trafficType: "ALL" }` to CloudWatch Logs (with retention) or S3',
});
