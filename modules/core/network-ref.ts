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
  /**
   * Whether the public and private subnets have IPv6 CIDR blocks (a dual-stack load balancer
   * needs them). `false` lets modules refuse dual-stack at synth.
   * @default - unknown: dual-stack is not checked
   */
  readonly ipv6Subnets?: boolean;
  /**
   * How the private subnets reach AWS services and the internet, so modules running there can
   * refuse a setup that applies and then never works (an ECS task that cannot pull its image).
   * @default - unknown: not checked
   */
  readonly privateSubnetEgress?: PrivateSubnetEgress;
}

/** What the private subnets of a network can reach without public IPs. */
export interface PrivateSubnetEgress {
  /** A default route to a NAT gateway or NAT instance (the internet, and every AWS service). */
  readonly natGateway: boolean;
  /** S3 is reachable privately: a gateway endpoint on the private route tables or an `s3` interface endpoint. */
  readonly s3: boolean;
  /** Interface endpoint services with private DNS in the private subnets, e.g. `ecr.api`, `ecr.dkr`, `logs`. */
  readonly interfaceEndpoints: readonly string[];
}
