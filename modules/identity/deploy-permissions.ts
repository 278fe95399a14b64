import { PolicyStatement } from "../core/policy-document";

/**
 * What deploy roles may do, as policy statements. The choice, documented in the README:
 * - plan: the configuration reads of the services the stacks use (`Describe*`, `List*`, `Get*`),
 *   never application data (object contents, log events, secret values, KMS decryption), plus its
 *   own state object and lock file ({@link planReadStatements});
 * - apply: the AWS managed `PowerUserAccess` (everything but IAM, Organizations and Account),
 *   plus IAM limited to the roles and policies named `<namePrefix>-*`, optionally only with a
 *   permissions boundary; a tag guard that refuses to touch another environment's resources; no
 *   `sts:AssumeRole` into other roles.
 */

/** ARN of an AWS managed policy, e.g. `ReadOnlyAccess`. */
export function awsManagedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/** Options for {@link scopedIamStatements}. */
export interface ScopedIamOptions {
  readonly partition: string;
  readonly accountId: string;
  /** IAM roles and customer managed policies the stacks create are named `<namePrefix>-*`. */
  readonly namePrefix: string;
  /**
   * Roles may be created or given permissions only with this permissions boundary
   * (`iam:PermissionsBoundary`), so they can never hold more than it allows.
   * @default - no boundary required
   */
  readonly permissionsBoundaryArn?: string;
}

const ROLE_READ_ACTIONS = [
  "iam:GetRole",
  "iam:GetRolePolicy",
  "iam:ListRolePolicies",
  "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole",
  "iam:ListRoleTags",
];
const ROLE_WRITE_ACTIONS = [
  "iam:DeleteRole",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateAssumeRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:PassRole",
];
/** Actions that give a role permissions: conditioned on the boundary when one is required. */
const ROLE_PERMISSION_ACTIONS = [
  "iam:CreateRole",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:AttachRolePolicy",
  "iam:DetachRolePolicy",
  "iam:PutRolePermissionsBoundary",
];
const POLICY_ACTIONS = [
  "iam:CreatePolicy",
  "iam:DeletePolicy",
  "iam:GetPolicy",
  "iam:GetPolicyVersion",
  "iam:ListPolicyVersions",
  "iam:CreatePolicyVersion",
  "iam:DeletePolicyVersion",
  "iam:TagPolicy",
  "iam:UntagPolicy",
  "iam:ListPolicyTags",
];

/**
 * IAM for an apply role whose managed policy has none (PowerUserAccess): manage only the roles
 * and customer managed policies named `<namePrefix>-*`, pass only those roles, read AWS managed
 * policies. Deploy roles themselves must be named outside that prefix (checked by the constructs).
 */
export function scopedIamStatements(options: ScopedIamOptions): PolicyStatement[] {
  const { partition, accountId, namePrefix } = options;
  const roles = `arn:${partition}:iam::${accountId}:role/${namePrefix}-*`;
  const policies = `arn:${partition}:iam::${accountId}:policy/${namePrefix}-*`;
  const boundary = options.permissionsBoundaryArn;
  return [
    {
      sid: "ManageEnvironmentRoles",
      actions: [...ROLE_READ_ACTIONS, ...ROLE_WRITE_ACTIONS, ...(boundary ? [] : ROLE_PERMISSION_ACTIONS)],
      resources: [roles],
    },
    ...(boundary
      ? [
          {
            sid: "GrantOnlyWithinBoundary",
            actions: ROLE_PERMISSION_ACTIONS,
            resources: [roles],
            conditions: { StringEquals: { "iam:PermissionsBoundary": boundary } },
          },
          { sid: "KeepBoundary", effect: "Deny" as const, actions: ["iam:DeleteRolePermissionsBoundary"], resources: [roles] },
        ]
      : []),
    { sid: "ManageEnvironmentPolicies", actions: POLICY_ACTIONS, resources: [policies] },
    {
      sid: "ReadAwsManagedPolicies",
      actions: ["iam:GetPolicy", "iam:GetPolicyVersion"],
      resources: [`arn:${partition}:iam::aws:policy/*`],
    },
  ];
}

/**
 * Services whose resources carry the environment's tag (through the provider's default_tags)
 * and support `aws:ResourceTag` / `aws:RequestTag` conditions.
 */
export const ENVIRONMENT_GUARDED_SERVICES = [
  "ec2",
  "elasticloadbalancing",
  "ecs",
  "ecr",
  "rds",
  "apprunner",
  "secretsmanager",
  "ssm",
  "kms",
  "logs",
  "sns",
  "cloudwatch",
  "cloudfront",
  "wafv2",
  "ses",
  "application-autoscaling",
  "acm",
  "s3",
  "route53",
  "elasticache",
  "events",
  "scheduler",
] as const;

/**
 * Deny touching resources tagged for another environment, or tagging new ones for it: with
 * several environments in one account, dev's apply role cannot modify or delete prod. Untagged
 * resources and list/describe calls without a resource are not affected (both conditions must hold).
 */
export function environmentGuardStatements(tagKey: string, environment: string): PolicyStatement[] {
  const actions = ENVIRONMENT_GUARDED_SERVICES.map((service) => `${service}:*`);
  const guard = (kind: "ResourceTag" | "RequestTag") => ({
    StringNotEquals: { [`aws:${kind}/${tagKey}`]: environment },
    Null: { [`aws:${kind}/${tagKey}`]: "false" },
  });
  return [
    { sid: "NoOtherEnvironmentResources", effect: "Deny", actions, resources: ["*"], conditions: guard("ResourceTag") },
    { sid: "NoOtherEnvironmentTags", effect: "Deny", actions, resources: ["*"], conditions: guard("RequestTag") },
  ];
}

/** Deploy roles never hop into other roles (PowerUserAccess would allow `sts:AssumeRole` on roles that trust the account). */
export function noRoleChainingStatements(): PolicyStatement[] {
  return [{ sid: "NoRoleChaining", effect: "Deny", actions: ["sts:AssumeRole"], resources: ["*"] }];
}

/**
 * A permissions boundary for the roles a deploy role creates: everything except IAM, Organizations
 * and Account (the shape of PowerUserAccess), and no `sts:AssumeRole`. A role under it can never
 * hold more than the apply role itself, whatever policy the apply role gives it.
 */
export function permissionsBoundaryStatements(): PolicyStatement[] {
  return [
    { sid: "EverythingButIdentity", actions: [], notActions: ["iam:*", "organizations:*", "account:*"], resources: ["*"] },
    ...noRoleChainingStatements(),
  ];
}

/**
 * Services whose configuration a plan refreshes: the plan role may call their `Describe*`,
 * `List*` and `Get*` actions (and Budgets' `View*`), nothing else.
 */
export const PLAN_READ_SERVICES = [
  "acm",
  "application-autoscaling",
  "apprunner",
  "budgets",
  "cloudfront",
  "cloudwatch",
  "ec2",
  "ecr",
  "ecs",
  "elasticache",
  "elasticloadbalancing",
  "events",
  "iam",
  "kms",
  "logs",
  "rds",
  "route53",
  "s3",
  "scheduler",
  "secretsmanager",
  "ses",
  "sns",
  "ssm",
  "tag",
  "wafv2",
] as const;

/**
 * Reads of application data that the `Get*` patterns would include, or that a plan never needs:
 * object contents, log events and queries, secret values, anything KMS decrypts (SecureString
 * parameters, encrypted objects), image layers, database log files, sampled web requests,
 * instance consoles and passwords.
 */
export const APPLICATION_DATA_ACTIONS = [
  "logs:GetLogEvents",
  "logs:GetLogRecord",
  "logs:GetLogGroupFields",
  "logs:GetQueryResults",
  "logs:FilterLogEvents",
  "logs:StartQuery",
  "logs:StartLiveTail",
  "logs:Unmask",
  "secretsmanager:GetSecretValue",
  "secretsmanager:BatchGetSecretValue",
  "kms:Decrypt",
  "kms:ReEncryptFrom",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "ecr:BatchGetImage",
  "ecr:GetDownloadUrlForLayer",
  "rds:DownloadDBLogFilePortion",
  "rds:DownloadCompleteDBLogFile",
  "wafv2:GetSampledRequests",
  "ec2:GetConsoleOutput",
  "ec2:GetConsoleScreenshot",
  "ec2:GetPasswordData",
  "cloudfront:GetRealtimeLogConfig",
] as const;

/**
 * The plan role's policy instead of `ReadOnlyAccess`: read the configuration of every service the
 * stacks use (what `terraform plan` refreshes), never application data. S3 objects are denied
 * except `stateObjects` (the state and its lock file); KMS decryption is denied, so a SecureString
 * parameter's value cannot be read (the stacks' parameters are plain `String` settings, whose
 * refresh reads the value as Terraform needs it).
 */
export function planReadStatements(stateObjects: readonly string[], additionalServices: readonly string[] = []): PolicyStatement[] {
  const services = [...new Set([...PLAN_READ_SERVICES, ...additionalServices])];
  return [
    {
      sid: "ReadConfiguration",
      actions: [...services.flatMap((s) => [`${s}:Describe*`, `${s}:List*`, `${s}:Get*`]), "budgets:View*"],
      resources: ["*"],
    },
    { sid: "NoApplicationData", effect: "Deny", actions: [...APPLICATION_DATA_ACTIONS], resources: ["*"] },
    {
      sid: "NoObjectsButState",
      effect: "Deny",
      actions: ["s3:GetObject*"],
      ...(stateObjects.length > 0 ? { resources: [], notResources: [...stateObjects] } : { resources: ["*"] }),
    },
  ];
}
