#!/usr/bin/env node
// Runs a cdktf app written in TypeScript as plain JavaScript, with no build step:
// esbuild bundles the entry point (our sources only; node_modules stay external, so the
// AWS provider is still loaded by deep path) into .cdktf-app/, then node runs it.
// The bundle is reused while none of the files it was built from has changed since
// (esbuild's metafile lists them), so repeated synths skip the ~0.2 s bundling step.
// Type-checking is `npm test`'s job (tsc --noEmit).
//
// cdktf records a complete stack trace (no depth limit) for every token and every computed
// attribute object it creates, into plain objects (`creationStack`, shown only when that token
// later fails to resolve), and formats each at once: about a sixth of this app's CPU time. This
// runner leaves traces captured into plain objects empty; every Error keeps its stack trace.
// CDKTF_APP_STACK_TRACES=1 keeps them all (e.g. to debug a token that fails to resolve).
//
//   node scripts/app.js [entry.ts]     (default: main.ts; cdktf.json's "app")
"use strict";
const { existsSync, readFileSync, statSync, writeFileSync } = require("node:fs");
const { join, resolve, basename } = require("node:path");

const root = resolve(__dirname, "..");
const entry = resolve(root, process.argv[2] || "main.ts");
const name = basename(entry).replace(/\.ts$/, "");
const outfile = join(root, ".cdktf-app", `${name}.js`);
const inputsFile = join(root, ".cdktf-app", `${name}.inputs.json`);

/** True when the bundle exists and is newer than every file it was built from. */
function upToDate() {
  if (!existsSync(outfile) || !existsSync(inputsFile)) return false;
  const built = statSync(outfile).mtimeMs;
  const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
  return inputs.every((file) => existsSync(file) && statSync(file).mtimeMs < built);
}

if (!upToDate()) {
  const { buildSync } = require("esbuild");
  const result = buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "cjs",
    target: "node20",
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
    absWorkingDir: root,
  });
  writeFileSync(inputsFile, JSON.stringify(Object.keys(result.metafile.inputs).map((f) => resolve(root, f))));
}
require("./code-cache").enableCodeCache(join(root, ".cdktf-app", `${name}.code-cache`));
if (process.env.CDKTF_APP_STACK_TRACES !== "1") {
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = function captureStackTrace(target, below) {
    if (target instanceof Error) return capture(target, below);
    target.stack = "";
  };
}
require(outfile);
