import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { CdnAppOrigin } from "./load-balancer-origin";
import { IConnectable } from "./connections";
import { WorkloadRole } from "./workload-role";

/** An ECS service to chart (e.g. a `FargateService`'s names). */
export interface DashboardEcsService {
  /** ECS cluster name. */
  readonly clusterName: string;
  /** ECS service name. */
  readonly serviceName: string;
}

/** An Application Load Balancer to chart. */
export interface DashboardLoadBalancer {
  /** The ALB's `arn_suffix` (`app/<name>/<id>`), the value of the `LoadBalancer` dimension. */
  readonly loadBalancerArnSuffix: string;
  /**
   * The target group's `arn_suffix` (`targetgroup/<name>/<id>`): adds a healthy/unhealthy hosts widget.
   * @default - no target health widget
   */
  readonly targetGroupArnSuffix?: string;
}

/** An App Runner service to chart. */
export interface DashboardAppRunnerService {
  /** App Runner service name. */
  readonly serviceName: string;
  /** App Runner service id (the `service_id` attribute, 32 hex characters). */
  readonly serviceId: string;
}

/** A value operators need after `apply` (a stack turns these into outputs). */
export interface OperatorOutput {
  /** The value (usually a reference). */
  readonly value: string;
  /** What it is for. */
  readonly description: string;
}

/** What a compute contributes to an operations dashboard. */
export interface DashboardSources {
  /** ECS services. @default [] */
  readonly services?: readonly DashboardEcsService[];
  /** Load balancers. @default [] */
  readonly loadBalancers?: readonly DashboardLoadBalancer[];
  /** App Runner services. @default [] */
  readonly appRunnerServices?: readonly DashboardAppRunnerService[];
}

/**
 * What every way of running the web app offers, so that the CDN, grants, the dashboard and
 * outputs never ask which kind it is: {@link WebService} (ECS Fargate behind a load balancer)
 * and {@link AppRunnerService} implement it.
 */
export interface WebCompute extends IConnectable {
  /** The role the app's code runs as: grant it what the code calls. */
  readonly appRole: WorkloadRole;
  /** Where the compute itself answers (the load balancer or the App Runner URL). */
  readonly url: string;
  /**
   * How a CDN must reach the app: host name, protocol (matching the listener and certificate the
   * compute serves) and the headers the compute requires. Pass it as `CdnDistribution`'s `appOrigin`.
   */
  readonly cdnOrigin: CdnAppOrigin;
  /** Alarms the compute created (empty without alarm topics). */
  readonly alarms: readonly CloudwatchMetricAlarm[];
  /** What to chart on a dashboard. */
  readonly dashboardSources: DashboardSources;
  /** Names operators need (cluster and service, or App Runner URL and ARN), by output name. */
  readonly operatorOutputs: Readonly<Record<string, OperatorOutput>>;
  /**
   * Add a plain environment variable after construction, e.g. the URL of a CDN created later
   * (the variable is rendered at synth, so no construction cycle).
   */
  addEnvironment(name: string, value: string): void;
}
