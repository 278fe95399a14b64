import { IConstruct } from "constructs";
import { fail, isToken } from "../internal/validate";

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/**
 * Task memory (MiB) Fargate accepts for each task CPU value (units; 1024 = 1 vCPU), as in the
 * ECS documentation ("Task CPU and memory"). 8 and 16 vCPU need platform version 1.4.0 or later,
 * which LATEST is.
 */
export const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

function describe(values: readonly number[]): string {
  if (values.length <= 4) return values.join(", ");
  return `${values[0]} to ${values[values.length - 1]} in steps of ${values[1] - values[0]}`;
}

/** Fail unless `cpu`/`memoryMiB` is a combination Fargate runs. */
export function checkFargateSize(scope: IConstruct, cpu: number, memoryMiB: number): void {
  if (isToken(cpu) || isToken(memoryMiB)) return;
  const allowed = FARGATE_MEMORY_BY_CPU[cpu];
  if (!allowed) {
    fail(scope, "cpu", `must be a Fargate task CPU value: one of ${Object.keys(FARGATE_MEMORY_BY_CPU).join(", ")} (1024 = 1 vCPU)`, cpu);
  }
  if (!allowed.includes(memoryMiB)) {
    fail(scope, "memoryMiB", `must be a Fargate memory value for cpu ${cpu}: ${describe(allowed)} MiB`, memoryMiB);
  }
}
