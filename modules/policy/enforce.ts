import { Annotations, Aspects, IAspect, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError } from "../internal/validate";
import { PolicyReport, describeFinding, errorsOf, evaluate, warningsOf } from "./engine";
import { ALL_RULES } from "./rules";
import { TerraformJson } from "./stack-index";
import { declaredSuppressions } from "../core/suppressions";
import { POLICY_TIERS, PolicyTier, Rule } from "./types";

/** Options for {@link enforcePolicies} and {@link policyReport}. */
export interface PolicyOptions {
  /**
   * Which severities apply: `baseline` for any environment, `production` for production
   * (production-grade rules become errors; data-protection rules cannot be suppressed).
   */
  readonly tier: PolicyTier;
  /**
   * The rules to evaluate.
   * @default ALL_RULES
   */
  readonly rules?: readonly Rule[];
  /**
   * The command that prints the full report in your repository, named by the one summary line
   * synth prints per stack (a script calling `formatReport(policyReport(stack))`, see the README).
   * @default "npm run policy:report"
   */
  readonly reportCommand?: string;
}

/**
 * The one line synth prints per stack: the tier, the counts, and where the detail is.
 * `policy (baseline tier): 0 errors, 1 warning, 412 checks passed, 15 accepted with a reason; details: npm run policy:report`
 */
export function policySummary(report: PolicyReport, reportCommand = "npm run policy:report"): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return (
    `policy (${report.tier} tier): ${n(errorsOf(report).length, "error")}, ${n(warningsOf(report).length, "warning")}, ` +
    `${n(report.passed.length, "check")} passed, ${report.suppressed.length} accepted with a reason; details: ${reportCommand}`
  );
}

const registered = new WeakMap<IConstruct, PolicyOptions>();

function checkOptions(stack: IConstruct, options: PolicyOptions): void {
  if (!POLICY_TIERS.includes(options?.tier)) {
    const old = (options as { environment?: unknown } | undefined)?.environment;
    const hint =
      old !== undefined
        ? ` (environment names are not used: pass { tier: "baseline" } or { tier: "production" } instead of { environment: ${JSON.stringify(old)} })`
        : "";
    throw new ValidationError(
      `${stack.node.path}: policy tier must be one of ${POLICY_TIERS.join(", ")}, got ${JSON.stringify(options?.tier)}${hint}`,
    );
  }
}

/**
 * The stack's JSON, resolved once for the policy and for the synth that follows. Resolving is
 * the expensive part of synth, and cdktf resolves the stack again right after the validations
 * (`StackSynthesizer` and `Testing.synth` both call `stack.toTerraform()` next, with nothing in
 * between that changes the configuration): that next call, within the same synchronous run and
 * with the same constructs, gets this JSON instead of resolving it a second time. Any later call
 * (or one after constructs were added) resolves as usual.
 */
function resolveForSynth(stack: TerraformStack): TerraformJson {
  const json = stack.toTerraform() as TerraformJson;
  if (Object.prototype.hasOwnProperty.call(stack, "toTerraform")) return json;
  const constructs = stack.node.findAll().length;
  const target = stack as unknown as { toTerraform?: () => unknown };
  let pending = true;
  const release = (): void => {
    if (!pending) return;
    pending = false;
    delete target.toTerraform;
  };
  target.toTerraform = () => {
    release();
    return stack.node.findAll().length === constructs ? json : stack.toTerraform();
  };
  queueMicrotask(release);
  return json;
}

function report(stack: TerraformStack, options: PolicyOptions, forSynth = false): PolicyReport {
  const result = evaluate(forSynth ? resolveForSynth(stack) : (stack.toTerraform() as TerraformJson), {
    tier: options.tier,
    rules: options.rules ?? ALL_RULES,
    suppressions: declaredSuppressions(stack),
  });
  return { ...result, stack: stack.node.path };
}

/**
 * Apply the aspects of `root` and its ancestors to every construct below it, as synth does
 * (inherited aspects first, each aspect once per construct), through the public `Aspects` API.
 */
function applyAspects(root: IConstruct): void {
  const inherited: IAspect[] = root.node.scopes.slice(0, -1).flatMap((s) => Aspects.of(s).all);
  const visit = (construct: IConstruct, fromAbove: readonly IAspect[]): void => {
    const here = [...new Set([...fromAbove, ...Aspects.of(construct).all])];
    for (const aspect of here) aspect.visit(construct);
    for (const child of construct.node.children) visit(child, here);
  };
  visit(root, inherited);
}

/**
 * Evaluate the policy rules over a stack now and return the report (rules passed, failed,
 * suppressed). Uses the options given to {@link enforcePolicies} when none are passed.
 * The stack's aspects are applied first, as synth would (synth applies them again: aspects
 * should be idempotent, as cdktf's own are).
 */
export function policyReport(stack: TerraformStack, options?: PolicyOptions): PolicyReport {
  const settings = options ?? registered.get(stack);
  if (!settings) {
    throw new ValidationError(`${stack.node.path}: policyReport() needs { tier } or a prior enforcePolicies(stack, ...)`);
  }
  checkOptions(stack, settings);
  applyAspects(stack);
  return report(stack, settings);
}

/**
 * Run the policy rules whenever the stack is synthesized (`app.synth()`, `cdktf synth`,
 * `Testing.synth(stack, true)`): any error finding, or a suppression naming an unknown rule,
 * fails synth with one line per finding (`RULE-ID path: message. Fix: ...`). Warnings do not
 * fail; they become construct warnings that `cdktf synth` prints. Each stack also prints one
 * info line summarising the result ({@link policySummary}); accepted findings (suppressions,
 * such as the choices of a pattern's non-production profile) are counted there, not printed.
 *
 * ```ts
 * enforcePolicies(stack, { tier: "baseline" });   // dev, qa, staging, sandbox...
 * enforcePolicies(stack, { tier: "production" }); // live, prod...
 * ```
 */
export function enforcePolicies(stack: TerraformStack, options: PolicyOptions): void {
  checkOptions(stack, options);
  if (registered.has(stack)) throw new ValidationError(`${stack.node.path}: enforcePolicies() was already called on this stack`);
  registered.set(stack, options);
  const warned = new Set<string>();
  let summarised = false;
  // A validation is the public hook that runs at synth after the aspects: the JSON is what will be written.
  stack.node.addValidation({
    validate: (): string[] => {
      const result = report(stack, options, true);
      for (const w of warningsOf(result)) {
        const line = describeFinding(w);
        if (warned.has(line)) continue;
        warned.add(line);
        const target = stack.node.findAll().find((c) => c.node.path === w.path) ?? stack;
        Annotations.of(target).addWarning(`[policy] ${line}`);
      }
      if (!summarised) Annotations.of(stack).addInfo(policySummary(result, options.reportCommand));
      summarised = true;
      return [
        ...errorsOf(result).map(describeFinding),
        ...result.invalidSuppressions.map((s) => `POLICY-SUPPRESSION ${s.path}: ${s.problem}`),
      ];
    },
  });
}
