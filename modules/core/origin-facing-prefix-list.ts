import { TerraformStack } from "cdktf";
import { DataAwsEc2ManagedPrefixList } from "@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list";
import { IConstruct } from "constructs";

/** Name of the AWS-managed prefix list of CloudFront's origin-facing addresses (one per region). */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = "com.amazonaws.global.cloudfront.origin-facing";

/**
 * The id of the AWS-managed prefix list of CloudFront's origin-facing addresses in the stack's
 * region (one data source per stack, shared). A load balancer security group that admits only
 * this prefix list (port 443, or 80 for an `http-only` origin) cannot be reached around the CDN.
 * Each entry counts as a rule against the security group's rules quota (about 55 of the default 60),
 * so put this rule in a security group of its own.
 */
export function cloudFrontOriginFacingPrefixListId(scope: IConstruct): string {
  const stack = TerraformStack.of(scope);
  const id = "CloudFrontOriginFacingPrefixList";
  const existing = stack.node.tryFindChild(id) as DataAwsEc2ManagedPrefixList | undefined;
  const list = existing ?? new DataAwsEc2ManagedPrefixList(stack, id, { name: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST });
  return list.id;
}
