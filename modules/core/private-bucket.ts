import { ITerraformDependable, Lazy } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { bucketReadStatements, bucketReadWriteStatements } from "./statements";
import { RoleRef, grantTo } from "./workload-role";
import { PolicyStatement, policyDocument } from "./policy-document";
import { checkName } from "../internal/naming";
import { checkArn, checkIntegerRange, checkTags } from "../internal/validate";
import { checkKmsKeyInStackRegion } from "../internal/region-checks";

/** Props for {@link PrivateBucket}. */
export interface PrivateBucketProps {
  /** Exact bucket name (globally unique, 3-63 lower-case characters). */
  readonly bucketName: string;
  /**
   * Customer-managed KMS key for SSE-KMS (with an S3 bucket key).
   * @default - SSE-S3 (AES256), which CloudFront origin access control can read without a key policy
   */
  readonly kmsKeyArn?: string;
  /**
   * Keep every object version.
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * Days after which non-current object versions are deleted.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which current objects expire (for log buckets).
   * @default - objects never expire
   */
  readonly expirationDays?: number;
  /**
   * Days after which incomplete multipart uploads are aborted.
   * @default 7
   */
  readonly abortIncompleteMultipartUploadDays?: number;
  /**
   * Refuse `terraform destroy` of the bucket (Terraform `prevent_destroy`).
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Let `terraform destroy` delete a non-empty bucket. Never for data you keep.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * An S3 bucket that is private and durable by default: all four public access blocks,
 * BucketOwnerEnforced (no ACLs), server-side encryption, versioning, a lifecycle that expires
 * old versions and aborts stale uploads, and a bucket policy denying any request not made
 * over TLS. Other statements (e.g. CloudFront's read access) are added with
 * {@link addToResourcePolicy}; the policy is rendered at synth.
 */
export class PrivateBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  public readonly ownershipControls: S3BucketOwnershipControls;
  public readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  public readonly versioning: S3BucketVersioningA;
  public readonly lifecycle: S3BucketLifecycleConfiguration;
  public readonly policy: S3BucketPolicy;
  /** Bucket name. */
  public readonly bucketName: string;
  /** Bucket ARN. */
  public readonly bucketArn: string;
  /** `<bucket>.s3.<region>.amazonaws.com`, for CloudFront origins. */
  public readonly regionalDomainName: string;
  private readonly statements: PolicyStatement[];

  private grants = 0;

  public constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    checkName(this, "bucketName", "s3Bucket", props.bucketName);
    checkArn(this, "kmsKeyArn", props.kmsKeyArn, "kms");
    checkKmsKeyInStackRegion(this, "kmsKeyArn", props.kmsKeyArn, "S3 (SSE-KMS takes a key of the bucket's region)");
    const versioned = props.versioned ?? true;
    const noncurrentDays = props.noncurrentVersionExpirationDays ?? 90;
    const abortDays = props.abortIncompleteMultipartUploadDays ?? 7;
    checkIntegerRange(this, "noncurrentVersionExpirationDays", noncurrentDays, 1, 36500);
    checkIntegerRange(this, "abortIncompleteMultipartUploadDays", abortDays, 1, 36500);
    checkIntegerRange(this, "expirationDays", props.expirationDays, 1, 36500);

    this.bucket = new S3Bucket(this, "Bucket", {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
      tags: props.tags,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.regionalDomainName = this.bucket.bucketRegionalDomainName;

    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, "PublicAccessBlock", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.ownershipControls = new S3BucketOwnershipControls(this, "Ownership", {
      bucket: this.bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
      bucket: this.bucket.id,
      rule: [
        props.kmsKeyArn
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });
    this.versioning = new S3BucketVersioningA(this, "Versioning", {
      bucket: this.bucket.id,
      versioningConfiguration: { status: versioned ? "Enabled" : "Suspended" },
    });
    this.lifecycle = new S3BucketLifecycleConfiguration(this, "Lifecycle", {
      bucket: this.bucket.id,
      rule: [
        {
          id: "abort-incomplete-multipart-uploads",
          status: "Enabled",
          filter: [{ prefix: "" }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: abortDays }],
        },
        {
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays }],
        },
        ...(props.expirationDays !== undefined
          ? [
              { id: "expire-objects", status: "Enabled", filter: [{ prefix: "" }], expiration: [{ days: props.expirationDays }] },
              // Expired objects of a versioned bucket leave delete markers behind: clear them.
              {
                id: "remove-expired-delete-markers",
                status: "Enabled",
                filter: [{ prefix: "" }],
                expiration: [{ expiredObjectDeleteMarker: true }],
              },
            ]
          : []),
      ],
      // Lifecycle rules on versions need versioning to be configured first.
      dependsOn: [this.versioning],
    });

    this.statements = [
      {
        sid: "DenyInsecureTransport",
        effect: "Deny",
        principal: "*",
        actions: ["s3:*"],
        resources: [this.bucket.arn, `${this.bucket.arn}/*`],
        conditions: { Bool: { "aws:SecureTransport": "false" } },
      },
    ];
    this.policy = new S3BucketPolicy(this, "Policy", {
      bucket: this.bucket.id,
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
      // A policy written before the public access block could briefly be evaluated without it.
      dependsOn: [this.publicAccessBlock, this.ownershipControls] as ITerraformDependable[],
    });
  }

  /** Let `role` read objects (optionally only under `keyPrefix`, e.g. `uploads/*`). */
  public grantRead(role: RoleRef, keyPrefix?: string): void {
    grantTo(this, `ReadGrant${++this.grants}`, role, bucketReadStatements(this.bucketArn, keyPrefix));
  }

  /** Let `role` read, upload and delete objects (optionally only under `keyPrefix`). */
  public grantReadWrite(role: RoleRef, keyPrefix?: string): void {
    grantTo(this, `ReadWriteGrant${++this.grants}`, role, bucketReadWriteStatements(this.bucketArn, keyPrefix));
  }

  /** Add a statement (with a principal) to the bucket policy. */
  public addToResourcePolicy(statement: PolicyStatement): void {
    this.statements.push(statement);
  }
}
