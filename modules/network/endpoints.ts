import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { awsContext } from "../internal/aws-context";
import { pascalCase, physicalName } from "../internal/naming";
import { checkOneOf, checkUnique } from "../internal/validate";
import { INTERFACE_ENDPOINT_SERVICES, InterfaceEndpointService, NetworkEndpointsProps } from "./network";
import { NetworkPart } from "./network-part";

/** `endpoints` with their defaults, checked (`scope` is the network, named in errors). */
export function resolveEndpoints(
  scope: NetworkPart["scope"],
  props: NetworkEndpointsProps | undefined,
): { s3Gateway: boolean; interfaces: readonly InterfaceEndpointService[] } {
  const s3Gateway = props?.s3Gateway ?? true;
  const interfaces = props?.interfaces ?? [];
  interfaces.forEach((svc, i) => checkOneOf<string>(scope, `endpoints.interfaces[${i}]`, svc, INTERFACE_ENDPOINT_SERVICES));
  checkUnique(scope, "endpoints.interfaces", interfaces);
  return { s3Gateway, interfaces };
}

/** The free S3 gateway endpoint on the given route tables. */
export function createS3GatewayEndpoint(part: NetworkPart, routeTables: readonly RouteTable[]): VpcEndpoint {
  const region = awsContext(part.scope).region;
  return new VpcEndpoint(part.scope, "S3GatewayEndpoint", {
    vpcId: part.vpcId,
    serviceName: `com.amazonaws.${region}.s3`,
    vpcEndpointType: "Gateway",
    routeTableIds: routeTables.map((t) => t.id),
    tags: part.tagsFor("s3-endpoint"),
  });
}

/** Interface endpoints in the private subnets, with private DNS, behind one security group admitting HTTPS from the VPC. */
export function createInterfaceEndpoints(
  part: NetworkPart,
  interfaces: readonly InterfaceEndpointService[],
  vpcCidr: string,
  subnetIds: readonly string[],
  s3GatewayEndpoint: VpcEndpoint | undefined,
): { securityGroup: SecurityGroup; endpoints: Partial<Record<InterfaceEndpointService, VpcEndpoint>> } {
  const { scope, tagsFor } = part;
  const region = awsContext(scope).region;
  const sg = new SecurityGroup(scope, "EndpointSecurityGroup", {
    name: physicalName(scope, "securityGroup", part.name, "vpc-endpoints"),
    description: "VPC interface endpoints: HTTPS from the VPC",
    vpcId: part.vpcId,
    tags: tagsFor("vpc-endpoints"),
  });
  new VpcSecurityGroupIngressRule(scope, "EndpointSecurityGroupHttpsIngress", {
    securityGroupId: sg.id,
    cidrIpv4: vpcCidr,
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    description: "HTTPS from the VPC",
  });
  const endpoints: Partial<Record<InterfaceEndpointService, VpcEndpoint>> = {};
  for (const svc of interfaces) {
    // S3 alone has gateway and interface endpoints. With the gateway in the VPC, private DNS
    // must be "only for inbound endpoints" (VPC traffic keeps the free gateway), and EC2
    // refuses that until the gateway exists; without it, the interface takes all S3 traffic.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns
    const s3 = svc === "s3";
    endpoints[svc] = new VpcEndpoint(scope, `${pascalCase(svc)}Endpoint`, {
      vpcId: part.vpcId,
      serviceName: `com.amazonaws.${region}.${svc}`,
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      ...(s3 ? { dnsOptions: { privateDnsOnlyForInboundResolverEndpoint: s3GatewayEndpoint !== undefined } } : {}),
      ...(s3 && s3GatewayEndpoint ? { dependsOn: [s3GatewayEndpoint] } : {}),
      subnetIds: [...subnetIds],
      securityGroupIds: [sg.id],
      tags: tagsFor(`${svc.replace(/\./g, "-")}-endpoint`),
    });
  }
  return { securityGroup: sg, endpoints };
}
