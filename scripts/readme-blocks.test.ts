import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkBlocks, extractBlocks, formatErrors, readmeBlocks, type BlockError, type ReadmeBlock } from "./readme-blocks";

const ROOT = join(__dirname, "..");

// Two blocks with known outcomes ride along in the same program, so the harness is shown to
// catch an error (and to accept the conventions) without a second compilation.
const CANARY = extractBlocks(
  "canary.md",
  [
    "```ts",
    "const n: number = network.vpcId;", // line 2: a string is not a number
    "```",
    '<!-- ts-preamble: declare const compute: "fargate" | "apprunner"; -->',
    "```typescript",
    'const strategy = compute === "fargate" ? SPOT_CAPACITY : undefined;', // auto-imported export
    'new Network(stack, "Network", { name: "acme-dev", availabilityZones: ["us-east-1a", "us-east-1b"] });',
    "```",
    "```sh",
    "not typescript at all",
    "```",
  ].join("\n"),
);

const blocks = readmeBlocks(ROOT);
let errors: BlockError[] = [];
// One program for every block (~4 s of CPU, most of it loading the library's types).
beforeAll(() => {
  errors = checkBlocks(ROOT, [...blocks, ...CANARY]);
}, 120_000);
const files = [...new Set(blocks.map((b) => b.file))];

function errorsOf(file: string): BlockError[] {
  return errors.filter((e) => e.file === file);
}

describe("README TypeScript blocks", () => {
  it("finds the blocks of the root README and of the module READMEs", () => {
    expect(files).toContain("README.md");
    expect(files).toContain(join("modules", "network", "README.md"));
    expect(files.some((f) => f.includes("node_modules"))).toBe(false);
  });

  it.each(files)("%s: every TypeScript block compiles", (file) => {
    expect(formatErrors(errorsOf(file))).toBe("");
  });

  it("the block globals compile", () => {
    expect(formatErrors(errorsOf("(readme block globals)"))).toBe("");
  });

  it("reports an error with its README file, block line and line", () => {
    expect(formatErrors(errorsOf("canary.md"))).toBe(
      "canary.md:2 (block at line 1): TS2322: Type 'string' is not assignable to type 'number'.",
    );
  });

  it("reads only ts/typescript fences, with the preamble comment before them", () => {
    expect(CANARY.map((b: ReadmeBlock) => [b.line, b.preamble])).toEqual([
      [1, ""],
      [5, 'declare const compute: "fargate" | "apprunner";'],
    ]);
  });
});
