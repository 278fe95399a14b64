import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = __dirname;
const SKIP = new Set(["node_modules", "cdktf.out", "dist", ".git", ".gen"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (SKIP.has(entry)) return [];
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|cjs)$/.test(entry) ? [path] : [];
  });
}

function readmes(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (SKIP.has(entry)) return [];
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return readmes(path);
    return entry === "README.md" ? [path] : [];
  });
}

/** The product this repository deploys and the design documents it was built from. */
const PRODUCT_WORDING = /\bseeds? \d{3}\b|\bseed's\b|fckdoomscroll|interviewlm/i;

// Built from parts so this file does not match itself.
const PROVIDER = "@cdktf/" + "provider-aws";
const rootImport = new RegExp(`(from\\s+|require\\(\\s*|import\\(\\s*)["']${PROVIDER}/?["']`);

describe("project rules", () => {
  it("never imports the AWS provider package from its root (~10 s and ~700 MB per process)", () => {
    const offenders = sourceFiles(ROOT).filter((file) => rootImport.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the guard itself catches a root import", () => {
    expect(rootImport.test(`import { Vpc } from "${PROVIDER}";`)).toBe(true);
    expect(rootImport.test(`import * as aws from "${PROVIDER}/";`)).toBe(true);
    expect(rootImport.test(`const aws = require("${PROVIDER}");`)).toBe(true);
    expect(rootImport.test(`import { Vpc } from "${PROVIDER}/lib/vpc";`)).toBe(false);
  });

  it("ships peer dependencies, not dependencies, and only the build", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(Object.keys(pkg.peerDependencies)).toEqual(expect.arrayContaining(["cdktf", "constructs", "@cdktf/provider-aws"]));
    // The versions tested here are the ones installed, and users' peer ranges start at them;
    // constructs is exactly what the framework itself requires (one copy must satisfy both).
    const manifest = (name: string) => JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8"));
    for (const name of ["cdktf", "@cdktf/provider-aws", "constructs"]) {
      const installed = manifest(name).version;
      expect(pkg.devDependencies[name], name).toBe(installed);
      if (name === "constructs") expect(pkg.peerDependencies[name], name).toBe(manifest("cdktf").peerDependencies.constructs);
      else expect(pkg.peerDependencies[name], name).toMatch(new RegExp(`^\\^${installed.split(".").slice(0, 2).join("\\.")}\\.`));
    }
    expect(pkg.main).toMatch(/^dist\//);
    expect(pkg.types).toMatch(/^dist\/.*\.d\.ts$/);
    expect(pkg.files.every((f: string) => f.startsWith("dist/") || f.endsWith("README.md") || f === "CHANGELOG.md")).toBe(true);
    // Users upgrading read what changed in the package they install.
    expect(pkg.files).toContain("CHANGELOG.md");
  });

  it("ships no product names or design-document references in the library's code and READMEs", () => {
    // modules/ is the package: its JSDoc and READMEs speak of the library and AWS. Tests and
    // test helpers (not shipped) and environments/ may name the product and its seed documents.
    const shipped = [...sourceFiles(join(ROOT, "modules")), ...readmes(join(ROOT, "modules"))].filter(
      (file) => !/\.test\.ts$|[\\/]testing\.ts$/.test(file),
    );
    const offenders = shipped.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => (PRODUCT_WORDING.test(line) ? `${file.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}` : ""))
        .filter(Boolean),
    );
    expect(offenders).toEqual([]);
  });

  it("the wording guard catches seed references and product names", () => {
    expect(
      ["seed 001's alarms", "(seeds 002, 004)", "fckdoomscroll-prod", "FckDoomscroll", "interviewlm-staging"].filter((t) =>
        PRODUCT_WORDING.test(t),
      ),
    ).toHaveLength(5);
    expect(PRODUCT_WORDING.test("seeded random data, shop-prod")).toBe(false);
  });

  it("runs the app with plain node on a script of this repository (no type-checking runner on the synth path)", () => {
    const cdktf = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8"));
    const [runner, script] = cdktf.app.split(/\s+/);
    expect(runner).toBe("node");
    expect(statSync(join(ROOT, script)).isFile()).toBe(true);
  });
});
