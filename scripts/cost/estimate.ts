/**
 * Offline monthly cost estimate of one synthesized stack (cdk.tf.json): walks its resources,
 * prices each kind with {@link PRICES} and the {@link Assumptions} (traffic, storage, Spot
 * discount), and returns itemized lines. Pure: no files, no network, so tests feed it JSON.
 */
import {
  EC2_INSTANCE_HOUR,
  ELASTICACHE_NODE_HOUR,
  ELASTICACHE_SERVERLESS,
  HOURS_PER_MONTH,
  PRICES,
  PRICES_DATE,
  PRICES_REGION,
  RDS_INSTANCE_HOUR,
  RDS_INSTANCE_VCPUS,
} from "./prices";

/** What the estimate cannot read from the stack: usage, before any real traffic. */
export interface Assumptions {
  /** Hours in a month. */
  readonly hoursPerMonth: number;
  /** Fargate Spot's discount against on-demand (AWS quotes "up to 70 %"; it varies). */
  readonly spotDiscount: number;
  /** GB per month through each NAT (gateway or instance): image pulls, OS updates, API calls. */
  readonly natDataGbPerMonth: number;
  /** Average load balancer capacity units (one LCU: 25 new connections/s, 1 GB/h, ...). */
  readonly albLcus: number;
  /** GB ingested per month into each CloudWatch log group. */
  readonly logGbPerGroupPerMonth: number;
  /** GB stored in each S3 bucket and each ECR repository. */
  readonly storageGbPerBucket: number;
  /** Requests per month through each WAF web ACL, in millions. */
  readonly wafRequestsMillions: number;
  /** Hours per month App Runner instances are active (serving requests); idle hours bill memory only. */
  readonly appRunnerActiveHoursPerMonth: number;
  /** Container Insights (standard) custom metrics per cluster and per service. */
  readonly containerInsightsMetrics: { readonly perCluster: number; readonly perService: number };
  /** Root volume of an EC2 instance whose size the stack leaves to its AMI, GiB. */
  readonly defaultRootVolumeGiB: number;
  /** GB held by each serverless cache (billed at least the engine's minimum). */
  readonly cacheServerlessDataGb: number;
  /** Millions of ECPUs each serverless cache uses per month (a small GET or SET is about 1 ECPU). */
  readonly cacheServerlessEcpuMillions: number;
}

/** The checked-in assumptions: a small environment, at its minimum size, before real traffic. */
export const DEFAULT_ASSUMPTIONS: Assumptions = {
  hoursPerMonth: HOURS_PER_MONTH,
  spotDiscount: 0.7,
  natDataGbPerMonth: 5,
  albLcus: 0.1,
  logGbPerGroupPerMonth: 0.2,
  storageGbPerBucket: 1,
  wafRequestsMillions: 0.1,
  appRunnerActiveHoursPerMonth: 60,
  containerInsightsMetrics: { perCluster: 8, perService: 11 },
  defaultRootVolumeGiB: 8,
  cacheServerlessDataGb: 0.1,
  cacheServerlessEcpuMillions: 100,
};

/** One priced item: a resource kind (or a part of one) with its quantity and monthly cost. */
export interface CostLine {
  /** What is charged, e.g. "NAT gateway (hours)". */
  readonly item: string;
  /** The Terraform resource type it comes from. */
  readonly resourceType: string;
  /** How many (resources, tasks, GB, ...) and of what. */
  readonly quantity: number;
  /** How the monthly cost was computed, e.g. "2 × 730 h × $0.045". */
  readonly detail: string;
  /** USD per month. */
  readonly monthlyUsd: number;
}

/** The estimate of one stack. */
export interface CostEstimate {
  readonly stack: string;
  /** Lines with a cost, largest first. */
  readonly lines: readonly CostLine[];
  /** Sum of the lines, USD per month. */
  readonly totalUsd: number;
  /** Managed resources (what HCP Terraform's free tier counts); data sources excluded. */
  readonly resourceCount: number;
  /** Resource types found in the stack that this estimator neither prices nor knows to be free. */
  readonly unpriced: readonly string[];
  readonly assumptions: Assumptions;
}

/** The parts of a synthesized stack the estimator reads. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, any>>;
}

/** Resource types with no charge of their own (their cost, if any, shows up elsewhere). */
const FREE = new Set([
  "aws_acm_certificate",
  "aws_acm_certificate_validation",
  "aws_appautoscaling_policy",
  "aws_appautoscaling_scheduled_action",
  "aws_appautoscaling_target",
  "aws_apprunner_auto_scaling_configuration_version",
  "aws_apprunner_vpc_connector",
  "aws_apprunner_custom_domain_association",
  "aws_budgets_budget",
  "aws_cloudfront_origin_access_control",
  "aws_cloudfront_response_headers_policy",
  "aws_cloudwatch_log_delivery",
  "aws_cloudwatch_log_delivery_destination",
  "aws_cloudwatch_log_delivery_source",
  "aws_db_parameter_group",
  "aws_db_subnet_group",
  "aws_default_network_acl",
  "aws_default_security_group",
  "aws_ecr_lifecycle_policy",
  "aws_ecr_repository_policy",
  "aws_ecs_cluster_capacity_providers",
  "aws_ecs_task_definition",
  "aws_flow_log",
  "aws_iam_role",
  "aws_iam_role_policy",
  "aws_iam_role_policy_attachment",
  "aws_iam_policy",
  "aws_iam_instance_profile",
  "aws_internet_gateway",
  "aws_kms_alias",
  "aws_lb_listener",
  "aws_lb_listener_rule",
  "aws_lb_target_group",
  "aws_network_acl",
  "aws_network_interface",
  "aws_route",
  "aws_route53_record",
  "aws_route_table",
  "aws_route_table_association",
  "aws_s3_bucket_lifecycle_configuration",
  "aws_s3_bucket_ownership_controls",
  "aws_s3_bucket_policy",
  "aws_s3_bucket_public_access_block",
  "aws_s3_bucket_server_side_encryption_configuration",
  "aws_s3_bucket_versioning",
  "aws_security_group",
  "aws_ses_template",
  "aws_sesv2_configuration_set",
  "aws_sesv2_configuration_set_event_destination",
  "aws_sesv2_email_identity",
  "aws_sesv2_email_identity_mail_from_attributes",
  "aws_sns_topic",
  "aws_sns_topic_policy",
  "aws_sns_topic_subscription",
  "aws_ssm_parameter",
  "aws_subnet",
  "aws_vpc",
  "aws_vpc_security_group_egress_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_wafv2_web_acl_logging_configuration",
  "aws_wafv2_web_acl_association",
  // Free up to 1 TB and 10 million requests a month (CloudFront always-free tier), far above these environments.
  "aws_cloudfront_distribution",
  "aws_cloudfront_vpc_origin",
  "aws_db_proxy_default_target_group",
  "aws_db_proxy_target",
  "aws_terraform_data",
  "terraform_data",
  "aws_ecs_task_definition",
  "aws_iam_service_linked_role",
  // CloudFront Functions: 2 million invocations a month free (always-free tier), then $0.10 per million.
  "aws_cloudfront_function",
  "aws_elasticache_parameter_group",
  "aws_elasticache_subnet_group",
  "aws_elasticache_user",
  "aws_elasticache_user_group",
]);

/** `n` formatted for a detail string: at most 4 decimals, no trailing zeros. */
function num(n: number): string {
  return String(Math.round(n * 10_000) / 10_000);
}

/** Round to cents. */
function cents(n: number): number {
  return Math.round(n * 100) / 100;
}

type Resources = Record<string, Record<string, any>>;

/** Resources of one type, as a list of their configurations. */
function all(resources: Resources, type: string): any[] {
  return Object.values(resources[type] ?? {});
}

/** `${aws_x.Name.attr}` references → "aws_x.Name". */
function referenceOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+.*\}$/.exec(value);
  return m?.[1];
}

/** Number of instances of one resource: its literal `count`, else 1. */
function countOf(config: any): number {
  return typeof config?.count === "number" ? config.count : 1;
}

/** Itemize the monthly cost of a synthesized stack. */
export function estimateStack(stack: string, json: StackJson, assumptions: Assumptions = DEFAULT_ASSUMPTIONS): CostEstimate {
  const resources: Resources = json.resource ?? {};
  const h = assumptions.hoursPerMonth;
  const lines: CostLine[] = [];
  const add = (item: string, resourceType: string, quantity: number, detail: string, monthlyUsd: number) => {
    if (quantity > 0 && monthlyUsd > 0) lines.push({ item, resourceType, quantity, detail, monthlyUsd: cents(monthlyUsd) });
  };
  const priced = new Set<string>();
  const unknownClass = new Set<string>();
  const unknownCacheNode = new Set<string>();
  const hourly = (item: string, type: string, qty: number, usdPerHour: number) => {
    priced.add(type);
    add(item, type, qty, `${num(qty)} × ${h} h × $${num(usdPerHour)}`, qty * h * usdPerHour);
  };
  const monthly = (item: string, type: string, qty: number, usdPerMonth: number, unit = "") => {
    priced.add(type);
    add(item, type, qty, `${num(qty)}${unit} × $${num(usdPerMonth)}`, qty * usdPerMonth);
  };

  // ---- network ----
  const nats = all(resources, "aws_nat_gateway").filter((n) => n.connectivity_type !== "private");
  hourly("NAT gateway (hours)", "aws_nat_gateway", nats.length, PRICES.natGatewayHour.usd);
  monthly(
    "NAT gateway (data processed)",
    "aws_nat_gateway",
    nats.length * assumptions.natDataGbPerMonth,
    PRICES.natGatewayDataGb.usd,
    " GB",
  );
  hourly("Elastic IP (public IPv4)", "aws_eip", all(resources, "aws_eip").length, PRICES.publicIpv4Hour.usd);
  const interfaceAzs = all(resources, "aws_vpc_endpoint")
    .filter((e) => e.vpc_endpoint_type === "Interface")
    .reduce((sum, e) => sum + (Array.isArray(e.subnet_ids) ? e.subnet_ids.length : 1), 0);
  hourly("VPC interface endpoints (per AZ)", "aws_vpc_endpoint", interfaceAzs, PRICES.interfaceEndpointHour.usd);
  priced.add("aws_vpc_endpoint"); // gateway endpoints are free

  // ---- EC2 (NAT instances) ----
  const instances = all(resources, "aws_instance");
  for (const type of new Set(instances.map((i) => String(i.instance_type)))) {
    const rate = EC2_INSTANCE_HOUR[type];
    if (rate === undefined) continue;
    const n = instances.filter((i) => i.instance_type === type).reduce((s, i) => s + countOf(i), 0);
    hourly(`EC2 ${type}`, "aws_instance", n, rate);
  }
  const rootGb = instances.reduce(
    (s, i) => s + countOf(i) * (Number(i.root_block_device?.volume_size) || assumptions.defaultRootVolumeGiB),
    0,
  );
  monthly("EC2 root volumes (gp3)", "aws_instance", rootGb, PRICES.ebsGp3GbMonth.usd, " GB");
  const publicInstanceIps = instances.filter((i) => i.associate_public_ip_address === true).reduce((s, i) => s + countOf(i), 0);
  hourly("EC2 public IPv4", "aws_instance", publicInstanceIps, PRICES.publicIpv4Hour.usd);

  // ---- load balancers ----
  const albs = all(resources, "aws_lb").filter((lb) => (lb.load_balancer_type ?? "application") === "application");
  hourly("Application load balancer (hours)", "aws_lb", albs.length, PRICES.albHour.usd);
  hourly("Application load balancer (LCUs)", "aws_lb", albs.length * assumptions.albLcus, PRICES.albLcuHour.usd);
  const albIps = albs.filter((lb) => lb.internal !== true).reduce((s, lb) => s + (Array.isArray(lb.subnets) ? lb.subnets.length : 2), 0);
  hourly("Load balancer public IPv4 (one per AZ)", "aws_lb", albIps, PRICES.publicIpv4Hour.usd);

  // ---- ECS Fargate ----
  estimateFargate(resources, assumptions, hourly);
  const clusters = all(resources, "aws_ecs_cluster");
  const insightClusters = clusters.filter((c) =>
    (c.setting ?? []).some((s: any) => s.name === "containerInsights" && s.value !== "disabled"),
  );
  const services = all(resources, "aws_ecs_service");
  const metrics =
    insightClusters.length * assumptions.containerInsightsMetrics.perCluster +
    (insightClusters.length > 0 ? services.length * assumptions.containerInsightsMetrics.perService : 0);
  monthly("Container Insights metrics", "aws_ecs_cluster", metrics, PRICES.customMetricMonth.usd, " metrics");

  // ---- App Runner ----
  for (const svc of all(resources, "aws_apprunner_service")) {
    priced.add("aws_apprunner_service");
    const cfg = svc.instance_configuration ?? {};
    const vcpu = parseSize(cfg.cpu ?? "1024", 1024);
    const gb = parseSize(cfg.memory ?? "2048", 1024);
    const scaling = referenceOf(svc.auto_scaling_configuration_arn);
    const asc = scaling ? resources[scaling.split(".")[0]]?.[scaling.split(".")[1]] : undefined;
    const min = Number(asc?.min_size ?? 1);
    const active = Math.min(assumptions.appRunnerActiveHoursPerMonth, h);
    add(
      "App Runner provisioned memory",
      "aws_apprunner_service",
      min,
      `${min} × ${num(gb)} GB × ${num(h - active)} idle h × $${PRICES.appRunnerProvisionedGbHour.usd}`,
      min * gb * (h - active) * PRICES.appRunnerProvisionedGbHour.usd,
    );
    add(
      "App Runner active instance",
      "aws_apprunner_service",
      min,
      `${min} × ${active} active h × (${num(vcpu)} vCPU × $${PRICES.appRunnerActiveVcpuHour.usd} + ${num(gb)} GB × $${PRICES.appRunnerActiveGbHour.usd})`,
      min * active * (vcpu * PRICES.appRunnerActiveVcpuHour.usd + gb * PRICES.appRunnerActiveGbHour.usd),
    );
  }

  // ---- RDS ----
  for (const db of all(resources, "aws_db_instance")) {
    priced.add("aws_db_instance");
    const rate = RDS_INSTANCE_HOUR[String(db.instance_class)];
    const azs = db.multi_az === true ? 2 : 1;
    const label = `${db.instance_class}${azs === 2 ? " Multi-AZ" : ""}`;
    if (rate !== undefined) add(`RDS ${label}`, "aws_db_instance", azs, `${azs} × ${h} h × $${rate}`, azs * h * rate);
    const gb = Number(db.allocated_storage ?? 20);
    add(
      `RDS storage gp3${azs === 2 ? " (Multi-AZ)" : ""}`,
      "aws_db_instance",
      gb * azs,
      `${gb} GB × ${azs} × $${PRICES.rdsGp3GbMonth.usd}`,
      gb * azs * PRICES.rdsGp3GbMonth.usd,
    );
    if (rate === undefined) unknownClass.add(String(db.instance_class));
  }

  // ---- ElastiCache: node-hours (snapshots stay within the free backup storage of one per cache), or serverless usage ----
  for (const group of all(resources, "aws_elasticache_replication_group")) {
    priced.add("aws_elasticache_replication_group");
    const engine = group.engine === "redis" ? "redis" : "valkey";
    const nodes =
      typeof group.num_cache_clusters === "number"
        ? group.num_cache_clusters
        : Number(group.num_node_groups ?? 1) * (1 + Number(group.replicas_per_node_group ?? 0));
    const rate = ELASTICACHE_NODE_HOUR[engine][String(group.node_type)];
    if (rate === undefined) unknownCacheNode.add(`${engine} ${group.node_type}`);
    else
      add(
        `ElastiCache ${engine} ${group.node_type}`,
        "aws_elasticache_replication_group",
        nodes,
        `${nodes} × ${h} h × $${rate}`,
        nodes * h * rate,
      );
  }
  for (const cache of all(resources, "aws_elasticache_serverless_cache")) {
    priced.add("aws_elasticache_serverless_cache");
    const engine = cache.engine === "redis" ? "redis" : "valkey";
    const p = ELASTICACHE_SERVERLESS[engine];
    const gb = Math.max(p.minGb, assumptions.cacheServerlessDataGb);
    add(
      `ElastiCache Serverless ${engine} (data)`,
      "aws_elasticache_serverless_cache",
      gb,
      `${num(gb)} GB × ${h} h × $${p.gbHour}`,
      gb * h * p.gbHour,
    );
    const ecpu = assumptions.cacheServerlessEcpuMillions;
    add(
      `ElastiCache Serverless ${engine} (ECPU)`,
      "aws_elasticache_serverless_cache",
      ecpu,
      `${ecpu} M × $${p.ecpuMillion}`,
      ecpu * p.ecpuMillion,
    );
  }

  // RDS Proxy bills the vCPUs of the instance behind it (at least 2).
  const proxies = all(resources, "aws_db_proxy").length;
  if (proxies > 0) {
    priced.add("aws_db_proxy");
    const db = all(resources, "aws_db_instance")[0];
    const vcpus = proxies * Math.max(2, RDS_INSTANCE_VCPUS[String(db?.instance_class)] ?? 2);
    add(
      "RDS Proxy",
      "aws_db_proxy",
      vcpus,
      `${vcpus} vCPU × ${h} h × $${PRICES.rdsProxyVcpuHour.usd}`,
      vcpus * h * PRICES.rdsProxyVcpuHour.usd,
    );
  }

  // ---- security and monitoring ----
  monthly(
    "KMS keys",
    "aws_kms_key",
    all(resources, "aws_kms_key").reduce((s, k) => s + countOf(k), 0),
    PRICES.kmsKeyMonth.usd,
  );
  const managedSecrets = all(resources, "aws_db_instance").filter((d) => d.manage_master_user_password === true).length;
  const secrets = all(resources, "aws_secretsmanager_secret").length + managedSecrets;
  monthly("Secrets Manager secrets (incl. RDS-managed)", "aws_secretsmanager_secret", secrets, PRICES.secretMonth.usd);
  monthly("CloudWatch alarms", "aws_cloudwatch_metric_alarm", all(resources, "aws_cloudwatch_metric_alarm").length, PRICES.alarmMonth.usd);
  monthly(
    "CloudWatch dashboards",
    "aws_cloudwatch_dashboard",
    all(resources, "aws_cloudwatch_dashboard").length,
    PRICES.dashboardMonth.usd,
  );
  const logGroups = all(resources, "aws_cloudwatch_log_group").length;
  monthly(
    "CloudWatch Logs ingestion",
    "aws_cloudwatch_log_group",
    logGroups * assumptions.logGbPerGroupPerMonth,
    PRICES.logIngestionGb.usd,
    " GB",
  );
  for (const acl of all(resources, "aws_wafv2_web_acl")) {
    priced.add("aws_wafv2_web_acl");
    const rules = Array.isArray(acl.rule) ? acl.rule.length : 0;
    add("WAF web ACL", "aws_wafv2_web_acl", 1, `$${PRICES.wafWebAclMonth.usd}`, PRICES.wafWebAclMonth.usd);
    add("WAF rules", "aws_wafv2_web_acl", rules, `${rules} × $${PRICES.wafRuleMonth.usd}`, rules * PRICES.wafRuleMonth.usd);
    add(
      "WAF requests",
      "aws_wafv2_web_acl",
      assumptions.wafRequestsMillions,
      `${assumptions.wafRequestsMillions} M × $${PRICES.wafRequestsMillion.usd}`,
      assumptions.wafRequestsMillions * PRICES.wafRequestsMillion.usd,
    );
  }

  // ---- storage ----
  monthly(
    "S3 storage",
    "aws_s3_bucket",
    all(resources, "aws_s3_bucket").length * assumptions.storageGbPerBucket,
    PRICES.s3StandardGbMonth.usd,
    " GB",
  );
  monthly(
    "ECR image storage",
    "aws_ecr_repository",
    all(resources, "aws_ecr_repository").length * assumptions.storageGbPerBucket,
    PRICES.ecrStorageGbMonth.usd,
    " GB",
  );

  const unpriced = Object.keys(resources)
    .filter((t) => !FREE.has(t) && !priced.has(t) && !PRICED_TYPES.has(t))
    .sort();
  if (unknownClass.size > 0) unpriced.push(...[...unknownClass].map((c) => `aws_db_instance (${c})`));
  if (unknownCacheNode.size > 0) unpriced.push(...[...unknownCacheNode].map((c) => `aws_elasticache_replication_group (${c})`));
  const sorted = [...lines].sort((a, b) => b.monthlyUsd - a.monthlyUsd || a.item.localeCompare(b.item));
  return {
    stack,
    lines: sorted,
    totalUsd: cents(sorted.reduce((s, l) => s + l.monthlyUsd, 0)),
    resourceCount: countResources(json),
    unpriced,
    assumptions,
  };
}

/** Types priced above even when a stack has none with a cost (so they never show as unpriced). */
const PRICED_TYPES = new Set([
  "aws_nat_gateway",
  "aws_eip",
  "aws_vpc_endpoint",
  "aws_instance",
  "aws_lb",
  "aws_ecs_service",
  "aws_ecs_cluster",
  "aws_apprunner_service",
  "aws_db_instance",
  "aws_kms_key",
  "aws_secretsmanager_secret",
  "aws_cloudwatch_metric_alarm",
  "aws_cloudwatch_dashboard",
  "aws_cloudwatch_log_group",
  "aws_wafv2_web_acl",
  "aws_s3_bucket",
  "aws_ecr_repository",
  "aws_db_proxy",
  "aws_elasticache_replication_group",
  "aws_elasticache_serverless_cache",
]);

/** "1 vCPU", "2 GB", "1024", "2048" → vCPUs or GB (plain numbers are CPU units or MiB, divided by `per`). */
function parseSize(value: string, per: number): number {
  const m = /^([\d.]+)\s*(vcpu|gb)?$/i.exec(String(value).trim());
  if (!m) return 1;
  return m[2] ? Number(m[1]) : Number(m[1]) / per;
}

/** Fargate services: tasks at their minimum (scaling target) or desired count, on-demand or Spot, x86 or ARM. */
function estimateFargate(
  resources: Resources,
  assumptions: Assumptions,
  hourly: (item: string, type: string, qty: number, usdPerHour: number) => void,
): void {
  const targets = all(resources, "aws_appautoscaling_target");
  for (const [name, svc] of Object.entries(resources.aws_ecs_service ?? {})) {
    const taskRef = referenceOf(svc.task_definition);
    const task = taskRef ? resources.aws_ecs_task_definition?.[taskRef.split(".")[1]] : undefined;
    if (!task) continue;
    const vcpu = Number(task.cpu) / 1024;
    const gb = Number(task.memory) / 1024;
    const arm = task.runtime_platform?.cpu_architecture === "ARM64";
    const target = targets.find((t) => typeof t.resource_id === "string" && t.resource_id.includes(`aws_ecs_service.${name}.`));
    const baseTasks = Number(target?.min_capacity ?? svc.desired_count ?? 1);
    // Scheduled actions (e.g. scale to zero at night) change the minimum over the week.
    const targetName = target ? Object.entries(resources.aws_appautoscaling_target ?? {}).find(([, t]) => t === target)![0] : undefined;
    const schedules = all(resources, "aws_appautoscaling_scheduled_action").filter(
      (a) => targetName !== undefined && String(a.resource_id).includes(`aws_appautoscaling_target.${targetName}.`),
    );
    const tasks = schedules.length > 0 ? averageMinimum(baseTasks, schedules) : baseTasks;
    const spotShare = spotShareOf(svc.capacity_provider_strategy, tasks);
    const vcpuRate = arm ? PRICES.fargateArmVcpuHour.usd : PRICES.fargateX86VcpuHour.usd;
    const gbRate = arm ? PRICES.fargateArmGbHour.usd : PRICES.fargateX86GbHour.usd;
    const perTaskHour = vcpu * vcpuRate + gb * gbRate;
    const arch = arm ? "ARM64" : "x86";
    const size = `${num(vcpu)} vCPU/${num(gb)} GB ${arch}`;
    hourly(`Fargate on-demand tasks (${size})`, "aws_ecs_service", tasks * (1 - spotShare), perTaskHour);
    hourly(
      `Fargate Spot tasks (${size}, −${Math.round(assumptions.spotDiscount * 100)} %)`,
      "aws_ecs_service",
      tasks * spotShare,
      perTaskHour * (1 - assumptions.spotDiscount),
    );
    const publicIp = (svc.network_configuration?.assign_public_ip ?? false) === true;
    if (publicIp) hourly("Fargate task public IPv4", "aws_ecs_service", tasks, PRICES.publicIpv4Hour.usd);
  }
}

const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** Days of the week a cron day-of-week field selects (`MON-FRI`, `SAT,SUN`, `*`, `?`, 1-7). */
function daysOf(field: string): Set<number> {
  if (field === "*" || field === "?") return new Set([0, 1, 2, 3, 4, 5, 6]);
  const day = (d: string) => (/^\d$/.test(d) ? Number(d) - 1 : DAYS.indexOf(d.toUpperCase()));
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const [a, b] = part.split("-");
    const from = day(a);
    const to = b === undefined ? from : day(b);
    for (let d = from; d <= to; d++) out.add(d);
  }
  return out;
}

/**
 * Average task minimum over a week under weekly cron actions (`cron(M H ? * DAYS *)`) that set
 * `min_capacity`, hour by hour; the schedule's time zone does not change a weekly average.
 * Actions it cannot read leave `base` as it is.
 */
export function averageMinimum(base: number, actions: readonly any[]): number {
  const parsed = actions
    .map((a) => {
      const m = /^cron\((\d+) (\d+) \S+ \S+ (\S+) \S+\)$/.exec(String(a.schedule));
      const min = a.scalable_target_action?.min_capacity;
      return m && min !== undefined ? { hour: Number(m[2]), days: daysOf(m[3]), min: Number(min) } : undefined;
    })
    .filter((a): a is { hour: number; days: Set<number>; min: number } => a !== undefined);
  if (parsed.length === 0) return base;
  // Two weeks, counting the second: the first settles the state left by the previous week.
  let current = base;
  let sum = 0;
  for (let i = 0; i < 2 * 168; i++) {
    const day = Math.floor(i / 24) % 7;
    const hour = i % 24;
    for (const a of parsed) if (a.hour === hour && a.days.has(day)) current = a.min;
    if (i >= 168) sum += current;
  }
  return sum / 168;
}

/** Share of `tasks` that a capacity provider strategy places on FARGATE_SPOT (base first, then by weight). */
export function spotShareOf(strategy: any, tasks: number): number {
  if (!Array.isArray(strategy) || strategy.length === 0 || tasks <= 0) return 0;
  let remaining = tasks;
  let spot = 0;
  for (const e of strategy) {
    const base = Math.min(Number(e.base ?? 0), remaining);
    if (e.capacity_provider === "FARGATE_SPOT") spot += base;
    remaining -= base;
  }
  const weights = strategy.reduce((s: number, e: any) => s + Number(e.weight ?? 0), 0);
  if (weights > 0) {
    const spotWeight = strategy
      .filter((e: any) => e.capacity_provider === "FARGATE_SPOT")
      .reduce((s: number, e: any) => s + Number(e.weight ?? 0), 0);
    spot += (remaining * spotWeight) / weights;
  }
  return spot / tasks;
}

/**
 * Managed resources in a stack, as HCP Terraform's free tier counts them: every resource
 * instance (a literal `count` multiplies), no data sources.
 */
export function countResources(json: StackJson): number {
  return Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.values(byName).reduce((s, r) => s + countOf(r), 0), 0);
}

/** A budget check's verdict. */
export interface BudgetCheck {
  readonly withinBudget: boolean;
  /** The estimate's largest lines (when over budget: what to look at first). */
  readonly biggest: readonly CostLine[];
  readonly message: string;
}

/** Compare an estimate with a monthly budget; over budget names the three largest items. */
export function checkBudget(estimate: CostEstimate, budgetUsd: number): BudgetCheck {
  const biggest = estimate.lines.slice(0, 3);
  const within = estimate.totalUsd <= budgetUsd;
  const items = biggest.map((l) => `${l.item} $${l.monthlyUsd.toFixed(2)}`).join(", ");
  const message = within
    ? `${estimate.stack}: $${estimate.totalUsd.toFixed(2)} a month, within its budget of $${budgetUsd.toFixed(2)}`
    : `${estimate.stack}: $${estimate.totalUsd.toFixed(2)} a month exceeds its budget of $${budgetUsd.toFixed(2)} by $${(estimate.totalUsd - budgetUsd).toFixed(2)}; biggest items: ${items}`;
  return { withinBudget: within, biggest, message };
}

/** The estimate as a printable table, with its assumptions and price date. */
export function formatEstimate(estimate: CostEstimate, budgetUsd?: number): string {
  const a = estimate.assumptions;
  const width = Math.max(...estimate.lines.map((l) => l.item.length), 10);
  const rows = estimate.lines.map((l) => `  ${l.item.padEnd(width)}  ${`$${l.monthlyUsd.toFixed(2)}`.padStart(9)}   ${l.detail}`);
  const out = [
    `== ${estimate.stack}: $${estimate.totalUsd.toFixed(2)} a month${budgetUsd !== undefined ? ` (budget $${budgetUsd.toFixed(2)})` : ""}, ${estimate.resourceCount} managed resources`,
    ...rows,
  ];
  if (estimate.unpriced.length > 0) out.push(`  not priced (add to scripts/cost/prices.ts): ${estimate.unpriced.join(", ")}`);
  out.push(
    `  assumptions: ${a.hoursPerMonth} h/month; Spot −${Math.round(a.spotDiscount * 100)} %; ${a.natDataGbPerMonth} GB/month per NAT; ` +
      `${a.albLcus} LCU per load balancer; ${a.logGbPerGroupPerMonth} GB/month per log group; ${a.storageGbPerBucket} GB per bucket/repository; ` +
      `${a.wafRequestsMillions} M WAF requests; App Runner active ${a.appRunnerActiveHoursPerMonth} h/month; Container Insights ` +
      `${a.containerInsightsMetrics.perCluster} metrics/cluster + ${a.containerInsightsMetrics.perService}/service; tasks at their minimum count; ` +
      `serverless cache ${a.cacheServerlessDataGb} GB and ${a.cacheServerlessEcpuMillions} M ECPU/month; ` +
      `no free tier, data transfer out or CloudFront beyond its free tier`,
    `  prices: ${PRICES_REGION} list prices of ${PRICES_DATE} (scripts/cost/prices.ts)`,
  );
  return out.join("\n");
}
