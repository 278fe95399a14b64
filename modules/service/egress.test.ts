import { describe, expect, it } from "vitest";
import { TEST_NETWORK, resources, synth } from "../internal/testing";
import { Network } from "../network/network";
import { AUTH_SECRET_ARN, synthWeb, webService } from "./testing";

const PARAMETER_ARN = "arn:aws:ssm:us-east-1:123456789012:parameter/fckdoomscroll/flags";
const noNat = (interfaceEndpoints: string[], s3 = true) => ({
  ...TEST_NETWORK,
  privateSubnetEgress: { natGateway: false, s3, interfaceEndpoints },
});

describe("tasks in private subnets without NAT must be able to start", () => {
  it("refuses a network without the ECR, logs and secrets endpoints the tasks need", () => {
    expect(() => synthWeb({ network: noNat([]), secrets: { AUTH_SECRET: AUTH_SECRET_ARN, FLAGS: PARAMETER_ARN } })).toThrow(
      /test\/Web: network\.privateSubnetEgress has no NAT and lacks what tasks need to start \(pull the image, write logs, read secrets\): add ecr\.api, ecr\.dkr, logs, secretsmanager, ssm to the network's endpoints \(or give it a NAT\), got \{"natGateway":false/,
    );
    expect(() => synthWeb({ network: noNat(["ecr.api", "ecr.dkr", "logs"], false) })).toThrow(
      /add S3 \(gateway endpoint, for image layers\) to the network's endpoints/,
    );
  });

  it("refuses an image from outside ECR, which no VPC endpoint reaches", () => {
    expect(() =>
      synthWeb({ network: noNat(["ecr.api", "ecr.dkr", "logs"]), repository: undefined, imageUri: "public.ecr.aws/nginx/nginx:1.27" }),
    ).toThrow(
      /test\/Web: imageUri cannot be pulled: the network's private subnets have no NAT, and only private ECR images are reachable through VPC endpoints.*got "public\.ecr\.aws\/nginx\/nginx:1\.27"/,
    );
  });

  it("accepts the same service with the endpoints, with a NAT, or on a network that does not describe its egress", () => {
    const secrets = { AUTH_SECRET: AUTH_SECRET_ARN, FLAGS: PARAMETER_ARN };
    expect(() => synthWeb({ network: noNat(["ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm"]), secrets })).not.toThrow();
    expect(() =>
      synthWeb({
        network: noNat(["ecr.api", "ecr.dkr", "logs"]),
        repository: undefined,
        imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0",
      }),
    ).not.toThrow();
    const nat = { ...TEST_NETWORK, privateSubnetEgress: { natGateway: true, s3: false, interfaceEndpoints: [] } };
    expect(() => synthWeb({ network: nat, repository: undefined, imageUri: "public.ecr.aws/nginx/nginx:1.27", secrets })).not.toThrow();
    expect(() => synthWeb({ network: TEST_NETWORK, repository: undefined, imageUri: "public.ecr.aws/nginx/nginx:1.27" })).not.toThrow();
    // Tasks in the public subnets with a public IP pull through the internet gateway.
    expect(() =>
      synthWeb({ network: noNat([]), assignPublicIp: true, repository: undefined, imageUri: "public.ecr.aws/nginx/nginx:1.27" }),
    ).not.toThrow();
  });

  it("reads the egress from a Network: NAT-less with the endpoints passes, without them fails", () => {
    const azs = ["us-east-1a", "us-east-1b"];
    const interfaces = ["ecr.api", "ecr.dkr", "logs", "secretsmanager"] as const;
    const json = synth((s) => {
      const network = new Network(s, "Net", {
        name: "acme-dev",
        availabilityZones: azs,
        natGateways: "none",
        endpoints: { interfaces: [...interfaces] },
      });
      expect(network.privateSubnetEgress).toEqual({ natGateway: false, s3: true, interfaceEndpoints: [...interfaces] });
      webService(s, { network, secrets: { AUTH_SECRET: AUTH_SECRET_ARN } });
    });
    expect(Object.keys(resources(json, "aws_ecs_service"))).toHaveLength(1);
    expect(() =>
      synth((s) => webService(s, { network: new Network(s, "Net", { name: "acme-dev", availabilityZones: azs, natGateways: "none" }) })),
    ).toThrow(/network\.privateSubnetEgress has no NAT .*add ecr\.api, ecr\.dkr, logs to the network's endpoints/);
  });
});

describe("names where AWS wants names", () => {
  it("refuses a cluster ARN as the cluster name (the autoscaling resource id needs the name), accepts the name", () => {
    const cluster = {
      clusterName: "arn:aws:ecs:us-east-1:123456789012:cluster/shop",
      clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/shop",
    };
    expect(() => synthWeb({ cluster })).toThrow(
      /test\/Web: cluster\.clusterName must be the cluster's name \(letters, digits, - and _\), not its ARN, got "arn:aws:ecs:us-east-1:123456789012:cluster\/shop"/,
    );
    const json = synthWeb({ cluster: { ...cluster, clusterName: "shop" } });
    expect(Object.values(resources(json, "aws_appautoscaling_target"))[0].resource_id).toMatch(/^service\/shop\//);
  });
});
