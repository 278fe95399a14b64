import { Fn, Op } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DefaultNetworkAcl, DefaultNetworkAclIngress } from "@cdktf/provider-aws/lib/default-network-acl";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Construct } from "constructs";
import { providerRegion } from "../internal/aws-context";
import { physicalName } from "../internal/naming";
import { CLOUDFRONT_VPC_ORIGIN_UNSUPPORTED_ZONE_IDS, asOfSource } from "../internal/aws-facts";
import { checkAvailabilityZoneExists, checkAvailabilityZoneId } from "../internal/region-checks";
import { suppress } from "../core/suppressions";
import { checkPattern, checkTags, checkUnique, fail, isToken, show } from "../internal/validate";
import { Ipv4Cidr, checkCidr, cidrContains, cidrsOverlap, formatCidr, subnetCidr } from "./cidr";
import { NetworkRef, PrivateSubnetEgress } from "../core/network-ref";
import { createInterfaceEndpoints, createS3GatewayEndpoint, resolveEndpoints } from "./endpoints";
import { createFlowLogs, resolveFlowLogs } from "./flow-logs";
import { addPrivateDefaultRoutes, createNatGateways, createNatInstance, resolveNat } from "./nat";
import { NetworkPart } from "./network-part";

/**
 * How private subnets reach the internet: no NAT, one NAT gateway, one per AZ, or one NAT
 * instance (fck-nat on Graviton, in the first AZ: about $6 a month instead of $37).
 */
export type NatGatewayMode = "none" | "single" | "perAz" | "instance";

/** The NAT modes, for validation and docs. */
export const NAT_GATEWAY_MODES: readonly NatGatewayMode[] = ["none", "single", "perAz", "instance"];

/**
 * Account that publishes the fck-nat AMIs (https://fck-nat.dev), and the name of its Amazon
 * Linux 2023 ARM64 builds: the NAT instance runs the most recent one.
 */
export const FCK_NAT_AMI_OWNER = "568608671756";
export const FCK_NAT_AMI_NAME = "fck-nat-al2023-*-arm64-*";

/** NAT instance settings (`natGateways: "instance"`). */
export interface NatInstanceProps {
  /**
   * EC2 instance type: a Graviton (ARM64) type, since the AMI is the ARM64 build. A t4g.nano
   * forwards up to 5 Gbit/s in bursts, plenty for a non-production environment.
   * @default "t4g.nano"
   */
  readonly instanceType?: string;
  /**
   * AMI id to run instead of the most recent fck-nat AL2023 ARM64 image (pin one for
   * repeatable plans; a new AMI otherwise replaces the instance on the next apply after release).
   * @default - the most recent image named `fck-nat-al2023-*-arm64-*` owned by 568608671756
   */
  readonly amiId?: string;
}

/** Which traffic a flow log records. */
export type FlowLogTrafficType = "ALL" | "ACCEPT" | "REJECT";

/**
 * AWS services this module can reach through an interface endpoint
 * (`com.amazonaws.<region>.<service>`). Every entry is a real AWS PrivateLink service name.
 * S3 has both kinds: the free gateway endpoint (`endpoints.s3Gateway`) serves the VPC; an `s3`
 * interface endpoint (hourly fee) also serves peered VPCs and on-premises networks.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html
 */
export const INTERFACE_ENDPOINT_SERVICES = [
  "ecr.api",
  "ecr.dkr",
  "logs",
  "secretsmanager",
  "ssm",
  "ssmmessages",
  "ec2messages",
  "kms",
  "sts",
  "monitoring",
  "events",
  "sqs",
  "sns",
  "ecs",
  "ecs-agent",
  "ecs-telemetry",
  "elasticloadbalancing",
  "ec2",
  "lambda",
  "execute-api",
  "xray",
  "email-smtp",
  "rds",
  "elasticfilesystem",
  "states",
  "kinesis-streams",
  "cognito-idp",
  "bedrock-runtime",
  "application-autoscaling",
  "s3",
] as const;

/** A service name accepted in `endpoints.interfaces`. */
export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINT_SERVICES)[number];

/** VPC flow log settings. */
export interface NetworkFlowLogsProps {
  /**
   * Record the VPC's traffic to a CloudWatch log group (Security Hub EC2.6).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Days the log group keeps flow log records; one of the values CloudWatch Logs accepts.
   * 90 days leaves time to investigate an incident noticed weeks later; ingestion, not
   * storage, dominates the cost of flow logs.
   * @default 90
   */
  readonly retentionDays?: number;
  /**
   * Which traffic to record.
   * @default "ALL"
   */
  readonly trafficType?: FlowLogTrafficType;
  /**
   * Longest interval, in seconds, over which a flow record is aggregated: 60 or 600.
   * @default 600
   */
  readonly maxAggregationIntervalSeconds?: 60 | 600;
  /**
   * KMS key to encrypt the log group with (its key policy must admit CloudWatch Logs).
   * @default - encrypted with a CloudWatch Logs owned key
   */
  readonly kmsKeyArn?: string;
}

/** VPC endpoint settings. */
export interface NetworkEndpointsProps {
  /**
   * An S3 gateway endpoint on the private and database route tables. Free; keeps S3 traffic
   * (including ECR image layers) off the NAT gateway.
   * @default true
   */
  readonly s3Gateway?: boolean;
  /**
   * Interface endpoints, in the private subnets, with private DNS and their own security group
   * admitting HTTPS from the VPC CIDR. Each costs an hourly fee per AZ. For NAT-less private
   * subnets running ECS Fargate: `["ecr.api", "ecr.dkr", "logs", "secretsmanager"]` (plus the
   * S3 gateway).
   * @default []
   */
  readonly interfaces?: readonly InterfaceEndpointService[];
}

/** Props for {@link Network}. */
export interface NetworkProps {
  /** Base name (`<project>-<environment>`, e.g. `shop-prod`): Name tags and physical names are `<name>-<purpose>`. */
  readonly name: string;
  /**
   * The VPC's IPv4 CIDR block, /16 to /28 (derived subnets need /20 or larger).
   * @default "10.0.0.0/16"
   */
  readonly cidr?: string;
  /**
   * Availability zones by name, 2 or 3, in the stack's region (e.g. `["us-east-1a", "us-east-1b"]`).
   * Subnet lists follow this order. Give this or `availabilityZoneIds`.
   * @default - none: `availabilityZoneIds` is required then
   */
  readonly availabilityZones?: readonly string[];
  /**
   * Availability zones by ID, 2 or 3 (e.g. `["use1-az1", "use1-az2"]`), instead of names. An ID is
   * the same physical zone in every account, while each account maps zone names to zones its own
   * way: give IDs when the zone matters (a feature some zones lack, such as CloudFront VPC
   * origins) or must match another account's. Subnet lists follow this order.
   * @default - none: `availabilityZones` is required then
   */
  readonly availabilityZoneIds?: readonly string[];
  /**
   * A CloudFront VPC origin reaches a load balancer in the private subnets: every zone must be one
   * where VPC origins can be created (a few zone IDs cannot, see `aws-facts.ts`). Zone IDs are
   * checked at synth; zone names, which each account maps to IDs its own way, are looked up
   * (`aws_availability_zones`) and checked at plan by a precondition on each private subnet.
   * @default false
   */
  readonly cloudFrontVpcOrigin?: boolean;
  /**
   * Public subnet CIDRs, one per AZ; `[]` for a VPC without public subnets (no internet gateway, NAT `none` only).
   * @default - derived: `cidrsubnet(cidr, 8, 1 + i)` (10.0.1.0/24, 10.0.2.0/24, ... for 10.0.0.0/16)
   */
  readonly publicSubnetCidrs?: readonly string[];
  /**
   * Private subnet CIDRs, one per AZ.
   * @default - derived: `cidrsubnet(cidr, 8, 10 + i)` (10.0.10.0/24, 10.0.11.0/24, ... for 10.0.0.0/16)
   */
  readonly privateSubnetCidrs?: readonly string[];
  /**
   * Database subnet CIDRs, one per AZ (giving them turns the database tier on).
   * @default - derived when `databaseSubnets` is true: `cidrsubnet(cidr, 8, 20 + i)` (10.0.20.0/24, ...)
   */
  readonly databaseSubnetCidrs?: readonly string[];
  /**
   * An isolated database tier: subnets whose route table has no internet route.
   * @default - true when `databaseSubnetCidrs` is given, else false
   */
  readonly databaseSubnets?: boolean;
  /**
   * NAT for the private subnets' egress: `none`, `single` (one NAT gateway shared, in the first
   * AZ: not AZ-resilient), `perAz` (one per AZ, each AZ's private subnet uses its own) or
   * `instance` (one fck-nat EC2 instance in the first AZ: cheapest, single-AZ, and egress stops
   * while the instance is down; for non-production, see the README).
   * @default "single"
   */
  readonly natGateways?: NatGatewayMode;
  /**
   * The NAT instance, when `natGateways` is `instance`.
   * @default - t4g.nano running the latest fck-nat AL2023 ARM64 AMI
   */
  readonly natInstance?: NatInstanceProps;
  /**
   * VPC flow logs to CloudWatch Logs.
   * @default - enabled, ALL traffic, 90 days
   */
  readonly flowLogs?: NetworkFlowLogsProps;
  /**
   * VPC endpoints.
   * @default - S3 gateway endpoint only
   */
  readonly endpoints?: NetworkEndpointsProps;
  /**
   * Extra tags on every resource (the provider's default tags apply as well).
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

const AZ_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/;
/** Derived subnets are this many bits longer than the VPC prefix (a /16 VPC gets /24 subnets). */
const DERIVED_NEW_BITS = 8;
/** AWS accepts subnet and VPC prefixes from /16 to /28. */
const MIN_PREFIX = 16;
const MAX_PREFIX = 28;

type Tier = "public" | "private" | "database";

/** The zones as given: by name or by ID; `labels` is whichever was given. */
interface Zones {
  readonly labels: readonly string[];
  readonly names?: readonly string[];
  readonly ids?: readonly string[];
}

/** Where each tier's derived subnets start, as `cidrsubnet` indexes. */
const TIER_OFFSET: Record<Tier, number> = { public: 1, private: 10, database: 20 };

interface PlannedSubnet {
  readonly tier: Tier;
  /** Prop (and index) the CIDR came from, for error messages. */
  readonly prop: string;
  readonly cidr: string;
  readonly parsed?: Ipv4Cidr;
}

/**
 * A VPC across 2 or 3 availability zones: public subnets (internet gateway; no public IPs on
 * launch), private subnets (egress through NAT: none, one shared, or one per AZ), optional
 * isolated database subnets, VPC flow logs to CloudWatch Logs, the default security group
 * locked down (Security Hub EC2.2), and optional S3 gateway / interface endpoints.
 */
export class Network extends Construct implements NetworkRef {
  /** The VPC. */
  public readonly vpc: Vpc;
  /** The internet gateway; absent when there are no public subnets. */
  public readonly internetGateway?: InternetGateway;
  /** Public subnets, one per AZ (empty when `publicSubnetCidrs` is `[]`). */
  public readonly publicSubnets: readonly Subnet[];
  /** Private subnets, one per AZ. */
  public readonly privateSubnets: readonly Subnet[];
  /** Isolated database subnets, one per AZ (empty unless the database tier is on). */
  public readonly databaseSubnets: readonly Subnet[];
  /** The public subnets' route table (default route to the internet gateway); absent without public subnets. */
  public readonly publicRouteTable?: RouteTable;
  /** One route table per AZ for the private subnets, default route to that AZ's NAT (or none). */
  public readonly privateRouteTables: readonly RouteTable[];
  /** The database subnets' route table (local routes only); absent unless the database tier is on. */
  public readonly databaseRouteTable?: RouteTable;
  /** NAT gateways: none, one (in the first AZ) or one per AZ (none in `instance` mode). */
  public readonly natGateways: readonly NatGateway[];
  /** The NAT instance (`natGateways: "instance"`), in the first public subnet. */
  public readonly natInstance?: Instance;
  /** The NAT instance's security group: all traffic from the VPC CIDR in, all out. */
  public readonly natInstanceSecurityGroup?: SecurityGroup;
  /** Elastic IPs of the NAT gateways or NAT instance: the VPC's egress addresses, for allow-lists elsewhere. */
  public readonly natPublicIps: readonly string[];
  /** Availability zone names, in the order of the subnet lists (read from the subnets when zones are given by ID). */
  public readonly availabilityZones: readonly string[];
  /** Availability zone IDs in subnet order: as given, or read from the subnets when zones are given by name. */
  public readonly availabilityZoneIds: readonly string[];
  /** The flow log; absent when flow logs are disabled. */
  public readonly flowLog?: FlowLog;
  /** The flow logs' log group; absent when flow logs are disabled. */
  public readonly flowLogGroup?: CloudwatchLogGroup;
  /** The role VPC Flow Logs assumes to write to {@link flowLogGroup}; absent when disabled. */
  public readonly flowLogRole?: IamRole;
  /** The VPC's default security group, managed with no rules at all. */
  public readonly defaultSecurityGroup: DefaultSecurityGroup;
  /** The VPC's default network ACL (private and database subnets), adopted: no SSH or RDP. */
  public readonly defaultNetworkAcl: DefaultNetworkAcl;
  /** The public subnets' network ACL: no SSH (RDP stays open for NAT replies, see the README). */
  public readonly publicNetworkAcl?: NetworkAcl;
  /** Security group of the interface endpoints (HTTPS from the VPC CIDR); absent without interface endpoints. */
  public readonly endpointSecurityGroup?: SecurityGroup;
  /** The S3 gateway endpoint; absent when `endpoints.s3Gateway` is false. */
  public readonly s3GatewayEndpoint?: VpcEndpoint;
  /** Interface endpoints by service name (e.g. `interfaceEndpoints["ecr.api"]`). */
  public readonly interfaceEndpoints: Readonly<Partial<Record<InterfaceEndpointService, VpcEndpoint>>>;

  /** The VPC id (NetworkRef). */
  public readonly vpcId: string;
  /** The VPC's CIDR block, as given (NetworkRef). */
  public readonly vpcCidr: string;
  /** Public subnet ids in AZ order; empty without public subnets (NetworkRef). */
  public readonly publicSubnetIds: readonly string[];
  /** Private subnet ids in AZ order (NetworkRef). */
  public readonly privateSubnetIds: readonly string[];
  /** How the private subnets reach AWS: NAT, S3, interface endpoints (NetworkRef). */
  public readonly privateSubnetEgress: PrivateSubnetEgress;
  /** Database subnet ids in AZ order; undefined unless the database tier is on (NetworkRef). */
  public readonly databaseSubnetIds?: readonly string[];
  /** Always false: this VPC's subnets are IPv4-only (NetworkRef; dual-stack load balancers are refused). */
  public readonly ipv6Subnets = false;

  private readonly name: string;
  private readonly extraTags: Readonly<Record<string, string>>;

  public constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    this.name = props.name;
    this.extraTags = props.tags ?? {};
    const cidr = props.cidr ?? "10.0.0.0/16";

    // ---- validation: everything before any resource exists ----
    physicalName(this, "generic", this.name, "vpc");
    const zones = this.checkZones(props);
    // Zone names or IDs as given: for Name tags, route table names and messages.
    const azs = zones.labels;
    const vpcBlock = checkCidr(this, "cidr", cidr, MIN_PREFIX, MAX_PREFIX);
    const nat = resolveNat(this, props.natGateways, props.natInstance);
    const natMode = nat.mode;
    const flowLogs = resolveFlowLogs(this, props.flowLogs);
    const { s3Gateway, interfaces } = resolveEndpoints(this, props.endpoints);
    const { plan, withDatabase } = this.planSubnets(props, azs, cidr, vpcBlock);
    const hasPublic = plan.public.length > 0;
    if (natMode !== "none" && !hasPublic) {
      fail(
        this,
        "natGateways",
        `needs public subnets to hold the NAT gateways (publicSubnetCidrs is []); use "none" or give public subnets`,
        natMode,
      );
    }

    // ---- VPC, internet gateway, subnets, route tables ----
    this.vpc = new Vpc(this, "Vpc", {
      cidrBlock: cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: this.tagsFor("vpc"),
    });
    this.vpcId = this.vpc.id;
    this.vpcCidr = cidr;
    const part: NetworkPart = { scope: this, name: this.name, vpcId: this.vpc.id, tagsFor: (purpose) => this.tagsFor(purpose) };

    this.defaultSecurityGroup = new DefaultSecurityGroup(this, "DefaultSecurityGroup", {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: this.tagsFor("default-do-not-use"),
    });
    // AWS creates the default network ACL allowing all inbound traffic (Security Hub EC2.21).
    // Adopt it for the private and database subnets: refuse SSH and RDP from anywhere, allow the
    // rest (security groups filter finely; task ephemeral ports, 32768-60999, avoid both).
    // Subnets join it implicitly, so Terraform must not manage their association.
    this.defaultNetworkAcl = new DefaultNetworkAcl(this, "DefaultNetworkAcl", {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      ingress: [...denyInbound(ADMIN_PORTS), ALLOW_ALL],
      egress: [ALLOW_ALL],
      tags: this.tagsFor("default-nacl"),
      lifecycle: { ignoreChanges: ["subnet_ids"] },
    });

    this.publicSubnets = this.createSubnets("Public", plan.public, zones);
    this.privateSubnets = this.createSubnets("Private", plan.private, zones);
    this.databaseSubnets = this.createSubnets("Database", plan.database, zones);
    this.availabilityZones = zones.names ?? this.privateSubnets.map((s) => s.availabilityZone);
    this.availabilityZoneIds = zones.ids ?? this.privateSubnets.map((s) => s.availabilityZoneId);
    if (props.cloudFrontVpcOrigin === true && zones.names) this.checkVpcOriginZonesAtPlan(zones.names);
    this.publicNetworkAcl = this.createPublicNetworkAcl();

    if (hasPublic) {
      this.internetGateway = new InternetGateway(this, "InternetGateway", { vpcId: this.vpc.id, tags: this.tagsFor("igw") });
      this.publicRouteTable = this.createRouteTable("PublicRouteTable", "public", this.publicSubnets);
      new Route(this, "PublicDefaultRoute", {
        routeTableId: this.publicRouteTable.id,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: this.internetGateway.id,
      });
    }

    // One route table per AZ whatever the NAT mode, so switching modes only moves routes.
    this.privateRouteTables = this.privateSubnets.map((subnet, i) =>
      this.createRouteTable(`PrivateRouteTable${i + 1}`, `private-${azs[i]}`, [subnet]),
    );
    if (withDatabase) {
      this.databaseRouteTable = this.createRouteTable("DatabaseRouteTable", "database", this.databaseSubnets);
    }

    // ---- NAT ----
    const natCount = natMode === "single" ? 1 : natMode === "perAz" ? azs.length : 0;
    const { gateways: nats, eips } = createNatGateways(part, natCount, azs, this.publicSubnets, this.internetGateway);
    this.natGateways = nats;
    if (natMode === "instance") {
      const instance = createNatInstance(
        part,
        azs[0],
        cidr,
        nat.instanceType,
        props.natInstance?.amiId,
        this.publicSubnets[0],
        this.internetGateway,
      );
      this.natInstance = instance.instance;
      this.natInstanceSecurityGroup = instance.securityGroup;
      eips.push(instance.eip);
    }
    this.natPublicIps = eips.map((e) => e.publicIp);
    addPrivateDefaultRoutes(part, this.privateRouteTables, nats, this.natInstance);

    this.publicSubnetIds = this.publicSubnets.map((s) => s.id);
    this.privateSubnetIds = this.privateSubnets.map((s) => s.id);
    this.databaseSubnetIds = withDatabase ? this.databaseSubnets.map((s) => s.id) : undefined;

    // ---- flow logs ----
    if (flowLogs.enabled) {
      const created = createFlowLogs(part, flowLogs);
      this.flowLogGroup = created.group;
      this.flowLogRole = created.role;
      this.flowLog = created.flowLog;
    }

    // ---- endpoints ----
    if (s3Gateway) {
      this.s3GatewayEndpoint = createS3GatewayEndpoint(part, [
        ...this.privateRouteTables,
        ...(this.databaseRouteTable ? [this.databaseRouteTable] : []),
      ]);
    }
    const endpoints: Partial<Record<InterfaceEndpointService, VpcEndpoint>> = {};
    if (interfaces.length > 0) {
      const created = createInterfaceEndpoints(part, interfaces, cidr, this.privateSubnetIds, this.s3GatewayEndpoint);
      this.endpointSecurityGroup = created.securityGroup;
      Object.assign(endpoints, created.endpoints);
    }
    this.interfaceEndpoints = endpoints;
    this.privateSubnetEgress = {
      natGateway: nats.length > 0 || this.natInstance !== undefined,
      s3: s3Gateway || interfaces.includes("s3"),
      interfaceEndpoints: [...interfaces],
    };
  }

  /** The subnet plan: each tier's CIDRs (given or derived), checked for overlap. */
  private planSubnets(props: NetworkProps, azs: readonly string[], cidr: string, vpcBlock: Ipv4Cidr | undefined) {
    if (props.databaseSubnets === false && props.databaseSubnetCidrs !== undefined) {
      fail(this, "databaseSubnetCidrs", "must not be given when databaseSubnets is false (drop one of the two)", props.databaseSubnetCidrs);
    }
    const withDatabase = props.databaseSubnets ?? props.databaseSubnetCidrs !== undefined;
    const plan = {
      public: this.planTier("public", "publicSubnetCidrs", props.publicSubnetCidrs, azs, cidr, vpcBlock, true),
      private: this.planTier("private", "privateSubnetCidrs", props.privateSubnetCidrs, azs, cidr, vpcBlock, false),
      database: withDatabase ? this.planTier("database", "databaseSubnetCidrs", props.databaseSubnetCidrs, azs, cidr, vpcBlock, false) : [],
    };
    this.checkNoOverlap([...plan.public, ...plan.private, ...plan.database]);
    return { plan, withDatabase };
  }

  /**
   * The public subnets' network ACL. NACLs are stateless and NAT gateways pick source ports from
   * 1024-65535: denying inbound 3389 here would drop replies to the NAT connections that happen
   * to use port 3389. Port 22 is below that range, so the public subnets still refuse SSH.
   */
  private createPublicNetworkAcl(): NetworkAcl | undefined {
    if (this.publicSubnets.length === 0) return undefined;
    const acl = new NetworkAcl(this, "PublicNetworkAcl", {
      vpcId: this.vpc.id,
      subnetIds: this.publicSubnets.map((s) => s.id),
      ingress: [...denyInbound([22]), ALLOW_ALL],
      egress: [ALLOW_ALL],
      tags: this.tagsFor("public-nacl"),
    });
    suppress(
      acl,
      "NACL-NO-ADMIN-PORTS",
      "public subnets hold NAT gateways, whose replies arrive on ephemeral ports 1024-65535 (3389 included); nothing there listens on RDP, and SSH is denied",
      // RDP alone: an override admitting SSH on this ACL would still fail synth.
      { subject: "tcp/3389" },
    );
    return acl;
  }

  /** `{ ...tags, Name: <name>-<purpose> }`. */
  private tagsFor(purpose: string): Record<string, string> {
    return { ...this.extraTags, Name: physicalName(this, "generic", this.name, purpose) };
  }

  /** Zones by name or by ID (exactly one), checked. */
  private checkZones(props: NetworkProps): Zones {
    if (props.availabilityZones !== undefined && props.availabilityZoneIds !== undefined) {
      fail(
        this,
        "availabilityZoneIds",
        "must not be given with availabilityZones (zones by name or by ID, not both)",
        props.availabilityZoneIds,
      );
    }
    if (props.availabilityZoneIds === undefined) {
      const names = this.checkAvailabilityZones(props.availabilityZones);
      return { labels: names, names };
    }
    const ids = props.availabilityZoneIds;
    if (isToken(ids) || !Array.isArray(ids) || ids.length < 2 || ids.length > 3) {
      fail(this, "availabilityZoneIds", 'must be a literal list of 2 or 3 availability zone IDs such as ["use1-az1", "use1-az2"]', ids);
    }
    ids.forEach((id, i) => checkAvailabilityZoneId(this, `availabilityZoneIds[${i}]`, id));
    checkUnique(this, "availabilityZoneIds", ids);
    const prefixes = new Set(ids.filter((id) => !isToken(id)).map((id) => id.replace(/-az\d+$/, "")));
    if (prefixes.size > 1) fail(this, "availabilityZoneIds", "must all be in one region", ids);
    if (props.cloudFrontVpcOrigin === true) {
      ids.forEach((id, i) => {
        if (CLOUDFRONT_VPC_ORIGIN_UNSUPPORTED_ZONE_IDS.includes(id)) {
          fail(
            this,
            `availabilityZoneIds[${i}]`,
            `must be a zone where CloudFront VPC origins can be created (cloudFrontVpcOrigin is true), not one of ${CLOUDFRONT_VPC_ORIGIN_UNSUPPORTED_ZONE_IDS.join(", ")} ${asOfSource("vpcOrigins", "CloudFront VPC origins")}`,
            id,
          );
        }
      });
    }
    return { labels: [...ids], ids: [...ids] };
  }

  private checkAvailabilityZones(azs: readonly string[] | undefined): readonly string[] {
    if (azs === undefined || isToken(azs) || !Array.isArray(azs)) {
      fail(
        this,
        "availabilityZones",
        'must be a literal list of 2 or 3 availability zone names such as ["us-east-1a", "us-east-1b"] (or give availabilityZoneIds)',
        azs,
      );
    }
    if (azs.length < 2 || azs.length > 3) {
      fail(this, "availabilityZones", "must list 2 or 3 availability zones (2 for high availability, 3 at most)", azs);
    }
    azs.forEach((az, i) => {
      checkPattern(this, `availabilityZones[${i}]`, az, AZ_PATTERN, "must be an availability zone name such as us-east-1a");
      // A letter the region does not have fails only at apply ("InvalidParameterValue: Value
      // (us-east-2d) for parameter availabilityZone is invalid").
      checkAvailabilityZoneExists(this, `availabilityZones[${i}]`, az);
    });
    checkUnique(this, "availabilityZones", azs);
    const regions = new Set(azs.filter((az) => !isToken(az)).map((az) => az.slice(0, -1)));
    if (regions.size > 1) fail(this, "availabilityZones", "must all be in one region", azs);
    // Subnets in another region's AZ fail only at apply ("InvalidParameterValue ... Availability Zone").
    const region = providerRegion(this);
    if (region !== undefined) {
      azs.forEach((az, i) => {
        if (!isToken(az) && az.slice(0, -1) !== region) {
          fail(this, `availabilityZones[${i}]`, `must be a zone of the stack's AWS provider region ${region} (e.g. ${region}a)`, az);
        }
      });
    }
    return [...azs];
  }

  /** Subnet CIDRs of one tier: checked when given, derived from the VPC CIDR otherwise. */
  private planTier(
    tier: Tier,
    prop: string,
    given: readonly string[] | undefined,
    azs: readonly string[],
    vpcCidr: string,
    vpcBlock: Ipv4Cidr | undefined,
    mayBeEmpty: boolean,
  ): PlannedSubnet[] {
    if (given !== undefined) {
      if (isToken(given) || !Array.isArray(given)) fail(this, prop, "must be a literal list of CIDR blocks", given);
      if (given.length !== azs.length && !(mayBeEmpty && given.length === 0)) {
        const allowed = mayBeEmpty ? ` (or [] for none)` : "";
        fail(this, prop, `must have one CIDR per availability zone: ${azs.length} for ${show(azs)}${allowed}`, given);
      }
      return given.map((cidr, i) => {
        const where = `${prop}[${i}]`;
        const parsed = checkCidr(this, where, cidr, MIN_PREFIX, MAX_PREFIX);
        if (parsed && vpcBlock && !cidrContains(vpcBlock, parsed)) {
          fail(this, where, `must lie within the VPC CIDR ${show(vpcCidr)} (prop cidr)`, cidr);
        }
        return { tier, prop: where, cidr, parsed };
      });
    }
    return azs.map((_, i) => {
      const index = TIER_OFFSET[tier] + i;
      const where = `${prop}[${i}] (derived)`;
      if (!vpcBlock) return { tier, prop: where, cidr: Fn.cidrsubnet(vpcCidr, DERIVED_NEW_BITS, index) };
      if (vpcBlock.prefix + DERIVED_NEW_BITS > MAX_PREFIX) {
        fail(
          this,
          "cidr",
          `is too small to derive ${tier} subnets from (derived subnets are /${DERIVED_NEW_BITS} longer than the VPC, at most /${MAX_PREFIX}); use a /${MAX_PREFIX - DERIVED_NEW_BITS} or larger VPC or give ${prop}`,
          vpcCidr,
        );
      }
      const parsed = subnetCidr(vpcBlock, DERIVED_NEW_BITS, index);
      return { tier, prop: where, cidr: formatCidr(parsed), parsed };
    });
  }

  private checkNoOverlap(subnets: readonly PlannedSubnet[]): void {
    subnets.forEach((a, i) => {
      subnets.slice(0, i).forEach((b) => {
        if (a.parsed && b.parsed && cidrsOverlap(a.parsed, b.parsed)) {
          fail(this, a.prop, `must not overlap ${b.prop} (${show(b.cidr)})`, a.cidr);
        }
      });
    });
  }

  /** Subnets `<Kind>Subnet<n>`; none maps public IPs on launch (public ones included: nothing should get one by accident). */
  private createSubnets(kind: "Public" | "Private" | "Database", plan: readonly PlannedSubnet[], zones: Zones): Subnet[] {
    return plan.map(
      (p, i) =>
        new Subnet(this, `${kind}Subnet${i + 1}`, {
          vpcId: this.vpc.id,
          cidrBlock: p.cidr,
          ...(zones.ids ? { availabilityZoneId: zones.ids[i] } : { availabilityZone: zones.names![i] }),
          mapPublicIpOnLaunch: false,
          tags: this.tagsFor(`${p.tier}-${zones.labels[i]}`),
        }),
    );
  }

  /**
   * Zone names map to zone IDs per account: look each one up and refuse, at plan, a private
   * subnet (where the VPC origin's load balancer lives) in a zone VPC origins do not support.
   */
  private checkVpcOriginZonesAtPlan(names: readonly string[]): void {
    // One lookup for all the zones; a name it does not return maps to "unknown" and passes (creating the
    // subnet fails then anyway, with EC2's own message).
    const zones = new DataAwsAvailabilityZones(this, "AvailabilityZones", { filter: [{ name: "zone-name", values: [...names] }] });
    const idOf = Fn.zipmap(zones.names, zones.zoneIds);
    names.forEach((name, i) => {
      const subnet = this.privateSubnets[i];
      subnet.lifecycle = {
        ...subnet.lifecycle,
        precondition: [
          {
            condition: Op.not(Fn.contains([...CLOUDFRONT_VPC_ORIGIN_UNSUPPORTED_ZONE_IDS], Fn.lookup(idOf, name, "unknown"))),
            errorMessage:
              `${this.node.path}: availabilityZones[${i}] (${name}) is, in this account, a zone ID where CloudFront VPC origins cannot be created ` +
              `(${CLOUDFRONT_VPC_ORIGIN_UNSUPPORTED_ZONE_IDS.join(", ")} ${asOfSource("vpcOrigins", "CloudFront VPC origins")}). ` +
              `Choose another zone (aws ec2 describe-availability-zones --query "AvailabilityZones[].[ZoneName,ZoneId]") or give availabilityZoneIds.`,
          },
        ],
      };
    });
  }

  /** A route table associated with these subnets (associations `<SubnetId>RouteTableAssociation`). */
  private createRouteTable(id: string, purpose: string, subnets: readonly Subnet[]): RouteTable {
    const table = new RouteTable(this, id, { vpcId: this.vpc.id, tags: this.tagsFor(purpose) });
    subnets.forEach((subnet) => {
      new RouteTableAssociation(this, `${subnet.node.id}RouteTableAssociation`, { routeTableId: table.id, subnetId: subnet.id });
    });
    return table;
  }
}

/** Remote administration ports (SSH, RDP) that Security Hub EC2.21 wants refused from the internet. */
const ADMIN_PORTS = [22, 3389] as const;
const ALLOW_ALL: DefaultNetworkAclIngress = {
  ruleNo: 100,
  action: "allow",
  protocol: "-1",
  fromPort: 0,
  toPort: 0,
  cidrBlock: "0.0.0.0/0",
};

/** Deny TCP `ports` from anywhere, at rule numbers 10, 20, ... (before ALLOW_ALL). */
function denyInbound(ports: readonly number[]): DefaultNetworkAclIngress[] {
  return ports.map((port, i) => ({
    ruleNo: 10 * (i + 1),
    action: "deny",
    protocol: "tcp",
    fromPort: port,
    toPort: port,
    cidrBlock: "0.0.0.0/0",
  }));
}
