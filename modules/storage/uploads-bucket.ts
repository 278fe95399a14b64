import { S3BucketCorsConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration";
import { Construct } from "constructs";
import { RoleRef } from "../core/workload-role";
import { BucketCorsRule, bucketCorsConfiguration, checkCorsOrigin } from "../core/bucket-cors";
import { PrivateBucket } from "../core/private-bucket";

/** Props for {@link UploadsBucket}. */
export interface UploadsBucketProps {
  /** Globally unique bucket name, e.g. `<project>-<environment>-uploads`. */
  readonly bucketName: string;
  /**
   * Origins whose pages upload straight to S3 with presigned URLs (`PUT`/`POST`): the app's URL,
   * and other apps' origins when they upload too. Each is a scheme and host with an optional
   * non-default port (`https://app.example.com`, `https://admin.example.org:8443`), no path; `*`
   * allows any site (the presigned URL still authorizes each upload). Tokens (a CDN's URL) are accepted.
   * @default [] - no CORS configuration (uploads go through the app)
   */
  readonly allowedOrigins?: readonly string[];
  /** Days before a replaced or deleted upload's old version is removed (1-36500). @default 30 */
  readonly noncurrentVersionExpirationDays?: number;
  /** Days before uploads themselves expire (1-36500). @default - never */
  readonly expirationDays?: number;
  /** KMS key ARN for SSE-KMS. @default - SSE-S3 (AES256) */
  readonly kmsKeyArn?: string;
  /** `prevent_destroy` on the bucket (user content cannot be re-created). @default false */
  readonly preventDestroy?: boolean;
  /** Let `terraform destroy` delete the bucket while it holds objects (disposable environments only). @default false */
  readonly forceDestroy?: boolean;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * A bucket for user uploads (photos, attachments): private, versioned and encrypted, old versions
 * expired, incomplete multipart uploads aborted after 7 days, and CORS for browser uploads from the
 * app's origin and any other origins named. Serve it through CloudFront with `CdnDistribution`'s `bucketOrigins`; grant the
 * app with {@link grantReadWrite}.
 */
export class UploadsBucket extends Construct {
  /** The private bucket (versioning, encryption, lifecycle, TLS-only policy). */
  public readonly bucket: PrivateBucket;
  /** The CORS configuration, when `allowedOrigins` are given. */
  public readonly cors?: S3BucketCorsConfiguration;
  /** Bucket name. */
  public readonly bucketName: string;
  /** Bucket ARN. */
  public readonly bucketArn: string;

  public constructor(scope: Construct, id: string, props: UploadsBucketProps) {
    super(scope, id);
    this.bucket = new PrivateBucket(this, "Bucket", {
      bucketName: props.bucketName,
      versioned: true,
      noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays ?? 30,
      expirationDays: props.expirationDays,
      kmsKeyArn: props.kmsKeyArn,
      preventDestroy: props.preventDestroy,
      forceDestroy: props.forceDestroy,
      tags: props.tags,
    });
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    const origins = props.allowedOrigins ?? [];
    origins.forEach((o, i) => checkCorsOrigin(this, `allowedOrigins[${i}]`, o));
    const rules: BucketCorsRule[] = origins.length > 0 ? [{ allowedOrigins: origins, allowedMethods: ["GET", "HEAD", "PUT", "POST"] }] : [];
    this.cors = bucketCorsConfiguration(this, "Cors", this.bucket.bucket.id, rules, "corsRule");
  }

  /** Let `role` read uploads (optionally only under `keyPrefix`). */
  public grantRead(role: RoleRef, keyPrefix?: string): void {
    this.bucket.grantRead(role, keyPrefix);
  }

  /** Let `role` read, upload and delete uploads (optionally only under `keyPrefix`). */
  public grantReadWrite(role: RoleRef, keyPrefix?: string): void {
    this.bucket.grantReadWrite(role, keyPrefix);
  }
}
