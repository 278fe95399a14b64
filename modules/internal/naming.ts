import { IConstruct } from "constructs";
import { fail, isToken } from "./validate";

/**
 * Physical names: `<base>-<purpose>`, where `base` is `<project>-<environment>`.
 * Each resource kind has its own AWS limits; `physicalName` checks them at synth,
 * so a name that AWS would refuse never reaches `apply`.
 */
export interface NameRule {
  /** Maximum length AWS accepts. */
  readonly maxLength: number;
  /** Allowed characters / shape. */
  readonly pattern: RegExp;
  /** The rule in words, for the error message. */
  readonly description: string;
}

const ALNUM_HYPHEN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** AWS naming rules per resource kind. */
export const NAME_RULES = {
  /** Application/Network Load Balancer. */
  loadBalancer: {
    maxLength: 32,
    pattern: /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    description: "letters, digits and hyphens, not starting or ending with a hyphen nor starting with 'internal-'",
  },
  /** ELB target group. */
  targetGroup: { maxLength: 32, pattern: ALNUM_HYPHEN, description: "letters, digits and hyphens, not starting or ending with a hyphen" },
  /** RDS DB instance identifier. */
  dbInstance: {
    maxLength: 63,
    pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$|^[a-z]$/,
    description: "lower-case letters, digits and hyphens, starting with a letter, no '--', not ending with a hyphen",
  },
  /** RDS subnet/parameter group names (lower-cased by AWS). */
  dbGroup: {
    maxLength: 255,
    pattern: /^[a-z](?!.*--)(?:[a-z0-9-]*[a-z0-9])?$/,
    description: "lower-case letters, digits and hyphens, starting with a letter, no '--', not ending with a hyphen",
  },
  /** RDS group name_prefix (AWS appends a unique suffix, so a trailing hyphen is fine). */
  dbGroupPrefix: {
    maxLength: 229,
    pattern: /^[a-z](?!.*--)[a-z0-9-]*$/,
    description: "lower-case letters, digits and hyphens, starting with a letter, no '--'",
  },
  /** IAM role. */
  iamRole: { maxLength: 64, pattern: /^[\w+=,.@-]+$/, description: "letters, digits and +=,.@_-" },
  /** IAM role name_prefix (AWS appends 26 characters). */
  iamRolePrefix: { maxLength: 38, pattern: /^[\w+=,.@-]+$/, description: "letters, digits and +=,.@_-" },
  /** IAM policy. */
  iamPolicy: { maxLength: 128, pattern: /^[\w+=,.@-]+$/, description: "letters, digits and +=,.@_-" },
  /** ECS cluster, service, task family. */
  ecs: { maxLength: 255, pattern: /^[A-Za-z0-9_-]+$/, description: "letters, digits, hyphens and underscores" },
  /** ECR repository (may contain slashes as namespaces). */
  ecrRepository: {
    maxLength: 256,
    pattern: /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
    description: "lower-case letters, digits, and . _ - / separators",
  },
  /** CloudWatch log group. */
  logGroup: { maxLength: 512, pattern: /^[\w\-/.#]+$/, description: "letters, digits and _-/.#" },
  /**
   * S3 general purpose bucket, with the prefixes and suffixes S3 reserves (access point,
   * Object Lambda, Multi-Region Access Point, directory and table bucket names).
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (checked 2026-11-28)
   */
  s3Bucket: {
    maxLength: 63,
    pattern:
      /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\.\.)(?!.*(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    description:
      "3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit, no '..', not an IP address, " +
      "not starting with the reserved xn--, sthree- or amzn-s3-demo-, not ending with the reserved -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3",
  },
  /** EC2 security group. */
  securityGroup: {
    maxLength: 255,
    pattern: /^(?!sg-)[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
    description: "ASCII letters, digits and ._-:/()#,@[]+=&;{}!$*, not starting with 'sg-'",
  },
  /** Secrets Manager secret. */
  secret: { maxLength: 512, pattern: /^[A-Za-z0-9/_+=.@-]+$/, description: "letters, digits and /_+=.@-" },
  /** SNS topic. */
  snsTopic: { maxLength: 256, pattern: /^[A-Za-z0-9_-]+$/, description: "letters, digits, hyphens and underscores" },
  /** CloudWatch alarm / dashboard. */
  cloudwatch: { maxLength: 255, pattern: /^[A-Za-z0-9_-][A-Za-z0-9 ._\-/:]*$/, description: "letters, digits, spaces and ._-/:" },
  /** App Runner service / connector / auto scaling configuration (4-40 for some). */
  appRunner: {
    maxLength: 40,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$/,
    description: "4-40 letters, digits, hyphens and underscores, starting with a letter or digit",
  },
  /** App Runner auto scaling / observability configuration (4-32). */
  appRunnerConfig: {
    maxLength: 32,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{3,31}$/,
    description: "4-32 letters, digits, hyphens and underscores, starting with a letter or digit",
  },
  /** SES configuration set / template. */
  ses: { maxLength: 64, pattern: /^[A-Za-z0-9_-]+$/, description: "letters, digits, hyphens and underscores" },
  /** Generic resource name tag / other. */
  generic: { maxLength: 255, pattern: /^[\w .:/=+@-]+$/, description: "letters, digits, spaces and _.:/=+@-" },
} as const satisfies Record<string, NameRule>;

/** A kind of named AWS resource. */
export type NameKind = keyof typeof NAME_RULES;

/** Check a complete physical name against the rules of its kind. */
export function checkName(scope: IConstruct | string, prop: string, kind: NameKind, name: string): string {
  if (isToken(name)) return name;
  const rule: NameRule = NAME_RULES[kind];
  if (name.length === 0 || name.length > rule.maxLength) {
    fail(
      scope,
      prop,
      `must be 1-${rule.maxLength} characters for a ${kind} name (is ${name.length}); shorten the project/environment base name or the purpose`,
      name,
    );
  }
  if (!rule.pattern.test(name)) fail(scope, prop, `must be a valid ${kind} name: ${rule.description}`, name);
  return name;
}

/**
 * `<base>-<purpose>` (or `<base>` alone), checked against the rules of `kind`.
 * `prop` names what the user controls, usually `name`.
 */
export function physicalName(scope: IConstruct, kind: NameKind, base: string, purpose?: string, prop = "name"): string {
  const name = purpose ? `${base}-${purpose}` : base;
  return checkName(scope, prop, kind, name);
}

/** The base name every module receives: `<project>-<environment>`. */
export function baseName(project: string, environment: string): string {
  return `${project}-${environment}`;
}

/**
 * `PostgreSQL from the web service` → `PostgreSQLFromTheWebService`: a stable construct-id part
 * derived from user input (so ids do not depend on call order).
 */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}
