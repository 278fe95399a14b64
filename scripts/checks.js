#!/usr/bin/env node
// Runs the static checks of `npm test` side by side (tsc is single-threaded, and so are eslint and
// prettier: on a 2-core machine two at a time take about half the wall time of one after another).
// Each command's output is printed whole when it ends, so outputs never interleave; exits non-zero
// when any command fails.
//
//   node scripts/checks.js "tsc --noEmit" "eslint ."      (run from npm scripts: tools are on PATH)
"use strict";
const { spawn } = require("node:child_process");

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: node scripts/checks.js "<command>" ["<command>" ...]');
  process.exit(2);
}

const started = Date.now();
const runs = commands.map(
  (command) =>
    new Promise((done) => {
      const child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
      const output = [];
      child.stdout.on("data", (chunk) => output.push(chunk));
      child.stderr.on("data", (chunk) => output.push(chunk));
      child.on("close", (code, signal) => {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const status = code === 0 ? "ok" : `FAILED (${signal ?? `exit ${code}`})`;
        process.stdout.write(Buffer.concat(output));
        console.log(`checks: ${command}: ${status}, ${seconds} s`);
        done(code === 0);
      });
    }),
);

Promise.all(runs).then((results) => process.exit(results.every(Boolean) ? 0 : 1));
