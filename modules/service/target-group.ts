import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Construct } from "constructs";
import { checkName } from "../internal/naming";
import { checkIntegerRange, checkPattern, fail, isToken } from "../internal/validate";

/** The load balancer's health check of the tasks. */
export interface TargetHealthCheck {
  /** Must start with `/`. @default "/api/health" */
  readonly path?: string;
  /** 5-300. @default 30 */
  readonly intervalSeconds?: number;
  /** 2-120, below the interval. @default 5 */
  readonly timeoutSeconds?: number;
  /** 2-10. @default 2 */
  readonly healthyThreshold?: number;
  /** 2-10. @default 3 */
  readonly unhealthyThreshold?: number;
  /** HTTP codes meaning healthy, 200-499: e.g. `200`, `200,302` or `200-299`. @default "200" */
  readonly matcher?: string;
}

/** How one target group is built. */
export interface TargetGroupSettings {
  /** Prop path used in error messages, e.g. `healthCheck` or `routes[0].healthCheck`. */
  readonly prop: string;
  /** VPC of the targets. */
  readonly vpcId: string;
  /** The container port (traffic and health checks go to it). */
  readonly port: number;
  /** `name_prefix` used when `name` is not given: at most 6 characters (a library constant, "app-" or "rt-"). */
  readonly namePrefix: string;
  /** Prop path of the fixed name, e.g. `targetGroupName`. */
  readonly nameProp: string;
  /** Fixed name (at most 32 characters). @default - generated from namePrefix */
  readonly name?: string;
  /** @default - /api/health every 30 s, timeout 5 s, healthy 2, unhealthy 3, matcher 200 */
  readonly healthCheck?: TargetHealthCheck;
  /** Seconds a deregistering target drains (0-3600). */
  readonly deregistrationDelaySeconds: number;
  /** Load-balancer cookie stickiness for this many seconds. @default - off */
  readonly stickinessSeconds?: number;
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * An `ip` target group for Fargate tasks. With a generated name it is created before the old
 * one is destroyed, so changes that replace it (port, protocol) don't break the listener.
 */
export function fargateTargetGroup(scope: Construct, id: string, s: TargetGroupSettings): LbTargetGroup {
  const hc = s.healthCheck ?? {};
  const path = hc.path ?? "/api/health";
  const interval = hc.intervalSeconds ?? 30;
  const timeout = hc.timeoutSeconds ?? 5;
  const matcher = hc.matcher ?? "200";
  checkPattern(scope, `${s.prop}.path`, path, /^\/[\x21-\x7e]{0,1023}$/, "must start with / (and be at most 1024 printable characters)");
  checkIntegerRange(scope, `${s.prop}.intervalSeconds`, interval, 5, 300);
  checkIntegerRange(scope, `${s.prop}.timeoutSeconds`, timeout, 2, 120);
  if (!isToken(timeout) && !isToken(interval) && timeout >= interval) {
    fail(scope, `${s.prop}.timeoutSeconds`, `must be below intervalSeconds (${interval})`, timeout);
  }
  checkIntegerRange(scope, `${s.prop}.healthyThreshold`, hc.healthyThreshold, 2, 10);
  checkIntegerRange(scope, `${s.prop}.unhealthyThreshold`, hc.unhealthyThreshold, 2, 10);
  checkPattern(
    scope,
    `${s.prop}.matcher`,
    matcher,
    /^[2-4]\d\d(-[2-4]\d\d)?(,[2-4]\d\d(-[2-4]\d\d)?)*$/,
    "must be HTTP codes from 200 to 499 such as 200, 200,302 or 200-299",
  );
  for (const range of isToken(matcher) ? [] : matcher.split(",")) {
    const [from, to] = range.split("-").map(Number);
    if (to !== undefined && to < from) fail(scope, `${s.prop}.matcher`, "must list ranges low-high, e.g. 200-299", matcher);
  }
  checkIntegerRange(scope, "deregistrationDelaySeconds", s.deregistrationDelaySeconds, 0, 3600);
  checkIntegerRange(scope, "stickinessDurationSeconds", s.stickinessSeconds, 1, 604800);
  if (s.name !== undefined) checkName(scope, s.nameProp, "targetGroup", s.name);
  else
    checkPattern(
      scope,
      "namePrefix",
      s.namePrefix,
      /^[A-Za-z0-9][A-Za-z0-9-]{0,5}$/,
      "must be 1-6 letters, digits or hyphens, not starting with a hyphen (AWS appends the rest of a target group name)",
    );

  return new LbTargetGroup(scope, id, {
    ...(s.name !== undefined ? { name: s.name } : { namePrefix: s.namePrefix }),
    targetType: "ip",
    protocol: "HTTP",
    port: s.port,
    vpcId: s.vpcId,
    deregistrationDelay: String(s.deregistrationDelaySeconds),
    healthCheck: {
      enabled: true,
      protocol: "HTTP",
      path,
      port: "traffic-port",
      interval,
      timeout,
      healthyThreshold: hc.healthyThreshold ?? 2,
      unhealthyThreshold: hc.unhealthyThreshold ?? 3,
      matcher,
    },
    stickiness:
      s.stickinessSeconds !== undefined
        ? { type: "lb_cookie", enabled: true, cookieDuration: s.stickinessSeconds }
        : { type: "lb_cookie", enabled: false },
    lifecycle: s.name === undefined ? { createBeforeDestroy: true } : undefined,
    tags: s.tags,
  });
}
