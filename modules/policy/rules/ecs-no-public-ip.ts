import { block } from "../stack-index";
import { ALWAYS, defineRule } from "../types";

/** ECS tasks get no public IP: they run in private subnets behind the load balancer. */
export const ecsNoPublicIp = defineRule({
  id: "ECS-NO-PUBLIC-IP",
  cites: ["FSBP ECS.2", "CKV_AWS_333"],
  description:
    "ECS services do not assign public IPs to tasks; tasks live in private subnets and reach the internet through NAT or VPC endpoints. A non-production service may run its tasks in public subnets with a public IP (no NAT cost): `WebService`/`WorkerService` prop `assignPublicIp` records that choice as a suppression with its reason, which the baseline tier accepts and the production tier refuses.",
  severity: ALWAYS,
  suppressible: "baseline-only",
  resourceTypes: ["aws_ecs_service"],
  check: (s) =>
    block(s.config.network_configuration)?.assign_public_ip === true ? "network_configuration.assign_public_ip is true" : undefined,
  fix: "keep `WebService`/`WorkerService` prop `assignPublicIp` false (the default: private subnets behind NAT); it may be true only for a non-production (baseline-tier) stack; raw `EcsService`: `networkConfiguration.assignPublicIp: false` with private subnets, or a suppression with the reason outside production",
});
