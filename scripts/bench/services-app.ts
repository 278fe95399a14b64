/**
 * Benchmark app: one stack with BENCH_SERVICES web services, each with its own load balancer,
 * listeners, target group, ECS service, task definition, roles, log group and autoscaling,
 * sharing one cluster and a network given as IDs. Synthesizes to CDKTF_OUTDIR.
 */
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { FargateCluster } from "../../modules/service/fargate-cluster";
import { WebService } from "../../modules/service/web-service";

const count = Number(process.env.BENCH_SERVICES ?? 1);
const app = new App({ skipValidation: true });
const stack = new TerraformStack(app, "services");
new AwsProvider(stack, "aws", { region: "us-east-1" });
const network = {
  vpcId: "vpc-0123456789abcdef0",
  vpcCidr: "10.0.0.0/16",
  availabilityZones: ["us-east-1a", "us-east-1b"],
  publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
  privateSubnetIds: ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
};
const cluster = new FargateCluster(stack, "Cluster", { name: "bench" });
for (let i = 0; i < count; i++) {
  new WebService(stack, `Web${i}`, {
    name: `bench-${i}`,
    cluster,
    network,
    imageUri: "public.ecr.aws/docker/library/nginx:1.27",
    https: false,
    environment: { NODE_ENV: "production", SERVICE_INDEX: String(i) },
  });
}
app.synth();
