/**
 * `npm run resources`: each synthesized stack's managed-resource count as a Markdown table, and the
 * environments' total against the HCP Terraform free tier (scripts/resource-count.ts). Runs
 * `npm run synth` first when a stack is missing. CI writes it to the job summary.
 */
import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { bootstrapStackName } from "../environments/bootstrap";
import { CONFIG, ENVIRONMENTS } from "../environments/config";
import { resourceCounts, resourceReport } from "./resource-count";

const root = resolve(__dirname, "..");
const bootstraps = [...new Set(ENVIRONMENTS.map((e) => bootstrapStackName(Object.values(CONFIG), CONFIG[e].accountId)))];
const stacks = [...bootstraps, ...ENVIRONMENTS];
const file = (stack: string) => join(root, "cdktf.out", "stacks", stack, "cdk.tf.json");
if (stacks.some((s) => !existsSync(file(s)))) {
  execSync("npm run --silent synth", { cwd: root, stdio: "ignore", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
}
const json = Object.fromEntries(stacks.map((s) => [s, JSON.parse(readFileSync(file(s), "utf8"))]));
console.log(resourceReport(resourceCounts(json), bootstraps));
