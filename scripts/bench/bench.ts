/**
 * `npm run bench`: times whole processes on this machine, several repetitions each, and
 * checks the performance budgets of the project (see the README's Performance section).
 *
 *   1. the cdktf CLI synthesizing a one-resource stack (the CLI's floor)
 *   2. `npm run synth` of all environments
 *   3. the app process alone (main without the CLI): wall time and peak memory, next to the
 *      process of the one-resource app alone (the app floor: node, cdktf and the provider load)
 *   4. a stack with 1, 10 and 40 web services: how synth cost grows with the work
 *   5. `npm test`
 *
 * Wall time is measured around each child process; peak memory is the child's own
 * accounting (`process.resourceUsage().maxRSS`, written at exit by a preloaded hook).
 * Options: BENCH_RUNS (default 5), BENCH_SKIP_TEST=1 to skip `npm test`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

// npm scripts run at the package root (bundled code cannot rely on __dirname).
const ROOT = process.cwd();
const WORK = join(ROOT, ".bench");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ENV = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0" };
const USAGE_HOOK = join(ROOT, "scripts", "bench", "usage-hook.js");

/** Budgets from the performance issue. */
export const BUDGETS = {
  synthOverFloor: 1.2,
  appOverFloorApp: 3,
  appSeconds: 1.5,
  appMegabytes: 250,
  marginalMsPerService: 50,
  testSeconds: 60,
} as const;

interface Sample {
  readonly seconds: number;
  /** CPU seconds (user + system) of the command and the children it waited for. */
  readonly cpuSeconds?: number;
  readonly maxRssMb?: number;
}

// CPU time next to wall time: on a shared machine wall time mostly measures the other load.
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Run a command once; with `measureMemory`, preload the hook that reports the node process's peak RSS. */
function runOnce(command: string, args: string[], extraEnv: Record<string, string> = {}, measureMemory = false): Sample {
  const usageFile = join(WORK, `usage-${process.pid}.json`);
  rmSync(usageFile, { force: true });
  const env: NodeJS.ProcessEnv = { ...ENV, ...extraEnv };
  if (measureMemory) {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require ${USAGE_HOOK}`.trim();
    env.BENCH_USAGE_FILE = usageFile;
  }
  const [file, argv] = TIME ? [TIME, ["-f", "BENCH_CPU %U %S", command, ...args]] : [command, args];
  const start = performance.now();
  const result = spawnSync(file, argv, { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const cpu = /BENCH_CPU ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr ?? "");
  const cpuSeconds = cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined;
  const maxRssMb = measureMemory && existsSync(usageFile) ? JSON.parse(readFileSync(usageFile, "utf8")).maxRssMb : undefined;
  return { seconds, cpuSeconds, maxRssMb };
}

function measure(
  label: string,
  command: string,
  args: string[],
  extraEnv: Record<string, string> = {},
  measureMemory = false,
  runs = RUNS,
) {
  runOnce(command, args, extraEnv, measureMemory); // warm the file cache; not counted
  const samples = Array.from({ length: runs }, () => runOnce(command, args, extraEnv, measureMemory));
  const seconds = median(samples.map((s) => s.seconds));
  const cpus = samples.map((s) => s.cpuSeconds).filter((c): c is number => c !== undefined);
  const cpuSeconds = cpus.length === samples.length ? median(cpus) : undefined;
  const mem = samples.map((s) => s.maxRssMb).filter((m): m is number => m !== undefined);
  const maxRssMb = mem.length ? Math.max(...mem) : undefined;
  const cpuText = cpuSeconds !== undefined ? `  cpu ${cpuSeconds.toFixed(2)} s` : "";
  console.log(
    `  ${label.padEnd(46)} ${seconds.toFixed(3)} s${cpuText}${maxRssMb ? `  peak ${maxRssMb.toFixed(0)} MB` : ""}  (median of ${runs})`,
  );
  return { seconds, cpuSeconds, maxRssMb };
}

/** A one-resource cdktf app in plain JavaScript: what the CLI costs with (almost) no app. */
function writeFloorProject(): string {
  const dir = join(WORK, "floor");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "main.js"),
    [
      'const { App, TerraformStack } = require("cdktf");',
      'const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");',
      'const { S3Bucket } = require("@cdktf/provider-aws/lib/s3-bucket");',
      "const app = new App();",
      'const stack = new TerraformStack(app, "floor");',
      'new AwsProvider(stack, "aws", { region: "us-east-1" });',
      'new S3Bucket(stack, "Bucket", { bucket: "floor-bucket" });',
      "app.synth();",
    ].join("\n"),
  );
  return dir;
}

function check(name: string, ok: boolean, detail: string): boolean {
  console.log(`  ${ok ? "PASS" : "FAIL"}  ${name.padEnd(40)} ${detail}`);
  return ok;
}

function main(): void {
  mkdirSync(WORK, { recursive: true });
  console.log(`cdktf performance benchmark: ${RUNS} runs each, medians, node ${process.version}\n`);

  const floorDir = writeFloorProject();
  const floor = measure("1. cdktf synth, one-resource stack (floor)", "npx", [
    "cdktf",
    "synth",
    "--app",
    `node ${join(floorDir, "main.js")}`,
    "--output",
    join(floorDir, "out"),
  ]);
  const synth = measure("2. npm run synth (all environments)", "npm", ["run", "--silent", "synth"]);
  const floorApp = measure(
    "3a. one-resource app process alone (app floor)",
    "node",
    [join(floorDir, "main.js")],
    { CDKTF_OUTDIR: join(floorDir, "app-out") },
    true,
  );
  const appOut = join(WORK, "app-out");
  const app = measure("3b. app process alone (main, no CLI)", "node", [join(ROOT, "scripts", "app.js")], { CDKTF_OUTDIR: appOut }, true);

  const counts = [1, 10, 40];
  const scaling = counts.map((n) =>
    measure(
      `4. stack with ${n} web service${n > 1 ? "s" : ""}`,
      "node",
      [join(ROOT, "scripts", "app.js"), "scripts/bench/services-app.ts"],
      {
        CDKTF_OUTDIR: join(WORK, `services-${n}`),
        BENCH_SERVICES: String(n),
      },
      true,
    ),
  );
  const test = process.env.BENCH_SKIP_TEST ? undefined : measure("5. npm test", "npm", ["test", "--silent"], {}, false, 1);

  const ratio = synth.seconds / floor.seconds;
  const appRatio = app.seconds / floorApp.seconds;
  const cpuRatio = (a: { cpuSeconds?: number }, b: { cpuSeconds?: number }) =>
    a.cpuSeconds !== undefined && b.cpuSeconds
      ? `; cpu ${a.cpuSeconds.toFixed(2)} s vs ${b.cpuSeconds.toFixed(2)} s = ${(a.cpuSeconds / b.cpuSeconds).toFixed(2)}x`
      : "";
  console.log("\nside by side (medians of the same run; wall time, then CPU time)");
  console.log(
    `  app process  ${app.seconds.toFixed(3)} s vs one-resource app   ${floorApp.seconds.toFixed(3)} s = ${appRatio.toFixed(2)}x${cpuRatio(app, floorApp)} (target ${BUDGETS.appOverFloorApp}x)`,
  );
  console.log(
    `  full synth   ${synth.seconds.toFixed(3)} s vs one-resource synth ${floor.seconds.toFixed(3)} s = ${ratio.toFixed(2)}x${cpuRatio(synth, floor)} (target ${BUDGETS.synthOverFloor}x)`,
  );
  const marginalMs = ((scaling[2].seconds - scaling[0].seconds) / (counts[2] - counts[0])) * 1000;
  const firstSlope = ((scaling[1].seconds - scaling[0].seconds) / (counts[1] - counts[0])) * 1000;
  const secondSlope = ((scaling[2].seconds - scaling[1].seconds) / (counts[2] - counts[1])) * 1000;
  // Linear: the slope from 10 to 40 is not more than twice the slope from 1 to 10 (plus timer noise).
  const linear = secondSlope <= Math.max(2 * firstSlope, firstSlope + 10);

  console.log("\nbudgets");
  const results = [
    check("full synth / CLI floor", ratio <= BUDGETS.synthOverFloor, `${ratio.toFixed(2)}x (budget ${BUDGETS.synthOverFloor}x)`),
    check(
      "app process / one-resource app",
      appRatio <= BUDGETS.appOverFloorApp,
      `${appRatio.toFixed(2)}x (budget ${BUDGETS.appOverFloorApp}x)`,
    ),
    check("app process wall time", app.seconds <= BUDGETS.appSeconds, `${app.seconds.toFixed(2)} s (budget ${BUDGETS.appSeconds} s)`),
    check(
      "app process peak memory",
      (app.maxRssMb ?? Infinity) <= BUDGETS.appMegabytes,
      `${app.maxRssMb?.toFixed(0)} MB (budget ${BUDGETS.appMegabytes} MB)`,
    ),
    check(
      "marginal cost per web service",
      marginalMs <= BUDGETS.marginalMsPerService,
      `${marginalMs.toFixed(1)} ms (budget ${BUDGETS.marginalMsPerService} ms)`,
    ),
    check("growth is linear", linear, `slope 1→10: ${firstSlope.toFixed(1)} ms, 10→40: ${secondSlope.toFixed(1)} ms per service`),
    ...(test
      ? [check("npm test", test.seconds <= BUDGETS.testSeconds, `${test.seconds.toFixed(1)} s (budget ${BUDGETS.testSeconds} s)`)]
      : []),
  ];
  console.log(`\npeak memory with 40 services: ${scaling[2].maxRssMb?.toFixed(0)} MB`);
  process.exitCode = results.every(Boolean) ? 0 : 1;
}

main();
