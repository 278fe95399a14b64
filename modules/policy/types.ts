/**
 * Types of the synth-time policy layer: a rule is a pure check over one synthesized
 * Terraform resource block (snake_case JSON, as Terraform reads it).
 */
import type { StackIndex } from "./stack-index";

/**
 * How strict the policies are. `baseline`: what every environment meets (dev, qa, staging,
 * sandbox...). `production`: the baseline plus production-grade requirements (Multi-AZ,
 * deletion protection, one-year log retention...), and data-protection rules can no longer be
 * suppressed. The environment's name plays no part: any name works.
 */
export type PolicyTier = "baseline" | "production";

/** All tiers, from the least to the most strict. */
export const POLICY_TIERS: readonly PolicyTier[] = ["baseline", "production"];

/** An error fails synth; a warning is reported only. */
export type Severity = "error" | "warning";

/** What a rule is in one tier; `off` means not evaluated there. */
export type RuleLevel = Severity | "off";

/** A rule's level per tier. */
export type SeverityByTier = Readonly<Record<PolicyTier, RuleLevel>>;

/** An error in every tier: the baseline every environment meets. */
export const ALWAYS: SeverityByTier = { baseline: "error", production: "error" };
/** An error in the production tier, a warning in the baseline (cost or availability trade-offs). */
export const PRODUCTION_ERROR: SeverityByTier = { baseline: "warning", production: "error" };
/** Evaluated in the production tier only (a production-grade setting that would only be noise elsewhere). */
export const PRODUCTION_ONLY: SeverityByTier = { baseline: "off", production: "error" };
/** Advice: a warning in every tier, never fails synth. */
export const ADVISORY: SeverityByTier = { baseline: "warning", production: "warning" };

/** One resource block of the synthesized JSON. */
export interface ResourceBlock {
  /** Terraform type, e.g. `aws_db_instance`. */
  readonly type: string;
  /** Logical name in the JSON, e.g. `Database_Instance_1A2B3C4D`. */
  readonly name: string;
  /** `type.name`, as references spell it. */
  readonly address: string;
  /** Construct path (from the block's `//` metadata); the address when there is none. */
  readonly path: string;
  /** The block's attributes, snake_case, with `//` metadata removed. */
  readonly config: Record<string, any>;
}

/** What a rule sees besides the resource itself. */
export interface RuleContext {
  readonly tier: PolicyTier;
  /** The whole stack, for cross-resource checks and reference resolution. */
  readonly stack: StackIndex;
}

/** One finding of a check that names which part of the resource it is about. */
export interface CheckFinding {
  /** What is wrong. */
  readonly message: string;
  /**
   * Which part of the resource, stable across runs: `app/DB_PASSWORD` (a container and one of
   * its variables), `app` (a container). A suppression naming it accepts this finding alone.
   */
  readonly subject: string;
}

/** A check's answer: nothing (compliant), one finding (a message, or a message with its subject), or several. */
export type CheckResult = string | CheckFinding | readonly (string | CheckFinding)[] | undefined;

/** Where a rule's suppressions are honoured. */
export type Suppressible = "any-tier" | "baseline-only";

/** One policy rule. Rules live one per file in `rules/`. */
export interface Rule {
  /** Stable id, upper-kebab, e.g. `RDS-ENCRYPTED`; suppressions name it. */
  readonly id: string;
  /** Controls this rule mirrors: `FSBP RDS.3`, `CKV_AWS_16`, `AVD-AWS-0080`... */
  readonly cites: readonly string[];
  /** What the rule requires and why, one or two sentences. */
  readonly description: string;
  /** Error, warning or off, per tier. */
  readonly severity: SeverityByTier;
  /**
   * Data protection (encryption, deletion protection, backups, public access): such a rule
   * cannot be suppressed in the production tier.
   * @default false
   */
  readonly dataProtection?: boolean;
  /**
   * Where a suppression of this rule is honoured: `baseline-only` refuses it in the production
   * tier (the finding stays an error and says so).
   * @default - "baseline-only" for data-protection rules, "any-tier" otherwise
   */
  readonly suppressible?: Suppressible;
  /** Terraform resource types the check runs on. */
  readonly resourceTypes: readonly string[];
  /** The check: pure, over one resource (and the stack, read-only). */
  check(resource: ResourceBlock, context: RuleContext): CheckResult;
  /** How to comply, in words a module author can act on. */
  readonly fix: string;
}

/** Declare a rule (identity; gives type checking and a place for future defaults). */
export function defineRule(rule: Rule): Rule {
  return rule;
}
