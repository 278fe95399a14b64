/**
 * The price table `npm run cost` uses: AWS list prices, us-east-1 (N. Virginia), on-demand, in
 * USD, without free tiers, taxes, Savings Plans or Reserved Instances. One file, so refreshing
 * prices is one reviewed diff: open each `source`, update the number, update `PRICES_DATE`.
 */

/** When these prices were last checked against their sources. */
export const PRICES_DATE = "2026-11-28";
/** The region the prices are for. */
export const PRICES_REGION = "us-east-1";

/** One unit price with where it comes from. */
export interface Price {
  /** USD per `unit`. */
  readonly usd: number;
  /** What one unit is, e.g. "hour", "GB-month". */
  readonly unit: string;
  /** The AWS pricing page stating it. */
  readonly source: string;
}

const VPC = "https://aws.amazon.com/vpc/pricing/";
const FARGATE = "https://aws.amazon.com/fargate/pricing/";
const RDS = "https://aws.amazon.com/rds/postgresql/pricing/";
const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";
const EC2 = "https://aws.amazon.com/ec2/pricing/on-demand/";

/** Unit prices by what they price. */
export const PRICES = {
  natGatewayHour: { usd: 0.045, unit: "hour", source: VPC },
  natGatewayDataGb: { usd: 0.045, unit: "GB processed", source: VPC },
  publicIpv4Hour: { usd: 0.005, unit: "hour per public IPv4 address", source: VPC },
  interfaceEndpointHour: { usd: 0.01, unit: "hour per endpoint per AZ", source: "https://aws.amazon.com/privatelink/pricing/" },
  albHour: { usd: 0.0225, unit: "hour", source: "https://aws.amazon.com/elasticloadbalancing/pricing/" },
  albLcuHour: { usd: 0.008, unit: "LCU-hour", source: "https://aws.amazon.com/elasticloadbalancing/pricing/" },
  fargateX86VcpuHour: { usd: 0.04048, unit: "vCPU-hour (Linux/x86)", source: FARGATE },
  fargateX86GbHour: { usd: 0.004445, unit: "GB-hour (Linux/x86)", source: FARGATE },
  fargateArmVcpuHour: { usd: 0.03238, unit: "vCPU-hour (Linux/ARM)", source: FARGATE },
  fargateArmGbHour: { usd: 0.00356, unit: "GB-hour (Linux/ARM)", source: FARGATE },
  appRunnerProvisionedGbHour: { usd: 0.007, unit: "provisioned GB-hour", source: "https://aws.amazon.com/apprunner/pricing/" },
  appRunnerActiveVcpuHour: { usd: 0.064, unit: "active vCPU-hour", source: "https://aws.amazon.com/apprunner/pricing/" },
  appRunnerActiveGbHour: { usd: 0.007, unit: "active GB-hour", source: "https://aws.amazon.com/apprunner/pricing/" },
  rdsGp3GbMonth: { usd: 0.115, unit: "GB-month (Single-AZ gp3; Multi-AZ is twice)", source: RDS },
  kmsKeyMonth: { usd: 1.0, unit: "key-month", source: "https://aws.amazon.com/kms/pricing/" },
  secretMonth: { usd: 0.4, unit: "secret-month", source: "https://aws.amazon.com/secrets-manager/pricing/" },
  alarmMonth: { usd: 0.1, unit: "standard-resolution alarm-month", source: CLOUDWATCH },
  dashboardMonth: { usd: 3.0, unit: "dashboard-month", source: CLOUDWATCH },
  logIngestionGb: { usd: 0.5, unit: "GB ingested", source: CLOUDWATCH },
  customMetricMonth: { usd: 0.3, unit: "metric-month (Container Insights metrics are custom metrics)", source: CLOUDWATCH },
  wafWebAclMonth: { usd: 5.0, unit: "web ACL-month", source: "https://aws.amazon.com/waf/pricing/" },
  wafRuleMonth: { usd: 1.0, unit: "rule-month (a managed rule group counts as one)", source: "https://aws.amazon.com/waf/pricing/" },
  wafRequestsMillion: { usd: 0.6, unit: "million requests", source: "https://aws.amazon.com/waf/pricing/" },
  s3StandardGbMonth: { usd: 0.023, unit: "GB-month", source: "https://aws.amazon.com/s3/pricing/" },
  ecrStorageGbMonth: { usd: 0.1, unit: "GB-month", source: "https://aws.amazon.com/ecr/pricing/" },
  rdsProxyVcpuHour: {
    usd: 0.015,
    unit: "vCPU-hour of the database instance (at least 2)",
    source: "https://aws.amazon.com/rds/proxy/pricing/",
  },
  ebsGp3GbMonth: { usd: 0.08, unit: "GB-month", source: "https://aws.amazon.com/ebs/pricing/" },
} as const satisfies Record<string, Price>;

/** RDS for PostgreSQL Single-AZ on-demand USD per hour, by instance class (Multi-AZ is twice). */
export const RDS_INSTANCE_HOUR: Readonly<Record<string, number>> = {
  "db.t4g.micro": 0.016,
  "db.t4g.small": 0.032,
  "db.t4g.medium": 0.065,
  "db.t4g.large": 0.129,
  "db.t3.micro": 0.018,
  "db.t3.small": 0.036,
  "db.t3.medium": 0.072,
  "db.m7g.large": 0.168,
  "db.r7g.large": 0.239,
};
/** vCPUs of each RDS instance class (RDS Proxy bills per vCPU of the instances behind it). */
export const RDS_INSTANCE_VCPUS: Readonly<Record<string, number>> = {
  "db.t4g.micro": 2,
  "db.t4g.small": 2,
  "db.t4g.medium": 2,
  "db.t4g.large": 2,
  "db.t3.micro": 2,
  "db.t3.small": 2,
  "db.t3.medium": 2,
  "db.m7g.large": 2,
  "db.r7g.large": 2,
};
/** Source of {@link RDS_INSTANCE_HOUR}. */
export const RDS_INSTANCE_SOURCE = RDS;

/** EC2 Linux on-demand USD per hour, by instance type (NAT instances). */
export const EC2_INSTANCE_HOUR: Readonly<Record<string, number>> = {
  "t4g.nano": 0.0042,
  "t4g.micro": 0.0084,
  "t4g.small": 0.0168,
  "t3.nano": 0.0052,
  "t3.micro": 0.0104,
};
/** Source of {@link EC2_INSTANCE_HOUR}. */
export const EC2_INSTANCE_SOURCE = EC2;

const ELASTICACHE = "https://aws.amazon.com/elasticache/pricing/";

/**
 * ElastiCache on-demand USD per node-hour, by engine and node type (Valkey is 20 % below Redis OSS).
 * Checked 2026-12-06 on the ElastiCache pricing page.
 */
export const ELASTICACHE_NODE_HOUR: Readonly<Record<"valkey" | "redis", Readonly<Record<string, number>>>> = {
  redis: {
    "cache.t4g.micro": 0.016,
    "cache.t4g.small": 0.032,
    "cache.t4g.medium": 0.065,
    "cache.t3.micro": 0.017,
    "cache.t3.small": 0.034,
    "cache.t3.medium": 0.068,
    "cache.m7g.large": 0.158,
    "cache.r7g.large": 0.219,
  },
  valkey: {
    "cache.t4g.micro": 0.0128,
    "cache.t4g.small": 0.0256,
    "cache.t4g.medium": 0.052,
    "cache.t3.micro": 0.0136,
    "cache.t3.small": 0.0272,
    "cache.t3.medium": 0.0544,
    "cache.m7g.large": 0.1264,
    "cache.r7g.large": 0.1752,
  },
};
/**
 * ElastiCache Serverless, by engine: USD per GB-hour of data stored (metered at least `minGb`) and
 * per million ECPUs. Checked 2026-12-06 on the ElastiCache pricing page.
 */
export const ELASTICACHE_SERVERLESS: Readonly<
  Record<"valkey" | "redis", { readonly gbHour: number; readonly minGb: number; readonly ecpuMillion: number }>
> = {
  valkey: { gbHour: 0.084, minGb: 0.1, ecpuMillion: 0.0023 },
  redis: { gbHour: 0.125, minGb: 1, ecpuMillion: 0.0034 },
};
/** Source of {@link ELASTICACHE_NODE_HOUR} and {@link ELASTICACHE_SERVERLESS}. */
export const ELASTICACHE_SOURCE = ELASTICACHE;

/** Hours in the average month (8,760 / 12), as AWS's own calculator uses. */
export const HOURS_PER_MONTH = 730;
