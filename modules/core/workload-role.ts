import { Lazy } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { awsContext } from "../internal/aws-context";
import { physicalName } from "../internal/naming";
import { checkArn, checkKmsKeyArn, checkPattern, checkServicePrincipal, checkTags, checkUnique } from "../internal/validate";
import { checkSecretRef } from "./secret-ref";
import { BedrockGrant, bedrockInvokeStatements } from "./bedrock";
import { PolicyStatement, policyDocument, serviceTrustPolicy } from "./policy-document";
import {
  SendEmailGrantOptions,
  bucketReadStatements,
  bucketReadWriteStatements,
  readParametersStatements,
  readSecretsStatements,
  sendEmailStatements,
} from "./statements";

/**
 * An IAM role that other modules can grant access to. A role read from remote state
 * fits as well: modules then attach a separate inline policy to it by name.
 */
export interface RoleRef {
  readonly roleName: string;
  readonly roleArn: string;
}

/** A role that collects grants into its own policy (see {@link WorkloadRole}). */
export interface PolicyCollector extends RoleRef {
  /** Append statements to the role's single inline grants policy. */
  addToPolicy(statements: readonly PolicyStatement[]): void;
}

function isCollector(role: RoleRef): role is PolicyCollector {
  return typeof (role as Partial<PolicyCollector>).addToPolicy === "function";
}

/**
 * Give `role` the statements: appended to its grants policy when it is a {@link WorkloadRole},
 * otherwise as a separate inline policy created under `scope` with construct id `id`.
 */
export function grantTo(scope: Construct, id: string, role: RoleRef, statements: readonly PolicyStatement[]): void {
  if (isCollector(role)) {
    role.addToPolicy(statements);
    return;
  }
  // aws_iam_role_policy takes the role's NAME; its ARN fails at apply (ValidationError on roleName).
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html
  checkPattern(
    scope,
    "role.roleName",
    role.roleName,
    /^[\w+=,.@-]{1,64}$/,
    "must be an IAM role name (1-64 letters, digits and +=,.@_-), not the role's ARN",
  );
  new IamRolePolicy(scope, id, { role: role.roleName, policy: policyDocument(statements) });
}

export type { BedrockGrant } from "./bedrock";

/** Props for {@link WorkloadRole}. */
export interface WorkloadRoleProps {
  /** Physical role name (checked against IAM's 64-character limit). */
  readonly name: string;
  /** The service principal that assumes the role, e.g. `ecs-tasks.amazonaws.com`. */
  readonly assumedBy: string;
  /**
   * Limit the trust to this account through `aws:SourceAccount`: `true` requires the key,
   * `"ifExists"` enforces it whenever the service sends it (for services that do not document
   * sending it; a request without it is not refused), `false` trusts the service principal alone.
   * @default true
   */
  readonly restrictToAccount?: boolean | "ifExists";
  /** @default - a description naming the service principal */
  readonly description?: string;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * An IAM role for a workload (an ECS task or an App Runner instance), with grant methods
 * that add ARN-scoped statements to one inline policy. The policy is rendered at synth,
 * so grants may be added in any order until then.
 */
export class WorkloadRole extends Construct implements PolicyCollector {
  /** The role. */
  public readonly role: IamRole;
  public readonly roleName: string;
  public readonly roleArn: string;
  private readonly statements: PolicyStatement[] = [];
  private policy?: IamRolePolicy;

  public constructor(scope: Construct, id: string, props: WorkloadRoleProps) {
    super(scope, id);
    checkTags(this, "tags", props.tags);
    checkServicePrincipal(this, "assumedBy", props.assumedBy);
    const name = physicalName(this, "iamRole", props.name);
    const restrict = props.restrictToAccount ?? true;
    const account = restrict !== false ? awsContext(this).accountId : undefined;
    this.role = new IamRole(this, "Role", {
      name,
      description: props.description ?? `Assumed by ${props.assumedBy}`,
      assumeRolePolicy: serviceTrustPolicy(props.assumedBy, account, restrict === "ifExists"),
      tags: props.tags,
    });
    this.roleName = this.role.name;
    this.roleArn = this.role.arn;
  }

  /** Append statements to the role's inline `grants` policy (created on first use). */
  public addToPolicy(statements: readonly PolicyStatement[]): void {
    // Sids must be unique within a policy: number repeats.
    for (const s of statements) {
      const base = s.sid ?? "Grant";
      let sid = base;
      for (let n = 2; this.statements.some((t) => t.sid === sid); n++) sid = `${base}${n}`;
      this.statements.push({ ...s, sid });
    }
    if (!this.policy) {
      this.policy = new IamRolePolicy(this, "Grants", {
        role: this.role.name,
        name: "grants",
        policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
      });
    }
  }

  /**
   * The inline `grants` policy, once a grant created it (undefined before the first grant).
   * Resources that must not start before the role can act (an ECS or App Runner service)
   * depend on it.
   */
  public get grantsPolicy(): IamRolePolicy | undefined {
    return this.policy;
  }

  /** Customer-managed keys for kms:Decrypt: key ARNs (IAM authorizes Decrypt on the key, an alias ARN grants nothing). */
  private checkKeys(method: string, kmsKeyArns: readonly string[]): void {
    checkUnique(this, `${method} kmsKeyArns`, kmsKeyArns);
    kmsKeyArns.forEach((k, i) =>
      checkKmsKeyArn(
        this,
        `${method} kmsKeyArns[${i}]`,
        k,
        "kms:Decrypt is authorized on the key, so an alias ARN in the grant matches nothing",
      ),
    );
  }

  /** The statements granted so far (for inspection and tests). */
  public get grantedStatements(): readonly PolicyStatement[] {
    return this.statements;
  }

  /**
   * Read these Secrets Manager secrets (and decrypt with these customer-managed keys), for secrets
   * known only by ARN. Secrets of this library grant from the resource side: `secrets.grantRead(role)`,
   * `database.grantReadMasterSecret(role)`.
   */
  public grantReadSecrets(secretArns: readonly string[], kmsKeyArns: readonly string[] = []): void {
    checkUnique(this, "secretArns", secretArns);
    secretArns.forEach((arn, i) => checkSecretRef(this, `grantReadSecrets secretArns[${i}]`, arn, "secretsmanager"));
    this.checkKeys("grantReadSecrets", kmsKeyArns);
    this.addToPolicy(readSecretsStatements(secretArns, kmsKeyArns));
  }

  /** Read these SSM parameters, known only by ARN (this library's grant from the resource side: `secrets.grantRead(role)`). */
  public grantReadParameters(parameterArns: readonly string[], kmsKeyArns: readonly string[] = []): void {
    parameterArns.forEach((arn, i) => checkSecretRef(this, `grantReadParameters parameterArns[${i}]`, arn, "ssm"));
    this.checkKeys("grantReadParameters", kmsKeyArns);
    this.addToPolicy(readParametersStatements(parameterArns, kmsKeyArns));
  }

  /** Send email through exactly this SES identity, known only by ARN (an `EmailDomain` grants from its side: `email.grantSend(role)`). */
  public grantSendEmail(identityArn: string, options: SendEmailGrantOptions = {}): void {
    // IAM refuses a Resource that is not an ARN (MalformedPolicyDocument), e.g. a bare domain.
    checkPattern(
      this,
      "grantSendEmail identityArn",
      identityArn,
      /^arn:aws[a-z-]*:ses:[a-z0-9-]+:\d{12}:identity\/.+$/,
      "must be an SES identity ARN (arn:aws:ses:<region>:<account>:identity/<domain or address>), not the bare identity",
    );
    checkPattern(
      this,
      "grantSendEmail configurationSetArn",
      options.configurationSetArn,
      /^arn:aws[a-z-]*:ses:[a-z0-9-]+:\d{12}:configuration-set\/.+$/,
      "must be an SES configuration set ARN (arn:aws:ses:<region>:<account>:configuration-set/<name>)",
    );
    this.addToPolicy(sendEmailStatements(identityArn, options));
  }

  /**
   * Invoke these Bedrock models (in the stack's region) and cross-region inference profiles.
   * Profiles of another geography than the stack's region are refused at synth.
   */
  public grantInvokeBedrock(grant: BedrockGrant): void {
    this.addToPolicy(bedrockInvokeStatements(this, grant));
  }

  /** Read objects of a bucket known only by ARN (this library's buckets grant from their side: `bucket.grantRead(role)`). */
  public grantBucketRead(bucketArn: string, keyPrefix?: string): void {
    checkBucketArn(this, "grantBucketRead bucketArn", bucketArn);
    this.addToPolicy(bucketReadStatements(bucketArn, keyPrefix));
  }

  /** Read and write objects of a bucket known only by ARN (this library's buckets: `bucket.grantReadWrite(role)`). */
  public grantBucketReadWrite(bucketArn: string, keyPrefix?: string): void {
    checkBucketArn(this, "grantBucketReadWrite bucketArn", bucketArn);
    this.addToPolicy(bucketReadWriteStatements(bucketArn, keyPrefix));
  }
}

/**
 * A bucket ARN `arn:aws:s3:::<bucket>`: the grants append `/<keyPrefix>` for objects, so a bare
 * bucket name (IAM: MalformedPolicyDocument) or an object ARN (with a `/` path) is refused.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html
 */
function checkBucketArn(scope: Construct, prop: string, bucketArn: string): void {
  checkArn(scope, prop, bucketArn, "s3");
  checkPattern(
    scope,
    prop,
    bucketArn,
    /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    "must be a bucket ARN arn:aws:s3:::<bucket> (no object path; the grant adds /<keyPrefix>)",
  );
}
