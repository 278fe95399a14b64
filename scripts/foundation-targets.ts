// The runbook's foundation step (scripts/first-deploy-foundation.sh) applies a synthesized stack
// with -target: Terraform then creates the targets and what they depend on, and nothing that
// depends on them. So a route, a route table association or a security group rule (each depends
// on its subnet or group, not the other way round) is never created unless it is a target itself.
// This file chooses the targets so that every later runbook action finds what it needs:
//   - set-app-secrets: the application secrets (and SSM settings);
//   - push-image: the registry and the `ecr_repository_url` output;
//   - db-create-app-role: the `db_admin_task` output and everything the admin task reaches at run
//     time: its subnets' route to the internet (internet gateway, NAT gateway or NAT instance,
//     with their own subnets' routes) or the VPC endpoints there, and its security group rules.
//
//   node scripts/app.js scripts/foundation-targets.ts cdktf.out/stacks/prod/cdk.tf.json
// prints one `-target=<address>` a line.

import { readFileSync } from "node:fs";

/** The parts of a synthesized stack (cdk.tf.json) this file reads. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, any>>;
  readonly data?: Record<string, Record<string, any>>;
  readonly output?: Record<string, { readonly value: unknown }>;
}

/** Resource types applied whole: registry, secrets and settings, ECS cluster. */
export const FOUNDATION_TYPES = [
  "aws_ecr_repository",
  "aws_ecr_lifecycle_policy",
  "aws_secretsmanager_secret",
  "aws_ssm_parameter",
  "aws_ecs_cluster",
  "aws_ecs_cluster_capacity_providers",
] as const;

/** Outputs the runbook's next actions read after the foundation step. */
export const FOUNDATION_OUTPUTS = ["db_admin_task", "ecr_repository_url"] as const;

const ADDRESS = /\b(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\b/g;

/** Every resource or data address (`type.name`, `data.type.name`) named in `value`. */
export function referencesIn(stack: StackJson, value: unknown): string[] {
  const text = JSON.stringify(value, (key, v) => (key === "//" ? undefined : v)) ?? "";
  const found = new Set<string>();
  for (const [, data, type, name] of text.matchAll(ADDRESS)) {
    if (data ? stack.data?.[type]?.[name] !== undefined : stack.resource?.[type]?.[name] !== undefined) {
      found.add(`${data ?? ""}${type}.${name}`);
    }
  }
  return [...found];
}

/** The config of an address (`type.name` or `data.type.name`). */
function configOf(stack: StackJson, address: string): any {
  const [first, ...rest] = address.split(".");
  return first === "data" ? stack.data?.[rest[0]]?.[rest[1]] : stack.resource?.[first]?.[rest[0]];
}

/**
 * What Terraform applies for these targets: the targets and, transitively, everything they
 * reference or `depends_on` (references cover `depends_on`, lifecycle and provider-free fields alike).
 */
export function dependencyClosure(stack: StackJson, targets: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const todo = [...targets];
  while (todo.length > 0) {
    const address = todo.pop()!;
    if (seen.has(address)) continue;
    const config = configOf(stack, address);
    if (config === undefined) continue;
    seen.add(address);
    todo.push(...referencesIn(stack, config));
  }
  return seen;
}

/** `type.name` of every resource of `type` whose config satisfies `match`. */
function resourcesWhere(stack: StackJson, type: string, match: (config: any) => boolean): string[] {
  return Object.entries(stack.resource?.[type] ?? {})
    .filter(([, config]) => match(config))
    .map(([name]) => `${type}.${name}`);
}

/** Whether `value` names the resource `address` (`${type.name.attr}` anywhere in it). */
function names(value: unknown, address: string): boolean {
  return JSON.stringify(value ?? null).includes(`\${${address}.`);
}

/**
 * What makes traffic leave these subnets: their route table associations and tables, the tables'
 * routes and S3 gateway endpoints, the interface endpoints in the subnets, and (through a NAT
 * gateway or instance) the same for the NAT's own subnet.
 */
export function egressOf(stack: StackJson, subnets: readonly string[]): string[] {
  const out = new Set<string>();
  const todo = [...subnets];
  const done = new Set<string>();
  while (todo.length > 0) {
    const subnet = todo.pop()!;
    if (done.has(subnet)) continue;
    done.add(subnet);
    const associations = resourcesWhere(stack, "aws_route_table_association", (a) => names(a.subnet_id, subnet));
    const tables = associations.flatMap((a) => referencesIn(stack, configOf(stack, a).route_table_id));
    const routes = resourcesWhere(stack, "aws_route", (r) => tables.some((t) => names(r.route_table_id, t)));
    const gateways = resourcesWhere(
      stack,
      "aws_vpc_endpoint",
      (e) => tables.some((t) => names(e.route_table_ids, t)) || names(e.subnet_ids, subnet),
    );
    for (const a of [...associations, ...tables, ...routes, ...gateways]) out.add(a);
    // A NAT forwards from its own (public) subnet: that subnet's route to the internet too.
    for (const route of routes) {
      for (const via of referencesIn(stack, configOf(stack, route))) {
        if (via.startsWith("aws_nat_gateway.") || via.startsWith("aws_instance.")) {
          todo.push(...referencesIn(stack, configOf(stack, via).subnet_id));
        }
      }
    }
  }
  return [...out];
}

/** Security group rules of groups in `closure` whose other end, if any, is in `closure` too. */
function rulesWithin(stack: StackJson, closure: Set<string>): string[] {
  return ["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_security_group_rule"].flatMap((type) =>
    resourcesWhere(stack, type, (rule) => {
      const group = referencesIn(stack, rule.security_group_id);
      const other = referencesIn(stack, rule.referenced_security_group_id ?? rule.source_security_group_id ?? null);
      return group.length > 0 && group.every((g) => closure.has(g)) && other.every((g) => closure.has(g));
    }),
  );
}

/** The foundation step's targets, sorted. */
export function foundationTargets(stack: StackJson): string[] {
  const targets = new Set<string>();
  for (const type of FOUNDATION_TYPES) for (const name of Object.keys(stack.resource?.[type] ?? {})) targets.add(`${type}.${name}`);
  // Every resource of the construct that holds the admin task definition (family *-db-admin).
  const adminPaths = Object.values(stack.resource?.aws_ecs_task_definition ?? {})
    .filter((t) => /-db-admin$/.test(t.family ?? ""))
    .map((t) => String(t["//"]?.metadata?.path ?? "").replace(/[^/]+$/, ""))
    .filter((p) => p !== "");
  for (const [type, all] of Object.entries(stack.resource ?? {})) {
    for (const [name, config] of Object.entries(all)) {
      if (adminPaths.some((p) => String(config["//"]?.metadata?.path ?? "").startsWith(p))) targets.add(`${type}.${name}`);
    }
  }
  // What the outputs the next actions read name, and the admin task's way out of its subnets.
  for (const output of FOUNDATION_OUTPUTS) for (const a of referencesIn(stack, stack.output?.[output]?.value ?? null)) targets.add(a);
  const adminSubnets = referencesIn(stack, stack.output?.db_admin_task?.value ?? null).filter((a) => a.startsWith("aws_subnet."));
  for (const a of egressOf(stack, adminSubnets)) targets.add(a);
  // Security group rules between groups that will exist (the NAT instance's, the admin task's and
  // the database's, the interface endpoints'): rules are never dependencies of their group.
  for (const a of rulesWithin(stack, dependencyClosure(stack, targets))) targets.add(a);
  return [...targets].filter((a) => !a.startsWith("data.")).sort();
}

// Run as `node scripts/app.js scripts/foundation-targets.ts <file>` (not when a test imports it).
if (/foundation-targets\.ts$/.test(process.argv[2] ?? "")) {
  const file = process.argv[3];
  if (!file) {
    process.stderr.write("usage: node scripts/app.js scripts/foundation-targets.ts <cdk.tf.json>\n");
    process.exit(2);
  }
  const stack = JSON.parse(readFileSync(file, "utf8")) as StackJson;
  for (const target of foundationTargets(stack)) process.stdout.write(`-target=${target}\n`);
}
