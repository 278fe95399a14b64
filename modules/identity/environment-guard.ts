import { PolicyStatement } from "../core/policy-document";
import { StateObjectRef, lockFileKey } from "../core/state-access";
import { environmentGuardStatements } from "./deploy-permissions";

/**
 * Cross-environment guards for several environments in one AWS account: Deny statements that go
 * into an environment's deploy roles and into the permissions boundary of every role they create,
 * so neither can read or change another environment's resources. Each service is guarded by what
 * its IAM authorization can see:
 * - tags (`aws:ResourceTag`/`aws:RequestTag` on the environment tag) where the service authorizes
 *   on them ({@link ENVIRONMENT_GUARDED_SERVICES}): KMS keys, secrets, ACM certificates, ...;
 * - names (`<project>-<env>...` or `<project>/<env>/...` in the ARN) where it does not, or where
 *   the resource carries no tag: S3 buckets, dashboards, budgets, SES templates, log groups, ...;
 * - the `ecs:cluster` key: no task of any family on another environment's cluster;
 * - the records' names (`route53:ChangeResourceRecordSetsNormalizedRecordNames`) in a shared
 *   hosted zone, and no change at all to another environment's own zone;
 * - the state bucket: deploy roles never touch another environment's state object, created roles
 *   never touch the bucket.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

/** A public domain and the Route 53 hosted zone that holds it. */
export interface GuardedDomain {
  /** The name, e.g. `app.example.com`: records at and under it belong to the environment. */
  readonly name: string;
  /** Hosted zone id, e.g. `Z0123456789ABC`. */
  readonly hostedZoneId: string;
}

/** Another environment in the same account, as the guard of this one needs it. */
export interface NeighbourEnvironment {
  /** Its name, as its environment tag says (e.g. `prod`). */
  readonly environment: string;
  /** Its S3 state object. @default - none (state elsewhere) */
  readonly state?: StateObjectRef;
  /** Its domain and hosted zone. @default - none */
  readonly domain?: GuardedDomain;
  /** Its SES sending domain. @default - none */
  readonly emailDomain?: string;
}

/** Options of {@link crossEnvironmentGuardStatements}. */
export interface CrossEnvironmentGuardOptions {
  readonly partition: string;
  /** Physical names are `<project>-<environment>...` or `<project>/<environment>/...`. */
  readonly project: string;
  /** The guarded environment, as its environment tag says. */
  readonly environment: string;
  /** The environment tag's key. @default "Environment" */
  readonly tagKey?: string;
  /** The other environments of the account. */
  readonly neighbours: readonly NeighbourEnvironment[];
  /** This environment's own domain. @default - none: it changes no DNS record */
  readonly domain?: GuardedDomain;
  /**
   * Who the statements are for: `deployRole` (denied other environments' state objects) or
   * `boundary` (the roles a deploy role creates: denied the whole state bucket).
   */
  readonly principal: "deployRole" | "boundary";
  /** The account's state bucket (for `boundary`: denied entirely). @default - none */
  readonly stateBucketArn?: string;
}

/**
 * Services whose resource names carry the environment (`<project>-<env>` or `<project>/<env>/`)
 * in their ARNs, denied by name to other environments' roles.
 */
export const NAME_GUARDED_SERVICES = [
  "s3",
  "secretsmanager",
  "ssm",
  "kms",
  "logs",
  "cloudwatch",
  "budgets",
  "ses",
  "ecs",
  "ecr",
  "sns",
  "rds",
  "elasticloadbalancing",
  "apprunner",
  "wafv2",
  "elasticache",
  "events",
  "scheduler",
  "cloudfront",
] as const;

/** The name forms of an environment's physical names. */
export function environmentNameForms(project: string, environment: string): string[] {
  return [`${project}-${environment}`, `${project}/${environment}/`];
}

/** Resource ARN patterns of every guarded service for an environment's names. */
function namePatterns(partition: string, project: string, environment: string): string[] {
  const [dash, slash] = environmentNameForms(project, environment);
  return [
    // IAM refuses S3 ARNs with a region or account ("can not contain region information").
    ...NAME_GUARDED_SERVICES.map((service) =>
      service === "s3" ? `arn:${partition}:s3:::*${dash}*` : `arn:${partition}:${service}:*:*:*${dash}*`,
    ),
    // Secrets, parameters and repositories are named <project>/<env>/...
    ...(["secretsmanager", "ssm", "ecr"] as const).map((service) => `arn:${partition}:${service}:*:*:*${slash}*`),
  ];
}

/** Reads of a hosted zone that a plan needs: never denied. */
const ROUTE53_READS = ["route53:Get*", "route53:List*"];

/**
 * Deny statements that keep one environment's roles off the other environments of its account.
 * Empty when the environment has the account to itself (no neighbours) apart from the DNS rule.
 */
export function crossEnvironmentGuardStatements(options: CrossEnvironmentGuardOptions): PolicyStatement[] {
  const { partition, project, environment, neighbours } = options;
  const statements = environmentGuardStatements(options.tagKey ?? "Environment", environment);
  if (neighbours.length > 0) {
    statements.push({
      sid: "NoOtherEnvironmentNames",
      effect: "Deny",
      actions: NAME_GUARDED_SERVICES.map((service) => `${service}:*`),
      resources: neighbours.flatMap((n) => [
        ...namePatterns(partition, project, n.environment),
        ...(n.emailDomain
          ? [`arn:${partition}:ses:*:*:identity/${n.emailDomain}`, `arn:${partition}:ses:*:*:identity/*@${n.emailDomain}`]
          : []),
      ]),
    });
    statements.push({
      sid: "NoTasksOnOtherClusters",
      effect: "Deny",
      actions: ["ecs:RunTask", "ecs:StartTask", "ecs:CreateService"],
      resources: ["*"],
      conditions: {
        ArnLike: {
          "ecs:cluster": neighbours.map((n) => `arn:${partition}:ecs:*:*:cluster/*${environmentNameForms(project, n.environment)[0]}*`),
        },
      },
    });
  }
  statements.push(...dnsStatements(partition, options.domain, neighbours));
  statements.push(...stateStatements(options));
  return statements;
}

/**
 * Records: only at or under the environment's own domain, never at or under a neighbour's domain
 * nested in it; a neighbour's own hosted zone (not shared) is read-only.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/specifying-rrset-conditions.html
 */
function dnsStatements(partition: string, own: GuardedDomain | undefined, neighbours: readonly NeighbourEnvironment[]): PolicyStatement[] {
  const key = "route53:ChangeResourceRecordSetsNormalizedRecordNames";
  const under = (name: string) => [name, `*.${name}`];
  const statements: PolicyStatement[] = [];
  if (own) {
    statements.push({
      sid: "OnlyOwnRecords",
      effect: "Deny",
      actions: ["route53:ChangeResourceRecordSets"],
      resources: ["*"],
      conditions: { "ForAnyValue:StringNotLike": { [key]: under(own.name) } },
    });
    const nested = neighbours.filter((n) => n.domain && n.domain.name !== own.name && n.domain.name.endsWith(`.${own.name}`));
    if (nested.length > 0) {
      statements.push({
        sid: "NoNestedEnvironmentRecords",
        effect: "Deny",
        actions: ["route53:ChangeResourceRecordSets"],
        resources: ["*"],
        conditions: { "ForAnyValue:StringLike": { [key]: nested.flatMap((n) => under(n.domain!.name)) } },
      });
    }
  } else {
    statements.push({ sid: "NoRecords", effect: "Deny", actions: ["route53:ChangeResourceRecordSets"], resources: ["*"] });
  }
  const otherZones = [...new Set(neighbours.flatMap((n) => (n.domain ? [n.domain.hostedZoneId] : [])))].filter(
    (z) => z !== own?.hostedZoneId,
  );
  if (otherZones.length > 0) {
    statements.push({
      sid: "OtherZonesReadOnly",
      effect: "Deny",
      actions: [],
      notActions: ROUTE53_READS,
      resources: otherZones.map((zone) => `arn:${partition}:route53:::hostedzone/${zone}`),
    });
  }
  return statements;
}

/** Deploy roles: no neighbour's state object or lock file. Boundaries: nothing of the state bucket. */
function stateStatements(options: CrossEnvironmentGuardOptions): PolicyStatement[] {
  if (options.principal === "boundary") {
    const bucket = options.stateBucketArn;
    return bucket ? [{ sid: "NoStateBucket", effect: "Deny", actions: ["s3:*"], resources: [bucket, `${bucket}/*`] }] : [];
  }
  const objects = options.neighbours.flatMap((n) =>
    n.state ? [`${n.state.bucketArn}/${n.state.key}`, `${n.state.bucketArn}/${lockFileKey(n.state.key)}`] : [],
  );
  return objects.length > 0 ? [{ sid: "NoOtherEnvironmentState", effect: "Deny", actions: ["s3:*"], resources: objects }] : [];
}
