import { PRODUCTION_ERROR, defineRule } from "../types";

/** Subnets do not hand out public IPs automatically. */
export const subnetNoAutoPublicIp = defineRule({
  id: "SUBNET-NO-AUTO-PUBLIC-IP",
  cites: ["FSBP EC2.15", "CKV_AWS_130"],
  description:
    "Subnets do not auto-assign public IPv4 addresses: load balancers and NAT gateways get theirs explicitly, and nothing else should have one. `Network` always leaves it off; the rule guards raw resources and overrides.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_subnet"],
  check: (s) => (s.config.map_public_ip_on_launch === true ? "map_public_ip_on_launch is true" : undefined),
  fix: "`Network` never auto-assigns public IPs, also on public subnets; raw `Subnet`: leave `mapPublicIpOnLaunch` unset or false",
});
