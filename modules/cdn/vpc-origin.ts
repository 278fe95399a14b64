import { Fn } from "cdktf";
import { CloudfrontVpcOrigin } from "@cdktf/provider-aws/lib/cloudfront-vpc-origin";
import { Construct } from "constructs";
import { TerraformData } from "../core/terraform-data";
import { ResolvedAppOrigin } from "./app-origin";

/**
 * The VPC origin of an internal load balancer. CloudFront refuses to update or delete a VPC origin
 * while a distribution uses it (409), so every change of its settings is made by replacement,
 * new one first (a `terraform_data` of the settings triggers it; the name carries a suffix of it,
 * so the two never clash): the distribution moves to the new one, then the old one is deleted.
 * Creating one takes about 15 minutes, at times more than the provider's 15-minute default wait.
 */
export function createVpcOrigin(
  scope: Construct,
  name: string,
  origin: ResolvedAppOrigin,
  tags?: Record<string, string>,
): CloudfrontVpcOrigin {
  const lb = origin.loadBalancer!;
  const endpoint = {
    arn: lb.loadBalancerArn,
    httpPort: 80,
    httpsPort: lb.protocol === "https" ? lb.port : 443,
    originProtocolPolicy: origin.protocol,
  };
  const settings = new TerraformData(scope, "AppVpcOriginSettings", { triggersReplace: endpoint });
  return new CloudfrontVpcOrigin(scope, "AppVpcOrigin", {
    vpcOriginEndpointConfig: [
      {
        ...endpoint,
        name: `${name}-app-${Fn.substr(settings.id, 0, 8)}`,
        originSslProtocols: [{ items: ["TLSv1.2"], quantity: 1 }],
      },
    ],
    timeouts: { create: "30m", update: "30m", delete: "30m" },
    // A plain address: cdktf renders a resource given here as "${...}", which Terraform refuses.
    lifecycle: { createBeforeDestroy: true, replaceTriggeredBy: [`${settings.terraformResourceType}.${settings.friendlyUniqueId}`] },
    tags,
  });
}
