import { beforeAll, describe, expect, it } from "vitest";
import { Fn, TerraformLocal, TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { SynthJson, findResources, policyOf, resource, resources, scratchStack, synth, synthStack } from "../internal/testing";
import { InterfaceEndpointService, Network, NetworkProps } from "./network";
import { NetworkRef } from "../core/network-ref";

const AZS = ["us-east-1a", "us-east-1b"];
const AZS3 = ["us-east-1a", "us-east-1b", "us-east-1c"];

/** Seed 001, the prod reference layout. */
const SEED_001: NetworkProps = {
  name: "fckdoomscroll-prod",
  cidr: "10.0.0.0/16",
  availabilityZones: AZS,
  publicSubnetCidrs: ["10.0.1.0/24", "10.0.2.0/24"],
  privateSubnetCidrs: ["10.0.10.0/24", "10.0.11.0/24"],
  natGateways: "perAz",
};

/**
 * Synthesize one Network and keep the construct. Its NetworkRef fields are also written to a
 * local (`json.locals.Ref`), as a consumer module would reference them.
 */
function build(props: NetworkProps): { json: SynthJson; network: Network; ref: any } {
  let network!: Network;
  const json = synth((scope: Construct) => {
    network = new Network(scope, "Network", props);
    const { vpcId, vpcCidr, availabilityZones, publicSubnetIds, privateSubnetIds, databaseSubnetIds }: NetworkRef = network;
    new TerraformLocal(scope, "Ref", { vpcId, vpcCidr, availabilityZones, publicSubnetIds, privateSubnetIds, databaseSubnetIds });
  });
  return { json, network, ref: (json.locals as any).Ref };
}

/** The resource a `${type.name.attr}` reference points at, with its logical name. */
function target(json: SynthJson, reference: string): { type: string; name: string; config: any } {
  const match = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_]+)\.[a-z_]+\}$/.exec(reference);
  if (!match) throw new Error(`not a resource reference: ${reference}`);
  const [, type, name] = match;
  const config = resources(json, type)[name];
  if (!config) throw new Error(`no ${type}.${name}`);
  return { type, name, config };
}

/** `${type.name.id}` of a resource config found in the JSON. */
function idOf(json: SynthJson, type: string, config: any): string {
  const entry = Object.entries(resources(json, type)).find(([, c]) => c === config);
  if (!entry) throw new Error(`resource not in ${type}`);
  return `\${${type}.${entry[0]}.id}`;
}

const byName = (json: SynthJson, type: string, name: string): any => {
  const found = findResources(json, type, (r) => r.tags?.Name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
};

const defaultRoutes = (json: SynthJson) => findResources(json, "aws_route", (r) => r.destination_cidr_block === "0.0.0.0/0");

/** The NAT gateway each private subnet (in AZ order) reaches 0.0.0.0/0 through, or undefined. */
function natOfPrivateSubnet(json: SynthJson, az: string, name: string): any {
  const subnet = byName(json, "aws_subnet", `${name}-private-${az}`);
  const [association] = findResources(json, "aws_route_table_association", (a) => a.subnet_id === idOf(json, "aws_subnet", subnet));
  const route = defaultRoutes(json).find((r) => r.route_table_id === association.route_table_id);
  return route ? target(json, route.nat_gateway_id).config : undefined;
}

describe("Network", () => {
  describe("defaults (2 AZs)", () => {
    let json: SynthJson;
    let network: Network;
    let ref: any;
    beforeAll(() => ({ json, network, ref } = build({ name: "fckdoomscroll-dev", availabilityZones: AZS })));

    it("creates a /16 VPC with DNS support and hostnames", () => {
      expect(resource(json, "aws_vpc")).toEqual({
        cidr_block: "10.0.0.0/16",
        enable_dns_support: true,
        enable_dns_hostnames: true,
        tags: { Name: "fckdoomscroll-dev-vpc" },
      });
    });

    it("derives public and private /24 subnets per AZ, none mapping public IPs, no database tier", () => {
      const subnets = Object.values(resources(json, "aws_subnet"));
      expect(subnets.map((s) => [s.tags.Name, s.cidr_block, s.availability_zone]).sort()).toEqual([
        ["fckdoomscroll-dev-private-us-east-1a", "10.0.10.0/24", "us-east-1a"],
        ["fckdoomscroll-dev-private-us-east-1b", "10.0.11.0/24", "us-east-1b"],
        ["fckdoomscroll-dev-public-us-east-1a", "10.0.1.0/24", "us-east-1a"],
        ["fckdoomscroll-dev-public-us-east-1b", "10.0.2.0/24", "us-east-1b"],
      ]);
      expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
      expect(network.databaseSubnets).toHaveLength(0);
      expect(network.databaseSubnetIds).toBeUndefined();
      expect(network.databaseRouteTable).toBeUndefined();
    });

    it("routes the public subnets to the internet gateway", () => {
      const igw = resource(json, "aws_internet_gateway");
      const publicRt = byName(json, "aws_route_table", "fckdoomscroll-dev-public");
      const publicRoutes = findResources(json, "aws_route", (r) => r.gateway_id === idOf(json, "aws_internet_gateway", igw));
      expect(publicRoutes).toEqual([
        {
          route_table_id: idOf(json, "aws_route_table", publicRt),
          destination_cidr_block: "0.0.0.0/0",
          gateway_id: idOf(json, "aws_internet_gateway", igw),
        },
      ]);
      for (const az of AZS) {
        const subnet = byName(json, "aws_subnet", `fckdoomscroll-dev-public-${az}`);
        expect(findResources(json, "aws_route_table_association", (a) => a.subnet_id === idOf(json, "aws_subnet", subnet))).toEqual([
          { route_table_id: idOf(json, "aws_route_table", publicRt), subnet_id: idOf(json, "aws_subnet", subnet) },
        ]);
      }
    });

    it("uses a single NAT gateway (with an elastic IP, after the internet gateway) in the first public subnet", () => {
      const nat = resource(json, "aws_nat_gateway");
      const igwRef = `aws_internet_gateway.${Object.keys(resources(json, "aws_internet_gateway"))[0]}`;
      expect(target(json, nat.subnet_id).config.tags.Name).toBe("fckdoomscroll-dev-public-us-east-1a");
      expect(target(json, nat.allocation_id).config).toMatchObject({ domain: "vpc", depends_on: [igwRef] });
      expect(nat).toMatchObject({ connectivity_type: "public", depends_on: [igwRef] });
      expect(network.natGateways).toHaveLength(1);
      expect(network.natPublicIps).toHaveLength(1);
    });

    it("gives each private subnet its own route table, all to the one NAT gateway", () => {
      const nat = resource(json, "aws_nat_gateway");
      expect(Object.keys(resources(json, "aws_route_table"))).toHaveLength(3);
      for (const az of AZS) expect(natOfPrivateSubnet(json, az, "fckdoomscroll-dev")).toBe(nat);
    });

    it("manages the default security group with no rules", () => {
      expect(resource(json, "aws_default_security_group")).toEqual({
        vpc_id: idOf(json, "aws_vpc", resource(json, "aws_vpc")),
        ingress: [],
        egress: [],
        tags: { Name: "fckdoomscroll-dev-default-do-not-use" },
      });
    });

    it("turns flow logs on: ALL traffic to a 90-day log group", () => {
      const group = resource(json, "aws_cloudwatch_log_group");
      expect(group).toMatchObject({ name: "fckdoomscroll-dev-vpc-flow-logs", retention_in_days: 90 });
      expect(group.kms_key_id).toBeUndefined();
      const log = resource(json, "aws_flow_log");
      expect(log).toMatchObject({
        vpc_id: idOf(json, "aws_vpc", resource(json, "aws_vpc")),
        traffic_type: "ALL",
        log_destination_type: "cloud-watch-logs",
        max_aggregation_interval: 600,
      });
      expect(target(json, log.log_destination).config).toBe(group);
      expect(target(json, log.iam_role_arn).config).toBe(resource(json, "aws_iam_role"));
    });

    it("creates the flow log only after its role may write to the group", () => {
      const [policyName] = Object.keys(resources(json, "aws_iam_role_policy"));
      expect(resource(json, "aws_flow_log").depends_on).toEqual([`aws_iam_role_policy.${policyName}`]);
    });

    it("lets only VPC Flow Logs of this account assume the flow log role", () => {
      const role = resource(json, "aws_iam_role");
      expect(role.name).toBe("fckdoomscroll-dev-vpc-flow-logs");
      expect(policyOf(role, "assume_role_policy")).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.AwsContext.account_id}" } },
          },
        ],
      });
    });

    it("adopts the default network ACL (private subnets): no SSH or RDP from anywhere, everything else allowed", () => {
      const acl = resource(json, "aws_default_network_acl");
      expect(acl.default_network_acl_id).toBe(`\${aws_vpc.${Object.keys(resources(json, "aws_vpc"))[0]}.default_network_acl_id}`);
      expect(acl.ingress).toEqual([
        { rule_no: 10, action: "deny", protocol: "tcp", from_port: 22, to_port: 22, cidr_block: "0.0.0.0/0" },
        { rule_no: 20, action: "deny", protocol: "tcp", from_port: 3389, to_port: 3389, cidr_block: "0.0.0.0/0" },
        { rule_no: 100, action: "allow", protocol: "-1", from_port: 0, to_port: 0, cidr_block: "0.0.0.0/0" },
      ]);
      expect(acl.egress).toEqual([{ rule_no: 100, action: "allow", protocol: "-1", from_port: 0, to_port: 0, cidr_block: "0.0.0.0/0" }]);
      expect(acl.lifecycle).toEqual({ ignore_changes: ["subnet_ids"] });
    });

    it("gives the public subnets their own ACL that refuses SSH but not 3389, which NAT replies may use", () => {
      const acl = resource(json, "aws_network_acl");
      const publicSubnets = Object.entries(resources(json, "aws_subnet"))
        .filter(([, s]: [string, any]) => s.tags?.Name?.includes("public"))
        .map(([name]) => `\${aws_subnet.${name}.id}`);
      expect(publicSubnets).toHaveLength(2);
      expect(acl.subnet_ids).toEqual(publicSubnets);
      // aws_network_acl renders its unset entry fields as null.
      expect(acl.ingress).toHaveLength(2);
      expect(acl.ingress[0]).toMatchObject({
        rule_no: 10,
        action: "deny",
        protocol: "tcp",
        from_port: 22,
        to_port: 22,
        cidr_block: "0.0.0.0/0",
      });
      expect(acl.ingress[1]).toMatchObject({
        rule_no: 100,
        action: "allow",
        protocol: "-1",
        from_port: 0,
        to_port: 0,
        cidr_block: "0.0.0.0/0",
      });
    });

    it("scopes the flow log role's policy to its log group", () => {
      const policy = resource(json, "aws_iam_role_policy");
      const groupArn = `\${aws_cloudwatch_log_group.${Object.keys(resources(json, "aws_cloudwatch_log_group"))[0]}.arn}`;
      expect(target(json, policy.role).config).toBe(resource(json, "aws_iam_role"));
      expect(policyOf(policy).Statement).toEqual([
        {
          Sid: "WriteFlowLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [groupArn, `${groupArn}:*`],
        },
        // AWS's documented minimum for delivery; DescribeLogGroups has no resource-level scoping.
        { Sid: "DescribeLogGroups", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
      ]);
    });

    it("adds the free S3 gateway endpoint on the private route tables, and no interface endpoint", () => {
      const endpoint = resource(json, "aws_vpc_endpoint");
      expect(endpoint).toMatchObject({
        vpc_endpoint_type: "Gateway",
        service_name: "com.amazonaws.${data.aws_region.AwsContextRegion.region}.s3",
      });
      const privateTables = AZS.map((az) =>
        idOf(json, "aws_route_table", byName(json, "aws_route_table", `fckdoomscroll-dev-private-${az}`)),
      );
      expect(endpoint.route_table_ids).toEqual(privateTables);
      expect(resources(json, "aws_security_group")).toEqual({});
      expect(network.endpointSecurityGroup).toBeUndefined();
    });

    it("implements NetworkRef with the VPC, the AZs and subnet ids in AZ order", () => {
      const ids = (tier: string) =>
        AZS.map((az) => idOf(json, "aws_subnet", byName(json, "aws_subnet", `fckdoomscroll-dev-${tier}-${az}`)));
      expect(ref).toEqual({
        vpcId: idOf(json, "aws_vpc", resource(json, "aws_vpc")),
        vpcCidr: "10.0.0.0/16",
        availabilityZones: AZS,
        publicSubnetIds: ids("public"),
        privateSubnetIds: ids("private"),
      });
      expect(network.privateRouteTables).toHaveLength(2);
      expect(network.flowLogGroup?.nameInput).toBe("fckdoomscroll-dev-vpc-flow-logs");
      expect(network.flowLogRole?.nameInput).toBe("fckdoomscroll-dev-vpc-flow-logs");
    });
  });

  describe("seed 001 layout with a NAT gateway per AZ (prod)", () => {
    let json: SynthJson;
    beforeAll(() => ({ json } = build(SEED_001)));

    it("reproduces the exact subnets of seed 001", () => {
      expect(resource(json, "aws_vpc").cidr_block).toBe("10.0.0.0/16");
      const layout = Object.values(resources(json, "aws_subnet")).map((s) => `${s.tags.Name} ${s.cidr_block} ${s.availability_zone}`);
      expect(layout.sort()).toEqual([
        "fckdoomscroll-prod-private-us-east-1a 10.0.10.0/24 us-east-1a",
        "fckdoomscroll-prod-private-us-east-1b 10.0.11.0/24 us-east-1b",
        "fckdoomscroll-prod-public-us-east-1a 10.0.1.0/24 us-east-1a",
        "fckdoomscroll-prod-public-us-east-1b 10.0.2.0/24 us-east-1b",
      ]);
    });

    it("routes each AZ's private subnet to its own NAT gateway, in that AZ's public subnet", () => {
      const nats = Object.values(resources(json, "aws_nat_gateway"));
      expect(nats).toHaveLength(2);
      expect(Object.keys(resources(json, "aws_eip"))).toHaveLength(2);
      for (const az of AZS) {
        const nat = natOfPrivateSubnet(json, az, "fckdoomscroll-prod");
        expect(nat.tags.Name).toBe(`fckdoomscroll-prod-nat-${az}`);
        expect(target(json, nat.subnet_id).config).toMatchObject({
          availability_zone: az,
          tags: { Name: `fckdoomscroll-prod-public-${az}` },
        });
      }
      expect(new Set(AZS.map((az) => natOfPrivateSubnet(json, az, "fckdoomscroll-prod"))).size).toBe(2);
    });

    it("derives the same layout from the default CIDR", () => {
      const derived = build({ name: "fckdoomscroll-prod", availabilityZones: AZS, natGateways: "perAz" }).json;
      expect(derived.resource).toEqual(json.resource);
    });
  });

  describe("no NAT, 3 AZs, database tier, interface endpoints, custom flow logs", () => {
    const interfaces: InterfaceEndpointService[] = ["ecr.api", "ecr.dkr", "logs", "secretsmanager"];
    let json: SynthJson;
    let network: Network;
    let ref: any;
    beforeAll(
      () =>
        ({ json, network, ref } = build({
          name: "acme-staging",
          cidr: "10.1.0.0/16",
          availabilityZones: AZS3,
          natGateways: "none",
          databaseSubnets: true,
          endpoints: { interfaces },
          flowLogs: { retentionDays: 365, trafficType: "REJECT", maxAggregationIntervalSeconds: 60 },
          tags: { Team: "platform" },
        })),
    );

    it("creates no NAT gateway and no default route on the private or database route tables", () => {
      expect(resources(json, "aws_nat_gateway")).toEqual({});
      expect(resources(json, "aws_eip")).toEqual({});
      expect(defaultRoutes(json)).toHaveLength(1); // the public one, to the internet gateway
      expect(defaultRoutes(json)[0].gateway_id).toMatch(/^\$\{aws_internet_gateway\./);
      for (const az of AZS3) expect(natOfPrivateSubnet(json, az, "acme-staging")).toBeUndefined();
      expect(network.natGateways).toEqual([]);
      expect(network.privateRouteTables).toHaveLength(3);
    });

    it("derives three subnets per tier, database ones isolated on their own route table", () => {
      const cidrs = (tier: string) => AZS3.map((az) => byName(json, "aws_subnet", `acme-staging-${tier}-${az}`).cidr_block);
      expect(cidrs("public")).toEqual(["10.1.1.0/24", "10.1.2.0/24", "10.1.3.0/24"]);
      expect(cidrs("private")).toEqual(["10.1.10.0/24", "10.1.11.0/24", "10.1.12.0/24"]);
      expect(cidrs("database")).toEqual(["10.1.20.0/24", "10.1.21.0/24", "10.1.22.0/24"]);
      const dbTable = idOf(json, "aws_route_table", byName(json, "aws_route_table", "acme-staging-database"));
      const dbAssociations = findResources(json, "aws_route_table_association", (a) => a.route_table_id === dbTable);
      expect(dbAssociations).toHaveLength(3);
      expect(findResources(json, "aws_route", (r) => r.route_table_id === dbTable)).toEqual([]);
      expect(ref.databaseSubnetIds).toEqual(
        AZS3.map((az) => idOf(json, "aws_subnet", byName(json, "aws_subnet", `acme-staging-database-${az}`))),
      );
    });

    it("attaches the S3 gateway endpoint to the private and database route tables", () => {
      const [gateway] = findResources(json, "aws_vpc_endpoint", (e) => e.vpc_endpoint_type === "Gateway");
      const tables = [...AZS3.map((az) => `acme-staging-private-${az}`), "acme-staging-database"].map((n) =>
        idOf(json, "aws_route_table", byName(json, "aws_route_table", n)),
      );
      expect(gateway.route_table_ids).toEqual(tables);
    });

    it("adds interface endpoints with private DNS in the private subnets, behind their own security group", () => {
      const sg = resource(json, "aws_security_group");
      const sgId = idOf(json, "aws_security_group", sg);
      const endpoints = findResources(json, "aws_vpc_endpoint", (e) => e.vpc_endpoint_type === "Interface");
      expect(endpoints.map((e) => e.service_name)).toEqual(
        interfaces.map((s) => `com.amazonaws.\${data.aws_region.AwsContextRegion.region}.${s}`),
      );
      for (const e of endpoints) {
        expect(e).toMatchObject({ private_dns_enabled: true, security_group_ids: [sgId] });
        expect(e.subnet_ids.map((id: string) => target(json, id).config.tags.Name)).toEqual(AZS3.map((az) => `acme-staging-private-${az}`));
      }
      expect(Object.keys(network.interfaceEndpoints)).toEqual(interfaces);
    });

    it("describes the private subnets' egress for the modules that run there", () => {
      expect(network.privateSubnetEgress).toEqual({ natGateway: false, s3: true, interfaceEndpoints: interfaces });
    });

    it("admits only HTTPS from the VPC CIDR to the endpoints", () => {
      const sg = resource(json, "aws_security_group");
      expect(sg).toMatchObject({ name: "acme-staging-vpc-endpoints" });
      expect(sg.ingress).toBeUndefined();
      expect(resource(json, "aws_vpc_security_group_ingress_rule")).toMatchObject({
        security_group_id: idOf(json, "aws_security_group", sg),
        cidr_ipv4: "10.1.0.0/16",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
      });
      expect(resources(json, "aws_vpc_security_group_egress_rule")).toEqual({});
    });

    it("applies the flow log settings", () => {
      expect(resource(json, "aws_cloudwatch_log_group").retention_in_days).toBe(365);
      expect(resource(json, "aws_flow_log")).toMatchObject({ traffic_type: "REJECT", max_aggregation_interval: 60 });
    });

    it("puts the extra tags beside the Name tag on every taggable resource", () => {
      for (const type of [
        "aws_vpc",
        "aws_subnet",
        "aws_route_table",
        "aws_vpc_endpoint",
        "aws_flow_log",
        "aws_iam_role",
        "aws_internet_gateway",
      ]) {
        for (const r of Object.values(resources(json, type)))
          expect(r.tags).toMatchObject({ Team: "platform", Name: expect.stringMatching(/^acme-staging-/) });
      }
    });
  });

  describe("NAT instance (fck-nat)", () => {
    let json: SynthJson;
    let network: Network;
    beforeAll(() => {
      ({ json, network } = build({ name: "fckdoomscroll-dev", cidr: "10.2.0.0/16", availabilityZones: AZS, natGateways: "instance" }));
    });

    it("runs the latest fck-nat AL2023 ARM64 AMI of its publisher on a t4g.nano in the first public subnet, with no NAT gateway", () => {
      const ami = Object.values(json.data?.aws_ami ?? {});
      expect(ami).toEqual([
        {
          owners: ["568608671756"],
          most_recent: true,
          filter: [
            { name: "name", values: ["fck-nat-al2023-*-arm64-*"] },
            { name: "architecture", values: ["arm64"] },
          ],
        },
      ]);
      const instance = resource(json, "aws_instance");
      const amiName = Object.keys(json.data!.aws_ami)[0];
      expect(instance).toMatchObject({
        ami: `\${data.aws_ami.${amiName}.id}`,
        instance_type: "t4g.nano",
        source_dest_check: false,
        metadata_options: { http_tokens: "required" },
        root_block_device: { encrypted: true, volume_type: "gp3" },
      });
      expect(target(json, instance.subnet_id).config.tags.Name).toBe("fckdoomscroll-dev-public-us-east-1a");
      expect(resources(json, "aws_nat_gateway")).toEqual({});
      expect(network.natGateways).toHaveLength(0);
    });

    it("leaves associate_public_ip_address unset, so the Elastic IP read back as `true` plans no replacement (terraform-provider-aws#37318)", () => {
      const instance = resource(json, "aws_instance");
      expect(Object.keys(instance)).not.toContain("associate_public_ip_address");
      expect(target(json, instance.subnet_id).config.map_public_ip_on_launch).toBe(false);
      const eip = resource(json, "aws_eip");
      expect(eip.instance).toBe(idOf(json, "aws_instance", instance));
    });

    it("routes every private subnet to the instance's network interface", () => {
      const routes = defaultRoutes(json).filter((r) => r.network_interface_id !== undefined);
      const instanceName = Object.keys(resources(json, "aws_instance"))[0];
      expect(routes).toHaveLength(2);
      for (const r of routes) expect(r.network_interface_id).toBe(`\${aws_instance.${instanceName}.primary_network_interface_id}`);
      expect(defaultRoutes(json).filter((r) => r.nat_gateway_id !== undefined)).toHaveLength(0);
    });

    it("admits all traffic from the VPC CIDR only, and gives the instance an elastic IP (the egress address)", () => {
      const sgId = idOf(json, "aws_security_group", byName(json, "aws_security_group", "fckdoomscroll-dev-nat-instance"));
      const ingress = findResources(json, "aws_vpc_security_group_ingress_rule", (r) => r.security_group_id === sgId);
      expect(ingress).toEqual([expect.objectContaining({ cidr_ipv4: "10.2.0.0/16", ip_protocol: "-1" })]);
      expect(resource(json, "aws_instance").vpc_security_group_ids).toEqual([sgId]);
      const eip = resource(json, "aws_eip");
      expect(eip.instance).toBe(idOf(json, "aws_instance", resource(json, "aws_instance")));
      expect(network.natPublicIps).toHaveLength(1);
    });

    it("runs a pinned AMI without looking one up", () => {
      const pinned = build({
        name: "app-dev",
        availabilityZones: AZS,
        natGateways: "instance",
        natInstance: { amiId: "ami-0123456789abcdef0", instanceType: "t4g.micro" },
      }).json;
      expect(pinned.data?.aws_ami).toBeUndefined();
      expect(resource(pinned, "aws_instance")).toMatchObject({ ami: "ami-0123456789abcdef0", instance_type: "t4g.micro" });
    });

    it("fails on an x86 instance type (the AMI is ARM64), and accepts a Graviton one", () => {
      expect(() =>
        build({ name: "app-dev", availabilityZones: AZS, natGateways: "instance", natInstance: { instanceType: "t3.nano" } }),
      ).toThrow(/natInstance.instanceType must be a Graviton \(ARM64\) instance type.*got "t3.nano"/);
      expect(() =>
        build({ name: "app-dev", availabilityZones: AZS, natGateways: "instance", natInstance: { instanceType: "c7gn.medium" } }),
      ).not.toThrow();
    });

    it("fails on natInstance settings without the instance mode", () => {
      expect(() =>
        build({ name: "app-dev", availabilityZones: AZS, natGateways: "single", natInstance: { instanceType: "t4g.nano" } }),
      ).toThrow(/natInstance applies only with natGateways "instance" \(natGateways is "single"\)/);
    });
  });

  describe("variants", () => {
    it("takes an S3 interface endpoint: inbound-only private DNS beside the gateway (created after it), all S3 traffic without it", () => {
      const withGateway = build({ name: "x-dev", availabilityZones: AZS, endpoints: { interfaces: ["s3"] } });
      const [iface] = findResources(withGateway.json, "aws_vpc_endpoint", (e) => e.vpc_endpoint_type === "Interface");
      const [gateway] = findResources(withGateway.json, "aws_vpc_endpoint", (e) => e.vpc_endpoint_type === "Gateway");
      expect(iface).toMatchObject({ private_dns_enabled: true, dns_options: { private_dns_only_for_inbound_resolver_endpoint: true } });
      expect(iface.depends_on).toEqual([idOf(withGateway.json, "aws_vpc_endpoint", gateway).replace(/^\$\{(.*)\.id\}$/, "$1")]);
      const alone = build({
        name: "x-dev",
        availabilityZones: AZS,
        natGateways: "none",
        endpoints: { s3Gateway: false, interfaces: ["s3"] },
      });
      const [only] = findResources(alone.json, "aws_vpc_endpoint", () => true);
      expect(only).toMatchObject({
        vpc_endpoint_type: "Interface",
        dns_options: { private_dns_only_for_inbound_resolver_endpoint: false },
      });
      expect(only.depends_on).toBeUndefined();
      expect(alone.network.privateSubnetEgress).toEqual({ natGateway: false, s3: true, interfaceEndpoints: ["s3"] });
    });

    it("without flow logs creates no log group, role or flow log", () => {
      const { json, network } = build({
        name: "x-dev",
        availabilityZones: AZS,
        flowLogs: { enabled: false },
        endpoints: { s3Gateway: false },
      });
      for (const type of ["aws_flow_log", "aws_cloudwatch_log_group", "aws_iam_role", "aws_iam_role_policy", "aws_vpc_endpoint"]) {
        expect(resources(json, type)).toEqual({});
      }
      expect(network.flowLog).toBeUndefined();
      expect(network.s3GatewayEndpoint).toBeUndefined();
    });

    it("with publicSubnetCidrs [] has no public subnet, internet gateway or public route", () => {
      const { json, network } = build({ name: "x-dev", availabilityZones: AZS, publicSubnetCidrs: [], natGateways: "none" });
      expect(findResources(json, "aws_subnet", (s) => /-public-/.test(s.tags.Name))).toEqual([]);
      expect(resources(json, "aws_internet_gateway")).toEqual({});
      expect(defaultRoutes(json)).toEqual([]);
      expect(network.publicSubnetIds).toEqual([]);
      expect(network.internetGateway).toBeUndefined();
    });

    it("given databaseSubnetCidrs, turns the database tier on with exactly those", () => {
      const { json } = build({ name: "x-dev", availabilityZones: AZS, databaseSubnetCidrs: ["10.0.100.0/24", "10.0.101.0/24"] });
      expect(AZS.map((az) => byName(json, "aws_subnet", `x-dev-database-${az}`).cidr_block)).toEqual(["10.0.100.0/24", "10.0.101.0/24"]);
    });

    it("encrypts the flow log group with a given KMS key", () => {
      const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
      const { json } = build({ name: "x-dev", availabilityZones: AZS, flowLogs: { kmsKeyArn: key } });
      expect(resource(json, "aws_cloudwatch_log_group").kms_key_id).toBe(key);
    });

    it("accepts the zones of the stack provider's region, and any region when the provider's is only known at apply", () => {
      const stackWith = (region: string | undefined) => {
        const stack = new TerraformStack(Testing.app(), "other");
        new AwsProvider(stack, "aws", { region });
        return stack;
      };
      const eu = stackWith("eu-west-1");
      new Network(eu, "Net", { name: "x-dev", availabilityZones: ["eu-west-1a", "eu-west-1b"] });
      expect(
        Object.values(resources(synthStack(eu), "aws_subnet"))
          .map((s) => s.availability_zone)
          .sort(),
      ).toEqual(["eu-west-1a", "eu-west-1a", "eu-west-1b", "eu-west-1b"]);
      const unknown = stackWith(Fn.lookup({ r: "eu-west-1" }, "r"));
      new Network(unknown, "Net", { name: "x-dev", availabilityZones: ["eu-west-1a", "eu-west-1b"] });
      expect(Object.keys(resources(synthStack(unknown), "aws_subnet"))).toHaveLength(4);
    });

    it("accepts every zone letter some account has (us-east-1f, ca-central-1d) and zones of regions newer than the table", () => {
      const zonesOf = (region: string, azs: string[]) => {
        const stack = new TerraformStack(Testing.app(), "zones");
        new AwsProvider(stack, "aws", { region });
        new Network(stack, "Net", { name: "x-dev", availabilityZones: azs });
        return Object.values(resources(synthStack(stack), "aws_subnet")).map((s) => s.availability_zone);
      };
      expect(zonesOf("us-east-1", ["us-east-1e", "us-east-1f"])).toContain("us-east-1f");
      expect(zonesOf("ca-central-1", ["ca-central-1b", "ca-central-1d"])).toContain("ca-central-1d");
      expect(zonesOf("xx-newregion-1", ["xx-newregion-1a", "xx-newregion-1e"])).toContain("xx-newregion-1e");
    });

    it("derives subnets with cidrsubnet() when the VPC CIDR is only known at apply", () => {
      const { json } = build({ name: "x-dev", availabilityZones: AZS, cidr: Fn.lookup({ a: "10.9.0.0/16" }, "a") });
      expect(byName(json, "aws_subnet", "x-dev-private-us-east-1b").cidr_block).toMatch(/^\$\{cidrsubnet\(.*, 8, 11\)\}$/);
    });
  });

  describe("zones by ID, and zones a CloudFront VPC origin can use", () => {
    it("places subnets by zone ID (the same physical zone in every account) and names them by it", () => {
      const { json, network } = build({ name: "shop-prod", availabilityZoneIds: ["use1-az1", "use1-az2"] });
      const subnets = Object.values(resources(json, "aws_subnet"));
      expect(subnets).toHaveLength(4);
      for (const s of subnets) expect(s.availability_zone).toBeUndefined();
      expect(subnets.map((s) => s.availability_zone_id).sort()).toEqual(["use1-az1", "use1-az1", "use1-az2", "use1-az2"]);
      expect(byName(json, "aws_subnet", "shop-prod-private-use1-az2").availability_zone_id).toBe("use1-az2");
      expect(network.availabilityZoneIds).toEqual(["use1-az1", "use1-az2"]);
      // Names are the account's own: read back from the private subnets.
      const privateName = idOf(json, "aws_subnet", byName(json, "aws_subnet", "shop-prod-private-use1-az1")).replace(
        /\.id\}$/,
        ".availability_zone}",
      );
      expect(json.data?.aws_availability_zones).toBeUndefined();
      expect((json.locals as any).Ref.availabilityZones[0]).toBe(privateName);
    });

    it("with cloudFrontVpcOrigin and zone names, looks the zones' IDs up and refuses an unsupported one at plan on the private subnets", () => {
      const { json } = build({ name: "shop-prod", availabilityZones: AZS, cloudFrontVpcOrigin: true });
      const lookups = json.data!.aws_availability_zones as Record<string, any>;
      expect(Object.values(lookups)).toEqual([{ filter: [{ name: "zone-name", values: AZS }] }]);
      const data = `data.aws_availability_zones.${Object.keys(lookups)[0]}`;
      AZS.forEach((az, i) => {
        const subnet = byName(json, "aws_subnet", `shop-prod-private-${az}`);
        expect(subnet.lifecycle.precondition).toEqual([
          {
            condition: `\${!contains(["use1-az3", "usw1-az2", "apne1-az3", "cac1-az3"], lookup(zipmap(${data}.names, ${data}.zone_ids), "${az}", "unknown"))}`,
            error_message: expect.stringMatching(
              new RegExp(
                `^test/Network: availabilityZones\\[${i}\\] \\(${az}\\) is, in this account, a zone ID where CloudFront VPC origins cannot be created .*give availabilityZoneIds\\.$`,
              ),
            ),
          },
        ]);
        expect(byName(json, "aws_subnet", `shop-prod-public-${az}`).lifecycle).toBeUndefined();
      });
      const plain = build({ name: "shop-prod", availabilityZones: AZS }).json;
      expect(plain.data?.aws_availability_zones).toBeUndefined();
      expect(findResources(plain, "aws_subnet", (s) => s.lifecycle !== undefined)).toEqual([]);
    });

    it("with cloudFrontVpcOrigin and zone IDs, refuses an unsupported ID at synth and accepts supported ones", () => {
      expect(() => build({ name: "shop-prod", availabilityZoneIds: ["use1-az1", "use1-az3"], cloudFrontVpcOrigin: true })).toThrow(
        /^test\/Network: availabilityZoneIds\[1\] must be a zone where CloudFront VPC origins can be created \(cloudFrontVpcOrigin is true\), not one of use1-az3, usw1-az2, apne1-az3, cac1-az3 \(CloudFront VPC origins as of \d{4}-\d\d-\d\d: https:\/\/docs\.aws\.amazon\.com\/AmazonCloudFront\/latest\/DeveloperGuide\/private-content-vpc-origins\.html\), got "use1-az3"$/,
      );
      const { json } = build({ name: "shop-prod", availabilityZoneIds: ["use1-az1", "use1-az3"] });
      expect(Object.keys(resources(json, "aws_subnet"))).toHaveLength(4);
      const ok = build({ name: "shop-prod", availabilityZoneIds: ["use1-az4", "use1-az6"], cloudFrontVpcOrigin: true }).json;
      expect(findResources(ok, "aws_subnet", (s) => s.lifecycle !== undefined)).toEqual([]);
    });
  });

  describe("bad input fails at synth, naming path, prop and value", () => {
    const base: NetworkProps = { name: "x-dev", availabilityZones: AZS };
    const attempt = (props: Partial<NetworkProps>) => () => new Network(scratchStack(), "Net", { ...base, ...props } as NetworkProps);

    it.each<[string, Partial<NetworkProps>, RegExp]>([
      ["an invalid VPC CIDR", { cidr: "10.0.0.0/33" }, /^test\/Net: cidr must be an IPv4 CIDR block .*got "10\.0\.0\.0\/33"$/],
      [
        "a VPC CIDR with host bits",
        { cidr: "10.0.1.0/16" },
        /cidr must be a network address .*did you mean 10\.0\.0\.0\/16\?.*got "10\.0\.1\.0\/16"/,
      ],
      ["a VPC CIDR larger than /16", { cidr: "10.0.0.0/8" }, /cidr must have a prefix length from \/16 to \/28, got "10\.0\.0\.0\/8"/],
      [
        "a VPC too small to derive subnets",
        { cidr: "10.0.0.0/24" },
        /cidr is too small to derive public subnets .* or give publicSubnetCidrs, got "10\.0\.0\.0\/24"/,
      ],
      [
        "an invalid subnet CIDR",
        { privateSubnetCidrs: ["10.0.10.0/24", "10.0.11/24"] },
        /test\/Net: privateSubnetCidrs\[1\] must be an IPv4 CIDR block .*got "10\.0\.11\/24"/,
      ],
      [
        "a subnet outside the VPC",
        { publicSubnetCidrs: ["10.0.1.0/24", "10.1.2.0/24"] },
        /publicSubnetCidrs\[1\] must lie within the VPC CIDR "10\.0\.0\.0\/16" \(prop cidr\), got "10\.1\.2\.0\/24"/,
      ],
      [
        "overlapping subnets within a tier",
        { privateSubnetCidrs: ["10.0.10.0/23", "10.0.11.0/24"] },
        /privateSubnetCidrs\[1\] must not overlap privateSubnetCidrs\[0\] \("10\.0\.10\.0\/23"\), got "10\.0\.11\.0\/24"/,
      ],
      [
        "a subnet overlapping a derived one",
        { privateSubnetCidrs: ["10.0.10.0/24", "10.0.0.0/22"] },
        /privateSubnetCidrs\[1\] must not overlap publicSubnetCidrs\[0\] \(derived\) \("10\.0\.1\.0\/24"\), got "10\.0\.0\.0\/22"/,
      ],
      [
        "fewer subnets than AZs",
        { privateSubnetCidrs: ["10.0.10.0/24"] },
        /privateSubnetCidrs must have one CIDR per availability zone: 2 for \["us-east-1a","us-east-1b"\], got \["10\.0\.10\.0\/24"\]/,
      ],
      [
        "more subnets than AZs",
        { publicSubnetCidrs: ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"] },
        /publicSubnetCidrs must have one CIDR per availability zone: 2 .* \(or \[\] for none\), got \[/,
      ],
      [
        "database CIDRs with the tier off",
        { databaseSubnets: false, databaseSubnetCidrs: ["10.0.20.0/24", "10.0.21.0/24"] },
        /databaseSubnetCidrs must not be given when databaseSubnets is false/,
      ],
      [
        "one AZ",
        { availabilityZones: ["us-east-1a"] },
        /test\/Net: availabilityZones must list 2 or 3 availability zones .*got \["us-east-1a"\]/,
      ],
      ["four AZs", { availabilityZones: [...AZS3, "us-east-1d"] }, /availabilityZones must list 2 or 3 availability zones/],
      [
        "an AZ list only known at apply",
        { availabilityZones: Fn.tolist(["us-east-1a"]) as unknown as string[] },
        /availabilityZones must be a literal list/,
      ],
      [
        "a region instead of an AZ",
        { availabilityZones: ["us-east-1a", "us-east-1"] },
        /availabilityZones\[1\] must be an availability zone name such as us-east-1a, got "us-east-1"/,
      ],
      [
        "a repeated AZ",
        { availabilityZones: ["us-east-1a", "us-east-1a"] },
        /availabilityZones must not contain duplicates, got "us-east-1a"/,
      ],
      ["AZs in two regions", { availabilityZones: ["us-east-1a", "us-west-2b"] }, /availabilityZones must all be in one region/],
      [
        "AZs of another region than the stack's provider",
        { availabilityZones: ["us-west-2a", "us-west-2b"] },
        /^test\/Net: availabilityZones\[0\] must be a zone of the stack's AWS provider region us-east-1 \(e\.g\. us-east-1a\), got "us-west-2a"$/,
      ],
      [
        "zones by name and by ID",
        { availabilityZoneIds: ["use1-az1", "use1-az2"] },
        /^test\/Net: availabilityZoneIds must not be given with availabilityZones \(zones by name or by ID, not both\), got \["use1-az1","use1-az2"\]$/,
      ],
      [
        "no zones at all",
        { availabilityZones: undefined },
        /^test\/Net: availabilityZones must be a literal list of 2 or 3 availability zone names .*\(or give availabilityZoneIds\), got undefined$/,
      ],
      [
        "a zone name given as an ID",
        { availabilityZones: undefined, availabilityZoneIds: ["us-east-1a", "use1-az2"] },
        /^test\/Net: availabilityZoneIds\[0\] must be an availability zone ID such as use1-az1 .*got "us-east-1a"$/,
      ],
      [
        "zone IDs of another region than the stack's provider",
        { availabilityZones: undefined, availabilityZoneIds: ["euw1-az1", "euw1-az2"] },
        /^test\/Net: availabilityZoneIds\[0\] must be a zone ID of the stack's AWS provider region us-east-1 \(use1-az1, use1-az2, \.\.\.\), got "euw1-az1"$/,
      ],
      [
        "one zone ID",
        { availabilityZones: undefined, availabilityZoneIds: ["use1-az1"] },
        /^test\/Net: availabilityZoneIds must be a literal list of 2 or 3 availability zone IDs/,
      ],
      [
        "a repeated zone ID",
        { availabilityZones: undefined, availabilityZoneIds: ["use1-az1", "use1-az1"] },
        /availabilityZoneIds must not contain duplicates, got "use1-az1"/,
      ],
      [
        "a VPC CIDR smaller than /28",
        { cidr: "10.0.0.0/29" },
        /test\/Net: cidr must have a prefix length from \/16 to \/28, got "10\.0\.0\.0\/29"/,
      ],
      [
        "a subnet smaller than /28",
        { privateSubnetCidrs: ["10.0.10.0/29", "10.0.11.0/24"] },
        /test\/Net: privateSubnetCidrs\[0\] must have a prefix length from \/16 to \/28, got "10\.0\.10\.0\/29"/,
      ],
      [
        "a subnet list only known at apply",
        { privateSubnetCidrs: Fn.tolist(["10.0.10.0/24", "10.0.11.0/24"]) as unknown as string[] },
        /test\/Net: privateSubnetCidrs must be a literal list of CIDR blocks/,
      ],
      [
        "perAz NAT without public subnets",
        { natGateways: "perAz", publicSubnetCidrs: [] },
        /natGateways needs public subnets .*publicSubnetCidrs is \[\].*got "perAz"/,
      ],
      ["single NAT without public subnets", { publicSubnetCidrs: [] }, /natGateways needs public subnets .*got "single"/],
      [
        "an unknown NAT mode",
        { natGateways: "multi" as never },
        /natGateways must be one of "none", "single", "perAz", "instance", got "multi"/,
      ],
      [
        "an endpoint AWS does not have",
        { endpoints: { interfaces: ["logs", "ecr"] as never } },
        /test\/Net: endpoints\.interfaces\[1\] must be one of "ecr\.api", "ecr\.dkr", .*got "ecr"/,
      ],
      [
        "a misspelt endpoint",
        { endpoints: { interfaces: ["secretmanager"] as never } },
        /endpoints\.interfaces\[0\] must be one of .*got "secretmanager"/,
      ],
      [
        "a repeated endpoint",
        { endpoints: { interfaces: ["logs", "logs"] } },
        /endpoints\.interfaces must not contain duplicates, got "logs"/,
      ],
      ["a log retention CloudWatch refuses", { flowLogs: { retentionDays: 45 } }, /flowLogs\.retentionDays must be one of 1, 3, .*got 45/],
      [
        "an unknown traffic type",
        { flowLogs: { trafficType: "all" as never } },
        /flowLogs\.trafficType must be one of "ALL", "ACCEPT", "REJECT", got "all"/,
      ],
      [
        "an aggregation interval AWS refuses",
        { flowLogs: { maxAggregationIntervalSeconds: 300 as never } },
        /flowLogs\.maxAggregationIntervalSeconds must be one of 60, 600, got 300/,
      ],
      [
        "a KMS alias ARN (CloudWatch Logs takes key ARNs)",
        { flowLogs: { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/logs" } },
        /flowLogs\.kmsKeyArn must be a KMS key ARN .*not an alias: CloudWatch Logs encrypts with key ARNs only/,
      ],
      [
        "a KMS key of another region than the stack's",
        { flowLogs: { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" } },
        /^test\/Net: flowLogs\.kmsKeyArn must be in the stack's AWS provider region us-east-1 \(KMS keys are regional and CloudWatch Logs uses keys of its own region only\), not in eu-west-1, got "arn:aws:kms:eu-west-1:/,
      ],
      [
        "a zone letter the region does not have",
        { availabilityZones: ["us-east-1a", "us-east-1g"] },
        /^test\/Net: availabilityZones\[1\] must be an availability zone that exists in us-east-1: us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f \(AWS zones as of 2026-11-28: https:\/\/docs\.aws\.amazon\.com\/global-infrastructure\/latest\/regions\/aws-availability-zones\.html\), got "us-east-1g"$/,
      ],
      ["a name too long for the IAM role", { name: "x".repeat(51) }, /test\/Net: name must be 1-64 characters for a iamRole name/],
      ["a name with characters AWS refuses", { name: "acme dev!" }, /test\/Net: name must be a valid generic name/],
    ])("refuses %s", (_, props, message) => {
      expect(attempt(props)).toThrow(message);
    });
  });
});
