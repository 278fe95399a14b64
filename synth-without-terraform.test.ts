import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataResource, TerraformStack, Testing } from "cdktf";
import { afterAll, describe, expect, it } from "vitest";
import { TerraformData } from "./modules/core/terraform-data";

// The quick start promises Node alone: synth (and so npm test) must not shell out to a Terraform
// binary. cdktf's DataResource does (`terraform version`, once per resource, at every synth).

const ROOT = __dirname;
const work = mkdtempSync(join(tmpdir(), "no-terraform-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("synth with Node alone", () => {
  it("runs the app with a PATH that has node and no terraform", () => {
    const bin = join(work, "bin");
    const out = join(work, "out");
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, "node"));
    const run = spawnSync(join(bin, "node"), [join(ROOT, "scripts", "app.js")], {
      cwd: ROOT,
      env: { HOME: work, PATH: bin, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: out },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/Could not determine version/);
    expect(run.status).toBe(0);
    const stacks = readdirSync(join(out, "stacks")).sort();
    expect(stacks).toEqual(expect.arrayContaining(["dev", "prod", "staging"]));
    // The stacks do hold terraform_data resources: what used to need the binary is exercised.
    const prod = JSON.parse(readFileSync(join(out, "stacks", "prod", "cdk.tf.json"), "utf8"));
    expect(Object.keys(prod.resource.terraform_data ?? {}).length).toBeGreaterThan(0);
  });

  it("TerraformData renders what cdktf's DataResource renders, without its terraform-version validation", () => {
    const triggersReplace = { identifier: "shop-prod", kmsKeyArn: "aws/rds", port: 443 };
    const block = (json: string) => Object.values(JSON.parse(json).resource.terraform_data)[0] as Record<string, unknown>;
    const strip = ({ "//": _metadata, ...rest }: Record<string, unknown>) => rest;
    const ours = Testing.synthScope((s) => new TerraformData(s, "Suffix", { triggersReplace }));
    const theirs = Testing.synthScope((s) => new DataResource(s, "Suffix", { triggersReplace }));
    expect(strip(block(ours))).toEqual(strip(block(theirs)));
    expect(strip(block(ours))).toEqual({ triggers_replace: triggersReplace });
    // DataResource's one validation spawns `terraform version`; ours has none.
    const data = new TerraformData(new TerraformStack(Testing.app(), "s"), "d");
    expect(data.node.validate()).toEqual([]);
  });
});
