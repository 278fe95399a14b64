import { PolicyStatement } from "./policy-document";

/**
 * Least-privilege statement builders shared by every module that grants access
 * (service task roles, App Runner instance roles, email, CDN bucket, secrets).
 * Each is scoped to the ARNs it is given; none uses a wildcard action.
 */

/** Read the values of exactly these Secrets Manager secrets (and decrypt them with these keys). */
export function readSecretsStatements(secretArns: readonly string[], kmsKeyArns: readonly string[] = []): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    { sid: "ReadSecrets", actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], resources: [...secretArns] },
  ];
  if (kmsKeyArns.length > 0) {
    statements.push({ sid: "DecryptSecrets", actions: ["kms:Decrypt"], resources: [...kmsKeyArns] });
  }
  return statements;
}

/** Read exactly these SSM parameters (SecureString ones too, with the given keys). */
export function readParametersStatements(parameterArns: readonly string[], kmsKeyArns: readonly string[] = []): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    { sid: "ReadParameters", actions: ["ssm:GetParameters", "ssm:GetParameter"], resources: [...parameterArns] },
  ];
  if (kmsKeyArns.length > 0) {
    statements.push({ sid: "DecryptParameters", actions: ["kms:Decrypt"], resources: [...kmsKeyArns] });
  }
  return statements;
}

/** Options for {@link sendEmailStatements}. */
export interface SendEmailGrantOptions {
  /** The configuration set the sender uses; SES authorizes it as a resource too. @default - none */
  readonly configurationSetArn?: string;
  /** Restrict the From address (`ses:FromAddress`, wildcards allowed). @default - any address of the identity */
  readonly fromAddresses?: readonly string[];
}

/** Send email through exactly this SES identity (and configuration set). */
export function sendEmailStatements(identityArn: string, options: SendEmailGrantOptions = {}): PolicyStatement[] {
  const resources = [identityArn, ...(options.configurationSetArn ? [options.configurationSetArn] : [])];
  return [
    {
      sid: "SendEmail",
      actions: ["ses:SendEmail", "ses:SendRawEmail"],
      resources,
      ...(options.fromAddresses && options.fromAddresses.length > 0
        ? { conditions: { StringLike: { "ses:FromAddress": [...options.fromAddresses] } } }
        : {}),
    },
  ];
}

/** Invoke exactly these Bedrock foundation models / inference profiles (ARNs). */
export function invokeBedrockStatements(modelArns: readonly string[]): PolicyStatement[] {
  return [
    {
      sid: "InvokeBedrock",
      actions: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
      resources: [...modelArns],
    },
  ];
}

/**
 * Invoke models through these cross-region inference profiles: the profiles (ARNs in the
 * source region) and their models in any region, the latter only through one of the profiles
 * (`bedrock:InferenceProfileArn`), the shape of Bedrock's "Geographic cross-Region inference"
 * and "Global cross-Region inference" IAM examples.
 */
export function invokeBedrockProfilesStatements(profileArns: readonly string[], modelArns: readonly string[]): PolicyStatement[] {
  const actions = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
  return [
    { sid: "InvokeBedrockProfiles", actions, resources: [...profileArns] },
    {
      sid: "InvokeBedrockProfileModels",
      actions,
      resources: [...modelArns],
      conditions: { StringEquals: { "bedrock:InferenceProfileArn": [...profileArns] } },
    },
  ];
}

/**
 * List the bucket, only under `keyPrefix` (one pattern or several) when it is narrower than the
 * whole bucket (`s3:prefix`, StringLike: `*` matches within a pattern).
 */
export function listBucketStatement(bucketArn: string, keyPrefix: string | readonly string[]): PolicyStatement {
  const prefixes = typeof keyPrefix === "string" ? [keyPrefix] : [...keyPrefix];
  return {
    sid: "ListBucket",
    actions: ["s3:ListBucket"],
    resources: [bucketArn],
    ...(prefixes.includes("*") ? {} : { conditions: { StringLike: { "s3:prefix": prefixes } } }),
  };
}

/** Read objects of this bucket (optionally under a key prefix such as `uploads/*`). */
export function bucketReadStatements(bucketArn: string, keyPrefix = "*"): PolicyStatement[] {
  return [
    listBucketStatement(bucketArn, keyPrefix),
    { sid: "ReadObjects", actions: ["s3:GetObject"], resources: [`${bucketArn}/${keyPrefix}`] },
  ];
}

/** Read and write objects of this bucket (optionally under a key prefix such as `uploads/*`). */
export function bucketReadWriteStatements(bucketArn: string, keyPrefix = "*"): PolicyStatement[] {
  return [
    listBucketStatement(bucketArn, keyPrefix),
    {
      sid: "ReadWriteObjects",
      actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
      resources: [`${bucketArn}/${keyPrefix}`],
    },
  ];
}

/**
 * Connect to RDS as these database users with IAM authentication (`rds-db:connect` on
 * `arn:<partition>:rds-db:<region>:<account>:dbuser:<DbiResourceId or prx-id>/<user>`).
 */
export function databaseConnectStatements(dbUserArns: readonly string[]): PolicyStatement[] {
  return [{ sid: "ConnectToDatabase", actions: ["rds-db:connect"], resources: [...dbUserArns] }];
}
