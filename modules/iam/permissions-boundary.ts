import { Aspects, IAspect, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";

/**
 * Give every IAM role under `scope` this permissions boundary (a policy ARN), unless the role
 * sets its own: an Aspect, so roles of every module get it without a prop of their own (as the
 * AWS CDK's `PermissionsBoundary.of(scope).apply()`). A boundary caps what a role can ever do,
 * whatever its policies say; deploy roles that may create roles only with a boundary need it.
 * Roles are found by Terraform type, not `instanceof` (a second copy of cdktf would defeat that).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
export function applyPermissionsBoundary(scope: IConstruct, policyArn: string): void {
  Aspects.of(scope).add(new PermissionsBoundaryAspect(policyArn));
}

class PermissionsBoundaryAspect implements IAspect {
  public constructor(private readonly policyArn: string) {}

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node) || node.terraformResourceType !== "aws_iam_role") return;
    const role = node as TerraformResource & { readonly permissionsBoundaryInput?: string };
    if (role.permissionsBoundaryInput !== undefined) return;
    role.addOverride("permissions_boundary", this.policyArn);
  }
}
