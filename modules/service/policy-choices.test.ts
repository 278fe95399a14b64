import { describe, expect, it } from "vitest";
import { TEST_NETWORK, scratchStack } from "../internal/testing";
import { PostgresDatabase } from "../database/postgres-database";
import { policyReport } from "../policy/enforce";
import { ecsReadOnlyRootFilesystem } from "../policy/rules";
import { DatabaseAdminTask } from "./database-admin-task";
import { webService } from "./testing";

const RULES = [ecsReadOnlyRootFilesystem];

describe("ECS-READ-ONLY-ROOT-FS: a choice is not a warning", () => {
  it("warns about a writable root filesystem left at its default, naming the prop", () => {
    const stack = scratchStack();
    webService(stack);
    const report = policyReport(stack, { tier: "production", rules: RULES });
    expect(report.failed.map((f) => [f.severity, f.subject])).toEqual([["warning", "app"]]);
    expect(report.failed[0].fix).toMatch(/prop `readonlyRootFilesystem`/);
  });

  it("accepts readonlyRootFilesystem: false given explicitly, for that container alone", () => {
    const stack = scratchStack();
    webService(stack, {
      readonlyRootFilesystem: false,
      sidecars: [{ name: "agent", image: "public.ecr.aws/docker/library/busybox:1.37", memoryReservationMiB: 64 }],
    });
    const report = policyReport(stack, { tier: "production", rules: RULES });
    expect(report.suppressed.map((s) => [s.subject, s.reason])).toEqual([
      ["app", expect.stringMatching(/readonlyRootFilesystem: false given explicitly for container app/)],
    ]);
    expect(report.failed.map((f) => f.subject)).toEqual(["agent"]);
  });

  it("accepts it on the service's one-off tasks too (they run the app container)", () => {
    const stack = scratchStack();
    webService(stack, { readonlyRootFilesystem: false }).addOneOffTask("Migrate", {
      purpose: "migrate",
      command: ["npm", "run", "migrate"],
    });
    const report = policyReport(stack, { tier: "production", rules: RULES });
    expect(report.failed).toEqual([]);
    expect(report.suppressed.map((s) => s.path)).toEqual(["test/Web/TaskDefinition", "test/Web/Migrate"]);
  });

  it("never warns about the library's own admin task", () => {
    const stack = scratchStack();
    const database = new PostgresDatabase(stack, "Db", { name: "shop-dev", network: TEST_NETWORK });
    new DatabaseAdminTask(stack, "DbAdmin", { name: "shop-dev", database, network: TEST_NETWORK });
    const report = policyReport(stack, { tier: "production", rules: RULES });
    expect(report.failed).toEqual([]);
    expect(report.suppressed.map((s) => s.path)).toEqual(["test/DbAdmin/TaskDefinition"]);
  });
});
