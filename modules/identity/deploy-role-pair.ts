import { Construct } from "constructs";
import { PolicyStatement } from "../core/policy-document";
import { awsContext } from "../internal/aws-context";
import { pascalCase } from "../internal/naming";
import { checkResourceArn } from "../internal/arns";
import { checkIntegerRange, checkPattern, fail, isToken } from "../internal/validate";
import { StateObjectRef, lockFileKey, stateAccessStatements, stateIsolationStatements } from "../core/state-access";
import {
  PLAN_READ_SERVICES,
  environmentGuardStatements,
  noRoleChainingStatements,
  planReadStatements,
  scopedIamStatements,
} from "./deploy-permissions";
import { GuardedDomain, NeighbourEnvironment, crossEnvironmentGuardStatements } from "./environment-guard";
import { DeployRole } from "./deploy-role";
import { OidcProviderRef } from "./oidc-provider";

/** Props for {@link DeployRolePair}. */
export interface DeployRolePairProps {
  /** Role names are `<name>-plan` and `<name>-apply`; must not start with `<managedNamePrefix>-`. */
  readonly name: string;
  /** The OIDC provider whose tokens the roles trust. */
  readonly oidc: OidcProviderRef;
  /** Exact `sub` claims that may plan. */
  readonly planSubjects: readonly string[];
  /** Exact `sub` claims that may apply. */
  readonly applySubjects: readonly string[];
  /** The environment, as its resources' environment tag says (e.g. `prod`). */
  readonly environment: string;
  /** IAM roles and policies of the environment are named `<managedNamePrefix>-*` (e.g. `shop-prod`). */
  readonly managedNamePrefix: string;
  /**
   * The environment's S3 state object: the plan role reads it, the apply role writes it, each with
   * the lock file.
   * @default - no state access (state kept elsewhere, e.g. in HCP Terraform)
   */
  readonly state?: StateObjectRef;
  /** @default "Environment" (the key the stacks' default_tags use) */
  readonly environmentTagKey?: string;
  /**
   * The other environments in the same account: both roles are then denied their resources by
   * name, their clusters, records and state objects too, not only by tag
   * ({@link crossEnvironmentGuardStatements}).
   * @default - none: the account holds this environment only (the tag guard stays)
   */
  readonly crossEnvironment?: CrossEnvironmentSettings;
  /**
   * IAM service prefixes (e.g. `lambda`, `dynamodb`) whose `Describe*`, `List*` and `Get*` the plan
   * role may call besides {@link PLAN_READ_SERVICES}: the services of resources your stacks add.
   * The application-data Denies still apply.
   * @default []
   */
  readonly additionalPlanReadServices?: readonly string[];
  /**
   * Permissions boundary every role the apply role creates must carry.
   * @default - none required (see the README: roles the stacks create are limited by name only)
   */
  readonly permissionsBoundaryArn?: string;
  /** Longest apply session, seconds: a Multi-AZ database and a CloudFront distribution take a while. @default 7200 */
  readonly applyMaxSessionDurationSeconds?: number;
  /** Extra tags on both roles. @default {} */
  readonly tags?: Record<string, string>;
}

/** What {@link DeployRolePairProps.crossEnvironment} needs. */
export interface CrossEnvironmentSettings {
  /** Physical names are `<project>-<env>...` or `<project>/<env>/...`. */
  readonly project: string;
  /** The other environments of the account. */
  readonly neighbours: readonly NeighbourEnvironment[];
  /** This environment's domain: its roles change records at and under it only. @default - none: no record */
  readonly domain?: GuardedDomain;
}

/**
 * A plan role and an apply role for one environment, trusted by an OIDC provider:
 * - plan: read the configuration of the services the stacks use, no application data
 *   ({@link planReadStatements}) + read its own state (lock file included);
 * - apply: `PowerUserAccess` + IAM on `<managedNamePrefix>-*` + read/write its own state, denied
 *   other environments' tagged resources and role chaining.
 * {@link stateBucketStatements} gives the state bucket policy that keeps both to their own state.
 */
export class DeployRolePair extends Construct {
  public readonly planRole: DeployRole;
  public readonly applyRole: DeployRole;
  /** The state object the roles may use, if any. */
  public readonly state?: StateObjectRef;

  public constructor(scope: Construct, id: string, props: DeployRolePairProps) {
    super(scope, id);
    // IAM name characters only: a * or ? here would widen role/<prefix>-* to other roles.
    checkPattern(
      this,
      "managedNamePrefix",
      props.managedNamePrefix,
      /^[\w+=,.@-]{1,60}$/,
      "must be 1-60 IAM name characters (letters, digits, +=,.@_-; no wildcards)",
    );
    // https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html (tag values)
    checkPattern(
      this,
      "environment",
      props.environment,
      /^[\w .:/=+@-]{1,256}$/,
      "must be a tag value (1-256 letters, digits, spaces and _.:/=+-@)",
    );
    const prefix = `${props.managedNamePrefix}-`;
    if (`${props.name}-`.startsWith(prefix)) {
      fail(
        this,
        "name",
        `must not start with managedNamePrefix "${prefix}": the apply role manages roles named ${prefix}*, and would manage itself`,
        props.name,
      );
    }
    checkIntegerRange(this, "applyMaxSessionDurationSeconds", props.applyMaxSessionDurationSeconds, 3600, 43200);
    // An IAM service prefix: letters, digits and hyphens (a * would widen Get* to every service).
    for (const service of props.additionalPlanReadServices ?? []) {
      checkPattern(
        this,
        "additionalPlanReadServices",
        service,
        /^[a-z0-9-]{2,40}$/,
        "must be IAM service prefixes such as lambda or dynamodb (lower-case letters, digits, hyphens)",
      );
    }
    checkResourceArn(
      this,
      "permissionsBoundaryArn",
      props.permissionsBoundaryArn,
      "iamPolicy",
      "IAM takes a permissions boundary by its managed policy ARN, not its name",
    );
    // The apply role may create and rewrite policies named <prefix>-*: a boundary among them is a
    // ceiling the role could raise itself (iam:CreatePolicyVersion on its own boundary).
    const boundaryName = props.permissionsBoundaryArn?.split("/").pop();
    if (boundaryName !== undefined && !isToken(props.permissionsBoundaryArn) && boundaryName.startsWith(prefix)) {
      fail(
        this,
        "permissionsBoundaryArn",
        `must name a policy outside managedNamePrefix "${prefix}*": the apply role may rewrite policies of that prefix, so it could edit its own ceiling`,
        props.permissionsBoundaryArn,
      );
    }
    if (props.state) checkResourceArn(this, "state.bucketArn", props.state.bucketArn, "s3Bucket", "the state grants append /<key>");
    this.state = props.state;
    const { partition, accountId } = awsContext(this);
    const tags = props.tags;
    const tagKey = props.environmentTagKey ?? "Environment";
    const cross = props.crossEnvironment;
    const guard = cross
      ? crossEnvironmentGuardStatements({
          partition,
          project: cross.project,
          environment: props.environment,
          tagKey,
          neighbours: cross.neighbours,
          domain: cross.domain,
          principal: "deployRole",
        })
      : environmentGuardStatements(tagKey, props.environment);
    this.planRole = new DeployRole(this, "Plan", {
      name: `${props.name}-plan`,
      oidc: props.oidc,
      subjects: props.planSubjects,
      description: `Terraform plan of ${props.environment} (read-only)`,
      statements: [
        ...planReadStatements(
          props.state ? [`${props.state.bucketArn}/${props.state.key}`, `${props.state.bucketArn}/${lockFileKey(props.state.key)}`] : [],
          props.additionalPlanReadServices,
        ),
        ...(props.state ? stateAccessStatements(props.state, "read") : []),
        ...(cross ? guard : []),
      ],
      tags,
    });
    this.applyRole = new DeployRole(this, "Apply", {
      name: `${props.name}-apply`,
      oidc: props.oidc,
      subjects: props.applySubjects,
      description: `Terraform apply of ${props.environment}`,
      awsManagedPolicies: ["PowerUserAccess"],
      maxSessionDurationSeconds: props.applyMaxSessionDurationSeconds ?? 7200,
      statements: [
        ...scopedIamStatements({
          partition,
          accountId,
          namePrefix: props.managedNamePrefix,
          permissionsBoundaryArn: props.permissionsBoundaryArn,
        }),
        ...(props.state ? stateAccessStatements(props.state, "readWrite") : []),
        ...guard,
        ...noRoleChainingStatements(),
      ],
      tags,
    });
  }

  /**
   * Statements for the state bucket's policy: both roles may touch no object of `bucketArn` but
   * their own state and lock file (none at all without {@link DeployRolePairProps.state}), and
   * may not change the bucket's settings. Sids start with this construct's id.
   */
  public stateBucketStatements(bucketArn: string): PolicyStatement[] {
    return stateIsolationStatements(
      pascalCase(this.node.id),
      bucketArn,
      [this.planRole.roleArn, this.applyRole.roleArn],
      this.state ? [this.state.key] : [],
    );
  }
}
