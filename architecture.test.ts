import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

// The allowed import graph of the library (modules/), one way and without loops:
//
//   index.ts ─┐
//   patterns ─┴─> any module ──> core ──> internal
//
// Modules are peers: a module imports its own files, `core/` (the shared contracts and building
// blocks: refs, origins, connectables, roles, buckets, keys, policy documents, naming and ARN
// helpers) and `internal/` (validation and naming helpers, not exported), never another module.
// Patterns compose modules. Tests and test helpers may wire modules together and are not checked.

const MODULES = join(__dirname, "modules");

/** Where a file sits: `index`, `patterns`, `core`, `internal` or a peer module's folder name. */
export function layerOf(file: string): string {
  const rel = relative(MODULES, file).split(sep);
  return rel.length === 1 && /^index(\.ts)?$/.test(rel[0]) ? "index" : rel[0];
}

/** Why `from` may not import `to` (both layers), or undefined when it may. */
export function forbidden(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  if (from === "index") return undefined;
  if (to === "index") return "module code imports sibling files, never the package entry point";
  if (from === "internal") return "internal/ is the lowest layer: it imports nothing else of the library";
  if (from === "core") return to === "internal" ? undefined : "core/ imports only internal/";
  if (to === "core" || to === "internal") return undefined;
  if (from === "patterns") return undefined;
  if (to === "patterns") return "layers point down: a module never imports a pattern";
  return `modules are peers: move what ${from}/ needs of ${to}/ to core/ (or compose them in a pattern)`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry) && !/\.test\.ts$|^testing\.ts$/.test(entry) ? [path] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']*)["']/gm;

/** Relative imports of a source text, resolved against `file`. */
export function relativeImports(file: string, text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => resolve(dirname(file), m[1]));
}

/** The layer-to-layer edges of the library, each with one file that makes it. */
function layerEdges(): Map<string, { to: string; file: string; target: string }[]> {
  const edges = new Map<string, { to: string; file: string; target: string }[]>();
  for (const file of sourceFiles(MODULES)) {
    const from = layerOf(file);
    for (const target of relativeImports(file, readFileSync(file, "utf8"))) {
      const to = relative(MODULES, target).startsWith("..") ? "outside" : layerOf(target);
      if (!edges.has(from)) edges.set(from, []);
      edges.get(from)!.push({ to, file: relative(__dirname, file), target: relative(__dirname, target) });
    }
  }
  return edges;
}

/** A loop in a directed graph, as the list of its nodes, or undefined. */
export function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("import graph of the library", () => {
  const edges = layerEdges();

  it("imports only down the layers: modules are peers over core/ and internal/", () => {
    const offenders = [...edges].flatMap(([from, list]) =>
      list.flatMap(({ to, file, target }) => {
        const why = to === "outside" ? "the package imports nothing outside modules/" : forbidden(from, to);
        return why ? [`${file} -> ${target}: ${why}`] : [];
      }),
    );
    expect(offenders).toEqual([]);
  });

  it("has no loop between folders", () => {
    const graph = new Map([...edges].map(([from, list]) => [from, new Set(list.map((e) => e.to).filter((to) => to !== from))]));
    expect(findCycle(graph)).toBeUndefined();
  });

  it("the guards catch a peer import, an upward import and a loop", () => {
    expect(forbidden("service", "cdn")).toMatch(/modules are peers/);
    expect(forbidden("core", "service")).toMatch(/core\/ imports only internal/);
    expect(forbidden("internal", "core")).toMatch(/lowest layer/);
    expect(forbidden("database", "patterns")).toMatch(/never imports a pattern/);
    expect(forbidden("cdn", "index")).toMatch(/entry point/);
    expect(forbidden("patterns", "cdn")).toBeUndefined();
    expect(forbidden("cdn", "core")).toBeUndefined();
    const file = join(MODULES, "cdn", "x.ts");
    expect(
      relativeImports(file, `import { A } from "../service/a";\nexport { B } from "./b";\nimport "../core/c";`).map((p) => layerOf(p)),
    ).toEqual(["service", "cdn", "core"]);
    const loop = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
    ]);
    expect(layerOf(join(MODULES, "policy"))).toBe("policy");
    expect(layerOf(join(MODULES, "index"))).toBe("index");
    expect(findCycle(loop)).toEqual(["a", "b", "c", "a"]);
    expect(
      findCycle(
        new Map([
          ["a", new Set(["b"])],
          ["b", new Set<string>()],
        ]),
      ),
    ).toBeUndefined();
  });
});
