import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { Construct } from "constructs";
import { CLOUDFRONT_VPC_ORIGIN_UNSUPPORTED_ZONE_IDS, asOfSource } from "../internal/aws-facts";
import { isToken } from "../internal/validate";

/** Props for {@link VpcOriginZoneCheck}. */
export interface VpcOriginZoneCheckProps {
  /** The subnets of the load balancer a CloudFront VPC origin reaches (an imported network's private subnets). */
  readonly subnetIds: readonly string[];
}

/**
 * For subnets created elsewhere (a `NetworkRef`): looks up each subnet's zone ID and fails the plan,
 * naming the subnet, when CloudFront VPC origins cannot be created there (`use1-az3`, `usw1-az2`,
 * `apne1-az3`, `cac1-az3` as of the dated table). A `Network` created here checks its own zones
 * (`cloudFrontVpcOrigin`). A list of subnet ids only known at apply is not checked.
 */
export class VpcOriginZoneCheck extends Construct {
  /** One lookup per subnet, each with the postcondition. */
  public readonly subnets: readonly DataAwsSubnet[];

  public constructor(scope: Construct, id: string, props: VpcOriginZoneCheckProps) {
    super(scope, id);
    const ids = isToken(props.subnetIds) ? [] : props.subnetIds;
    const unsupported = JSON.stringify(CLOUDFRONT_VPC_ORIGIN_UNSUPPORTED_ZONE_IDS);
    this.subnets = ids.map(
      (subnetId, i) =>
        new DataAwsSubnet(this, `Subnet${i + 1}`, {
          id: subnetId,
          lifecycle: {
            postcondition: [
              {
                condition: `\${!contains(${unsupported}, self.availability_zone_id)}`,
                errorMessage:
                  `${this.node.path}: subnet ${isToken(subnetId) ? `#${i + 1}` : subnetId} of the load balancer is in a zone where CloudFront VPC origins cannot be created ` +
                  `(${CLOUDFRONT_VPC_ORIGIN_UNSUPPORTED_ZONE_IDS.join(", ")} ${asOfSource("vpcOrigins", "CloudFront VPC origins")}): give the load balancer subnets in other zones.`,
              },
            ],
          },
        }),
    );
  }
}
