import { block } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** ECS tasks get no public IP: they run in private subnets behind the load balancer. */
export const ecsNoPublicIp = defineRule({
  id: "ECS-NO-PUBLIC-IP",
  cites: ["FSBP ECS.2", "CKV_AWS_333"],
  description:
    "ECS services do not assign public IPs to tasks; tasks live in private subnets and reach the internet through NAT or VPC endpoints. A non-production service may run its tasks in public subnets with a public IP (no NAT cost) by suppressing this rule on its service with the reason; the production tier refuses that suppression. The library's services assign none unless a non-production service is told to; the rule guards raw resources, overrides and that choice.",
  severity: ALWAYS,
  suppressible: "baseline-only",
  resourceTypes: ["aws_ecs_service"],
  check: (s) => (block(s.config.network_configuration)?.assign_public_ip === true ? "network_configuration.assign_public_ip is true" : undefined),
  fix: "`WebService`/`WorkerService` run tasks in private subnets without a public IP; raw `EcsService`: `networkConfiguration.assignPublicIp: false` with private subnets. A non-production service in public subnets: suppress on its `service` with the reason (baseline tier only)",
});
