// flavour: verbatim (tests the rule set with text of both lines)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CDKTF, CDKTN } from "./lines";
import { isRendered, renderTree } from "./render";
import { renderLine, renderPackageJson, renderText } from "./rules";

const line = (text: string): string => renderLine(text, CDKTF, CDKTN);
const ROOT = join(__dirname, "..", "..");
// This file is copied into the rendered flavour too, where the tree it renders and the flavour
// folders do not exist: the tests that read them run on the source tree only.
const SOURCE_TREE = existsSync(join(ROOT, "flavours"));

describe("flavour rules: cdktf -> cdktn", () => {
  it("rewrites module specifiers of the framework and the provider in every form", () => {
    expect(line(`import { App, TerraformStack } from "cdktf";`)).toBe(`import { App, TerraformStack } from "cdktn";`);
    expect(line(`import { Vpc } from "@cdktf/provider-aws/lib/vpc";`)).toBe(`import { Vpc } from "@cdktn/provider-aws/lib/vpc";`);
    expect(line(`const { Testing } = await import('cdktf');`)).toBe(`const { Testing } = await import('cdktn');`);
    expect(line(`const { App } = require("cdktf");`)).toBe(`const { App } = require("cdktn");`);
    expect(line("import type { App } from `cdktf`;")).toBe("import type { App } from `cdktn`;");
    expect(line(`["cdktf", "constructs", "@cdktf/provider-aws/lib/provider"]`)).toBe(
      `["cdktn", "constructs", "@cdktn/provider-aws/lib/provider"]`,
    );
    expect(line(`readFileSync(join(ROOT, "node_modules", "cdktf", "package.json"))`)).toBe(
      `readFileSync(join(ROOT, "node_modules", "cdktn", "package.json"))`,
    );
  });

  it("rewrites the package name, the CLI, prose and identifiers", () => {
    expect(line(`import { Network } from "@platform/cdktf-aws-webapp";`)).toBe(`import { Network } from "@platform/cdktn-aws-webapp";`);
    expect(line("# cdktf-aws-webapp")).toBe("# cdktn-aws-webapp");
    expect(line(`"synth": "CHECKPOINT_DISABLE=1 cdktf synth",`)).toBe(`"synth": "CHECKPOINT_DISABLE=1 cdktn synth",`);
    expect(line("IMAGE_TAG=git-abc123 npx cdktf deploy prod")).toBe("IMAGE_TAG=git-abc123 npx cdktn deploy prod");
    expect(line("npm install --save-dev cdktf-cli")).toBe("npm install --save-dev cdktn-cli");
    expect(line("Reusable [CDK for Terraform](https://developer.hashicorp.com/terraform/cdktf) constructs")).toBe(
      "Reusable [CDK Terrain](https://cdktn.io) constructs",
    );
    expect(line("a warning annotation (printed by `cdktf synth`); cdktf resolves the ARNs")).toBe(
      "a warning annotation (printed by `cdktn synth`); cdktn resolves the ARNs",
    );
    expect(line("## Status of CDKTF")).toBe("## Status of CDKTN");
    expect(line("const cdktf = JSON.parse(text); cdktf.app")).toBe("const cdktn = JSON.parse(text); cdktn.app");
  });

  it("leaves what both frameworks share: cdktf.json, cdktf.out, CDKTF_* variables, annotation types, symbol keys, local folders", () => {
    for (const shared of [
      `readFileSync(join(ROOT, "cdktf.json"))`,
      "cdktf.out/stacks/dev/cdk.tf.json and cdktf.out.test/",
      "CDKTF_OUTDIR=out CDKTF_LOG_LEVEL=debug",
      `m.type === "@cdktf/warn" || m.type === "@cdktf/info" || m.type === "@cdktf/error"`,
      `Symbol.for("cdktf/TerraformStack")`,
      `app.node.setContext("@cdktf/disable_stack_trace_in_metadata", true)`,
      "bundled into .cdktf-app/main.js",
      "cdktfVersion cdktfRelativeModules mycdktf",
    ]) {
      expect(line(shared), shared).toBe(shared);
    }
  });

  it("maps the versions of a line that names the framework, and only of such a line", () => {
    expect(line("npm install @platform/cdktf-aws-webapp cdktf@0.21.0 constructs@^10.4 @cdktf/provider-aws@21.22.1")).toBe(
      "npm install @platform/cdktn-aws-webapp cdktn@0.24.0 constructs@10.7 @cdktn/provider-aws@25.7.0",
    );
    expect(line("(`cdktf`, `cdktf-cli` 0.21.0, `@cdktf/provider-aws` 21.22.1 for hashicorp/aws 6.25.0, `constructs` 10.4)")).toBe(
      "(`cdktn`, `cdktn-cli` 0.24.0, `@cdktn/provider-aws` 25.7.0 for hashicorp/aws 6.66.0, `constructs` 10.7)",
    );
    expect(line("override because cdktf 0.21's `S3Backend` has no typed prop")).toBe(
      "override because cdktn 0.24's `S3Backend` has no typed prop",
    );
    // No framework named: versions are facts about something else (a CIDR, the aws provider in prose).
    expect(line(`databaseSubnetCidrs: ["10.0.20.0/24", "10.0.21.0/24"]`)).toBe(`databaseSubnetCidrs: ["10.0.20.0/24", "10.0.21.0/24"]`);
    expect(line("the pinned 6.25 has the fix")).toBe("the pinned 6.25 has the fix");
    // Whole versions only: 0.21.0 is not the start of 10.21.03 or of 0.21.05.
    expect(line("cdktf 10.21.03 and 0.21.05")).toBe("cdktn 10.21.03 and 0.21.05");
  });

  it("keeps a line that already names the target framework, or carries the keep marker", () => {
    expect(line("moving to cdktn is a rename of cdktf")).toBe("moving to cdktn is a rename of cdktf");
    expect(line(`ManagedBy: "cdktf" }; // flavour: keep (a deployed tag value)`)).toBe(
      `ManagedBy: "cdktf" }; // flavour: keep (a deployed tag value)`,
    );
    expect(line(`ManagedBy: "cdktf" };`)).toBe(`ManagedBy: "cdktn" };`);
  });

  it("renders regions for one line only and copies verbatim files unchanged", () => {
    const source = [
      "# cdktf-aws-webapp",
      "<!-- flavour: only cdktf -->",
      "cdktf 0.21.0 is pinned here",
      "<!-- flavour: end -->",
      "<!-- flavour: only cdktn",
      "On CDK Terrain: `npm i cdktn`",
      "flavour: end -->",
      "<!-- flavour: both -->",
      "| cdktf 0.21 | archived |",
      "<!-- flavour: end -->",
      "end",
    ].join("\n");
    expect(renderText(source, CDKTF, CDKTN)).toBe(
      ["# cdktn-aws-webapp", "On CDK Terrain: `npm i cdktn`", "| cdktf 0.21 | archived |", "end"].join("\n"),
    );
    const verbatim = `// flavour: verbatim\nimport { App } from "cdktf";\n`;
    expect(renderText(verbatim, CDKTF, CDKTN)).toBe(verbatim);
    expect(() => renderText("<!-- flavour: only cdktn\nopen", CDKTF, CDKTN)).toThrow(/"cdktn" has no "flavour: end"/);
    expect(() => renderText("<!-- flavour: both -->\n<!-- flavour: only cdktf -->", CDKTF, CDKTN)).toThrow(/do not nest/);
  });

  it("renders package.json with the target line's packages, peer ranges and Node floor", () => {
    const source = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const pkg = renderPackageJson(source, CDKTF, CDKTN);
    expect(pkg.name).toBe("@platform/cdktn-aws-webapp");
    expect(pkg.description).toMatch(/^CDK Terrain constructs/);
    expect(pkg.peerDependencies).toEqual({ "@cdktn/provider-aws": "^25.7.0", cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0" });
    expect(pkg.devDependencies).toMatchObject({
      "@cdktn/provider-aws": "25.7.0",
      cdktn: "0.24.0",
      "cdktn-cli": "0.24.0",
      constructs: "10.7.2",
    });
    expect(Object.keys(pkg.devDependencies ?? {}).filter((n) => n.includes("cdktf"))).toEqual([]);
    expect(pkg.engines).toEqual({ node: ">=22.11.0" });
    expect(pkg.scripts?.synth).toBe("CHECKPOINT_DISABLE=1 cdktn synth");
    expect(pkg.bin).toEqual(
      Object.fromEntries(
        Object.entries(source.bin ?? {}).map(([k, v]) => [k.replace("cdktf-", "cdktn-"), String(v).replace("cdktf-", "cdktn-")]),
      ),
    );
    expect(pkg.main).toBe(source.main);
    expect(pkg.files).toEqual(source.files);
  });

  it.runIf(SOURCE_TREE)("the flavour folder installs exactly the cdktn line's versions", () => {
    const folder = JSON.parse(readFileSync(join(ROOT, "flavours", "cdktn", "package.json"), "utf8"));
    expect(folder.dependencies).toEqual({
      cdktn: CDKTN.versions.framework,
      "@cdktn/provider-aws": CDKTN.versions.provider,
      constructs: CDKTN.versions.constructs,
    });
  });
});

describe.runIf(SOURCE_TREE)("flavour render: the whole tree", () => {
  it("renders every file git sees except the source lockfile and the flavour folders, with no cdktf module specifier left", () => {
    expect([isRendered("package-lock.json"), isRendered("flavours/cdktn/package.json"), isRendered("modules/a/package-lock.json")]).toEqual(
      [false, false, true],
    );
    const out = mkdtempSync(join(tmpdir(), "flavour-"));
    try {
      const result = renderTree(ROOT, out);
      expect(result.files).toBeGreaterThan(100);
      // Paths are rendered too: the package's bin file is named for the line.
      expect(existsSync(join(out, "cli", "cdktn-aws-webapp.ts"))).toBe(existsSync(join(ROOT, "cli", "cdktf-aws-webapp.ts")));
      expect(readFileSync(join(out, "modules", "internal", "testing.ts"), "utf8")).toMatch(
        /from "cdktn";\n.*from "@cdktn\/provider-aws\/lib\/provider";/,
      );
      const rendered = JSON.parse(readFileSync(join(out, "package.json"), "utf8"));
      expect(rendered.name).toBe(CDKTN.packageName);
      // Every import of the framework or its provider, in every rendered source file, is cdktn's.
      const leftovers = renderedSources(out).filter(([, text]) => /(?:from\s+|require\(\s*|import\(\s*)["'](?:cdktf|@cdktf\/)/.test(text));
      expect(leftovers.map(([file]) => file)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 30_000);
});

function renderedSources(dir: string): Array<[string, string]> {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((e) => (e === "node_modules" ? [] : statSync(join(d, e)).isDirectory() ? walk(join(d, e)) : [join(d, e)]));
  return walk(dir)
    .filter((f) => /\.(ts|js)$/.test(f))
    .map((f) => [f.slice(dir.length + 1), readFileSync(f, "utf8")] as [string, string])
    .filter(([, text]) => !/flavour:\s*verbatim/.test(text.split("\n", 5).join("\n")));
}
