#!/usr/bin/env node
// Runs a cdktf app written in TypeScript as plain JavaScript, with no build step:
// esbuild bundles the entry point (our sources only; node_modules stay external, so the
// AWS provider is still loaded by deep path) into .cdktf-app/, then node runs it.
// Bundling takes tens of milliseconds; type-checking is `npm test`'s job (tsc --noEmit).
//
//   node scripts/app.js [entry.ts]     (default: main.ts; cdktf.json's "app")
"use strict";
const { buildSync } = require("esbuild");
const { join, resolve, basename } = require("node:path");

const root = resolve(__dirname, "..");
const entry = resolve(root, process.argv[2] || "main.ts");
const outfile = join(root, ".cdktf-app", `${basename(entry).replace(/\.ts$/, "")}.js`);

buildSync({
  entryPoints: [entry],
  outfile,
  bundle: true,
  packages: "external",
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: "inline",
  logLevel: "warning",
});
require(outfile);
