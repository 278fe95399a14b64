import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { describe, expect, it } from "vitest";
import { buildApp } from "../environments/app";
import { ContainerWebApp } from "../modules/patterns/container-web-app";
import { FOUNDATION_TYPES, StackJson, dependencyClosure, foundationTargets, referencesIn } from "./foundation-targets";

// One synth per environment, as `cdktf synth` writes them.
const app = buildApp(Testing.app(), {});
const ENVS = ["dev", "staging", "prod"] as const;
const stacks: Record<string, StackJson> = Object.fromEntries(
  ENVS.map((env) => [env, JSON.parse(Testing.synth(app.node.findChild(env) as TerraformStack)) as StackJson]),
);

/** A non-production app whose private subnets reach the internet through a NAT instance. */
function natInstanceStack(): StackJson {
  const stack = new TerraformStack(Testing.app(), "natinstance");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new ContainerWebApp(stack, "App", {
    project: "shop",
    environment: "dev",
    profile: "non-production",
    imageTag: "v1",
    network: { natGateways: "instance" },
  });
  return JSON.parse(Testing.synth(stack)) as StackJson;
}
stacks["nat-instance"] = natInstanceStack();

const find = (stack: StackJson, type: string, match: (config: any) => boolean): string[] =>
  Object.entries(stack.resource?.[type] ?? {})
    .filter(([, c]) => match(c))
    .map(([n]) => `${type}.${n}`);
const config = (stack: StackJson, address: string): any => {
  const [type, name] = address.split(".");
  return stack.resource![type][name];
};
const namesIt = (value: unknown, address: string) => JSON.stringify(value ?? null).includes(`\${${address}.`);

/**
 * What the runbook's actions after the foundation step need and the step would not create with
 * these targets (Terraform applies the targets' dependency closure, nothing that depends on them):
 * the outputs the scripts read, the secrets they fill, and for the admin task a route from each of
 * its subnets to the internet (or, for a private subnet, through a NAT whose subnet has one) and
 * its security group rules.
 */
function missingAfterFoundation(stack: StackJson, targets: readonly string[]): string[] {
  const applied = dependencyClosure(stack, targets);
  const missing: string[] = [];
  const need = (address: string, why: string) => {
    if (!applied.has(address)) missing.push(`${why}: ${address}`);
  };
  for (const output of ["db_admin_task", "ecr_repository_url"]) {
    const value = stack.output?.[output]?.value;
    if (value === undefined) missing.push(`output ${output}`);
    for (const a of referencesIn(stack, value ?? null)) need(a, `output ${output}`);
  }
  for (const secret of find(stack, "aws_secretsmanager_secret", () => true)) need(secret, "a secret set-app-secrets fills");

  const adminTask = String(stack.output?.db_admin_task?.value ?? "");
  const publicIp = /"assign_public_ip" = "ENABLED"/.test(adminTask);
  /** A default route out of `subnet` that works with (`public`) or without a public address. */
  const reachesInternet = (subnet: string, withPublicIp: boolean, depth = 0): void => {
    const association = find(stack, "aws_route_table_association", (a) => namesIt(a.subnet_id, subnet)).find((a) => applied.has(a));
    if (!association) return void missing.push(`route table association of ${subnet}`);
    const table = referencesIn(stack, config(stack, association).route_table_id)[0];
    need(table, `route table of ${subnet}`);
    const route = find(stack, "aws_route", (r) => namesIt(r.route_table_id, table) && r.destination_cidr_block === "0.0.0.0/0").find((r) =>
      applied.has(r),
    );
    if (!route) return void missing.push(`default route of ${subnet}`);
    const via = referencesIn(stack, config(stack, route)).find((a) => !a.startsWith("aws_route_table."))!;
    need(via, `what the default route of ${subnet} goes to`);
    if (via.startsWith("aws_internet_gateway.")) {
      if (!withPublicIp) missing.push(`${subnet} routes to the internet gateway, but the task has no public IP`);
    } else if (depth === 0 && (via.startsWith("aws_nat_gateway.") || via.startsWith("aws_instance."))) {
      const nat = via;
      if (nat.startsWith("aws_instance.")) {
        const group = referencesIn(stack, config(stack, nat).vpc_security_group_ids)[0];
        const ingress = find(stack, "aws_vpc_security_group_ingress_rule", (r) => namesIt(r.security_group_id, group)).filter((r) =>
          applied.has(r),
        );
        if (ingress.length === 0) missing.push(`an ingress rule of the NAT instance's group ${group}`);
      }
      reachesInternet(referencesIn(stack, config(stack, nat).subnet_id)[0], true, depth + 1);
    } else {
      missing.push(`${subnet} has no way to the internet (${via})`);
    }
  };
  for (const subnet of referencesIn(stack, adminTask).filter((a) => a.startsWith("aws_subnet."))) reachesInternet(subnet, publicIp);

  const adminGroup = referencesIn(stack, adminTask).find((a) => a.startsWith("aws_security_group."))!;
  const egress = find(stack, "aws_vpc_security_group_egress_rule", (r) => namesIt(r.security_group_id, adminGroup)).filter((r) =>
    applied.has(r),
  );
  if (!egress.some((r) => config(stack, r).from_port === 443)) missing.push("the admin task's HTTPS egress (image, secrets, logs)");
  if (!egress.some((r) => config(stack, r).from_port === 5432)) missing.push("the admin task's egress to the database");
  const ingress = find(stack, "aws_vpc_security_group_ingress_rule", (r) => namesIt(r.referenced_security_group_id, adminGroup)).filter(
    (r) => applied.has(r),
  );
  if (ingress.length === 0) missing.push("the database's ingress from the admin task");
  return missing;
}

describe("runbook foundation step (scripts/first-deploy-foundation.sh)", () => {
  it.each(Object.keys(stacks))("%s: its targets bring everything the next actions need", (name) => {
    expect(missingAfterFoundation(stacks[name], foundationTargets(stacks[name]))).toEqual([]);
  });

  it("the check fails on the old targets (types and the admin construct only): no routes, no public subnets", () => {
    const old = (stack: StackJson) => {
      const admin = Object.entries(stack.resource!).flatMap(([type, all]) =>
        Object.entries(all)
          .filter(([, c]) => String(c["//"]?.metadata?.path ?? "").includes("/DatabaseAdmin/"))
          .map(([n]) => `${type}.${n}`),
      );
      return [...FOUNDATION_TYPES.flatMap((t) => Object.keys(stack.resource?.[t] ?? {}).map((n) => `${t}.${n}`)), ...admin];
    };
    expect(missingAfterFoundation(stacks.prod, old(stacks.prod))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^route table association of aws_subnet\.App_Network_PrivateSubnet1_/)]),
    );
    expect(missingAfterFoundation(stacks.dev, old(stacks.dev))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^output db_admin_task: aws_subnet\.App_Network_PublicSubnet1_/)]),
    );
  });

  it("targets the prod network's way out and no part of the service, load balancer or CDN", () => {
    const targets = foundationTargets(stacks.prod);
    expect(targets.filter((t) => /^aws_(route|route_table_association)\./.test(t))).toHaveLength(6);
    expect(targets.filter((t) => /^aws_(ecs_service|lb|lb_listener|cloudfront_distribution|cloudfront_vpc_origin)\./.test(t))).toEqual([]);
    expect(targets.every((t) => !t.startsWith("data."))).toBe(true);
  });

  it("computes the closure through references and depends_on, data sources included", () => {
    const stack: StackJson = {
      resource: {
        aws_a: { x: { v: "${aws_b.y.id}" }, lone: {} },
        aws_b: { y: { depends_on: ["aws_c.z"], w: "${data.aws_d.q.id}" } },
        aws_c: { z: {} },
      },
      data: { aws_d: { q: {} } },
    };
    expect([...dependencyClosure(stack, ["aws_a.x"])].sort()).toEqual(["aws_a.x", "aws_b.y", "aws_c.z", "data.aws_d.q"]);
  });
});
