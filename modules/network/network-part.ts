import { Construct } from "constructs";

/**
 * What a part of a {@link Network} (NAT, flow logs, endpoints) builds with: the network construct
 * itself as the scope, so the parts' construct ids and Terraform addresses are the network's own.
 */
export interface NetworkPart {
  /** The `Network` construct: every resource of a part is its direct child. */
  readonly scope: Construct;
  /** The network's base name (`<project>-<environment>`). */
  readonly name: string;
  /** The VPC id. */
  readonly vpcId: string;
  /** `{ ...tags, Name: <name>-<purpose> }`. */
  readonly tagsFor: (purpose: string) => Record<string, string>;
}
