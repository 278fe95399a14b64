import { StackIndex, TerraformJson } from "./stack-index";
import { DeclaredSuppression, covers, specificity } from "../core/suppressions";
import { CheckFinding, PolicyTier, ResourceBlock, Rule, RuleLevel, Severity, Suppressible } from "./types";

/** A rule violated by one resource. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Construct path of the resource. */
  readonly path: string;
  /** Terraform address, `type.name`. */
  readonly address: string;
  /**
   * Which part of the resource (`app/DB_PASSWORD`), for rules that can find several things
   * wrong with one resource; `suppress(..., { subject })` accepts this finding alone.
   * @default - the resource as a whole
   */
  readonly subject?: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** A finding accepted by a suppression. */
export interface SuppressedFinding extends Finding {
  readonly reason: string;
  /** Where the suppression was declared (the resource or an ancestor). */
  readonly suppressedAt: string;
}

/** A suppression that cannot be honoured (unknown rule id), or that matched nothing. */
export interface SuppressionProblem extends DeclaredSuppression {
  readonly problem: string;
}

/** Per-rule counts for one tier. */
export interface RuleSummary {
  readonly ruleId: string;
  readonly cites: readonly string[];
  readonly level: RuleLevel;
  /** Resources the rule was evaluated on. */
  readonly checked: number;
  readonly failed: number;
  readonly suppressed: number;
}

/** The result of evaluating rules over one stack. */
export interface PolicyReport {
  /** The tier the rules were evaluated at. */
  readonly tier: PolicyTier;
  /**
   * Construct path of the stack, when the report was made from one.
   * @default - none (a report of JSON alone)
   */
  readonly stack?: string;
  readonly rules: readonly RuleSummary[];
  /** Rule/resource pairs with no finding. */
  readonly passed: readonly { ruleId: string; path: string }[];
  /** Unsuppressed findings, errors and warnings. */
  readonly failed: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** Suppressions naming a rule that does not exist: errors (typos hide nothing). */
  readonly invalidSuppressions: readonly SuppressionProblem[];
  /** Suppressions that matched no finding: stale, worth deleting (reported, not failing). */
  readonly unusedSuppressions: readonly SuppressionProblem[];
}

/** Options for {@link evaluate}. */
export interface EvaluateOptions {
  /** Which severities apply. */
  readonly tier: PolicyTier;
  readonly rules: readonly Rule[];
  /** @default [] */
  readonly suppressions?: readonly DeclaredSuppression[];
}

function findingsOf(result: ReturnType<Rule["check"]>): { message: string; subject?: string }[] {
  if (result === undefined) return [];
  const all: readonly (string | CheckFinding)[] =
    typeof result === "string" || !Array.isArray(result) ? [result as string | CheckFinding] : result;
  return all.map((f) => (typeof f === "string" ? { message: f } : { message: f.message, subject: f.subject }));
}

/** Where a rule's suppressions are honoured (data-protection rules: the baseline tier only). */
export function suppressibleIn(rule: Rule): Suppressible {
  return rule.suppressible ?? (rule.dataProtection ? "baseline-only" : "any-tier");
}

/** Evaluate rules over a stack's synthesized JSON (with `//` metadata, as `toTerraform()` returns it). */
export function evaluate(json: TerraformJson, options: EvaluateOptions): PolicyReport {
  const { tier, rules } = options;
  const suppressions = options.suppressions ?? [];
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) throw new Error(`policy: rule id ${rule.id} is used by two rules`);
    ids.add(rule.id);
  }
  const stack = new StackIndex(json);
  const used = new Set<DeclaredSuppression>();
  const summaries: RuleSummary[] = [];
  const passed: { ruleId: string; path: string }[] = [];
  const failed: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];

  for (const rule of rules) {
    const level = rule.severity[tier];
    const targets: ResourceBlock[] = level === "off" ? [] : stack.resources(...rule.resourceTypes);
    let nFailed = 0;
    let nSuppressed = 0;
    for (const resource of targets) {
      const found = findingsOf(rule.check(resource, { tier, stack }));
      if (found.length === 0) passed.push({ ruleId: rule.id, path: resource.path });
      for (const { message, subject } of found) {
        const finding: Finding = {
          ruleId: rule.id,
          severity: level as Severity,
          path: resource.path,
          address: resource.address,
          ...(subject !== undefined ? { subject } : {}),
          message,
          fix: rule.fix,
        };
        // The most specific suppression wins: one naming this finding's subject, then one on the resource itself.
        const s = suppressions
          .filter((d) => d.ruleId === rule.id && covers(d, resource.path, subject))
          .sort((a, b) => specificity(b, resource.path) - specificity(a, resource.path))[0];
        if (s) used.add(s);
        if (s && tier === "production" && suppressibleIn(rule) === "baseline-only") {
          const why = rule.dataProtection ? "protects data and cannot" : "cannot";
          failed.push({
            ...finding,
            message: `${message} (suppression refused: ${rule.id} ${why} be suppressed in the production tier; reason given: "${s.reason}")`,
          });
          nFailed++;
        } else if (s) {
          suppressed.push({ ...finding, reason: s.reason, suppressedAt: s.path });
          nSuppressed++;
        } else {
          failed.push(finding);
          nFailed++;
        }
      }
    }
    summaries.push({ ruleId: rule.id, cites: rule.cites, level, checked: targets.length, failed: nFailed, suppressed: nSuppressed });
  }

  const invalidSuppressions = suppressions
    .filter((s) => !ids.has(s.ruleId))
    .map((s) => ({ ...s, problem: `suppresses unknown rule ${s.ruleId} (known ids: see the policy README)` }));
  const unusedSuppressions = suppressions
    .filter((s) => ids.has(s.ruleId) && !used.has(s) && !s.optional)
    .map((s) => ({
      ...s,
      problem: `suppression of ${s.ruleId}${s.subject !== undefined ? ` [${s.subject}]` : ""} matched no finding; delete it`,
    }));
  return { tier, rules: summaries, passed, failed, suppressed, invalidSuppressions, unusedSuppressions };
}

/** Findings that fail synth. */
export function errorsOf(report: PolicyReport): Finding[] {
  return report.failed.filter((f) => f.severity === "error");
}

/** Findings reported as warnings. */
export function warningsOf(report: PolicyReport): Finding[] {
  return report.failed.filter((f) => f.severity === "warning");
}

/** One line: `RULE-ID path [subject]: message. Fix: ...`. */
export function describeFinding(f: Finding): string {
  return `${f.ruleId} ${f.path}${f.subject !== undefined ? ` [${f.subject}]` : ""}: ${f.message}. Fix: ${f.fix}`;
}
