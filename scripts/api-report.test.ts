import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REPORT_FILE, apiReport } from "./api-report";

describe("API report (etc/cdktf-aws-webapp.api.md)", () => {
  const current = apiReport();

  it("matches the public surface of modules/index.ts", () => {
    const onDisk = readFileSync(REPORT_FILE, "utf8");
    // Not toBe(): on a mismatch, say what to do before vitest prints the diff.
    if (onDisk !== current) {
      expect.fail(
        "The public API changed and etc/cdktf-aws-webapp.api.md does not show it: run `npm run api` and commit the report with the change (review it: every line is part of the package's contract).",
      );
    }
    expect(onDisk).toBe(current);
  });

  it("lists each exported name with its declaration, namespaces nested, and no bodies", () => {
    expect(current).toMatch(/^class ContainerWebApp extends Construct \{$/m);
    expect(current).toMatch(/^function enforcePolicies\(stack: TerraformStack, options: PolicyOptions\): void;$/m);
    expect(current).toMatch(/^namespace policy \{\n[\s\S]*^ {2}namespace rules \{\n[\s\S]*^ {4}const rdsMultiAz: Rule;$/m);
    // Rule objects live in the namespace only; implementation never shows.
    expect(current).not.toMatch(/^const rdsMultiAz/m);
    expect(current).not.toMatch(/\breturn\b/);
  });
});
