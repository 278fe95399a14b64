import { App, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";

/** Synthesized Terraform JSON of one stack (snake_case keys, as Terraform reads it). */
export interface SynthJson {
  readonly resource?: Record<string, Record<string, any>>;
  readonly data?: Record<string, Record<string, any>>;
  readonly output?: Record<string, any>;
  readonly provider?: Record<string, any[]>;
  readonly terraform?: Record<string, any>;
  readonly [key: string]: unknown;
}

/** A fresh stack with an AWS provider in us-east-1, for construct tests. */
export function scratchStack(id = "test"): TerraformStack {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  return stack;
}

/** Build constructs in a scratch stack and return the parsed synthesized JSON. */
export function synth(build: (scope: Construct) => void): SynthJson {
  const stack = scratchStack();
  build(stack);
  return synthStack(stack);
}

/** Synthesize an existing stack to parsed JSON. */
export function synthStack(stack: TerraformStack): SynthJson {
  return JSON.parse(Testing.synth(stack)) as SynthJson;
}

/** All resources of one type, by logical name (empty when none). */
export function resources(json: SynthJson, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** The one resource of a type; fails the test when there are none or several. */
export function resource(json: SynthJson, type: string): any {
  const all = Object.values(resources(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** All data sources of one type. */
export function dataSources(json: SynthJson, type: string): Record<string, any> {
  return json.data?.[type] ?? {};
}

/** Resources of a type whose config matches a predicate. */
export function findResources(json: SynthJson, type: string, match: (r: any) => boolean): any[] {
  return Object.values(resources(json, type)).filter(match);
}

/** Parse a JSON policy document attribute (e.g. `policy`, `assume_role_policy`). */
export function policyOf(r: { policy?: string; assume_role_policy?: string }, attribute: "policy" | "assume_role_policy" = "policy"): any {
  const text = r[attribute];
  if (typeof text !== "string") throw new Error(`resource has no ${attribute}`);
  return JSON.parse(text);
}

/** A NetworkRef made of literal IDs, for module tests that need a network. */
export const TEST_NETWORK = {
  vpcId: "vpc-0123456789abcdef0",
  vpcCidr: "10.0.0.0/16",
  availabilityZones: ["us-east-1a", "us-east-1b"],
  publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
  privateSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
} as const;
