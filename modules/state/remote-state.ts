import { CloudBackend, NamedCloudWorkspace, S3Backend, TerraformBackend, TerraformStack } from "cdktf";
import { checkName } from "../internal/naming";
import { arnRegion } from "../internal/region-checks";
import { HCP_PROJECT_PATTERN, REGION_PATTERN, ValidationError, checkPattern, fail } from "../internal/validate";

export { HCP_PROJECT_PATTERN };

/** State in an S3 bucket, locked with Terraform's native lock file (Terraform >= 1.10). */
export interface S3StateSettings {
  /** The state bucket (see the `bootstrap` stack). */
  readonly bucket: string;
  /** The bucket's region. */
  readonly region: string;
  /**
   * Key prefix; the state key is `<keyPrefix>/<environment>.tfstate`.
   * @default - the project name
   */
  readonly keyPrefix?: string;
  /**
   * DynamoDB lock table, only for teams still on DynamoDB locking (deprecated by Terraform).
   * @default - none: `use_lockfile` alone locks
   */
  readonly dynamodbTable?: string;
  /**
   * KMS key for the state object.
   * @default - the bucket's default encryption
   */
  readonly kmsKeyId?: string;
}

/** State in Terraform Cloud / HCP Terraform, one named workspace per environment. */
export interface CloudStateSettings {
  /** The organization. */
  readonly organization: string;
  /**
   * HCP Terraform (or Terraform Enterprise) host name.
   * @default "app.terraform.io"
   */
  readonly hostname?: string;
  /**
   * Workspace name.
   * @default `<project>-<environment>`
   */
  readonly workspace?: string;
  /**
   * HCP Terraform project the workspace belongs to (`workspaces { project }`, Terraform >= 1.6):
   * where `terraform init` creates it. Its name is part of the dynamic-credentials `sub` claim.
   * @default - the organization's default project
   */
  readonly project?: string;
}

/** Exactly one of `s3` or `cloud`. */
export interface RemoteStateSettings {
  /** @default - not S3 */
  readonly s3?: S3StateSettings;
  /** @default - not Terraform Cloud */
  readonly cloud?: CloudStateSettings;
}

/** Where a stack's state lives. */
export interface RemoteStateProps {
  /** Project name: the default S3 key prefix and the first part of the workspace name. */
  readonly project: string;
  /** Environment name: the S3 key is `<keyPrefix>/<environment>.tfstate`, the workspace `<project>-<environment>`. */
  readonly environment: string;
  /** Where the state lives: exactly one of `s3` and `cloud`. */
  readonly state: RemoteStateSettings;
}

/** The S3 state key of an environment: `<keyPrefix>/<environment>.tfstate` (keyPrefix defaults to the project). */
export function stateKey(project: string, environment: string, keyPrefix?: string): string {
  return `${keyPrefix ?? project}/${environment}.tfstate`;
}

/** The HCP Terraform workspace of an environment: `workspace`, or `<project>-<environment>`. */
export function cloudWorkspaceName(project: string, environment: string, workspace?: string): string {
  return workspace ?? `${project}-${environment}`;
}

/**
 * Give a stack its remote backend: S3 with `encrypt` and `use_lockfile` (cdktf 0.21's
 * S3Backend has no typed prop for it, so it is added as an override on the backend block),
 * or a Terraform Cloud `cloud` block with a named workspace. Exactly one must be configured.
 */
export function configureRemoteState(stack: TerraformStack, props: RemoteStateProps): TerraformBackend {
  const where = `${stack.node.path}`;
  const { s3, cloud } = props.state;
  if (s3 && cloud) {
    throw new ValidationError(
      `${where}: state must configure exactly one backend, got both s3 (bucket ${JSON.stringify(s3.bucket)}) and cloud (organization ${JSON.stringify(cloud.organization)}); remove one`,
    );
  }
  if (!s3 && !cloud) {
    throw new ValidationError(`${where}: state must configure exactly one backend (s3 or cloud), got neither`);
  }
  if (s3) {
    checkName(where, "state.s3.bucket", "s3Bucket", s3.bucket);
    checkPattern(where, "state.s3.region", s3.region, REGION_PATTERN, "must be an AWS region such as us-east-1");
    // SSE-KMS takes a key of the bucket's region (KMS keys are regional; "Specifying server-side
    // encryption with AWS KMS", Amazon S3 User Guide): another region's key fails on the first write.
    const keyRegion = arnRegion(s3.kmsKeyId);
    if (keyRegion && s3.region && keyRegion !== s3.region) {
      fail(
        where,
        "state.s3.kmsKeyId",
        `must be a KMS key in the state bucket's region ${s3.region} (state.s3.region; S3 encrypts with keys of the bucket's region only), not in ${keyRegion}`,
        s3.kmsKeyId,
      );
    }
    // Terraform's S3 backend refuses keys that start or end with "/" or contain "//" (the AWS SDK v2
    // no longer cleans object paths, so such a key could not be read back).
    // https://developer.hashicorp.com/terraform/language/backend/s3 (key); hashicorp/terraform#33869
    const key = stateKey(props.project, props.environment, s3.keyPrefix);
    checkPattern(
      where,
      s3.keyPrefix !== undefined ? "state.s3.keyPrefix" : "project",
      s3.keyPrefix ?? props.project,
      /^(?!\/)(?!.*\/\/)(?!.*\/$).+$/,
      "must not start or end with / nor contain // (it makes the S3 state key <keyPrefix>/<environment>.tfstate, which Terraform refuses then)",
    );
    checkPattern(
      where,
      "environment",
      props.environment,
      /^(?!\/)[^]+$/,
      `must not start with / (the S3 state key would be ${key}, with //)`,
    );
    const backend = new S3Backend(stack, {
      bucket: s3.bucket,
      key,
      region: s3.region,
      encrypt: true,
      ...(s3.dynamodbTable ? { dynamodbTable: s3.dynamodbTable } : {}),
      ...(s3.kmsKeyId ? { kmsKeyId: s3.kmsKeyId } : {}),
    });
    backend.addOverride("use_lockfile", true);
    return backend;
  }
  const c = cloud as CloudStateSettings;
  checkPattern(
    where,
    "state.cloud.organization",
    c.organization,
    /^[A-Za-z0-9_-]+$/,
    "must be a Terraform Cloud organization name (letters, digits, - and _)",
  );
  const workspace = cloudWorkspaceName(props.project, props.environment, c.workspace);
  checkPattern(where, "state.cloud.workspace", workspace, /^[A-Za-z0-9_-]{1,90}$/, "must be 1-90 letters, digits, - and _");
  checkPattern(
    where,
    "state.cloud.project",
    c.project,
    HCP_PROJECT_PATTERN,
    "must be an HCP Terraform project name (1-40 letters, digits, spaces, - and _)",
  );
  return new CloudBackend(stack, {
    organization: c.organization,
    hostname: c.hostname ?? "app.terraform.io",
    workspaces: new NamedCloudWorkspace(workspace, c.project),
  });
}
