import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Small constructors (#26): a constructor that is a whole program hides its decisions. Each one in
// modules/ resolves its props, then calls named parts (private methods or small files), and stays
// within MAX_CONSTRUCTOR_LINES lines, counted from `constructor(` to its closing brace.

export const MAX_CONSTRUCTOR_LINES = 150;

const MODULES = join(__dirname, "modules");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry) && !/\.test\.ts$/.test(entry) ? [path] : [];
  });
}

/** Every constructor of a source text: its class name and its length in lines. */
export function constructorLengths(fileName: string, text: string): { name: string; lines: number }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isConstructorDeclaration(node) && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const owner = node.parent;
      const name = ts.isClassLike(owner) && owner.name ? owner.name.text : "(anonymous class)";
      found.push({ name, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("constructor size", () => {
  it("counts a constructor from its keyword to its closing brace", () => {
    const text = ["class A {", "  constructor() {", "    a();", "    b();", "  }", "}", "class B { constructor() {} }"].join("\n");
    expect(constructorLengths("a.ts", text)).toEqual([
      { name: "A", lines: 4 },
      { name: "B", lines: 1 },
    ]);
  });

  const all = sourceFiles(MODULES).flatMap((file) =>
    constructorLengths(file, readFileSync(file, "utf8")).map((c) => ({
      key: `${relative(__dirname, file).split("\\").join("/")}: ${c.name}`,
      lines: c.lines,
    })),
  );

  it(`keeps every constructor in modules/ within ${MAX_CONSTRUCTOR_LINES} lines`, () => {
    // The scan reached the library's constructors (not an empty folder or a wrong path).
    expect(all.map((c) => c.key)).toContain("modules/patterns/container-web-app.ts: ContainerWebApp");
    const tooLong = all.filter((c) => c.lines > MAX_CONSTRUCTOR_LINES).map((c) => `${c.key} constructor is ${c.lines} lines`);
    expect(tooLong).toEqual([]);
  });
});
