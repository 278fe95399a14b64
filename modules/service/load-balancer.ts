import { ITerraformDependable, Tokenization } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener, LbListenerDefaultAction } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule, LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { OriginVerifyHeader } from "../core/load-balancer-origin";
import { cloudFrontOriginFacingPrefixListId } from "../core/origin-facing-prefix-list";
import { MetricAlarmSpec } from "../internal/alarms";
import { checkResourceArn } from "../internal/arns";
import { providerRegion } from "../internal/aws-context";
import { checkName, pascalCase, physicalName } from "../internal/naming";
import { checkDomain, checkIntegerRange, checkOneOf, checkPattern, checkUnique, fail, isToken } from "../internal/validate";
import { dnsValidatedCertificate } from "./load-balancer-domain";
import { fargateTargetGroup } from "./target-group";
import type { ServiceRoute, WebServiceProps } from "./web-service";

// The load balancer of a WebService: its props' checks, ingress (anywhere, CloudFront's prefix
// list, or a VPC origin's subnets), the listeners with the certificate and origin verification,
// the extra routes and the alarms. Each part builds in the service's own scope, so construct ids
// and Terraform addresses are the service's (a child construct would move every resource in state).

/** Adds one alarm to the service's alarm topics (the service's `addAlarm`). */
export type AddAlarm = (id: string, severity: "critical" | "warning", spec: Omit<MetricAlarmSpec, "topicArn">) => void;

/** TLS policy of the HTTPS listener: TLS 1.3 and 1.2 with forward-secret ciphers only. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
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

/** The load balancer's props with their defaults, checked against what ELB and ACM accept at apply. */
export function resolveLoadBalancerProps(scope: Construct, props: WebServiceProps) {
  const scheme = props.scheme ?? "internet-facing";
  checkOneOf(scope, "scheme", scheme, ["internet-facing", "internal"]);
  const internal = scheme === "internal";
  const ingress = props.ingress ?? (internal ? "cloudfront" : "anywhere");
  checkOneOf(scope, "ingress", ingress, ["anywhere", "cloudfront"]);
  checkResourceArn(scope, "certificateArn", props.certificateArn, "acmCertificate");
  // An ALB takes certificates of its own region only ("CertificateNotFound" at apply otherwise).
  const region = providerRegion(scope);
  const certificateRegion =
    props.certificateArn !== undefined && !isToken(props.certificateArn) ? props.certificateArn.split(":")[3] : undefined;
  if (region !== undefined && certificateRegion !== undefined && certificateRegion !== region) {
    fail(
      scope,
      "certificateArn",
      `must be an ACM certificate in the stack's AWS provider region ${region} (a load balancer uses certificates of its own region only)`,
      props.certificateArn,
    );
  }
  if (props.domain) {
    checkDomain(scope, "domain.name", props.domain.name);
    checkPattern(
      scope,
      "domain.hostedZoneId",
      props.domain.hostedZoneId,
      /^Z[A-Z0-9]{1,31}$/,
      "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ",
    );
  }
  const https = props.https ?? (props.certificateArn !== undefined || props.domain !== undefined);
  if (https && props.certificateArn === undefined && props.domain === undefined) {
    fail(
      scope,
      "https",
      "needs a certificate: give certificateArn, or domain ({ name, hostedZoneId }) to create a DNS-validated one",
      https,
    );
  }
  if (!https && props.certificateArn !== undefined) {
    fail(scope, "https", "is false but certificateArn is given; drop one of them", https);
  }
  const header = props.originVerifyHeader;
  if (header) {
    // ALB http-header conditions: a header name of at most 40 RFC 7230 token characters.
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_HttpHeaderConditionConfig.html
    checkPattern(
      scope,
      "originVerifyHeader.name",
      header.name,
      /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,40}$/,
      "must be an HTTP header name of 1-40 letters, digits and !#$%&'*+.^_`|~- (no spaces or colons)",
    );
    checkPattern(
      scope,
      "originVerifyHeader.value",
      header.value,
      /^[\x21-\x7e]{16,128}$/,
      "must be 16-128 printable characters (it is a shared secret)",
    );
  }
  const routes = props.routes ?? [];
  if (routes.length > 4) fail(scope, "routes", "may hold at most 4 routes (an ECS service takes 5 target groups)", routes.length);
  checkIntegerRange(scope, "healthCheckGracePeriodSeconds", props.healthCheckGracePeriodSeconds, 0, 2147483647);
  checkIntegerRange(scope, "idleTimeoutSeconds", props.idleTimeoutSeconds, 1, 4000);
  checkIntegerRange(scope, "requestsPerTargetPerMinute", props.requestsPerTargetPerMinute, 1, 1000000);
  if (props.stickinessDurationSeconds !== undefined && props.stickySessions !== true) {
    fail(
      scope,
      "stickinessDurationSeconds",
      "needs stickySessions: true (without it the duration would be ignored)",
      props.stickinessDurationSeconds,
    );
  }
  if (props.accessLogsBucket !== undefined) checkName(scope, "accessLogsBucket", "s3Bucket", props.accessLogsBucket);
  if (props.accessLogsPrefix !== undefined) {
    if (props.accessLogsBucket === undefined) fail(scope, "accessLogsPrefix", "needs accessLogsBucket", props.accessLogsPrefix);
    checkPattern(
      scope,
      "accessLogsPrefix",
      props.accessLogsPrefix,
      /^(?!\/)(?!.*\/$)(?!.*AWSLogs)[\x21-\x7e]+$/,
      "must be printable characters without a leading or trailing / and without AWSLogs (ELB adds AWSLogs/<account>/ itself)",
    );
  }
  const fixedNames = [props.targetGroupName, ...routes.map((r) => r.targetGroupName)].filter(
    (n): n is string => n !== undefined && !isToken(n),
  );
  checkUnique(scope, "targetGroupName and routes[].targetGroupName", fixedNames);
  const dualStack = props.dualStack ?? false;
  checkLoadBalancerSubnets(scope, props, internal, dualStack);
  return { scheme, internal, ingress, https, dualStack, routes };
}

/**
 * ELB's rules for an Application Load Balancer's subnets ("Subnets", CreateLoadBalancer /
 * SetSubnets, Elastic Load Balancing API Reference): subnets from at least two Availability
 * Zones, one subnet per zone; with `dualstack`, subnets with IPv6 CIDR blocks ("IP address
 * types for your Application Load Balancer", Dualstack requirements). All fail only at apply.
 */
function checkLoadBalancerSubnets(scope: Construct, props: WebServiceProps, internal: boolean, dualStack: boolean): void {
  const prop = internal ? "network.privateSubnetIds" : "network.publicSubnetIds";
  const subnets = internal ? props.network.privateSubnetIds : props.network.publicSubnetIds;
  if (!isToken(subnets)) {
    if (subnets.length < 2) {
      const hint = internal
        ? ""
        : subnets.length === 0
          ? ` (the network has no public subnets: give it public subnets, or use scheme "internal" behind a CloudFront VPC origin)`
          : "";
      fail(
        scope,
        prop,
        `must list at least 2 subnets in different availability zones for an ${internal ? "internal" : "internet-facing"} Application Load Balancer${hint}`,
        subnets,
      );
    }
    checkUnique(scope, prop, subnets);
    const azs = props.network.availabilityZones;
    if (!isToken(azs) && azs.length >= subnets.length) {
      const used = azs.slice(0, subnets.length).filter((az) => !isToken(az));
      checkUnique(scope, `network.availabilityZones (of ${prop}: a load balancer takes one subnet per availability zone)`, used);
    }
  }
  if (dualStack && props.network.ipv6Subnets === false) {
    fail(
      scope,
      "dualStack",
      "needs subnets with IPv6 CIDR blocks, and the network's subnets have none (network.ipv6Subnets is false); drop dualStack or give the VPC and subnets IPv6",
      dualStack,
    );
  }
}

/** The Application Load Balancer: invalid headers dropped, deletion protection, access logs when asked. */
export function createLoadBalancer(
  scope: Construct,
  props: WebServiceProps,
  name: string,
  securityGroupId: string,
  internal: boolean,
  dualStack: boolean,
  subnets: string[],
): Lb {
  return new Lb(scope, "LoadBalancer", {
    name: physicalName(scope, "loadBalancer", props.loadBalancerName ?? name, undefined, "loadBalancerName"),
    loadBalancerType: "application",
    internal,
    ipAddressType: dualStack ? "dualstack" : "ipv4",
    subnets,
    securityGroups: [securityGroupId],
    dropInvalidHeaderFields: true,
    enableDeletionProtection: props.deletionProtection ?? true,
    idleTimeout: props.idleTimeoutSeconds ?? 60,
    ...(props.accessLogsBucket
      ? { accessLogs: { bucket: props.accessLogsBucket, prefix: props.accessLogsPrefix ?? name, enabled: true } }
      : {}),
    tags: props.tags,
  });
}

export function openIngress(scope: Construct, sg: string, ingress: "anywhere" | "cloudfront", https: boolean, dualStack: boolean): void {
  if (ingress === "cloudfront") {
    // One data source per stack, shared with the CDN module.
    const prefixListId = cloudFrontOriginFacingPrefixListId(scope);
    const port = https ? 443 : 80;
    new VpcSecurityGroupIngressRule(scope, `CloudFront${port}Ingress`, {
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
      new VpcSecurityGroupIngressRule(scope, `Public${port}${source.cidrIpv6 ? "Ipv6" : ""}Ingress`, {
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

/**
 * A CloudFront VPC origin reaches an internal load balancer from network interfaces CloudFront
 * places in the load balancer's own subnets, with private addresses of those subnets (CloudFront
 * Developer Guide, "Restrict access with VPC origins"). So the serving port admits each of those
 * subnets' CIDR blocks (read with a data source: the ids may come from another stack), and nothing
 * else in the VPC. The managed CloudFront-VPCOrigins-Service-SG would be narrower, but it exists
 * only after the account's first VPC origin, so a first apply could not reference it.
 * A list of subnet ids that is one unresolved token (its length unknown at synth) admits the VPC's range instead.
 */
export function admitVpcOrigin(scope: Construct, sg: string, subnetIds: readonly string[], port: number, vpcCidr: string): void {
  if (Tokenization.reverseList([...subnetIds]) !== undefined) {
    new VpcSecurityGroupIngressRule(scope, `VpcOrigin${port}Ingress`, {
      securityGroupId: sg,
      cidrIpv4: vpcCidr,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: `CloudFront VPC origin (VPC range: subnet count unknown at synth) on ${port}`,
    });
    return;
  }
  subnetIds.forEach((subnetId, i) => {
    const subnet = new DataAwsSubnet(scope, `LoadBalancerSubnet${i}`, { id: subnetId });
    new VpcSecurityGroupIngressRule(scope, `VpcOrigin${port}IngressSubnet${i}`, {
      securityGroupId: sg,
      cidrIpv4: subnet.cidrBlock,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: `CloudFront VPC origin (load balancer subnet ${i + 1}) on ${port}`,
    });
  });
}

/**
 * The certificate (for `domain`, unless `certificateArn` is given) and the listeners. The serving
 * listener forwards, or answers 403 unless the origin header matches (a rule forwards then).
 */
export function createListeners(scope: Construct, props: WebServiceProps, https: boolean, loadBalancerArn: string, targetGroupArn: string) {
  const header = props.originVerifyHeader;
  let certificateArn = props.certificateArn;
  let certificate: AcmCertificate | undefined;
  if (https && certificateArn === undefined && props.domain) {
    const created = dnsValidatedCertificate(scope, props.domain, props.tags);
    certificate = created.certificate;
    certificateArn = created.certificateArn;
  }
  const serve: LbListenerDefaultAction = header
    ? { type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Forbidden", statusCode: "403" } }
    : { type: "forward", targetGroupArn: targetGroupArn };
  const http = new LbListener(scope, "HttpListener", {
    loadBalancerArn: loadBalancerArn,
    port: 80,
    protocol: "HTTP",
    defaultAction: [https ? { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } } : serve],
    tags: props.tags,
  });
  const secure = https
    ? new LbListener(scope, "HttpsListener", {
        loadBalancerArn: loadBalancerArn,
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
      new LbListenerRule(scope, "OriginVerifiedRule", {
        listenerArn: serving.arn,
        priority: ORIGIN_RULE_PRIORITY,
        condition: originHeaderCondition(header),
        action: [{ type: "forward", targetGroupArn: targetGroupArn }],
        tags: props.tags,
      }),
    );
  }
  return { certificate, http, https: secure, waitFor };
}

/** Extra routes, each to its own target group of the same tasks. */
export function addRoutes(
  scope: Construct,
  props: WebServiceProps,
  routes: readonly ServiceRoute[],
  serving: LbListener,
  port: number,
  deregistrationDelaySeconds: number,
  attach: (name: string, targetGroup: LbTargetGroup, rule: LbListenerRule) => void,
): void {
  const headerCondition = originHeaderCondition(props.originVerifyHeader);
  const priorities = new Set<number>();
  const routeNames = new Set<string>();
  for (const [i, route] of routes.entries()) {
    const prop = `routes[${i}]`;
    checkPattern(scope, `${prop}.name`, route.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case letters, digits and single hyphens");
    if (routeNames.has(route.name)) fail(scope, `${prop}.name`, "must be unique", route.name);
    routeNames.add(route.name);
    checkIntegerRange(scope, `${prop}.priority`, route.priority, 1, ORIGIN_RULE_PRIORITY - 1);
    if (priorities.has(route.priority)) fail(scope, `${prop}.priority`, "must be unique among routes", route.priority);
    priorities.add(route.priority);
    const hosts = route.hostHeaders ?? [];
    const paths = route.pathPatterns ?? [];
    if (hosts.length + paths.length === 0) fail(scope, prop, "needs hostHeaders or pathPatterns", route);
    if (hosts.length + paths.length + headerCondition.length > 5) {
      fail(scope, prop, "may match at most 5 values in all (hosts, paths and the origin header)", hosts.length + paths.length);
    }
    for (const p of paths) checkPattern(scope, `${prop}.pathPatterns`, p, PATH_PATTERN, PATH_PATTERN_RULE);
    for (const h of hosts) checkPattern(scope, `${prop}.hostHeaders`, h, HOST_PATTERN, HOST_PATTERN_RULE);
    const pascal = pascalCase(route.name);
    const tg = fargateTargetGroup(scope, `Route${pascal}TargetGroup`, {
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
    const rule = new LbListenerRule(scope, `Route${pascal}Rule`, {
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
    attach(route.name, tg, rule);
  }
}

export function addLoadBalancerAlarms(
  add: AddAlarm,
  name: string,
  loadBalancerArnSuffix: string,
  targetGroupArnSuffix: string,
  mayRunNoTasks: boolean,
): void {
  const dims = { LoadBalancer: loadBalancerArnSuffix, TargetGroup: targetGroupArnSuffix };
  // 5XX the load balancer answers itself (no healthy target, target timeouts and resets, 502/503/
  // 504): HTTPCode_Target_5XX_Count never counts them. The metric has the LoadBalancer dimension
  // only. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
  add("LoadBalancer5xxAlarm", "critical", {
    purpose: "alb-elb-5xx",
    description: `${name}: more than 10 load-balancer-generated 5XX responses (502/503/504) in a minute`,
    namespace: "AWS/ApplicationELB",
    metricName: "HTTPCode_ELB_5XX_Count",
    dimensions: { LoadBalancer: loadBalancerArnSuffix },
    statistic: "Sum",
    comparison: "GreaterThanThreshold",
    threshold: 10,
    periodSeconds: 60,
    evaluationPeriods: 1,
    treatMissingData: "notBreaching",
  });
  if (!mayRunNoTasks) {
    add("NoHealthyHostsAlarm", "critical", {
      purpose: "alb-no-healthy-hosts",
      description: `${name}: no healthy target for 2 minutes (every request gets a 503)`,
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
  add("Target5xxAlarm", "critical", {
    purpose: "alb-5xx",
    description: `${name}: more than 10 target 5XX responses in a minute`,
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
  add("ResponseTimeAlarm", "warning", {
    purpose: "alb-latency",
    description: `${name}: average target response time above 1 s for 5 minutes`,
    namespace: "AWS/ApplicationELB",
    metricName: "TargetResponseTime",
    dimensions: dims,
    comparison: "GreaterThanThreshold",
    threshold: 1,
    periodSeconds: 60,
    evaluationPeriods: 5,
    treatMissingData: "notBreaching",
  });
  add("UnhealthyHostsAlarm", "warning", {
    purpose: "alb-unhealthy-hosts",
    description: `${name}: unhealthy targets for 2 minutes`,
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
