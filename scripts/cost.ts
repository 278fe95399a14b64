/**
 * `npm run cost [-- <stack> ...]`: the offline monthly estimate of each environment (default:
 * all), from its synthesized stack (cdktf.out/stacks/<env>/cdk.tf.json; `npm run synth` runs
 * first when one is missing), itemized, with its assumptions and resource count, against the
 * environment's `monthlyBudgetUsd` (environments/config.ts). Exits 1 when an estimate exceeds
 * its budget (CI runs it), naming the largest items.
 */
import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ENVIRONMENTS, EnvironmentName, loadConfig } from "../environments/config";
import { checkBudget, estimateStack, formatEstimate } from "./cost/estimate";
import { resourceCounts } from "./resource-count";

const root = resolve(__dirname, "..");
// argv: node scripts/app.js scripts/cost.ts [stack ...]
const wanted = process.argv.slice(3).filter((a) => a !== "--");
const unknown = wanted.filter((a) => !(ENVIRONMENTS as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(`cost: unknown stack ${unknown.join(", ")}; expected one of ${ENVIRONMENTS.join(", ")}`);
  process.exit(2);
}
const stacks = (wanted.length > 0 ? wanted : [...ENVIRONMENTS]) as EnvironmentName[];
const file = (stack: string) => join(root, "cdktf.out", "stacks", stack, "cdk.tf.json");
if (stacks.some((s) => !existsSync(file(s)))) {
  console.log("cost: synthesizing first (cdktf.out is missing a stack)");
  execSync("npm run --silent synth", { cwd: root, stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
}

let over = false;
for (const stack of stacks) {
  const json = JSON.parse(readFileSync(file(stack), "utf8"));
  // The managed-resource count as HCP Terraform counts it (no terraform_data / null_resource).
  const estimate = { ...estimateStack(stack, json), resourceCount: resourceCounts({ [stack]: json })[stack] };
  const budget = loadConfig(stack).monthlyBudgetUsd;
  console.log(formatEstimate(estimate, budget));
  const verdict = checkBudget(estimate, budget);
  console.log(`  ${verdict.withinBudget ? "OK" : "OVER BUDGET"}: ${verdict.message}\n`);
  over ||= !verdict.withinBudget;
}
process.exitCode = over ? 1 : 0;
