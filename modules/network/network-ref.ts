/**
 * What other modules need of a network. A {@link Network} construct implements it, and so
 * does a plain object of IDs read from remote state or data sources.
 */
export interface NetworkRef {
  /** The VPC id. */
  readonly vpcId: string;
  /** The VPC's primary IPv4 CIDR block. */
  readonly vpcCidr: string;
  /** Availability zones, in the same order as the subnet lists. */
  readonly availabilityZones: readonly string[];
  /** Public subnets (load balancers, NAT gateways), one per AZ. */
  readonly publicSubnetIds: readonly string[];
  /** Private subnets with egress (ECS tasks, App Runner connector), one per AZ. */
  readonly privateSubnetIds: readonly string[];
  /**
   * Isolated subnets without internet egress (databases), one per AZ.
   * @default - none; databases use the private subnets
   */
  readonly databaseSubnetIds?: readonly string[];
}
