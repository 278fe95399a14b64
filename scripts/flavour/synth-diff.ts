// flavour: verbatim
// node scripts/app.js scripts/flavour/synth-diff.ts <cdktf.out> <other cdktf.out>: what differs between the
// stacks two lines synthesized (JSON paths, per stack). Moving a project between lines is a package rename
// when the only differences are the provider pin (required_providers) and the framework's own metadata.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Paths (a.b[0].c) whose values differ between two JSON values. */
export function jsonDiff(a: unknown, b: unknown, path = ""): string[] {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [path || "(root)"];
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => {
    const sub = Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    return jsonDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], sub);
  });
}

const [left, right] = process.argv.slice(3);
if (left && right) {
  for (const stack of readdirSync(join(left, "stacks")).sort()) {
    const read = (dir: string) => JSON.parse(readFileSync(join(dir, "stacks", stack, "cdk.tf.json"), "utf8"));
    const a = read(left);
    const b = read(right);
    const diffs = jsonDiff(a, b);

    const resources = Object.values((a.resource ?? {}) as Record<string, object>).reduce((n, r) => n + Object.keys(r).length, 0);
    console.log(
      `${stack}: ${resources} resources, ${diffs.length} differing paths${diffs.length ? `: ${diffs.map((p) => `${p} (${JSON.stringify(pick(a, p))} -> ${JSON.stringify(pick(b, p))})`).join("; ")}` : ""}`,
    );
  }
}

function pick(value: unknown, path: string): unknown {
  return path
    .split(/\.|\[|\]/)
    .filter(Boolean)
    .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);
}
