import { block, blocks } from "./stack-index";
import { ResourceBlock } from "./types";

/**
 * The cache behaviors of a distribution, default first, each with a label for messages and a
 * subject for per-finding suppressions (`default`, or the path pattern).
 */
export function cacheBehaviors(distribution: ResourceBlock): { label: string; subject: string; behavior: any }[] {
  const first = block(distribution.config.default_cache_behavior);
  return [
    ...(first ? [{ label: "default_cache_behavior", subject: "default", behavior: first }] : []),
    ...blocks(distribution.config.ordered_cache_behavior).map((b: any) => ({
      label: `ordered_cache_behavior ${b.path_pattern}`,
      subject: String(b.path_pattern),
      behavior: b,
    })),
  ];
}
