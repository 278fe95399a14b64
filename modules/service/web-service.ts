import { ITerraformDependable, Tokenization } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener, LbListenerDefaultAction } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule, LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { CdnAppOrigin } from "../core/load-balancer-origin";
import { CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST, cloudFrontOriginFacingPrefixListId } from "../core/origin-facing-prefix-list";
import { DashboardSources, OperatorOutput, WebCompute } from "../core/web-compute";
import { WorkloadRole } from "../core/workload-role";
import { providerRegion } from "../internal/aws-context";
import { allowTcpBetween } from "../internal/connections";
import { checkName, pascalCase, physicalName } from "../internal/naming";
import { checkDomain, checkIntegerRange, checkOneOf, checkPattern, checkUnique, fail, isToken } from "../internal/validate";
import { FargateServiceBase, FargateServiceProps } from "./fargate-service-base";
import { LoadBalancerDomain, aliasToLoadBalancer, dnsValidatedCertificate } from "./load-balancer-domain";
import { LoadBalancerOriginRef, OriginVerifyHeader } from "../core/load-balancer-origin";
import { TargetHealthCheck, fargateTargetGroup } from "./target-group";
import { checkResourceArn } from "../internal/arns";

/** TLS policy of the HTTPS listener: TLS 1.3 and 1.2 with forward-secret ciphers only. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
/** AWS-managed prefix list of CloudFront's origin-facing addresses. */
export const CLOUDFRONT_ORIGIN_PREFIX_LIST = CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST;
/**
 * Listener-rule path patterns: at most 128 of A-Z a-z 0-9 _ - . $ / ~ " ' @ : + & (or &amp;) and
 * the wildcards * and ?. A request path always starts with /, so a pattern starting otherwise
 * than with / or a wildcard (`api/*`) never matches: refused as well.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html#path-conditions
 */
const PATH_PATTERN = /^(?=.{1,128}$)[/*?](?:[A-Za-z0-9_\-.$/~"'@:+*?]|&(?:amp;)?)*$/;
const PATH_PATTERN_RULE =
  "must be at most 128 characters of letters, digits, _ - . $ / ~ \" ' @ : + & and the wildcards * ?, starting with / or a wildcard (e.g. /ws/* or *.png)";
/**
 * Listener-rule host names: at most 128 of A-Z a-z 0-9 - . and the wildcards * ?, with at least
 * one "." and only letters after the last one.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html#host-conditions
 */
const HOST_PATTERN = /^(?=.{1,128}$)[A-Za-z0-9\-.*?]*\.[A-Za-z]+$/;
const HOST_PATTERN_RULE =
  "must be a host name of at most 128 letters, digits, - . and the wildcards * ?, with at least one . and only letters after the last one (e.g. api.example.com or *.example.com)";
/** Listener-rule priority of the origin-header rule: after every extra route. */
const ORIGIN_RULE_PRIORITY = 50000;

/** The listener-rule condition every serving rule adds: the origin header, when one is required. */
function originHeaderCondition(header: OriginVerifyHeader | undefined): LbListenerRuleCondition[] {
  return header ? [{ httpHeader: { httpHeaderName: header.name, values: [header.value] } }] : [];
}

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
  /** ACM certificate for the HTTPS listener, in the stack's region (checked when both are literals). @default - one is created for `domain` */
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
    const { scheme, internal, ingress, https, dualStack, routes } = this.resolveLoadBalancerProps(props);
    const header = props.originVerifyHeader;

    // Load balancer and its security group.
    this.loadBalancerSecurityGroup = this.securityGroup("LoadBalancerSecurityGroup", "alb", `Load balancer of ${name}`, props);
    this.loadBalancerSecurityGroupId = this.loadBalancerSecurityGroup.id;
    this.openIngress(ingress, https, dualStack);
    const loadBalancerSubnets = [...(internal ? props.network.privateSubnetIds : props.network.publicSubnetIds)];
    if (internal) this.admitVpcOrigin(loadBalancerSubnets, https ? 443 : 80, props.network.vpcCidr);
    allowTcpBetween(this, "LoadBalancerToService", {
      fromSecurityGroupId: this.loadBalancerSecurityGroup.id,
      toSecurityGroupId: this.serviceSecurityGroupId,
      port,
      description: `Load balancer to ${name} tasks`,
    });
    this.loadBalancer = this.createLoadBalancer(props, internal, dualStack, loadBalancerSubnets);
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

    const listeners = this.createListeners(props, https, port);
    this.certificate = listeners.certificate;
    this.httpListener = listeners.http;
    this.httpsListener = listeners.https;
    const serving = this.httpsListener ?? this.httpListener;
    this.addRoutes(props, routes, serving, port, deregistrationDelaySeconds);
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
    this.addLoadBalancerAlarms((props.minCapacity ?? 2) === 0 || (props.scheduledCapacity ?? []).some((a) => a.minCapacity === 0));
  }

  /** The load balancer's props with their defaults, checked against what ELB and ACM accept at apply. */
  private resolveLoadBalancerProps(props: WebServiceProps) {
    const scheme = props.scheme ?? "internet-facing";
    checkOneOf(this, "scheme", scheme, ["internet-facing", "internal"]);
    const internal = scheme === "internal";
    const ingress = props.ingress ?? (internal ? "cloudfront" : "anywhere");
    checkOneOf(this, "ingress", ingress, ["anywhere", "cloudfront"]);
    checkResourceArn(this, "certificateArn", props.certificateArn, "acmCertificate");
    // An ALB takes certificates of its own region only ("CertificateNotFound" at apply otherwise).
    const region = providerRegion(this);
    const certificateRegion = props.certificateArn !== undefined && !isToken(props.certificateArn) ? props.certificateArn.split(":")[3] : undefined;
    if (region !== undefined && certificateRegion !== undefined && certificateRegion !== region) {
      fail(this, "certificateArn", `must be an ACM certificate in the stack's AWS provider region ${region} (a load balancer uses certificates of its own region only)`, props.certificateArn);
    }
    if (props.domain) {
      checkDomain(this, "domain.name", props.domain.name);
      checkPattern(this, "domain.hostedZoneId", props.domain.hostedZoneId, /^Z[A-Z0-9]{1,31}$/, "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ");
    }
    const https = props.https ?? (props.certificateArn !== undefined || props.domain !== undefined);
    if (https && props.certificateArn === undefined && props.domain === undefined) {
      fail(this, "https", "needs a certificate: give certificateArn, or domain ({ name, hostedZoneId }) to create a DNS-validated one", https);
    }
    if (!https && props.certificateArn !== undefined) {
      fail(this, "https", "is false but certificateArn is given; drop one of them", https);
    }
    const header = props.originVerifyHeader;
    if (header) {
      // ALB http-header conditions: a header name of at most 40 RFC 7230 token characters.
      // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_HttpHeaderConditionConfig.html
      checkPattern(this, "originVerifyHeader.name", header.name, /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,40}$/, "must be an HTTP header name of 1-40 letters, digits and !#$%&'*+.^_`|~- (no spaces or colons)");
      checkPattern(this, "originVerifyHeader.value", header.value, /^[\x21-\x7e]{16,128}$/, "must be 16-128 printable characters (it is a shared secret)");
    }
    const routes = props.routes ?? [];
    if (routes.length > 4) fail(this, "routes", "may hold at most 4 routes (an ECS service takes 5 target groups)", routes.length);
    checkIntegerRange(this, "healthCheckGracePeriodSeconds", props.healthCheckGracePeriodSeconds, 0, 2147483647);
    checkIntegerRange(this, "idleTimeoutSeconds", props.idleTimeoutSeconds, 1, 4000);
    checkIntegerRange(this, "requestsPerTargetPerMinute", props.requestsPerTargetPerMinute, 1, 1000000);
    if (props.stickinessDurationSeconds !== undefined && props.stickySessions !== true) {
      fail(this, "stickinessDurationSeconds", "needs stickySessions: true (without it the duration would be ignored)", props.stickinessDurationSeconds);
    }
    if (props.accessLogsBucket !== undefined) checkName(this, "accessLogsBucket", "s3Bucket", props.accessLogsBucket);
    if (props.accessLogsPrefix !== undefined) {
      if (props.accessLogsBucket === undefined) fail(this, "accessLogsPrefix", "needs accessLogsBucket", props.accessLogsPrefix);
      checkPattern(this, "accessLogsPrefix", props.accessLogsPrefix, /^(?!\/)(?!.*\/$)(?!.*AWSLogs)[\x21-\x7e]+$/, "must be printable characters without a leading or trailing / and without AWSLogs (ELB adds AWSLogs/<account>/ itself)");
    }
    const fixedNames = [props.targetGroupName, ...routes.map((r) => r.targetGroupName)].filter((n): n is string => n !== undefined && !isToken(n));
    checkUnique(this, "targetGroupName and routes[].targetGroupName", fixedNames);
    const dualStack = props.dualStack ?? false;
    this.checkLoadBalancerSubnets(props, internal, dualStack);
    return { scheme, internal, ingress, https, dualStack, routes };
  }

  private createLoadBalancer(props: WebServiceProps, internal: boolean, dualStack: boolean, subnets: string[]): Lb {
    const name = this.baseName;
    return new Lb(this, "LoadBalancer", {
      name: physicalName(this, "loadBalancer", props.loadBalancerName ?? name, undefined, "loadBalancerName"),
      loadBalancerType: "application",
      internal,
      ipAddressType: dualStack ? "dualstack" : "ipv4",
      subnets,
      securityGroups: [this.loadBalancerSecurityGroup.id],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection ?? true,
      idleTimeout: props.idleTimeoutSeconds ?? 60,
      ...(props.accessLogsBucket
        ? { accessLogs: { bucket: props.accessLogsBucket, prefix: props.accessLogsPrefix ?? name, enabled: true } }
        : {}),
      tags: props.tags,
    });
  }

  /**
   * The certificate (for `domain`, unless `certificateArn` is given) and the listeners. The serving
   * listener forwards, or answers 403 unless the origin header matches (a rule forwards then).
   */
  private createListeners(props: WebServiceProps, https: boolean, port: number) {
    const header = props.originVerifyHeader;
    let certificateArn = props.certificateArn;
    let certificate: AcmCertificate | undefined;
    if (https && certificateArn === undefined && props.domain) {
      const created = dnsValidatedCertificate(this, props.domain, props.tags);
      certificate = created.certificate;
      certificateArn = created.certificateArn;
    }
    const serve: LbListenerDefaultAction = header
      ? { type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Forbidden", statusCode: "403" } }
      : { type: "forward", targetGroupArn: this.targetGroup.arn };
    const http = new LbListener(this, "HttpListener", {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [
        https ? { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } } : serve,
      ],
      tags: props.tags,
    });
    const secure = https
      ? new LbListener(this, "HttpsListener", {
          loadBalancerArn: this.loadBalancer.arn,
          port: 443,
          protocol: "HTTPS",
          sslPolicy: TLS_POLICY,
          certificateArn,
          defaultAction: [serve],
          tags: props.tags,
        })
      : undefined;
    const serving = secure ?? http;
    const waitFor: ITerraformDependable[] = serving === http ? [serving] : [http, serving];
    if (header) {
      waitFor.push(
        new LbListenerRule(this, "OriginVerifiedRule", {
          listenerArn: serving.arn,
          priority: ORIGIN_RULE_PRIORITY,
          condition: originHeaderCondition(header),
          action: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
          tags: props.tags,
        }),
      );
    }
    this.attachToTargetGroup(this.targetGroup.arn, port, waitFor);
    return { certificate, http, https: secure };
  }

  /** Extra routes, each to its own target group of the same tasks. */
  private addRoutes(props: WebServiceProps, routes: readonly ServiceRoute[], serving: LbListener, port: number, deregistrationDelaySeconds: number): void {
    const headerCondition = originHeaderCondition(props.originVerifyHeader);
    const priorities = new Set<number>();
    const routeNames = new Set<string>();
    for (const [i, route] of routes.entries()) {
      const prop = `routes[${i}]`;
      checkPattern(this, `${prop}.name`, route.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case letters, digits and single hyphens");
      if (routeNames.has(route.name)) fail(this, `${prop}.name`, "must be unique", route.name);
      routeNames.add(route.name);
      checkIntegerRange(this, `${prop}.priority`, route.priority, 1, ORIGIN_RULE_PRIORITY - 1);
      if (priorities.has(route.priority)) fail(this, `${prop}.priority`, "must be unique among routes", route.priority);
      priorities.add(route.priority);
      const hosts = route.hostHeaders ?? [];
      const paths = route.pathPatterns ?? [];
      if (hosts.length + paths.length === 0) fail(this, prop, "needs hostHeaders or pathPatterns", route);
      if (hosts.length + paths.length + headerCondition.length > 5) {
        fail(this, prop, "may match at most 5 values in all (hosts, paths and the origin header)", hosts.length + paths.length);
      }
      for (const p of paths) checkPattern(this, `${prop}.pathPatterns`, p, PATH_PATTERN, PATH_PATTERN_RULE);
      for (const h of hosts) checkPattern(this, `${prop}.hostHeaders`, h, HOST_PATTERN, HOST_PATTERN_RULE);
      const pascal = pascalCase(route.name);
      const tg = fargateTargetGroup(this, `Route${pascal}TargetGroup`, {
        prop: `${prop}.healthCheck`,
        vpcId: props.network.vpcId,
        port,
        namePrefix: "rt-",
        name: route.targetGroupName,
        nameProp: `${prop}.targetGroupName`,
        healthCheck: route.healthCheck ?? props.healthCheck,
        deregistrationDelaySeconds,
        stickinessSeconds: route.stickySessions ? 86400 : undefined,
        tags: props.tags,
      });
      this.routeTargetGroups[route.name] = tg;
      const rule = new LbListenerRule(this, `Route${pascal}Rule`, {
        listenerArn: serving.arn,
        priority: route.priority,
        condition: [
          ...(hosts.length > 0 ? [{ hostHeader: { values: [...hosts] } }] : []),
          ...(paths.length > 0 ? [{ pathPattern: { values: [...paths] } }] : []),
          ...headerCondition,
        ],
        action: [{ type: "forward", targetGroupArn: tg.arn }],
        tags: props.tags,
      });
      this.attachToTargetGroup(tg.arn, port, [rule]);
    }
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

  /**
   * ELB's rules for an Application Load Balancer's subnets ("Subnets", CreateLoadBalancer /
   * SetSubnets, Elastic Load Balancing API Reference): subnets from at least two Availability
   * Zones, one subnet per zone; with `dualstack`, subnets with IPv6 CIDR blocks ("IP address
   * types for your Application Load Balancer", Dualstack requirements). All fail only at apply.
   */
  private checkLoadBalancerSubnets(props: WebServiceProps, internal: boolean, dualStack: boolean): void {
    const prop = internal ? "network.privateSubnetIds" : "network.publicSubnetIds";
    const subnets = internal ? props.network.privateSubnetIds : props.network.publicSubnetIds;
    if (!isToken(subnets)) {
      if (subnets.length < 2) {
        const hint = internal ? "" : subnets.length === 0 ? ` (the network has no public subnets: give it public subnets, or use scheme "internal" behind a CloudFront VPC origin)` : "";
        fail(this, prop, `must list at least 2 subnets in different availability zones for an ${internal ? "internal" : "internet-facing"} Application Load Balancer${hint}`, subnets);
      }
      checkUnique(this, prop, subnets);
      const azs = props.network.availabilityZones;
      if (!isToken(azs) && azs.length >= subnets.length) {
        const used = azs.slice(0, subnets.length).filter((az) => !isToken(az));
        checkUnique(this, `network.availabilityZones (of ${prop}: a load balancer takes one subnet per availability zone)`, used);
      }
    }
    if (dualStack && props.network.ipv6Subnets === false) {
      fail(this, "dualStack", "needs subnets with IPv6 CIDR blocks, and the network's subnets have none (network.ipv6Subnets is false); drop dualStack or give the VPC and subnets IPv6", dualStack);
    }
  }

  /**
   * A CloudFront VPC origin reaches an internal load balancer from network interfaces CloudFront
   * places in the load balancer's own subnets, with private addresses of those subnets (CloudFront
   * Developer Guide, "Restrict access with VPC origins"). So the serving port admits each of those
   * subnets' CIDR blocks (read with a data source: the ids may come from another stack), and nothing
   * else in the VPC. The managed CloudFront-VPCOrigins-Service-SG would be narrower, but it exists
   * only after the account's first VPC origin, so a first apply could not reference it.
   * A list of subnet ids that is one unresolved token (its length unknown at synth) admits the VPC's range instead.
   */
  private admitVpcOrigin(subnetIds: readonly string[], port: number, vpcCidr: string): void {
    const sg = this.loadBalancerSecurityGroup.id;
    if (Tokenization.reverseList([...subnetIds]) !== undefined) {
      new VpcSecurityGroupIngressRule(this, `VpcOrigin${port}Ingress`, {
        securityGroupId: sg, cidrIpv4: vpcCidr, ipProtocol: "tcp", fromPort: port, toPort: port,
        description: `CloudFront VPC origin (VPC range: subnet count unknown at synth) on ${port}`,
      });
      return;
    }
    subnetIds.forEach((subnetId, i) => {
      const subnet = new DataAwsSubnet(this, `LoadBalancerSubnet${i}`, { id: subnetId });
      new VpcSecurityGroupIngressRule(this, `VpcOrigin${port}IngressSubnet${i}`, {
        securityGroupId: sg,
        cidrIpv4: subnet.cidrBlock,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `CloudFront VPC origin (load balancer subnet ${i + 1}) on ${port}`,
      });
    });
  }

  private openIngress(ingress: "anywhere" | "cloudfront", https: boolean, dualStack: boolean): void {
    const sg = this.loadBalancerSecurityGroup.id;
    if (ingress === "cloudfront") {
      // One data source per stack, shared with the CDN module.
      const prefixListId = cloudFrontOriginFacingPrefixListId(this);
      const port = https ? 443 : 80;
      new VpcSecurityGroupIngressRule(this, `CloudFront${port}Ingress`, {
        securityGroupId: sg,
        prefixListId,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `CloudFront origin-facing on ${port}`,
      });
      return;
    }
    const sources = dualStack ? [{ cidrIpv4: "0.0.0.0/0" }, { cidrIpv6: "::/0" }] : [{ cidrIpv4: "0.0.0.0/0" }];
    for (const port of https ? [80, 443] : [80]) {
      for (const source of sources) {
        new VpcSecurityGroupIngressRule(this, `Public${port}${source.cidrIpv6 ? "Ipv6" : ""}Ingress`, {
          securityGroupId: sg,
          ...source,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          description: `${port === 443 ? "HTTPS" : "HTTP"} from anywhere`,
        });
      }
    }
  }

  private addLoadBalancerAlarms(mayRunNoTasks: boolean): void {
    const dims = { LoadBalancer: this.loadBalancerArnSuffix, TargetGroup: this.targetGroupArnSuffix };
    // 5XX the load balancer answers itself (no healthy target, target timeouts and resets, 502/503/
    // 504): HTTPCode_Target_5XX_Count never counts them. The metric has the LoadBalancer dimension
    // only. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
    this.addAlarm("LoadBalancer5xxAlarm", "critical", {
      purpose: "alb-elb-5xx",
      description: `${this.baseName}: more than 10 load-balancer-generated 5XX responses (502/503/504) in a minute`,
      namespace: "AWS/ApplicationELB",
      metricName: "HTTPCode_ELB_5XX_Count",
      dimensions: { LoadBalancer: this.loadBalancerArnSuffix },
      statistic: "Sum",
      comparison: "GreaterThanThreshold",
      threshold: 10,
      periodSeconds: 60,
      evaluationPeriods: 1,
      treatMissingData: "notBreaching",
    });
    if (!mayRunNoTasks) {
      this.addAlarm("NoHealthyHostsAlarm", "critical", {
        purpose: "alb-no-healthy-hosts",
        description: `${this.baseName}: no healthy target for 2 minutes (every request gets a 503)`,
        namespace: "AWS/ApplicationELB",
        metricName: "HealthyHostCount",
        dimensions: dims,
        statistic: "Minimum",
        comparison: "LessThanThreshold",
        threshold: 1,
        periodSeconds: 60,
        evaluationPeriods: 2,
        // No data points while the target group has no target registered at all: that is the outage too.
        treatMissingData: "breaching",
      });
    }
    this.addAlarm("Target5xxAlarm", "critical", {
      purpose: "alb-5xx",
      description: `${this.baseName}: more than 10 target 5XX responses in a minute`,
      namespace: "AWS/ApplicationELB",
      metricName: "HTTPCode_Target_5XX_Count",
      dimensions: dims,
      statistic: "Sum",
      comparison: "GreaterThanThreshold",
      threshold: 10,
      periodSeconds: 60,
      evaluationPeriods: 1,
      treatMissingData: "notBreaching",
    });
    this.addAlarm("ResponseTimeAlarm", "warning", {
      purpose: "alb-latency",
      description: `${this.baseName}: average target response time above 1 s for 5 minutes`,
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      dimensions: dims,
      comparison: "GreaterThanThreshold",
      threshold: 1,
      periodSeconds: 60,
      evaluationPeriods: 5,
      treatMissingData: "notBreaching",
    });
    this.addAlarm("UnhealthyHostsAlarm", "warning", {
      purpose: "alb-unhealthy-hosts",
      description: `${this.baseName}: unhealthy targets for 2 minutes`,
      namespace: "AWS/ApplicationELB",
      metricName: "UnHealthyHostCount",
      dimensions: dims,
      statistic: "Maximum",
      comparison: "GreaterThanThreshold",
      threshold: 0,
      periodSeconds: 60,
      evaluationPeriods: 2,
    });
  }
}
