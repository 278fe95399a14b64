// flavour: verbatim (names both lines)
/**
 * Renders the whole source tree as the cdktn line into a folder (default
 * flavours/cdktn/dist/), by the rule set in rules.ts:
 *
 *   node scripts/app.js scripts/flavour/render-cli.ts [outDir]
 *
 * Every file git tracks or would track (tracked, or new and not ignored) is rendered, its path
 * too; none is named here. Left out: the root lockfile (the flavour folder has its own) and flavours/ itself.
 * The folder gets the rendered package.json and a node_modules link to the flavour folder's
 * install, so the rendered code resolves cdktn, @cdktn/provider-aws and constructs there, and
 * the tools (typescript, vitest, esbuild) from the repository's own node_modules further up.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { CDKTF, CDKTN, type FrameworkLine } from "./lines";
import { renderLine, renderPackageJson, renderText, type PackageJson } from "./rules";

/** Files of the tree that are not rendered: the source line's lockfile and the flavour folders. */
export function isRendered(path: string): boolean {
  return path !== "package-lock.json" && !path.startsWith("flavours/");
}

/** The repository's files as git sees them (tracked, plus new files that are not ignored). */
export function sourceFiles(root: string): string[] {
  try {
    const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
    return [...new Set(out.split("\0").filter(Boolean))]
      .filter((f) => existsSync(join(root, f)) && statSync(join(root, f)).isFile())
      .sort();
  } catch {
    // Not a git checkout (an unpacked archive): every file outside the usual build and install output.
    const skip = new Set(["node_modules", "dist", "cdktf.out", ".git", ".gen", ".cdktf-app", "flavours"]);
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        if (skip.has(entry)) return [];
        const path = join(dir, entry);
        return statSync(path).isDirectory() ? walk(path) : [relative(root, path).split(sep).join("/")];
      });
    return walk(root).sort();
  }
}

export interface RenderResult {
  readonly outDir: string;
  readonly files: number;
  readonly changed: number;
}

/** Render the tree at `root` as line `to` into `outDir` (emptied first, its node_modules link kept). */
export function renderTree(root: string, outDir: string, from: FrameworkLine = CDKTF, to: FrameworkLine = CDKTN): RenderResult {
  if (existsSync(outDir)) {
    for (const entry of readdirSync(outDir)) if (entry !== "node_modules") rmSync(join(outDir, entry), { recursive: true, force: true });
  }
  mkdirSync(outDir, { recursive: true });
  let files = 0;
  let changed = 0;
  for (const file of sourceFiles(root).filter(isRendered)) {
    const bytes = readFileSync(join(root, file));
    // Paths are rendered by the same rules (cli/cdktf-aws-webapp.ts -> cli/cdktn-aws-webapp.ts),
    // so the imports and the package's bin that name them still find them.
    const target = join(outDir, renderLine(file, from, to));
    mkdirSync(dirname(target), { recursive: true });
    files++;
    if (bytes.includes(0)) {
      writeFileSync(target, bytes);
      continue;
    }
    const text = bytes.toString("utf8");
    const rendered =
      file === "package.json"
        ? `${JSON.stringify(renderPackageJson(JSON.parse(text) as PackageJson, from, to), null, 2)}\n`
        : renderText(text, from, to);
    if (rendered !== text) changed++;
    writeFileSync(target, rendered, { mode: statSync(join(root, file)).mode });
  }
  const link = join(outDir, "node_modules");
  if (!existsSync(link)) symlinkSync(join("..", "node_modules"), link, "dir");
  return { outDir, files, changed };
}
