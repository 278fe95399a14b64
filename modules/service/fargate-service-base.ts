import { ITerraformDependable, Lazy, dependable } from "cdktf";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { EcsService, EcsServiceLoadBalancer } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Construct } from "constructs";
import { DatabaseRef } from "../core/database-ref";
import { WorkloadRole } from "../core/workload-role";
import { MetricAlarmSpec, metricAlarm } from "../internal/alarms";
import { awsContext } from "../internal/aws-context";
import { Connections, connectable } from "../core/connections";
import { pascalCase as idPart, physicalName } from "../internal/naming";
import {
  checkIntegerRange,
  checkKmsKeyArn,
  checkLogRetention,
  checkMinMax,
  checkOneOf,
  checkPattern,
  checkTags,
  fail,
  isToken,
} from "../internal/validate";
import { checkKmsKeyInStackRegion } from "../internal/region-checks";
import { AlarmTopics, checkAlarmTopics } from "../core/alarm-topics";
import { NetworkRef } from "../core/network-ref";
import { suppress } from "../core/suppressions";
import { ContainerSettings, checkTaskEgress, containerDefinitions, executionStatements, imageOf } from "./container";
import { CapacityProviderWeight, ClusterRef, ON_DEMAND_CAPACITY, renderCapacityStrategy } from "./fargate-cluster";
import { checkFargateSize } from "./fargate-size";
import { checkSchedule, checkTimeZone } from "./schedule";
import { OneOffTask, OneOffTaskOptions } from "./one-off-task";

/** A scheduled change of the scaling bounds, e.g. staging scaled to zero at night. */
export interface ScheduledCapacity {
  /** Lower-case letters, digits and hyphens, e.g. `night`; part of the action's name and construct id. */
  readonly name: string;
  /**
   * `cron(0 19 ? * MON-FRI *)` (six fields: minutes hours day-of-month month day-of-week year,
   * with `?` in day-of-month or day-of-week), `rate(1 day)` or `at(2030-01-01T00:00:00)`.
   */
  readonly schedule: string;
  /** IANA time zone of the schedule, e.g. `Europe/Berlin`. @default "UTC" */
  readonly timezone?: string;
  /** New minimum task count (0 allowed). */
  readonly minCapacity: number;
  /** New maximum task count. */
  readonly maxCapacity: number;
}

/**
 * Props shared by {@link WebService} and {@link WorkerService}: the task, its IAM, logging,
 * placement and scaling.
 */
export interface FargateServiceProps extends ContainerSettings {
  /**
   * Name of the service, task family, roles (`<name>-execution`, `<name>-task`), security group
   * and alarms; the log group is `/ecs/<name>`. Usually `<project>-<environment>[-<purpose>]`.
   */
  readonly name: string;
  /** The cluster to run in. */
  readonly cluster: ClusterRef;
  /** Tasks run in its private subnets, without public IPs (or in its public subnets, see `assignPublicIp`). */
  readonly network: NetworkRef;
  /**
   * Run tasks in the network's public subnets with a public IPv4 address each, so they reach ECR,
   * CloudWatch Logs and the internet without a NAT (about $3.65 a month per task instead of
   * $33+ per NAT gateway). Inbound traffic is still limited by the service's security group (a
   * web service admits only its load balancer). For non-production: the policy rule
   * ECS-NO-PUBLIC-IP is suppressed with that reason, and the production tier refuses the suppression.
   * @default false
   */
  readonly assignPublicIp?: boolean;
  /**
   * Task CPU units (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384.
   * @default 512
   */
  readonly cpu?: number;
  /**
   * Task memory in MiB; must be a Fargate combination with `cpu`.
   * @default 1024
   */
  readonly memoryMiB?: number;
  /**
   * CPU architecture of the task (the image must be built for it, or be multi-arch). ARM64
   * (Graviton) costs about 20 % less and runs on FARGATE and FARGATE_SPOT (platform 1.4.0+).
   * @default "X86_64"
   */
  readonly cpuArchitecture?: "X86_64" | "ARM64";
  /**
   * Where tasks run. FARGATE_SPOT is cheaper but may be interrupted.
   * @default ON_DEMAND_CAPACITY
   */
  readonly capacityProviderStrategy?: readonly CapacityProviderWeight[];
  /**
   * Tasks at creation; afterwards autoscaling owns the count (Terraform ignores `desired_count`).
   * @default - 2 for web services, 1 for workers, kept within [minCapacity, maxCapacity]
   */
  readonly desiredCount?: number;
  /** Lowest task count autoscaling may set (0-5000). @default - 2 for web services, 1 for workers */
  readonly minCapacity?: number;
  /** Highest task count autoscaling may set (1-5000, ECS's tasks-per-service quota). @default - 10 for web services, 5 for workers */
  readonly maxCapacity?: number;
  /** Target average CPU utilization, percent (1-100). @default - 70 for web services, 60 for workers */
  readonly cpuTargetPercent?: number;
  /** Also track average memory utilization at this percent (1-100). @default - not tracked (80 is a good value) */
  readonly memoryTargetPercent?: number;
  /** Seconds after a scale-out before the next one (0-3600). @default 60 */
  readonly scaleOutCooldownSeconds?: number;
  /** Seconds after a scale-in before the next one (0-3600). @default 300 */
  readonly scaleInCooldownSeconds?: number;
  /** Scheduled changes of the scaling bounds, applied one after the other. @default [] */
  readonly scheduledCapacity?: readonly ScheduledCapacity[];
  /**
   * Allow `aws ecs execute-command` into tasks (the task role gets the ssmmessages actions,
   * which have no resource-level permissions). The SSM agent writes to the container's
   * filesystem, so this cannot be combined with `readonlyRootFilesystem`.
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * Who deploys new images. `terraform`: the image comes from these props. `pipeline`: CI
   * registers task definition revisions (latest revision of the family with a new image) and
   * updates the service; Terraform then ignores the service's `task_definition` and keeps
   * old revisions (`skip_destroy`). See the README for the contract.
   * @default "terraform"
   */
  readonly imageManagedBy?: "terraform" | "pipeline";
  /** Days CloudWatch keeps the logs (one of the values CloudWatch offers). @default 30 */
  readonly logRetentionDays?: number;
  /**
   * KMS key ARN for the log group (its policy must admit the logs service).
   * @default - CloudWatch Logs' own encryption
   */
  readonly logsKmsKeyArn?: string;
  /** Create the service's alarms (CPU, memory, running tasks), notifying these topics. @default - no alarms */
  readonly alarms?: AlarmTopics;
  /** Extra tags on the resources. @default {} */
  readonly tags?: Record<string, string>;
}

/** What differs between a web service and a worker, decided by the subclass. */
export interface ServiceKind {
  /** Tasks at creation when `desiredCount` is not given. */
  readonly defaultDesiredCount: number;
  /** `minCapacity` when not given. */
  readonly defaultMinCapacity: number;
  /** `maxCapacity` when not given. */
  readonly defaultMaxCapacity: number;
  /** `cpuTargetPercent` when not given. */
  readonly defaultCpuTargetPercent: number;
  /** The port the container listens on. @default - no port mapping */
  readonly containerPort?: number;
}

/** ECS's tasks-per-service quota (not adjustable). */
const MAX_TASKS_PER_SERVICE = 5000;

/**
 * The machinery a web service and a worker share: log group, execution and task roles, task
 * definition, security group, ECS service, autoscaling and the ECS alarms. Not used directly.
 */
export abstract class FargateServiceBase extends Construct {
  /** The ECS service. */
  public readonly service: EcsService;
  /** The task definition (family `<name>`). */
  public readonly taskDefinition: EcsTaskDefinition;
  /** Used by ECS to pull the image, write logs and read the secrets. */
  public readonly executionRole: WorkloadRole;
  /** Assumed by the app: grant it what the code calls (`grantReadSecrets`, `grantInvokeBedrock`, ...). */
  public readonly taskRole: WorkloadRole;
  /** `/ecs/<name>`. */
  public readonly logGroup: CloudwatchLogGroup;
  /** The tasks' security group (egress 443; more via `connectToDatabase`). */
  public readonly serviceSecurityGroup: SecurityGroup;
  /** Application Auto Scaling target of the service's desired count. */
  public readonly scalableTarget: AppautoscalingTarget;
  /** The cluster's name (for `aws ecs` commands and outputs). */
  public readonly clusterName: string;
  /** The service's name (for `aws ecs` commands and outputs). */
  public readonly serviceName: string;
  /** Id of {@link serviceSecurityGroup}. */
  public readonly serviceSecurityGroupId: string;
  /** Alarms created (empty without `alarms`). */
  public readonly alarms: CloudwatchMetricAlarm[] = [];
  /** The container port (undefined for a worker without one). */
  public readonly containerPort?: number;
  /** Network paths of the tasks: `service.connections.allowTo(database)`. */
  public readonly connections: Connections;
  protected readonly baseName: string;
  protected readonly alarmTopics?: AlarmTopics;
  private readonly loadBalancers: EcsServiceLoadBalancer[] = [];
  /** Variables added after construction ({@link addEnvironment}). */
  private readonly addedEnvironment: Record<string, string> = {};
  /** Variables given in the props, which addEnvironment() must not silently replace. */
  private readonly givenEnvironment: Readonly<Record<string, string>>;
  /** What the service waits for besides its roles' policies (each listed once in depends_on). */
  private readonly serviceDependencies = new Set<ITerraformDependable>();
  /** What {@link addOneOffTask} reuses: the app container's settings and where tasks run. */
  private readonly taskSettings: {
    props: FargateServiceProps;
    image: string;
    region: string;
    cpu: number;
    memory: number;
    architecture: string;
    assignPublicIp: boolean;
  };
  private readonly oneOffPurposes = new Set<string>();

  protected constructor(scope: Construct, id: string, props: FargateServiceProps, kind: ServiceKind) {
    super(scope, id);
    this.givenEnvironment = props.environment ?? {};
    checkTags(this, "tags", props.tags);
    const name = physicalName(this, "ecs", props.name);
    this.baseName = name;
    checkAlarmTopics(this, "alarms", props.alarms);
    this.alarmTopics = props.alarms;
    this.containerPort = kind.containerPort;
    const settings = this.resolveSettings(props, kind);
    const { cpu, memory, architecture, assignPublicIp, exec, image, region } = settings;

    this.logGroup = new CloudwatchLogGroup(this, "LogGroup", {
      name: physicalName(this, "logGroup", `/ecs/${name}`),
      retentionInDays: settings.retention,
      kmsKeyId: props.logsKmsKeyArn,
      tags: props.tags,
    });

    this.executionRole = new WorkloadRole(this, "ExecutionRole", {
      name: `${name}-execution`,
      assumedBy: "ecs-tasks.amazonaws.com",
      description: `ECS task execution role of ${name}: image pull, logs, secrets`,
      tags: props.tags,
    });
    this.executionRole.addToPolicy(executionStatements(props, this.logGroup.arn));

    this.taskRole = new WorkloadRole(this, "TaskRole", {
      name: `${name}-task`,
      assumedBy: "ecs-tasks.amazonaws.com",
      description: `Task role of ${name}: what the app itself may call`,
      tags: props.tags,
    });
    if (exec) {
      this.taskRole.addToPolicy([
        {
          sid: "EcsExec",
          actions: [
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
          ],
          resources: ["*"],
        },
      ]);
    }

    this.taskSettings = { props, image, region, cpu, memory, architecture, assignPublicIp };
    const pipeline = settings.imageManagedBy === "pipeline";
    const renderContainers = (): string =>
      containerDefinitions(
        this,
        { ...props, environment: { ...props.environment, ...this.addedEnvironment } },
        {
          image,
          port: kind.containerPort,
          logGroupName: this.logGroup.name,
          region,
          taskCpu: cpu,
          taskMemoryMiB: memory,
        },
      );
    this.taskDefinition = this.fargateTaskDefinition("TaskDefinition", name, cpu, memory, renderContainers, { skipDestroy: pipeline });
    this.acceptWritableRootFilesystems(props);

    this.serviceSecurityGroup = this.securityGroup("SecurityGroup", "service", `ECS tasks of ${name}`, props);
    this.serviceSecurityGroupId = this.serviceSecurityGroup.id;
    this.connections = new Connections({
      securityGroupId: this.serviceSecurityGroup.id,
      defaultPort: kind.containerPort,
      label: `${name} tasks`,
      owner: this,
    });
    new VpcSecurityGroupEgressRule(this, "HttpsEgress", {
      securityGroupId: this.serviceSecurityGroup.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS to AWS APIs and external services",
    });

    this.service = this.createService(props, settings, pipeline);
    this.serviceName = this.service.name;
    this.clusterName = props.cluster.clusterName;

    // No role_arn: Application Auto Scaling uses its service-linked role and a set value drifts.
    this.scalableTarget = new AppautoscalingTarget(this, "ScalableTarget", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${this.clusterName}/${this.service.name}`,
      minCapacity: settings.min,
      maxCapacity: settings.max,
      tags: props.tags,
      // Scheduled actions move min/max (e.g. to 0 at night): Terraform must not move them back.
      lifecycle:
        props.scheduledCapacity && props.scheduledCapacity.length > 0 ? { ignoreChanges: ["min_capacity", "max_capacity"] } : undefined,
    });
    const { scaleOut, scaleIn } = settings;
    this.addTargetTracking("CpuScaling", "cpu", "ECSServiceAverageCPUUtilization", settings.cpuTarget, scaleOut, scaleIn);
    if (props.memoryTargetPercent !== undefined) {
      this.addTargetTracking("MemoryScaling", "memory", "ECSServiceAverageMemoryUtilization", props.memoryTargetPercent, scaleOut, scaleIn);
    }
    this.addScheduledCapacity(props.scheduledCapacity ?? []);
    if (props.alarms) this.addServiceAlarms(props.alarms);
  }

  /** The task and service settings with their defaults, checked against what ECS accepts at apply. */
  private resolveSettings(props: FargateServiceProps, kind: ServiceKind) {
    // The scalable target's resource id is service/<cluster name>/<service name>: an ARN there fails at apply.
    // https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html (ResourceId)
    checkPattern(
      this,
      "cluster.clusterName",
      props.cluster.clusterName,
      /^[A-Za-z0-9_-]{1,255}$/,
      "must be the cluster's name (letters, digits, - and _), not its ARN",
    );
    const cpu = props.cpu ?? 512;
    const memory = props.memoryMiB ?? 1024;
    checkFargateSize(this, cpu, memory);
    const architecture = props.cpuArchitecture ?? "X86_64";
    checkOneOf(this, "cpuArchitecture", architecture, ["X86_64", "ARM64"]);
    const imageManagedBy = props.imageManagedBy ?? "terraform";
    checkOneOf(this, "imageManagedBy", imageManagedBy, ["terraform", "pipeline"]);
    const retention = props.logRetentionDays ?? 30;
    checkLogRetention(this, "logRetentionDays", retention);

    const min = props.minCapacity ?? kind.defaultMinCapacity;
    const max = props.maxCapacity ?? kind.defaultMaxCapacity;
    // ECS runs at most 5,000 tasks per service (a fixed quota).
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html
    checkIntegerRange(this, "minCapacity", min, 0, MAX_TASKS_PER_SERVICE);
    checkIntegerRange(this, "maxCapacity", max, 1, MAX_TASKS_PER_SERVICE);
    checkMinMax(this, "minCapacity", min, "maxCapacity", max);
    const desired = props.desiredCount ?? Math.min(Math.max(kind.defaultDesiredCount, min), max);
    checkIntegerRange(this, "desiredCount", desired, 0, MAX_TASKS_PER_SERVICE);
    if (!isToken(desired) && (desired < min || desired > max)) {
      fail(this, "desiredCount", `must be within [minCapacity, maxCapacity] = [${min}, ${max}]`, desired);
    }
    const cpuTarget = props.cpuTargetPercent ?? kind.defaultCpuTargetPercent;
    checkIntegerRange(this, "cpuTargetPercent", cpuTarget, 1, 100);
    checkIntegerRange(this, "memoryTargetPercent", props.memoryTargetPercent, 1, 100);
    const scaleOut = props.scaleOutCooldownSeconds ?? 60;
    const scaleIn = props.scaleInCooldownSeconds ?? 300;
    checkIntegerRange(this, "scaleOutCooldownSeconds", scaleOut, 0, 3600);
    checkIntegerRange(this, "scaleInCooldownSeconds", scaleIn, 0, 3600);
    const strategy = renderCapacityStrategy(this, "capacityProviderStrategy", props.capacityProviderStrategy ?? ON_DEMAND_CAPACITY);
    // FARGATE_SPOT runs ARM64 Linux tasks on platform version 1.4.0 or later (ECS API reference,
    // CapacityProviderStrategyItem); services here use LATEST, which is 1.4.0.
    const assignPublicIp = props.assignPublicIp ?? false;
    if (assignPublicIp && !isToken(props.network.publicSubnetIds) && props.network.publicSubnetIds.length === 0) {
      fail(this, "assignPublicIp", "needs public subnets in the network (publicSubnetIds is empty)", assignPublicIp);
    }
    const exec = props.enableExecuteCommand ?? false;
    if (exec && props.readonlyRootFilesystem) {
      fail(
        this,
        "enableExecuteCommand",
        "needs a writable root filesystem (the SSM agent ECS Exec injects writes to it); set readonlyRootFilesystem to false or leave ECS Exec off",
        exec,
      );
    }
    checkKmsKeyArn(this, "logsKmsKeyArn", props.logsKmsKeyArn, "CloudWatch Logs encrypts with key ARNs only");
    for (const [i, key] of (props.secretsKmsKeyArns ?? []).entries()) {
      checkKmsKeyArn(
        this,
        `secretsKmsKeyArns[${i}]`,
        key,
        "the execution role is granted kms:Decrypt on it, and IAM authorizes Decrypt on the key, not on an alias",
      );
    }
    checkKmsKeyInStackRegion(this, "logsKmsKeyArn", props.logsKmsKeyArn, "CloudWatch Logs");
    const image = imageOf(this, props);
    // Tasks with a public IP in the public subnets reach ECR and the internet through the internet gateway.
    if (!assignPublicIp) checkTaskEgress(this, props, image, props.network.privateSubnetEgress);
    const { region } = awsContext(this);
    return {
      cpu,
      memory,
      architecture,
      imageManagedBy,
      retention,
      min,
      max,
      desired,
      cpuTarget,
      scaleOut,
      scaleIn,
      strategy,
      assignPublicIp,
      exec,
      image,
      region,
    };
  }

  /**
   * A writable root filesystem given explicitly is a choice (the app writes files), not an
   * oversight: accepted on every task definition of the service (one-off tasks run the app too).
   */
  private acceptWritableRootFilesystems(props: FargateServiceProps): void {
    for (const [container, readonly] of [
      ["app", props.readonlyRootFilesystem],
      ...(props.sidecars ?? []).map((c) => [c.name, c.readonlyRootFilesystem] as const),
    ] as const) {
      if (readonly === false) {
        const reason = `readonlyRootFilesystem: false given explicitly for container ${container} (it writes to its filesystem)`;
        suppress(this, "ECS-READ-ONLY-ROOT-FS", reason, { subject: container, applyToChildren: true, optional: true });
      }
    }
  }

  private createService(
    props: FargateServiceProps,
    settings: ReturnType<FargateServiceBase["resolveSettings"]>,
    pipeline: boolean,
  ): EcsService {
    const { assignPublicIp } = settings;
    const service = new EcsService(this, "Service", {
      name: this.baseName,
      cluster: props.cluster.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: settings.desired,
      capacityProviderStrategy: settings.strategy,
      platformVersion: "LATEST",
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      networkConfiguration: {
        subnets: [...(assignPublicIp ? props.network.publicSubnetIds : props.network.privateSubnetIds)],
        securityGroups: [this.serviceSecurityGroup.id],
        assignPublicIp,
      },
      enableExecuteCommand: settings.exec,
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      lifecycle: { ignoreChanges: pipeline ? ["desired_count", "task_definition"] : ["desired_count"] },
      tags: props.tags,
    });
    if (props.cluster.dependable) this.serviceDependencies.add(props.cluster.dependable);
    if (assignPublicIp) {
      suppress(
        service,
        "ECS-NO-PUBLIC-IP",
        "assignPublicIp: tasks run in public subnets with a public IP instead of paying for a NAT (non-production); the service security group still admits only its load balancer",
      );
    }
    // ECS checks nothing about the roles when the service is created, but the first tasks pull
    // the image, write logs and read secrets with the execution role at once: started before its
    // policy has propagated they fail, and the deployment circuit breaker rolls back. Wait for the
    // execution and task roles' inline policies (grants added after this constructor included).
    service.dependsOn = Lazy.listValue({
      produce: () => {
        const policies = [this.executionRole.grantsPolicy, this.taskRole.grantsPolicy].filter(
          (p): p is NonNullable<typeof p> => p !== undefined,
        );
        return [...this.serviceDependencies, ...policies].map((d) => dependable(d));
      },
    });
    return service;
  }

  /** CPU and memory alarms, and running-below-desired. */
  private addServiceAlarms(topics: AlarmTopics): void {
    const name = this.baseName;
    const dims = { ClusterName: this.clusterName, ServiceName: name };
    for (const [metric, word, threshold] of [
      ["CPUUtilization", "cpu", 80],
      ["MemoryUtilization", "memory", 85],
    ] as const) {
      this.addAlarm(`${word === "cpu" ? "Cpu" : "Memory"}Alarm`, "critical", {
        purpose: `${word}-high`,
        description: `${name}: average ${word} above ${threshold} % for 5 minutes`,
        namespace: "AWS/ECS",
        metricName: metric,
        dimensions: dims,
        comparison: "GreaterThanThreshold",
        threshold,
        periodSeconds: 60,
        evaluationPeriods: 5,
      });
    }
    this.alarms.push(this.runningBelowDesiredAlarm(dims, topics.warningTopicArn));
  }

  /**
   * Open the database's port from this service: egress on the service's group and ingress on
   * the database's group, in one call. Calling it again for the same group and port does
   * nothing (AWS rejects duplicate rules).
   */
  public connectToDatabase(db: DatabaseRef): void {
    this.connections.allowTo(connectable(db, "database"));
  }

  /**
   * Add a plain environment variable to the app container after construction (e.g. a URL known
   * only once the CDN exists). Checked like `environment` when the stack is synthesized.
   */
  public addEnvironment(name: string, value: string): void {
    if (this.addedEnvironment[name] !== undefined) fail(this, `addEnvironment(${name})`, "was already added", name);
    const given = this.givenEnvironment[name];
    if (given !== undefined) {
      fail(this, `addEnvironment(${name})`, `would replace environment.${name} given as ${JSON.stringify(given)}; keep one of them`, value);
    }
    this.addedEnvironment[name] = value;
  }

  /**
   * A one-off task definition (family `<name>-<purpose>`) on this service's image, environment
   * (added variables included), secrets, execution and task roles and log group, running
   * `command` in the `app` container (no port, health check or sidecars). Run it with
   * `runSettings` in the service's subnets and security group (the database already admits it):
   * Heroku's release phase, e.g. migrations before a deployment.
   */
  public addOneOffTask(id: string, options: OneOffTaskOptions): OneOffTask {
    const { props, image, region, assignPublicIp } = this.taskSettings;
    checkPattern(
      this,
      "addOneOffTask purpose",
      options.purpose,
      /^[a-z][a-z0-9-]{0,19}$/,
      "must be 1-20 lower-case letters, digits or hyphens",
    );
    if (this.oneOffPurposes.has(options.purpose)) fail(this, "addOneOffTask purpose", "must be unique per service", options.purpose);
    this.oneOffPurposes.add(options.purpose);
    if (options.command.length === 0)
      fail(this, "addOneOffTask command", 'must name what to run, e.g. ["npx", "prisma", "migrate", "deploy"]', options.command);
    const cpu = options.cpu ?? this.taskSettings.cpu;
    const memory = options.memoryMiB ?? this.taskSettings.memory;
    checkFargateSize(this, cpu, memory);
    const settings: ContainerSettings = { ...props, sidecars: [], containerHealthCheck: undefined, command: options.command };
    const render = (): string =>
      containerDefinitions(
        this,
        { ...settings, environment: { ...props.environment, ...this.addedEnvironment } },
        { image, logGroupName: this.logGroup.name, region, taskCpu: cpu, taskMemoryMiB: memory },
      );
    const taskDefinition = this.fargateTaskDefinition(id, physicalName(this, "ecs", this.baseName, options.purpose), cpu, memory, render);
    // A run right after apply must find the roles able to pull, log and read the secrets.
    taskDefinition.dependsOn = Lazy.listValue({
      produce: () =>
        [this.executionRole.grantsPolicy, this.taskRole.grantsPolicy].filter((p) => p !== undefined).map((p) => dependable(p!)),
    });
    return {
      taskDefinition,
      runSettings: {
        cluster: this.clusterName,
        task_definition: taskDefinition.arn,
        subnets: [...(assignPublicIp ? props.network.publicSubnetIds : props.network.privateSubnetIds)],
        security_groups: [this.serviceSecurityGroupId],
        assign_public_ip: assignPublicIp ? "ENABLED" : "DISABLED",
        log_group: this.logGroup.name,
        container: "app",
        command: [...options.command],
      },
    };
  }

  /**
   * A Fargate task definition of this service's roles and architecture; the containers are
   * rendered at synth (so that addEnvironment() can still add variables) and checked now.
   */
  private fargateTaskDefinition(
    id: string,
    family: string,
    cpu: number,
    memory: number,
    render: () => string,
    extra: { skipDestroy?: boolean } = {},
  ): EcsTaskDefinition {
    render();
    return new EcsTaskDefinition(this, id, {
      family,
      cpu: String(cpu),
      memory: String(memory),
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: this.taskSettings.architecture },
      executionRoleArn: this.executionRole.roleArn,
      taskRoleArn: this.taskRole.roleArn,
      containerDefinitions: Lazy.stringValue({ produce: () => render() }),
      skipDestroy: extra.skipDestroy,
      tags: this.taskSettings.props.tags,
    });
  }

  /** A security group `<name>-<purpose>` in the service's VPC, without rules. */
  protected securityGroup(id: string, purpose: string, description: string, props: FargateServiceProps): SecurityGroup {
    const name = physicalName(this, "securityGroup", this.baseName, purpose);
    return new SecurityGroup(this, id, { name, description, vpcId: props.network.vpcId, tags: { ...props.tags, Name: name } });
  }

  /**
   * Register the container in a target group; the service is created after `dependsOn`
   * (each resource listed once, however often it is passed).
   */
  protected attachToTargetGroup(targetGroupArn: string, port: number, dependsOn: readonly ITerraformDependable[]): void {
    this.loadBalancers.push({ targetGroupArn, containerName: "app", containerPort: port });
    this.service.putLoadBalancer([...this.loadBalancers]);
    for (const d of dependsOn) this.serviceDependencies.add(d);
  }

  /** A target-tracking policy on the service's scalable target. */
  protected addTargetTracking(
    id: string,
    purpose: string,
    metric: string,
    target: number,
    scaleOutCooldown: number,
    scaleInCooldown: number,
    resourceLabel?: string,
  ): AppautoscalingPolicy {
    return new AppautoscalingPolicy(this, id, {
      name: physicalName(this, "generic", this.baseName, purpose),
      policyType: "TargetTrackingScaling",
      serviceNamespace: this.scalableTarget.serviceNamespace,
      scalableDimension: this.scalableTarget.scalableDimension,
      resourceId: this.scalableTarget.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: target,
        scaleOutCooldown,
        scaleInCooldown,
        predefinedMetricSpecification: { predefinedMetricType: metric, ...(resourceLabel ? { resourceLabel } : {}) },
      },
    });
  }

  /** A metric alarm on the critical or warning topic (no-op without `alarms`). */
  protected addAlarm(id: string, severity: "critical" | "warning", spec: Omit<MetricAlarmSpec, "topicArn">): void {
    if (!this.alarmTopics) return;
    const topicArn = severity === "critical" ? this.alarmTopics.criticalTopicArn : this.alarmTopics.warningTopicArn;
    this.alarms.push(metricAlarm(this, id, this.baseName, { ...spec, topicArn }));
  }

  private addScheduledCapacity(actions: readonly ScheduledCapacity[]): void {
    let previous: AppautoscalingScheduledAction | undefined;
    const names = new Set<string>();
    for (const [i, a] of actions.entries()) {
      const prop = `scheduledCapacity[${i}]`;
      checkPattern(this, `${prop}.name`, a.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case letters, digits and single hyphens");
      if (names.has(a.name)) fail(this, `${prop}.name`, "must be unique", a.name);
      names.add(a.name);
      checkSchedule(this, `${prop}.schedule`, a.schedule);
      checkTimeZone(this, `${prop}.timezone`, a.timezone);
      checkIntegerRange(this, `${prop}.minCapacity`, a.minCapacity, 0, MAX_TASKS_PER_SERVICE);
      checkIntegerRange(this, `${prop}.maxCapacity`, a.maxCapacity, 0, MAX_TASKS_PER_SERVICE);
      checkMinMax(this, `${prop}.minCapacity`, a.minCapacity, `${prop}.maxCapacity`, a.maxCapacity);
      // One at a time: concurrent changes to one scalable target fail with ConcurrentUpdateException.
      previous = new AppautoscalingScheduledAction(this, `Schedule${idPart(a.name)}`, {
        name: physicalName(this, "generic", this.baseName, a.name),
        serviceNamespace: this.scalableTarget.serviceNamespace,
        scalableDimension: this.scalableTarget.scalableDimension,
        resourceId: this.scalableTarget.resourceId,
        schedule: a.schedule,
        timezone: a.timezone ?? "UTC",
        scalableTargetAction: { minCapacity: String(a.minCapacity), maxCapacity: String(a.maxCapacity) },
        dependsOn: previous ? [previous] : undefined,
      });
    }
  }

  /**
   * Running < desired for 5 minutes, from Container Insights (metric math: desired - running > 0).
   * A scale-to-zero service reports 0/0 and stays OK.
   */
  private runningBelowDesiredAlarm(dims: Record<string, string>, topicArn: string): CloudwatchMetricAlarm {
    const metric = (id: string, metricName: string) => ({
      id,
      metric: { namespace: "ECS/ContainerInsights", metricName, dimensions: dims, period: 60, stat: "Average" },
      returnData: false,
    });
    return new CloudwatchMetricAlarm(this, "RunningTasksAlarm", {
      alarmName: physicalName(this, "cloudwatch", this.baseName, "running-below-desired"),
      alarmDescription: `${this.baseName}: fewer tasks running than desired for 5 minutes`,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      evaluationPeriods: 5,
      treatMissingData: "notBreaching",
      metricQuery: [
        metric("running", "RunningTaskCount"),
        metric("desired", "DesiredTaskCount"),
        { id: "missing", expression: "desired - running", label: "Tasks missing", returnData: true },
      ],
      alarmActions: [topicArn],
      okActions: [topicArn],
    });
  }
}
