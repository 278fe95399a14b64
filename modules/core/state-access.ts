import { PolicyStatement } from "./policy-document";
import { listBucketStatement } from "./statements";

/**
 * One environment's Terraform state in the S3 backend: the object at `key` and its native
 * lock file `<key>.tflock` (Terraform >= 1.10, `use_lockfile = true`).
 * https://developer.hashicorp.com/terraform/language/backend/s3#s3-bucket-permissions
 */
export interface StateObjectRef {
  /** ARN of the state bucket. */
  readonly bucketArn: string;
  /** The state key, e.g. `shop/prod.tfstate` (see `stateKey`). */
  readonly key: string;
}

/** How much of its state a role may touch. */
export type StateAccessLevel = "read" | "readWrite";

/**
 * Terraform lists `<workspace_key_prefix>/` (`env:/` by default) at `init` to find the workspaces;
 * only the names of keys under it are listed, and no object there is granted.
 */
const WORKSPACE_LIST_PREFIX = "env:/";

/** The lock file Terraform writes beside a state object. */
export function lockFileKey(key: string): string {
  return `${key}.tflock`;
}

/**
 * Identity-policy statements for one environment's state, nothing else in the bucket:
 * - `ListBucket` only under the state key (and the workspace listing prefix);
 * - `read`: get the state, and create/read/delete its lock file (a plan takes the lock too);
 * - `readWrite`: also write the state (an apply). The state object itself is never deleted.
 */
export function stateAccessStatements(state: StateObjectRef, level: StateAccessLevel): PolicyStatement[] {
  const lock = lockFileKey(state.key);
  return [
    { ...listBucketStatement(state.bucketArn, [state.key, WORKSPACE_LIST_PREFIX]), sid: "ListOwnState" },
    {
      sid: level === "read" ? "ReadState" : "ReadWriteState",
      actions: level === "read" ? ["s3:GetObject"] : ["s3:GetObject", "s3:PutObject"],
      resources: [`${state.bucketArn}/${state.key}`],
    },
    { sid: "StateLockFile", actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: [`${state.bucketArn}/${lock}`] },
  ];
}

/** Object actions a state-isolation Deny covers (reads, writes, deletes, of any version). */
const OBJECT_ACTIONS = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:DeleteObjectVersion",
  "s3:RestoreObject",
];

/** Bucket settings a deploy role must never change on the state bucket (policy, versioning, lifecycle, ...). */
const BUCKET_ADMIN_ACTIONS = [
  "s3:DeleteBucket",
  "s3:DeleteBucketPolicy",
  "s3:PutBucketPolicy",
  "s3:PutBucketAcl",
  "s3:PutBucketVersioning",
  "s3:PutBucketOwnershipControls",
  "s3:PutBucketPublicAccessBlock",
  "s3:PutEncryptionConfiguration",
  "s3:PutLifecycleConfiguration",
  "s3:PutReplicationConfiguration",
];

/**
 * Bucket-policy statements that keep deploy roles to their own state even when their identity
 * policies are broad (ReadOnlyAccess reads every bucket, PowerUserAccess writes every bucket):
 * an explicit Deny in the bucket policy wins over any Allow.
 * - objects: deny everything in the bucket except `allowedKeys` and their lock files
 *   (`NotResource`; with no allowed key, the whole bucket is denied);
 * - bucket: deny changing the bucket's policy, versioning, encryption, lifecycle or deleting it.
 * `sid` prefixes the statement ids (letters and digits), so several environments fit one policy.
 */
export function stateIsolationStatements(
  sid: string,
  bucketArn: string,
  principalArns: readonly string[],
  allowedKeys: readonly string[],
): PolicyStatement[] {
  const principal = { AWS: [...principalArns] };
  const allowed = allowedKeys.flatMap((key) => [`${bucketArn}/${key}`, `${bucketArn}/${lockFileKey(key)}`]);
  return [
    {
      sid: `${sid}OnlyOwnState`,
      effect: "Deny",
      principal,
      actions: OBJECT_ACTIONS,
      ...(allowed.length > 0 ? { resources: [], notResources: allowed } : { resources: [`${bucketArn}/*`] }),
    },
    { sid: `${sid}NoBucketChanges`, effect: "Deny", principal, actions: BUCKET_ADMIN_ACTIONS, resources: [bucketArn] },
  ];
}
