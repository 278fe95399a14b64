import { IConstruct } from "constructs";
import { checkOneOf, fail, isToken } from "../internal/validate";

/**
 * The cpu/memory pairs App Runner offers (vCPU → GB), from the App Runner API reference
 * (InstanceConfiguration) and the CDK's `Cpu`/`Memory` classes.
 */
export const APP_RUNNER_INSTANCE_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [0.25, [0.5, 1]],
  [0.5, [1]],
  [1, [2, 3, 4]],
  [2, [4, 6]],
  [4, [8, 10, 12]],
]);

/** App Runner's `cpu` and `memory` arguments, in the canonical units the API returns (CPU units, MiB). */
export interface InstanceSize {
  readonly cpu: string;
  readonly memory: string;
}

/**
 * Check a cpu/memory pair and render it as App Runner stores it (`"1024"`, `"2048"`), so the
 * plan shows no diff between `1 vCPU` and `1024` after apply.
 */
export function instanceSize(scope: IConstruct, cpu: number, memoryGiB: number): InstanceSize {
  // The pair is rendered in other units here, which a reference known only at apply cannot be.
  if (isToken(cpu))
    fail(scope, "cpu", "must be a literal number of vCPUs (it is converted to CPU units at synth), not a reference", "<token>");
  if (isToken(memoryGiB))
    fail(scope, "memoryGiB", "must be a literal number of GB (it is converted to MiB at synth), not a reference", "<token>");
  checkOneOf(scope, "cpu", cpu, [...APP_RUNNER_INSTANCE_SIZES.keys()]);
  const allowed = APP_RUNNER_INSTANCE_SIZES.get(cpu) ?? [];
  if (!allowed.includes(memoryGiB)) {
    const pairs = [...APP_RUNNER_INSTANCE_SIZES].map(([c, m]) => `${c} vCPU: ${m.join("/")} GB`).join("; ");
    fail(scope, "memoryGiB", `must be one of ${allowed.join(", ")} GB for cpu ${cpu} vCPU (App Runner offers ${pairs})`, memoryGiB);
  }
  return { cpu: String(cpu * 1024), memory: String(memoryGiB * 1024) };
}
