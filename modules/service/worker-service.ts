import { Construct } from "constructs";
import { FargateServiceBase, FargateServiceProps } from "./fargate-service-base";

/** Props for {@link WorkerService}. */
export interface WorkerServiceProps extends FargateServiceProps {
  /**
   * A port the container listens on (e.g. a metrics endpoint). Nothing is opened to it.
   * @default - no port mapping
   */
  readonly containerPort?: number;
}

/**
 * A Fargate service without a load balancer (e.g. a queue worker): the same task, IAM,
 * logging, scaling and alarm machinery as {@link WebService}. Defaults: 1 task, scaling 1-5 on
 * average CPU 60 %.
 */
export class WorkerService extends FargateServiceBase {
  public constructor(scope: Construct, id: string, props: WorkerServiceProps) {
    super(scope, id, props, {
      defaultDesiredCount: 1,
      defaultMinCapacity: 1,
      defaultMaxCapacity: 5,
      defaultCpuTargetPercent: 60,
      containerPort: props.containerPort,
    });
  }
}
