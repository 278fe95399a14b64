import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";

/** A TCP path from one security group to another. */
export interface SecurityGroupPath {
  /** The client's security group (gets the egress rule). */
  readonly fromSecurityGroupId: string;
  /** The server's security group (gets the ingress rule). */
  readonly toSecurityGroupId: string;
  /** Destination port. */
  readonly port: number;
  /** Rule description, e.g. "PostgreSQL from the web service". */
  readonly description: string;
}

/**
 * Open both sides of a TCP path between two security groups: ingress on the server's
 * group from the client's, egress on the client's group to the server's. Uses the
 * one-rule-per-resource `aws_vpc_security_group_*_rule` resources, which never fight
 * with inline rules.
 */
export function allowTcpBetween(
  scope: Construct,
  id: string,
  path: SecurityGroupPath,
): {
  ingress: VpcSecurityGroupIngressRule;
  egress: VpcSecurityGroupEgressRule;
} {
  const ingress = new VpcSecurityGroupIngressRule(scope, `${id}Ingress`, {
    securityGroupId: path.toSecurityGroupId,
    referencedSecurityGroupId: path.fromSecurityGroupId,
    ipProtocol: "tcp",
    fromPort: path.port,
    toPort: path.port,
    description: path.description,
  });
  const egress = new VpcSecurityGroupEgressRule(scope, `${id}Egress`, {
    securityGroupId: path.fromSecurityGroupId,
    referencedSecurityGroupId: path.toSecurityGroupId,
    ipProtocol: "tcp",
    fromPort: path.port,
    toPort: path.port,
    description: path.description,
  });
  return { ingress, egress };
}
