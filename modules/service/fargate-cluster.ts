import { ITerraformDependable } from "cdktf";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { Construct, IConstruct } from "constructs";
import { physicalName } from "../internal/naming";
import { checkIntegerRange, checkOneOf, checkTags, fail } from "../internal/validate";

/** The two Fargate capacity providers every {@link FargateCluster} offers. */
export type FargateCapacityProvider = "FARGATE" | "FARGATE_SPOT";

/** One entry of a capacity provider strategy. */
export interface CapacityProviderWeight {
  /** `FARGATE` (on-demand) or `FARGATE_SPOT` (up to ~70 % cheaper, may be interrupted with 2 minutes' notice). */
  readonly capacityProvider: FargateCapacityProvider;
  /**
   * Relative share of the tasks beyond `base` (0-1000).
   * @default 1
   */
  readonly weight?: number;
  /**
   * Tasks always placed on this provider before weights apply (0-100000); only one entry may set it.
   * @default 0
   */
  readonly base?: number;
}

/** All tasks on on-demand Fargate (prod). */
export const ON_DEMAND_CAPACITY: readonly CapacityProviderWeight[] = [{ capacityProvider: "FARGATE", weight: 1 }];
/** All tasks on Fargate Spot (dev, staging, interruptible workers). */
export const SPOT_CAPACITY: readonly CapacityProviderWeight[] = [{ capacityProvider: "FARGATE_SPOT", weight: 1 }];

/**
 * What a service needs of a cluster. {@link FargateCluster} implements it, and so does a plain
 * object read from remote state (without `dependable`).
 */
export interface ClusterRef {
  /** Cluster name. */
  readonly clusterName: string;
  /** Cluster ARN (what the service's `cluster` argument takes). */
  readonly clusterArn: string;
  /**
   * A resource services must be created after (the capacity provider association, without which
   * a service using FARGATE_SPOT is rejected).
   * @default - none
   */
  readonly dependable?: ITerraformDependable;
}

/** Props for {@link FargateCluster}. */
export interface FargateClusterProps {
  /** Physical cluster name, e.g. `shop-prod` (letters, digits, - and _, up to 255). */
  readonly name: string;
  /**
   * CloudWatch Container Insights level. `enhanced` adds task- and container-level metrics (costs more).
   * @default "enabled"
   */
  readonly containerInsights?: "enabled" | "enhanced";
  /**
   * Strategy for tasks of services that set none. Services of this library always set their own.
   * @default ON_DEMAND_CAPACITY (all on FARGATE)
   */
  readonly defaultCapacityProviderStrategy?: readonly CapacityProviderWeight[];
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/** Validate a capacity provider strategy and render it in the provider's shape. */
export function renderCapacityStrategy(
  scope: IConstruct,
  prop: string,
  strategy: readonly CapacityProviderWeight[],
): { capacityProvider: string; weight: number; base: number }[] {
  if (strategy.length === 0 || strategy.length > 2) {
    fail(scope, prop, "must list one or two capacity providers (FARGATE, FARGATE_SPOT)", strategy);
  }
  const seen = new Set<string>();
  for (const [i, entry] of strategy.entries()) {
    checkOneOf(scope, `${prop}[${i}].capacityProvider`, entry.capacityProvider, ["FARGATE", "FARGATE_SPOT"]);
    if (seen.has(entry.capacityProvider)) fail(scope, prop, "must not repeat a capacity provider", entry.capacityProvider);
    seen.add(entry.capacityProvider);
    checkIntegerRange(scope, `${prop}[${i}].weight`, entry.weight, 0, 1000);
    checkIntegerRange(scope, `${prop}[${i}].base`, entry.base, 0, 100000);
  }
  if (strategy.filter((e) => (e.base ?? 0) > 0).length > 1) {
    fail(scope, prop, "may set base on one capacity provider only", strategy);
  }
  if (strategy.every((e) => (e.weight ?? 1) === 0)) {
    fail(scope, prop, "needs at least one capacity provider with a weight above 0", strategy);
  }
  return strategy.map((e) => ({ capacityProvider: e.capacityProvider, weight: e.weight ?? 1, base: e.base ?? 0 }));
}

/**
 * An ECS cluster for Fargate services: Container Insights on, both FARGATE and FARGATE_SPOT
 * associated, and a default strategy (on-demand unless told otherwise).
 */
export class FargateCluster extends Construct implements ClusterRef {
  /** The ECS cluster. */
  public readonly cluster: EcsCluster;
  /** The capacity provider association (services depend on it). */
  public readonly capacityProviders: EcsClusterCapacityProviders;
  /** Cluster name (ECS/ContainerInsights alarm dimension, `aws ecs` commands). */
  public readonly clusterName: string;
  /** Cluster ARN. */
  public readonly clusterArn: string;
  /** The capacity provider association: services wait for it. */
  public readonly dependable: ITerraformDependable;

  public constructor(scope: Construct, id: string, props: FargateClusterProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    const insights = props.containerInsights ?? "enabled";
    checkOneOf(this, "containerInsights", insights, ["enabled", "enhanced"]);
    const strategy = renderCapacityStrategy(
      this,
      "defaultCapacityProviderStrategy",
      props.defaultCapacityProviderStrategy ?? ON_DEMAND_CAPACITY,
    );

    this.cluster = new EcsCluster(this, "Cluster", {
      name: physicalName(this, "ecs", props.name),
      setting: [{ name: "containerInsights", value: insights }],
      tags: props.tags,
    });
    this.capacityProviders = new EcsClusterCapacityProviders(this, "CapacityProviders", {
      clusterName: this.cluster.name,
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
      defaultCapacityProviderStrategy: strategy,
    });
    this.clusterName = this.cluster.name;
    this.clusterArn = this.cluster.arn;
    this.dependable = this.capacityProviders;
  }
}
