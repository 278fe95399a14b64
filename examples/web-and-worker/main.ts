// A web app and a background worker sharing one image, cluster, network and database, on a
// custom domain (CloudFront in front, SES sending), in a non-production "qa" environment.
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { ContainerWebApp } from "@platform/cdktf-aws-webapp";

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
      compute: { kind: "fargate", minCapacity: 1, maxCapacity: 3 },
      workers: [{ name: "jobs", command: ["node", "dist/worker.js"], maxCapacity: 2 }],
      email: { fromAddress: "noreply@qa.interviews.example.com" },
      secrets: ["AUTH_SECRET", "OPENAI_API_KEY"],
      authJs: true,
      monthlyBudgetUsd: 80,
    });
  }
}

if (require.main === module) {
  const app = new App();
  new InterviewStack(app, "interviews-qa", process.env.IMAGE_TAG ?? "qa-1");
  app.synth();
}
