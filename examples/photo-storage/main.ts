// A community app's photo storage as its own stack: a private, versioned bucket that the app's
// pages upload to with presigned URLs (CORS for the app's origins), served by CloudFront through
// origin access control on a photos domain; no app origin. Run: cdktf synth.
import { App, S3Backend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { BucketDistribution, UploadsBucket } from "@platform/cdktf-aws-webapp";

export class PhotoStorageStack extends TerraformStack {
  public readonly photos: UploadsBucket;
  public readonly cdn: BucketDistribution;

  public constructor(scope: Construct, id: string, environment: string) {
    super(scope, id);
    const tags = { Project: "community", Environment: environment };
    // In us-east-1, the default provider is also the one CloudFront's certificate, WAF and logs need.
    const aws = new AwsProvider(this, "aws", { region: "us-east-1", defaultTags: [{ tags }] });
    new S3Backend(this, { bucket: "community-terraform-state", key: `photos/${environment}.tfstate`, region: "us-east-1", encrypt: true });
    const name = `community-${environment}-photos`;

    this.photos = new UploadsBucket(this, "Photos", {
      bucketName: name,
      // The app (another stack) and its admin site upload; the presigned URL authorizes each upload.
      allowedOrigins: [
        `https://${environment === "prod" ? "" : `${environment}.`}community.example.com`,
        "https://admin.community.example.com",
      ],
      noncurrentVersionExpirationDays: 30,
      preventDestroy: environment === "prod",
    });
    this.cdn = new BucketDistribution(this, "Cdn", {
      name,
      bucket: this.photos.bucket,
      domain: {
        names: [`photos${environment === "prod" ? "" : `-${environment}`}.community.example.com`],
        hostedZoneId: "Z0EXAMPLE0ZONE0ID",
      },
      usEast1Provider: aws,
      webAcl: environment === "prod",
      accessLogs: environment === "prod",
    });
  }
}

if (require.main === module) {
  const app = new App();
  new PhotoStorageStack(app, "photos-dev", "dev");
  app.synth();
}
