import { describe, expect, it } from "vitest";
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { resources, synthStack } from "../internal/testing";
import { ContainerWebApp, ContainerWebAppProps } from "./container-web-app";

const DEV: ContainerWebAppProps = { project: "shop", environment: "dev", profile: "non-production", imageTag: "v1", cdn: false };

/** Zones of the subnets of a dev app in a stack whose provider is in `region`. */
function zonesIn(region: string, props: Partial<ContainerWebAppProps> = {}): string[] {
  const stack = new TerraformStack(Testing.app(), "zones");
  new AwsProvider(stack, "aws", { region });
  new ContainerWebApp(stack, "App", { ...DEV, ...props });
  return [...new Set(Object.values(resources(synthStack(stack), "aws_subnet")).map((s: any) => s.availability_zone))].sort();
}

describe("ContainerWebApp default availability zones", () => {
  it("takes a and b where every account has them", () => {
    expect(zonesIn("eu-west-1")).toEqual(["eu-west-1a", "eu-west-1b"]);
  });

  it("takes a and c in ap-northeast-1, where newer accounts have no b", () => {
    expect(zonesIn("ap-northeast-1")).toEqual(["ap-northeast-1a", "ap-northeast-1c"]);
  });

  it("asks for the zones in us-west-1, where names differ per account, and takes the ones given", () => {
    expect(() => zonesIn("us-west-1")).toThrow(
      /^zones\/App: network\.availabilityZones is required in us-west-1, where zone names differ per account \(list two of yours: aws ec2 describe-availability-zones --region us-west-1\); or give network\.availabilityZoneIds, got undefined$/,
    );
    expect(zonesIn("us-west-1", { network: { availabilityZones: ["us-west-1b", "us-west-1c"] } })).toEqual(["us-west-1b", "us-west-1c"]);
  });

  it("keeps a CloudFront VPC origin's load balancer out of unsupported zones: names checked at plan, IDs at synth", () => {
    const subnetsOf = (props: Partial<ContainerWebAppProps>) => {
      const stack = new TerraformStack(Testing.app(), "zones");
      new AwsProvider(stack, "aws", { region: "us-east-1" });
      new ContainerWebApp(stack, "App", { ...DEV, ...props });
      return Object.values(resources(synthStack(stack), "aws_subnet")) as any[];
    };
    const guarded = (subnets: any[]) =>
      subnets
        .filter((s) => s.lifecycle?.precondition)
        .map((s) => s.tags.Name)
        .sort();
    // The default edge is a VPC origin: the private subnets, where the internal load balancer lives, are guarded.
    expect(guarded(subnetsOf({ cdn: {} }))).toEqual(["shop-dev-private-us-east-1a", "shop-dev-private-us-east-1b"]);
    expect(guarded(subnetsOf({ cdn: false }))).toEqual([]);
    expect(guarded(subnetsOf({ cdn: { originAccess: "public" } }))).toEqual([]);
    const byId = subnetsOf({ cdn: {}, network: { availabilityZoneIds: ["use1-az1", "use1-az2"] } });
    expect(byId.map((s) => s.availability_zone_id).sort()).toEqual(["use1-az1", "use1-az1", "use1-az2", "use1-az2"]);
    expect(() => subnetsOf({ cdn: {}, network: { availabilityZoneIds: ["use1-az3", "use1-az2"] } })).toThrow(
      /zones\/App\/Network: availabilityZoneIds\[0\] must be a zone where CloudFront VPC origins can be created .*got "use1-az3"/,
    );
  });

  it("checks an imported network's load balancer subnets at plan when a VPC origin reaches them", () => {
    const stack = new TerraformStack(Testing.app(), "zones");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const network = {
      vpcId: "vpc-0123456789abcdef0",
      vpcCidr: "10.1.0.0/16",
      availabilityZones: ["us-east-1a", "us-east-1b"],
      publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
      privateSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
      privateSubnetEgress: { natGateway: true, s3: true, interfaceEndpoints: [] },
    };
    new ContainerWebApp(stack, "App", { ...DEV, cdn: {}, network });
    const lookups = Object.entries((synthStack(stack).data as any).aws_subnet)
      .filter(([n]) => n.includes("VpcOriginZones"))
      .map(([, l]) => l) as any[];
    expect(lookups.map((l) => l.id)).toEqual(network.privateSubnetIds);
    expect(lookups[1].lifecycle.postcondition).toEqual([
      {
        condition: '${!contains(["use1-az3","usw1-az2","apne1-az3","cac1-az3"], self.availability_zone_id)}',
        error_message: expect.stringMatching(
          /^zones\/App\/VpcOriginZones: subnet subnet-0bbbbbbbbbbbbbbb2 of the load balancer is in a zone where CloudFront VPC origins cannot be created /,
        ),
      },
    ]);
    const plain = new TerraformStack(Testing.app(), "plain");
    new AwsProvider(plain, "aws", { region: "us-east-1" });
    new ContainerWebApp(plain, "App", { ...DEV, cdn: false, network });
    expect(Object.keys((synthStack(plain).data as any)?.aws_subnet ?? {}).filter((n) => n.includes("VpcOriginZones"))).toEqual([]);
  });
});
