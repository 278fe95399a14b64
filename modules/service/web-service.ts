import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Construct } from "constructs";
import { CdnAppOrigin } from "../core/load-balancer-origin";
import { CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST } from "../core/origin-facing-prefix-list";
import { DashboardSources, OperatorOutput, WebCompute } from "../core/web-compute";
import { WorkloadRole } from "../core/workload-role";
import { allowTcpBetween } from "../internal/connections";
import { isToken } from "../internal/validate";
import { FargateServiceBase, FargateServiceProps } from "./fargate-service-base";
import { LoadBalancerDomain, aliasToLoadBalancer } from "./load-balancer-domain";
import { LoadBalancerOriginRef, OriginVerifyHeader } from "../core/load-balancer-origin";
import { TargetHealthCheck, fargateTargetGroup } from "./target-group";
import {
  addLoadBalancerAlarms,
  addRoutes,
  admitVpcOrigin,
  createListeners,
  createLoadBalancer,
  openIngress,
  resolveLoadBalancerProps,
  TLS_POLICY,
} from "./load-balancer";

export { TLS_POLICY };
/** AWS-managed prefix list of CloudFront's origin-facing addresses. */
export const CLOUDFRONT_ORIGIN_PREFIX_LIST = CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST;

/** An extra listener rule sending matching requests to its own target group (same tasks). */
export interface ServiceRoute {
  /** Lower-case letters, digits, hyphens; part of the construct ids (`Route<Name>`). */
  readonly name: string;
  /** Listener-rule priority, 1-49999 (50000 is the origin-header rule), unique; lower wins. */
  readonly priority: number;
  /**
   * Host names to match, e.g. `api.example.com` or `*.example.com` (up to 128 letters, digits,
   * `-`, `.`, `*`, `?`; a `.` and only letters after the last one). @default - any host
   */
  readonly hostHeaders?: readonly string[];
  /**
   * Path patterns, e.g. `/ws/*` or `*.png` (up to 128 characters: letters, digits,
   * `_-.$/~"'@:+&`, wildcards `*` `?`; starting with `/` or a wildcard). @default - any path
   */
  readonly pathPatterns?: readonly string[];
  /** Load-balancer cookie stickiness for 1 day (e.g. for websockets on `/ws/*`). @default false */
  readonly stickySessions?: boolean;
  /** Health check of this route's target group. @default - the service's `healthCheck` */
  readonly healthCheck?: TargetHealthCheck;
  /** Fixed target group name (at most 32 characters). @default - generated (`name_prefix` "rt-") */
  readonly targetGroupName?: string;
}

/** Props for {@link WebService}. */
export interface WebServiceProps extends FargateServiceProps {
  /** Port the app listens on (1-65535); the target groups and the security group chain use it. @default 3000 */
  readonly containerPort?: number;
  /**
   * `internet-facing`: the load balancer sits in the public subnets with public addresses.
   * `internal`: it sits in the private subnets with no public address and no alias record;
   * nothing on the internet reaches it, CloudFront does through a VPC origin (pass
   * {@link WebService.origin} to `CdnDistribution` as `appOrigin.loadBalancer`).
   * @default "internet-facing"
   */
  readonly scheme?: "internet-facing" | "internal";
  /**
   * Who may reach the load balancer: `anywhere` (80 and 443 from 0.0.0.0/0) or `cloudfront`
   * (only CloudFront's origin-facing prefix list, on 443 with HTTPS or 80 without; the list counts
   * as 55 rules against the security group quota, so only one port is opened). CloudFront VPC
   * origins connect from the same prefix list.
   * @default - "cloudfront" for an internal load balancer, else "anywhere"
   */
  readonly ingress?: "anywhere" | "cloudfront";
  /**
   * Require this header on every request: the serving listener answers 403 without it. A CDN given
   * {@link WebService.origin} sends it, so the value is set in this one place.
   * @default - not required
   */
  readonly originVerifyHeader?: OriginVerifyHeader;
  /** Serve HTTPS on 443 and redirect 80 to it. @default - true when certificateArn or domain is given */
  readonly https?: boolean;
  /**
   * ACM certificate for the HTTPS listener, in the stack's region (checked when both are literals). @default - one is created for `domain`
   */
  readonly certificateArn?: string;
  /**
   * Name and zone for the load balancer: a DNS-validated certificate is created unless
   * `certificateArn` is given, and (internet-facing only) an alias record. The name is the origin
   * host name CloudFront verifies the certificate against.
   * @default - the load balancer's AWS name only
   */
  readonly domain?: LoadBalancerDomain;
  /**
   * Also serve IPv6 (`dualstack`): the load balancer's subnets need IPv6 CIDR blocks, so a
   * network whose `ipv6Subnets` is false (a `Network` construct) is refused.
   * @default false
   */
  readonly dualStack?: boolean;
  /** Load balancer name (at most 32 characters). @default - `name` */
  readonly loadBalancerName?: string;
  /** Refuse to delete the load balancer. @default true */
  readonly deletionProtection?: boolean;
  /** S3 bucket name for access logs (its policy must let ELB write). @default - no access logs */
  readonly accessLogsBucket?: string;
  /**
   * Key prefix of the access logs in `accessLogsBucket` (no leading or trailing `/`, must not
   * contain `AWSLogs`, which ELB appends itself).
   * @default - `name`
   */
  readonly accessLogsPrefix?: string;
  /** Seconds an idle connection stays open (1-4000). @default 60 */
  readonly idleTimeoutSeconds?: number;
  /**
   * The load balancer's health check of the tasks.
   * @default - /api/health every 30 s, timeout 5, healthy 2, unhealthy 3, matcher 200
   */
  readonly healthCheck?: TargetHealthCheck;
  /** Seconds load-balancer health checks are ignored after a task starts (slow Next.js start; 0-2147483647). @default 120 */
  readonly healthCheckGracePeriodSeconds?: number;
  /** Seconds the load balancer drains a deregistering task (0-3600). @default 60 */
  readonly deregistrationDelaySeconds?: number;
  /** Load-balancer cookie stickiness on the main target group. @default false */
  readonly stickySessions?: boolean;
  /** Stickiness duration with `stickySessions` (1-604800 seconds). @default 86400 (1 day) */
  readonly stickinessDurationSeconds?: number;
  /** Fixed main target group name (at most 32 characters). @default - generated (`name_prefix` "app-"), replaced create-before-destroy */
  readonly targetGroupName?: string;
  /** Extra host/path rules to their own target groups (at most 4). @default [] */
  readonly routes?: readonly ServiceRoute[];
  /** Also scale on ALB requests per target per minute (e.g. 2000; 1-1000000). @default - not tracked */
  readonly requestsPerTargetPerMinute?: number;
}

/**
 * A Fargate service behind an Application Load Balancer: HTTPS with an ACM certificate
 * and HTTP→HTTPS redirect, tasks in private subnets reachable only from the load balancer,
 * autoscaling 2-10 on CPU 70 %, optional CloudFront-only ingress and alarms. The load balancer is
 * internet-facing, or internal for a CloudFront VPC origin (`scheme`).
 */
export class WebService extends FargateServiceBase implements WebCompute {
  /** The Application Load Balancer. */
  public readonly loadBalancer: Lb;
  /** The load balancer's security group (ingress 80/443 or CloudFront only; egress to the tasks). */
  public readonly loadBalancerSecurityGroup: SecurityGroup;
  /** The main target group (the service's tasks on the container port). */
  public readonly targetGroup: LbTargetGroup;
  /** Port 80: redirect to HTTPS, or the serving listener without HTTPS. */
  public readonly httpListener: LbListener;
  /** Port 443, when HTTPS is on. */
  public readonly httpsListener?: LbListener;
  /** Target groups of `routes`, by route name. */
  public readonly routeTargetGroups: Record<string, LbTargetGroup> = {};
  /** The certificate created for `domain` (none when `certificateArn` is given). */
  public readonly certificate?: AcmCertificate;
  /** Alias records for `domain`. */
  public readonly aliasRecords: Route53Record[] = [];
  /** The load balancer's DNS name. */
  public readonly dnsName: string;
  /** `https://<domain>`, or `http(s)://<load balancer DNS name>`. */
  public readonly url: string;
  /** `app/<name>/<id>`: the `LoadBalancer` dimension of ALB metrics. */
  public readonly loadBalancerArnSuffix: string;
  /** `targetgroup/<name>/<id>`: the `TargetGroup` dimension of ALB metrics. */
  public readonly targetGroupArnSuffix: string;
  /** Id of {@link loadBalancerSecurityGroup}. */
  public readonly loadBalancerSecurityGroupId: string;
  /** What a CDN needs to reach this load balancer (`CdnDistribution`'s `appOrigin.loadBalancer`). */
  public readonly origin: LoadBalancerOriginRef;

  public constructor(scope: Construct, id: string, props: WebServiceProps) {
    const port = props.containerPort ?? 3000;
    super(scope, id, props, {
      defaultDesiredCount: 2,
      defaultMinCapacity: 2,
      defaultMaxCapacity: 10,
      defaultCpuTargetPercent: 70,
      containerPort: port,
    });
    const name = this.baseName;
    const { scheme, internal, ingress, https, dualStack, routes } = resolveLoadBalancerProps(this, props);
    const header = props.originVerifyHeader;

    // Load balancer and its security group.
    this.loadBalancerSecurityGroup = this.securityGroup("LoadBalancerSecurityGroup", "alb", `Load balancer of ${name}`, props);
    this.loadBalancerSecurityGroupId = this.loadBalancerSecurityGroup.id;
    openIngress(this, this.loadBalancerSecurityGroup.id, ingress, https, dualStack);
    const loadBalancerSubnets = [...(internal ? props.network.privateSubnetIds : props.network.publicSubnetIds)];
    if (internal) admitVpcOrigin(this, this.loadBalancerSecurityGroup.id, loadBalancerSubnets, https ? 443 : 80, props.network.vpcCidr);
    allowTcpBetween(this, "LoadBalancerToService", {
      fromSecurityGroupId: this.loadBalancerSecurityGroup.id,
      toSecurityGroupId: this.serviceSecurityGroupId,
      port,
      description: `Load balancer to ${name} tasks`,
    });
    this.loadBalancer = createLoadBalancer(this, props, name, this.loadBalancerSecurityGroup.id, internal, dualStack, loadBalancerSubnets);
    this.dnsName = this.loadBalancer.dnsName;
    this.loadBalancerArnSuffix = this.loadBalancer.arnSuffix;

    const deregistrationDelaySeconds = props.deregistrationDelaySeconds ?? 60;
    this.targetGroup = fargateTargetGroup(this, "TargetGroup", {
      prop: "healthCheck",
      vpcId: props.network.vpcId,
      port,
      namePrefix: "app-",
      name: props.targetGroupName,
      nameProp: "targetGroupName",
      healthCheck: props.healthCheck,
      deregistrationDelaySeconds,
      stickinessSeconds: props.stickySessions ? (props.stickinessDurationSeconds ?? 86400) : undefined,
      tags: props.tags,
    });
    this.targetGroupArnSuffix = this.targetGroup.arnSuffix;

    const listeners = createListeners(this, props, https, this.loadBalancer.arn, this.targetGroup.arn);
    this.attachToTargetGroup(this.targetGroup.arn, port, listeners.waitFor);
    this.certificate = listeners.certificate;
    this.httpListener = listeners.http;
    this.httpsListener = listeners.https;
    const serving = this.httpsListener ?? this.httpListener;
    addRoutes(this, props, routes, serving, port, deregistrationDelaySeconds, (routeName, targetGroup, rule) => {
      this.routeTargetGroups[routeName] = targetGroup;
      this.attachToTargetGroup(targetGroup.arn, port, [rule]);
    });
    this.service.healthCheckGracePeriodSeconds = props.healthCheckGracePeriodSeconds ?? 120;

    // An internal load balancer gets no public record: CloudFront reaches it through the VPC
    // origin by ARN, and the name only has to match the certificate.
    if (props.domain && !internal) this.aliasRecords.push(...aliasToLoadBalancer(this, props.domain, this.loadBalancer, dualStack));
    const host = props.domain?.name ?? this.dnsName;
    this.url = `${https ? "https" : "http"}://${host}`;
    const publicSubnets = props.network.publicSubnetIds;
    this.origin = {
      constructPath: this.node.path,
      loadBalancerArn: this.loadBalancer.arn,
      dnsName: this.dnsName,
      scheme,
      protocol: https ? "https" : "http",
      port: https ? 443 : 80,
      certificateName: https ? props.domain?.name : undefined,
      originVerifyHeader: header,
      vpcHasInternetGateway: isToken(publicSubnets) ? undefined : publicSubnets.length > 0,
    };

    if (props.requestsPerTargetPerMinute !== undefined) {
      this.addTargetTracking(
        "RequestCountScaling",
        "requests",
        "ALBRequestCountPerTarget",
        props.requestsPerTargetPerMinute,
        props.scaleOutCooldownSeconds ?? 60,
        props.scaleInCooldownSeconds ?? 300,
        `${this.loadBalancerArnSuffix}/${this.targetGroupArnSuffix}`,
      );
    }
    // A service that may run no task at all (minimum or a scheduled minimum of 0) has no healthy
    // target by design then: the no-healthy-target alarm would page every night.
    addLoadBalancerAlarms(
      (...a) => this.addAlarm(...a),
      name,
      this.loadBalancerArnSuffix,
      this.targetGroupArnSuffix,
      (props.minCapacity ?? 2) === 0 || (props.scheduledCapacity ?? []).some((a) => a.minCapacity === 0),
    );
  }

  /** How a CDN reaches this service (`CdnDistribution`'s `appOrigin`): derived from {@link origin}. */
  public get cdnOrigin(): CdnAppOrigin {
    return { loadBalancer: this.origin };
  }

  /** The task role: what the app's code may call. */
  public get appRole(): WorkloadRole {
    return this.taskRole;
  }

  /** The ECS service and its load balancer, for a dashboard. */
  public get dashboardSources(): DashboardSources {
    return {
      services: [{ clusterName: this.clusterName, serviceName: this.serviceName }],
      loadBalancers: [{ loadBalancerArnSuffix: this.loadBalancerArnSuffix, targetGroupArnSuffix: this.targetGroupArnSuffix }],
    };
  }

  /** `ecs_cluster_name`, `ecs_service_name` and `load_balancer_dns_name`. */
  public get operatorOutputs(): Record<string, OperatorOutput> {
    return {
      ecs_cluster_name: { value: this.clusterName, description: "ECS cluster" },
      ecs_service_name: { value: this.serviceName, description: "ECS service" },
      load_balancer_dns_name: { value: this.dnsName, description: "Load balancer DNS name" },
    };
  }
}
