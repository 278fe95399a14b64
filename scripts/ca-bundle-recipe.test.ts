import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CA_BUNDLE_PATH, RDS_CA_BUNDLE_URL } from "../modules/core/database-ref";

// The documented Dockerfile lines that put the RDS CA bundle into the app image. The app runs as
// a non-root user (`USER nextjs`), and ADD writes a downloaded file as root with mode 600: without
// a --chmod that lets others read it, every database connection fails to verify the server.

const ROOT = join(__dirname, "..");
const SKIP = new Set(["node_modules", ".git", "dist", "cdktf.out", ".cdktf-app"]);

/** Markdown files and Dockerfiles of the repository. */
function files(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.md$|^Dockerfile/.test(name) ? [path] : [];
  });
}

interface BundleLine {
  readonly where: string;
  readonly line: string;
  /** The fenced ```dockerfile block the line is in, if any. */
  readonly block?: string;
}

/** Every ADD/COPY/RUN line that fetches the RDS bundle, in a code block or inline code. */
function bundleLines(): BundleLine[] {
  const out: BundleLine[] = [];
  for (const file of files()) {
    const text = readFileSync(file, "utf8");
    const where = relative(ROOT, file);
    const blocks = [...text.matchAll(/```dockerfile\n([\s\S]*?)```/g)].map((m) => m[1]);
    for (const block of blocks) {
      for (const line of block.split("\n"))
        if (line.includes("global-bundle.pem") && /^(ADD|COPY|RUN)\b/.test(line.trim())) out.push({ where, line: line.trim(), block });
    }
    const outside = text.replace(/```[\s\S]*?```/g, "");
    for (const m of outside.matchAll(/`((?:ADD|COPY|RUN) [^`]*global-bundle\.pem[^`]*)`/g)) out.push({ where, line: m[1] });
  }
  return out;
}

/** The octal mode an `ADD --chmod=` gives, or undefined. */
const modeOf = (line: string): number | undefined => {
  const m = /--chmod=([0-7]{3,4})\b/.exec(line);
  return m ? parseInt(m[1], 8) : undefined;
};

describe("the RDS CA bundle recipe in the docs", () => {
  const lines = bundleLines();

  it("is documented in the database README and the runbook", () => {
    expect([...new Set(lines.map((l) => l.where))].sort()).toEqual(["docs/runbook.md", "modules/database/README.md"]);
  });

  it.each(lines.map((l) => [`${l.where}: ${l.line}`, l] as const))(
    "%s: readable by a non-root user, from AWS's URL to the path the app reads",
    (_, l) => {
      const [instruction, ...args] = l.line.split(/\s+/);
      expect(instruction).toBe("ADD");
      const mode = modeOf(l.line);
      expect(mode, "ADD writes a downloaded file with mode 600: give --chmod=0644").toBeDefined();
      expect(mode! & 0o004).toBe(0o004);
      const [source, destination] = args.filter((a) => !a.startsWith("--"));
      expect(source).toBe(RDS_CA_BUNDLE_URL);
      expect(destination).toBe(DEFAULT_CA_BUNDLE_PATH);
    },
  );

  it.each(lines.filter((l) => l.block !== undefined).map((l) => [l.where, l] as const))(
    "%s: the block asks for a Dockerfile syntax that has ADD --chmod",
    (_, l) => {
      expect(l.block!.split("\n")[0]).toMatch(/^# syntax=docker\/dockerfile:1(\.\d+)?$/);
    },
  );

  it("the checks catch the recipe that broke non-root images", () => {
    const old = `ADD ${RDS_CA_BUNDLE_URL} ${DEFAULT_CA_BUNDLE_PATH}`;
    expect(modeOf(old)).toBeUndefined();
    expect(modeOf(`ADD --chmod=600 ${RDS_CA_BUNDLE_URL} ${DEFAULT_CA_BUNDLE_PATH}`)! & 0o004).toBe(0);
  });
});
