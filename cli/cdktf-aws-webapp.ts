#!/usr/bin/env node
// The package's operator commands (package.json "bin"): npx cdktf-aws-webapp <command> --help
import { PROCESS_IO, main } from "./main";

// Installed, argv is [node, bin, ...]; in this repository `node scripts/app.js cli/cdktf-aws-webapp.ts ...`
// (npm run cli) puts the entry's path first: drop it.
const args = process.argv.slice(2);
if (args[0]?.endsWith("cdktf-aws-webapp.ts")) args.shift();
process.exitCode = main(args, PROCESS_IO);
