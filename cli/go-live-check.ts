#!/usr/bin/env node
// Checks an app through its CloudFront URL before alias records move users to it (package.json
// "bin"): npx go-live-check --help
import { main } from "./go-live";

// Installed, argv is [node, bin, ...]; in this repository `node scripts/app.js cli/go-live-check.ts ...`
// puts the entry's path first: drop it.
const args = process.argv.slice(2);
if (args[0]?.endsWith("go-live-check.ts")) args.shift();
void main(args, (line) => console.log(line)).then((code) => {
  process.exitCode = code;
});
