import { Annotations } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError, checkIntegerRange, fail, isToken } from "../internal/validate";

/**
 * Connection slots PostgreSQL keeps for superusers (`superuser_reserved_connections`, default 3)
 * and RDS for its own `rds_superuser` sessions (`rds.rds_superuser_reserved_connections`, default 2):
 * ordinary users get `max_connections - 3 - 2`.
 * https://repost.aws/knowledge-center/rds-postgresql-error-connection-slots
 */
export const RESERVED_CONNECTION_DEFAULTS: Readonly<Record<string, number>> = {
  superuser_reserved_connections: 3,
  "rds.rds_superuser_reserved_connections": 2,
  // PostgreSQL 16: slots for roles with pg_use_reserved_connections (0 unless set).
  reserved_connections: 0,
};

/**
 * Connections reserved for superusers and RDS, from the parameter group's settings (the
 * defaults for those not set): what `max_connections` must leave over for the application.
 */
export function reservedConnections(parameters: Readonly<Record<string, string>> = {}): number {
  return Object.entries(RESERVED_CONNECTION_DEFAULTS).reduce((sum, [name, fallback]) => {
    const given = Object.entries(parameters).find(([k]) => k.toLowerCase() === name)?.[1];
    const value = given !== undefined && /^\d+$/.test(given) ? Number(given) : fallback;
    return sum + value;
  }, 0);
}

/** One client of the database and the most connections it can open at once. */
export interface ConnectionDemand {
  /** Who opens the connections, for the message (e.g. the service's construct path or name). */
  readonly consumer: string;
  /** Highest number of tasks or instances (ECS `maxCapacity`, App Runner `maxSize`), at least 1. */
  readonly maxTasks: number;
  /**
   * Percent of the task count that may run during a deployment (ECS `deployment_maximum_percent`;
   * App Runner also starts the new instances before it stops the old ones), 100-200.
   * @default 200
   */
  readonly deploymentMaximumPercent?: number;
  /** Connections each task keeps in its pool (e.g. `DB_POOL_SIZE`), at least 1. */
  readonly poolSize: number;
  /**
   * Name of the setting behind `maxTasks`, quoted in the message.
   * @default "maxTasks"
   */
  readonly maxTasksSetting?: string;
  /**
   * Name of the setting behind `poolSize`, quoted in the message.
   * @default "poolSize"
   */
  readonly poolSizeSetting?: string;
}

/** Options for {@link checkConnectionCapacity}. */
export interface ConnectionCapacityOptions {
  /**
   * `error` refuses to synthesize; `warn` adds a warning annotation (printed by `cdktf synth`)
   * and carries on.
   * @default "error"
   */
  readonly onExceed?: "error" | "warn";
  /**
   * Connections used outside these demands (operators, migrations, the admin task).
   * @default 2
   */
  readonly otherConnections?: number;
}

/** The numbers behind a capacity check. */
export interface ConnectionCapacityResult {
  /** Connections the demands can open at once (deployments included) plus `otherConnections`. */
  readonly peak: number;
  /** `max_connections` minus the reserved slots. */
  readonly available: number;
  /** Whether `peak` fits in `available`. */
  readonly fits: boolean;
}

/**
 * Compare the most connections the clients can open at once, during a rolling deployment
 * (`floor(maxTasks × deploymentMaximumPercent / 100) × poolSize` per client, plus
 * `otherConnections`), with what the database admits (`maxConnections - reserved`). Refuses,
 * or warns, naming every setting involved. Demands with token values are skipped.
 */
export function checkConnectionCapacity(
  scope: IConstruct,
  limits: { readonly maxConnections: number; readonly reservedConnections: number; readonly setting: string },
  demands: readonly ConnectionDemand[],
  options: ConnectionCapacityOptions = {},
): ConnectionCapacityResult {
  const onExceed = options.onExceed ?? "error";
  if (onExceed !== "error" && onExceed !== "warn") fail(scope, "checkConnectionCapacity onExceed", 'must be "error" or "warn"', onExceed);
  const other = options.otherConnections ?? 2;
  checkIntegerRange(scope, "checkConnectionCapacity otherConnections", other, 0, 100000);
  const parts: string[] = [];
  let peak = other;
  for (const [i, d] of demands.entries()) {
    const prop = `checkConnectionCapacity demands[${i}]`;
    const percent = d.deploymentMaximumPercent ?? 200;
    checkIntegerRange(scope, `${prop}.maxTasks`, d.maxTasks, 1, 100000);
    checkIntegerRange(scope, `${prop}.deploymentMaximumPercent`, percent, 100, 200);
    checkIntegerRange(scope, `${prop}.poolSize`, d.poolSize, 1, 100000);
    if ([d.maxTasks, percent, d.poolSize].some((v) => isToken(v))) continue;
    // ECS rounds the deployment ceiling down to whole tasks.
    const tasks = Math.max(d.maxTasks, Math.floor((d.maxTasks * percent) / 100));
    const connections = tasks * d.poolSize;
    peak += connections;
    parts.push(
      `${d.consumer}: ${d.maxTasksSetting ?? "maxTasks"} ${d.maxTasks} × deployment maximum ${percent} % × ` +
        `${d.poolSizeSetting ?? "poolSize"} ${d.poolSize} = ${connections}`,
    );
  }
  const available = limits.maxConnections - limits.reservedConnections;
  const fits = isToken(limits.maxConnections) || peak <= available;
  if (!fits) {
    const message =
      `${scope.node.path}: database connections may exceed the limit during a deployment: ` +
      `${parts.join(" + ")}${other > 0 ? ` + ${other} other` : ""} = ${peak} connections, but ` +
      `${limits.setting} ${limits.maxConnections} minus ${limits.reservedConnections} reserved ` +
      `(superuser and rds_superuser slots) leaves ${available}. Lower the task maximum or the pool size, ` +
      `raise ${limits.setting} (with a larger instance class), or connect through an RDS Proxy.`;
    if (onExceed === "error") throw new ValidationError(message);
    Annotations.of(scope).addWarning(message);
  }
  return { peak, available, fits };
}
