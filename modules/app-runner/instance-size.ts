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
  if (!isToken(cpu) && !isToken(memoryGiB)) {
    checkOneOf(scope, "cpu", cpu, [...APP_RUNNER_INSTANCE_SIZES.keys()]);
    const allowed = APP_RUNNER_INSTANCE_SIZES.get(cpu) ?? [];
    if (!allowed.includes(memoryGiB)) {
      const pairs = [...APP_RUNNER_INSTANCE_SIZES]
        .map(([c, m]) => `${c} vCPU: ${m.join("/")} GB`)
        .join("; ");
      fail(scope, "memoryGiB", `must be one of ${allowed.join(", ")} GB for cpu ${cpu} vCPU (App Runner offers ${pairs})`, memoryGiB);
    }
  }
  return { cpu: String(cpu * 1024), memory: String(memoryGiB * 1024) };
}
