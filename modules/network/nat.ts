import { DataAwsAmi } from "@cdktf/provider-aws/lib/data-aws-ami";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { suppress } from "../core/suppressions";
import { physicalName } from "../internal/naming";
import { checkOneOf, checkPattern, fail, show } from "../internal/validate";
import { FCK_NAT_AMI_NAME, FCK_NAT_AMI_OWNER, NAT_GATEWAY_MODES, NatGatewayMode, NatInstanceProps } from "./network";
import { NetworkPart } from "./network-part";

/** `natGateways` and `natInstance` with their defaults, checked (`scope` is the network, named in errors). */
export function resolveNat(
  scope: NetworkPart["scope"],
  mode: NatGatewayMode | undefined,
  natInstance: NatInstanceProps | undefined,
): { mode: NatGatewayMode; instanceType: string } {
  const natMode = mode ?? "single";
  checkOneOf(scope, "natGateways", natMode, NAT_GATEWAY_MODES);
  const instanceType = natInstance?.instanceType ?? "t4g.nano";
  if (natInstance !== undefined && natMode !== "instance") {
    fail(scope, "natInstance", `applies only with natGateways "instance" (natGateways is ${show(natMode)})`, natInstance);
  }
  // The fck-nat image is the ARM64 build: Graviton families carry a "g" after the generation (t4g, c7gn, m8g).
  checkPattern(
    scope,
    "natInstance.instanceType",
    instanceType,
    /^[a-z]+\d+g[a-z]*\.[a-z0-9]+$/,
    "must be a Graviton (ARM64) instance type such as t4g.nano, to run the ARM64 fck-nat AMI",
  );
  checkPattern(scope, "natInstance.amiId", natInstance?.amiId, /^ami-[0-9a-f]{8,17}$/, "must be an AMI id such as ami-0123456789abcdef0");
  return { mode: natMode, instanceType };
}

/** NAT gateways with their Elastic IPs: `count` of them, the i-th in the i-th public subnet. */
export function createNatGateways(
  part: NetworkPart,
  count: number,
  zoneLabels: readonly string[],
  publicSubnets: readonly Subnet[],
  internetGateway: InternetGateway | undefined,
): { gateways: NatGateway[]; eips: Eip[] } {
  const { scope, tagsFor } = part;
  const eips: Eip[] = [];
  const gateways: NatGateway[] = [];
  for (let i = 0; i < count; i++) {
    const eip = new Eip(scope, `NatEip${i + 1}`, {
      domain: "vpc",
      tags: tagsFor(`nat-${zoneLabels[i]}`),
      dependsOn: [internetGateway!],
    });
    eips.push(eip);
    gateways.push(
      new NatGateway(scope, `NatGateway${i + 1}`, {
        allocationId: eip.allocationId,
        subnetId: publicSubnets[i].id,
        connectivityType: "public",
        tags: tagsFor(`nat-${zoneLabels[i]}`),
        dependsOn: [internetGateway!],
      }),
    );
  }
  return { gateways, eips };
}

/**
 * One fck-nat instance in the first public subnet (the fck-nat approach: an AMI that turns on
 * IP forwarding and masquerading at boot). Source/destination checking is off, so it may
 * forward packets that are not its own; its Elastic IP is the VPC's egress address.
 */
export function createNatInstance(
  part: NetworkPart,
  az: string,
  vpcCidr: string,
  instanceType: string,
  amiId: string | undefined,
  publicSubnet: Subnet,
  internetGateway: InternetGateway | undefined,
): { instance: Instance; securityGroup: SecurityGroup; eip: Eip } {
  const { scope, tagsFor } = part;
  const securityGroup = new SecurityGroup(scope, "NatInstanceSecurityGroup", {
    name: physicalName(scope, "securityGroup", part.name, "nat-instance"),
    description: "NAT instance: all traffic from the VPC in, forwarded out",
    vpcId: part.vpcId,
    tags: tagsFor("nat-instance"),
  });
  new VpcSecurityGroupIngressRule(scope, "NatInstanceIngressFromVpc", {
    securityGroupId: securityGroup.id,
    cidrIpv4: vpcCidr,
    ipProtocol: "-1",
    description: "Traffic of the private subnets to forward",
  });
  const egress = new VpcSecurityGroupEgressRule(scope, "NatInstanceEgress", {
    securityGroupId: securityGroup.id,
    cidrIpv4: "0.0.0.0/0",
    ipProtocol: "-1",
    description: "Forwarded traffic to the internet",
  });
  suppress(
    egress,
    "SG-EGRESS-ALL-PORTS",
    "a NAT instance forwards the private subnets' traffic whatever its port, as a NAT gateway does; what may leave is decided by the workloads' own security groups",
  );
  const image =
    amiId ??
    new DataAwsAmi(scope, "NatInstanceAmi", {
      owners: [FCK_NAT_AMI_OWNER],
      mostRecent: true,
      filter: [
        { name: "name", values: [FCK_NAT_AMI_NAME] },
        { name: "architecture", values: ["arm64"] },
      ],
    }).id;
  const instance = new Instance(scope, "NatInstance", {
    ami: image,
    instanceType,
    subnetId: publicSubnet.id,
    vpcSecurityGroupIds: [securityGroup.id],
    sourceDestCheck: false,
    // associate_public_ip_address stays unset: the subnet maps no public IP on launch, and the
    // Elastic IP below is the address. Set to false, the provider reads the EIP back as `true`
    // and every later plan replaces the instance (hashicorp/terraform-provider-aws#37318);
    // unset, the attribute is computed and the read-back value is no change.
    // IMDSv2 only (Security Hub EC2.8); the root volume is encrypted (EC2.3 for its EBS volume).
    metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" },
    rootBlockDevice: { encrypted: true, volumeType: "gp3" },
    tags: tagsFor(`nat-${az}`),
    dependsOn: [internetGateway!],
  });
  const eip = new Eip(scope, "NatInstanceEip", {
    domain: "vpc",
    instance: instance.id,
    tags: tagsFor(`nat-${az}`),
    dependsOn: [internetGateway!],
  });
  return { instance, securityGroup, eip };
}

/** Each private route table's default route: to its zone's NAT gateway (or the last one), or to the NAT instance. */
export function addPrivateDefaultRoutes(
  part: NetworkPart,
  tables: readonly RouteTable[],
  gateways: readonly NatGateway[],
  instance: Instance | undefined,
): void {
  tables.forEach((table, i) => {
    if (gateways.length === 0 && !instance) return;
    new Route(part.scope, `PrivateDefaultRoute${i + 1}`, {
      routeTableId: table.id,
      destinationCidrBlock: "0.0.0.0/0",
      ...(instance
        ? { networkInterfaceId: instance.primaryNetworkInterfaceId }
        : { natGatewayId: gateways[Math.min(i, gateways.length - 1)].id }),
    });
  });
}
