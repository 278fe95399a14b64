// An AI chatbot in eu-west-1 with no custom domain: CloudFront (default certificate) → internal
// load balancer → Fargate → PostgreSQL, Bedrock through the EU inference profile, and a photo
// uploads bucket served by the CDN. Run: cdktf synth (with "app": "npx tsx main.ts").
import { App, S3Backend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { ContainerWebApp } from "@platform/cdktf-aws-webapp";

export class ChatbotStack extends TerraformStack {
  public readonly app: ContainerWebApp;

  public constructor(scope: Construct, id: string, imageTag: string) {
    super(scope, id);
    const tags = { Project: "chatbot", Environment: "live" };
    new AwsProvider(this, "aws", { region: "eu-west-1", defaultTags: [{ tags }] });
    // CloudFront's WAF, access logs and alarms live in us-east-1.
    const usEast1 = new AwsProvider(this, "us_east_1", { alias: "us_east_1", region: "us-east-1", defaultTags: [{ tags }] });
    new S3Backend(this, { bucket: "chatbot-terraform-state", key: "chatbot/live.tfstate", region: "eu-west-1", encrypt: true });

    this.app = new ContainerWebApp(this, "Chatbot", {
      project: "chatbot",
      environment: "live",
      profile: "production",
      imageTag,
      usEast1Provider: usEast1,
      compute: { kind: "fargate", cpu: 1024, memoryMiB: 2048, cpuArchitecture: "ARM64" },
      database: { poolSize: 4 },
      secrets: ["AUTH_SECRET", "GOOGLE_CLIENT_SECRET"],
      parameters: { LOG_LEVEL: "info" },
      authJs: true,
      bedrock: { inferenceProfileIds: ["eu.anthropic.claude-sonnet-4-20250514-v1:0"] },
      uploads: { pathPattern: "/photos/*" },
      alarmEmails: { critical: ["oncall@example.com"], warning: ["team@example.com"] },
      monthlyBudgetUsd: 300,
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ChatbotStack(app, "chatbot-live", process.env.IMAGE_TAG ?? "v1.0.0");
  app.synth();
}
