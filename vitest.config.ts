import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Examples import the package by name, as a consumer would: resolve it to the source.
  resolve: { alias: { "@platform/cdktf-aws-webapp": resolve(__dirname, "modules/index.ts") } },
  test: {
    include: [
      "modules/**/*.test.ts",
      "cli/**/*.test.ts",
      "environments/**/*.test.ts",
      "scripts/**/*.test.ts",
      "examples/**/*.test.ts",
      "*.test.ts",
    ],
    environment: "node",
    // Two cores on the build machines: two forked workers. Files share a worker's module cache
    // (isolate: false): importing cdktf and the provider classes once per worker instead of once per
    // file is most of the run (measured 40 s instead of 96 s for 63 files on a busy 2-core machine).
    // Safe because every test builds its own App and stacks; module state is keyed by stack.
    pool: "forks",
    maxWorkers: 2,
    isolate: false,
    testTimeout: 30_000,
    // Type-checking happens once, in `tsc --noEmit`, not per test file.
    typecheck: { enabled: false },
  },
});
