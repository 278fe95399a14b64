// A Next.js app with Prisma and BullMQ workers: the web service and a worker share one image,
// cluster, network, PostgreSQL (Prisma's DATABASE_URL) and Redis (REDIS_URL), both on Fargate
// Spot, on a custom domain behind CloudFront, in a non-production "qa" environment.
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { ContainerWebApp, SPOT_CAPACITY } from "@platform/cdktf-aws-webapp";

export class InterviewStack extends TerraformStack {
  public readonly app: ContainerWebApp;

  public constructor(scope: Construct, id: string, imageTag: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-east-1", defaultTags: [{ tags: { Project: "interviews", Environment: "qa" } }] });

    this.app = new ContainerWebApp(this, "Interviews", {
      project: "interviews",
      environment: "qa",
      profile: "non-production",
      imageTag,
      domain: { name: "qa.interviews.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" },
      network: { natGateways: "instance" },
      compute: { kind: "fargate", spot: true, minCapacity: 1, maxCapacity: 3 },
      // Queue jobs are retried when Spot reclaims a task: the worker runs on Spot as well.
      workers: [
        { name: "jobs", command: ["node", "dist/worker.js"], maxCapacity: 2, overrides: { capacityProviderStrategy: SPOT_CAPACITY } },
      ],
      // Prisma: DATABASE_URL is a secret that `npx cdktf-aws-webapp db-create-app-role` writes
      // (connection_limit = poolSize, pool_timeout, TLS verified against the RDS CA in the image).
      database: { access: "url", poolSize: 5, url: { poolTimeoutSeconds: 20 } },
      // Migrations on each new image before the service rolls: `npx cdktf-aws-webapp release`.
      release: { command: ["npx", "prisma", "migrate", "deploy"] },
      // BullMQ: a cache that never evicts jobs; REDIS_URL is a secret, 6379 open to web and worker.
      cache: { maxmemoryPolicy: "noeviction" },
      email: { fromAddress: "noreply@qa.interviews.example.com" },
      secrets: ["AUTH_SECRET", "OPENAI_API_KEY"],
      authJs: true,
      monthlyBudgetUsd: 120,
    });
  }
}

if (require.main === module) {
  const app = new App();
  new InterviewStack(app, "interviews-qa", process.env.IMAGE_TAG ?? "qa-1");
  app.synth();
}
