// flavour: verbatim
/**
 * npm run check:consumers [cdktf|cdktn]: each line's package, packed, in an empty consumer project.
 * For each line: build the library (tsc -p tsconfig.build.json), `npm pack` it, create an empty
 * project, run the README's own install command with the tarball in place of the package name
 * (plus typescript and @types/node to compile), write the README's first TypeScript example (the
 * small app) as main.ts, type-check it, compile it and run it: it must synthesize its stack.
 * The cdktn line is the rendered flavour (flavours/cdktn/dist; `npm run test:cdktn` renders it).
 * Needs the npm registry (the install); prints each step's time. Not part of `npm test`.
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { extractBlocks } from "../readme-blocks";
import { CDKTF, CDKTN, type FrameworkLine } from "./lines";

const root = process.cwd();
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const TOOLS = ["typescript@5.9.3", "@types/node@^20.19.0"];

/** Run a command; its standard output, and its standard error (npm's warnings). */
function run(what: string, cmd: string, args: string[], options: SpawnSyncOptions = {}): { stdout: string; stderr: string } {
  const started = Date.now();
  const result = spawnSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
  const stdout = String(result.stdout ?? "");
  const stderr = String(result.stderr ?? "");
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${stdout}${stderr}`);
  console.log(`  ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { stdout, stderr };
}

/** The README's install command (`npm install @platform/...`), as npm arguments. */
export function installArgs(readme: string, line: FrameworkLine): string[] {
  const command = readme.split("\n").find((l) => l.trim().startsWith(`npm install ${line.packageName}`));
  if (!command) throw new Error(`README has no "npm install ${line.packageName} ..." line`);
  return command.trim().split(/\s+/).slice(2);
}

/** The README's first TypeScript block that builds and synthesizes an App: the small app. */
export function smallApp(readme: string): string {
  const block = extractBlocks("README.md", readme).find((b) => /new App\(/.test(b.code) && /\.synth\(\)/.test(b.code));
  if (!block) throw new Error("README has no TypeScript example with new App() and app.synth()");
  return block.code;
}

function check(line: FrameworkLine, tree: string, work: string): void {
  console.log(`${line.packageName} (${line.framework} ${line.versions.framework}, from ${tree === root ? "the source" : tree})`);
  const started = Date.now();
  rmSync(join(tree, "dist"), { recursive: true, force: true });
  run("build (tsc -p tsconfig.build.json)", process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: tree });
  const packed = JSON.parse(run("npm pack", "npm", ["pack", "--json", "--pack-destination", work], { cwd: tree }).stdout)[0];
  const tarball = join(work, packed.filename);
  console.log(`  tarball: ${packed.filename}, ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KiB`);

  const consumer = join(work, `consumer-${line.framework}`);
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({ name: `consumer-${line.framework}`, version: "1.0.0", private: true }, null, 2),
  );
  const readme = readFileSync(join(tree, "README.md"), "utf8");
  const args = installArgs(readme, line).map((a) => (a === line.packageName ? tarball : a));
  const install = run(
    `npm install ${args.join(" ").replace(tarball, packed.filename)} (README) + ${TOOLS.join(" ")}`,
    "npm",
    ["install", "--no-audit", "--no-fund", ...args, ...TOOLS],
    { cwd: consumer },
  );
  const unsupported = [...install.stderr.matchAll(/EBADENGINE\s+package: '([^']+)'/g)].map((m) => m[1]);
  if (unsupported.length)
    console.log(
      `  on Node ${process.version} npm warned (EBADENGINE, not an error) that these declare a higher Node: ${unsupported.join(", ")}`,
    );

  writeFileSync(join(consumer, "main.ts"), smallApp(readme));
  writeFileSync(
    join(consumer, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "commonjs",
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
          types: ["node"],
          outDir: "out",
        },
        files: ["main.ts"],
      },
      null,
      2,
    ),
  );
  run(
    "type-check (tsc --noEmit)",
    process.execPath,
    [join(consumer, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", consumer],
    { cwd: consumer },
  );
  run("compile (tsc)", process.execPath, [join(consumer, "node_modules", "typescript", "bin", "tsc"), "-p", consumer], { cwd: consumer });
  run("synthesize (node out/main.js)", process.execPath, [join(consumer, "out", "main.js")], {
    cwd: consumer,
    env: { ...process.env, CDKTF_OUTDIR: join(consumer, "cdktf.out"), CHECKPOINT_DISABLE: "1" },
  });

  const stacks = readdirSync(join(consumer, "cdktf.out", "stacks"));
  for (const stack of stacks) {
    const json = JSON.parse(readFileSync(join(consumer, "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8"));
    const resources = Object.values(json.resource ?? {}).reduce<number>((n, r) => n + Object.keys(r as object).length, 0);
    const aws = json.terraform.required_providers.aws;
    console.log(`  stack ${stack}: ${resources} resources, required_providers.aws ${aws.source} ${aws.version}`);
    if (aws.version !== line.versions.aws)
      throw new Error(`${stack}: required_providers.aws.version ${aws.version}, expected ${line.versions.aws}`);
    if (resources === 0) throw new Error(`${stack}: no resources`);
  }
  if (stacks.length === 0) throw new Error("the small app synthesized no stack");
  console.log(`  ok in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// Run as `node scripts/app.js scripts/flavour/consumer-check.ts [line...]` (app.js passes the entry first).
if (process.argv[2]?.endsWith("consumer-check.ts")) {
  const which = process.argv.slice(2).filter((a) => !a.endsWith(".ts"));
  const lines = which.length ? which : ["cdktf", "cdktn"];
  const work = mkdtempSync(join(tmpdir(), "consumers-"));
  try {
    for (const name of lines) {
      if (name === "cdktf") check(CDKTF, root, work);
      else if (name === "cdktn") {
        const tree = resolve(root, "flavours", "cdktn", "dist");
        if (!existsSync(join(tree, "package.json"))) throw new Error("no rendered cdktn flavour: run npm run test:cdktn first");
        check(CDKTN, tree, work);
      } else throw new Error(`unknown line ${name} (cdktf or cdktn)`);
    }
  } finally {
    if (!process.env.KEEP) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}
