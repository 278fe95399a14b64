import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Examples import the package by name, as a consumer would: resolve it to the source.
  resolve: { alias: { "@platform/cdktf-aws-webapp": resolve(__dirname, "modules/index.ts") } },
  test: {
    include: ["modules/**/*.test.ts", "environments/**/*.test.ts", "scripts/**/*.test.ts", "examples/**/*.test.ts", "*.test.ts"],
    environment: "node",
    // Two cores on the build machines: forks isolate cdktf's global state per file.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    // Type-checking happens once, in `tsc --noEmit`, not per test file.
    typecheck: { enabled: false },
  },
});
