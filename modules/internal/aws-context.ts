import { TerraformProvider, TerraformStack, Token } from "cdktf";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { IConstruct } from "constructs";
import { fail } from "./validate";

/** Account, partition and region of the stack's default AWS provider, as tokens. */
export interface AwsContext {
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
  /** `amazonaws.com` in the commercial partition. */
  readonly dnsSuffix: string;
}

/**
 * One set of caller-identity/partition/region data sources per stack, shared by every module
 * in it (like the AWS CDK's `Stack.of(this).account`), so ARNs are built without hard-coding.
 */
export function awsContext(scope: IConstruct): AwsContext {
  const stack = TerraformStack.of(scope);
  const id = "AwsContext";
  const existing = stack.node.tryFindChild(id) as AwsContextHolder | undefined;
  const holder = existing ?? new AwsContextHolder(stack, id);
  return holder.context;
}

class AwsContextHolder extends DataAwsCallerIdentity {
  public readonly context: AwsContext;
  public constructor(scope: TerraformStack, id: string) {
    super(scope, id);
    const partition = new DataAwsPartition(scope, `${id}Partition`);
    const region = new DataAwsRegion(scope, `${id}Region`);
    this.context = {
      accountId: this.accountId,
      partition: partition.partition,
      region: region.region,
      dnsSuffix: partition.dnsSuffix,
    };
  }
}

/**
 * Region of the stack's default (un-aliased) AWS provider when it is a literal; undefined when
 * there is none yet or it is only known at apply. Providers are found by type, not `instanceof`.
 */
export function providerRegion(scope: IConstruct): string | undefined {
  for (const child of TerraformStack.of(scope).node.children) {
    if (!TerraformProvider.isTerraformProvider(child) || child.terraformResourceType !== "aws") continue;
    const provider = child as TerraformProvider & { readonly alias?: string; readonly region?: string };
    if (provider.alias !== undefined) continue;
    const region = provider.region;
    return typeof region === "string" && !Token.isUnresolved(region) ? region : undefined;
  }
  return undefined;
}

/** The stack's default (un-aliased) AWS provider, found by type; undefined when there is none. */
export function defaultAwsProvider(scope: IConstruct): TerraformProvider | undefined {
  for (const child of TerraformStack.of(scope).node.children) {
    if (!TerraformProvider.isTerraformProvider(child) || child.terraformResourceType !== "aws") continue;
    if ((child as TerraformProvider & { readonly alias?: string }).alias === undefined) return child;
  }
  return undefined;
}

/**
 * Refuse a provider whose literal region is not `region` (an alias passed where a construct
 * creates resources that must live in one region, e.g. `usEast1Provider`: CloudFront takes
 * certificates and WAF web ACLs from us-east-1 only). A region known only at apply passes.
 */
export function checkProviderRegion(
  scope: IConstruct,
  prop: string,
  provider: TerraformProvider | undefined,
  region: string,
  why: string,
): void {
  if (provider === undefined) return;
  const given = (provider as TerraformProvider & { readonly region?: string }).region;
  if (typeof given !== "string" || Token.isUnresolved(given) || given === region) return;
  fail(scope, prop, `must be an AWS provider for ${region} (${why}), not one for ${given}`, given);
}

/**
 * The one account the stack's default AWS provider may act in (`allowed_account_ids` with exactly
 * one literal id); undefined when it allows several, none is set, or it is known only at apply.
 */
export function providerAccountId(scope: IConstruct): string | undefined {
  for (const child of TerraformStack.of(scope).node.children) {
    if (!TerraformProvider.isTerraformProvider(child) || child.terraformResourceType !== "aws") continue;
    const provider = child as TerraformProvider & { readonly alias?: string; readonly allowedAccountIds?: string[] };
    if (provider.alias !== undefined) continue;
    const ids = provider.allowedAccountIds;
    if (!Array.isArray(ids) || Token.isUnresolved(ids) || ids.length !== 1 || Token.isUnresolved(ids[0])) return undefined;
    return ids[0];
  }
  return undefined;
}
