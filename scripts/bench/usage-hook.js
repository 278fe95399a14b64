// Preloaded (NODE_OPTIONS=--require) into a benchmarked node process: at exit, write the
// process's own resource accounting (peak resident set size) where the benchmark reads it.
const { writeFileSync } = require("node:fs");
const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    // maxRSS is in kilobytes.
    writeFileSync(
      file,
      JSON.stringify({ maxRssMb: usage.maxRSS / 1024, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 }),
    );
  });
}
