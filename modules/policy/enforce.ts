import { Annotations, TerraformStack } from "cdktf";
import { invokeAspects } from "cdktf/lib/synthesize/synthesizer";
import { IConstruct } from "constructs";
import { ValidationError } from "../internal/validate";
import { PolicyReport, describeFinding, errorsOf, evaluate, warningsOf } from "./engine";
import { ALL_RULES } from "./rules";
import { TerraformJson } from "./stack-index";
import { declaredSuppressions } from "./suppressions";
import { POLICY_ENVIRONMENTS, PolicyEnvironment, Rule } from "./types";

/** Options for {@link enforcePolicies} and {@link policyReport}. */
export interface PolicyOptions {
  /** Which severities apply (prod-only rules are warnings or off elsewhere). */
  readonly environment: PolicyEnvironment;
  /**
   * The rules to evaluate.
   * @default ALL_RULES
   */
  readonly rules?: readonly Rule[];
}

const registered = new WeakMap<IConstruct, PolicyOptions>();

function checkOptions(stack: IConstruct, options: PolicyOptions): void {
  if (!POLICY_ENVIRONMENTS.includes(options?.environment)) {
    throw new ValidationError(`${stack.node.path}: policy environment must be one of ${POLICY_ENVIRONMENTS.join(", ")}, got ${JSON.stringify(options?.environment)}`);
  }
}

function report(stack: TerraformStack, options: PolicyOptions): PolicyReport {
  return evaluate(stack.toTerraform() as TerraformJson, {
    environment: options.environment,
    rules: options.rules ?? ALL_RULES,
    suppressions: declaredSuppressions(stack),
  });
}

/**
 * Evaluate the policy rules over a stack now and return the report (rules passed, failed,
 * suppressed). Uses the options given to {@link enforcePolicies} when none are passed.
 * Aspects are invoked first, as synth would.
 */
export function policyReport(stack: TerraformStack, options?: PolicyOptions): PolicyReport {
  const settings = options ?? registered.get(stack);
  if (!settings) {
    throw new ValidationError(`${stack.node.path}: policyReport() needs { environment } or a prior enforcePolicies(stack, ...)`);
  }
  checkOptions(stack, settings);
  invokeAspects(stack);
  return report(stack, settings);
}

/**
 * Run the policy rules whenever the stack is synthesized (`app.synth()`, `cdktf synth`,
 * `Testing.synth(stack, true)`): any error finding, or a suppression naming an unknown rule,
 * fails synth with one line per finding (`RULE-ID path: message. Fix: ...`). Warnings do not
 * fail; they become construct warnings that `cdktf synth` prints.
 */
export function enforcePolicies(stack: TerraformStack, options: PolicyOptions): void {
  checkOptions(stack, options);
  if (registered.has(stack)) throw new ValidationError(`${stack.node.path}: enforcePolicies() was already called on this stack`);
  registered.set(stack, options);
  const warned = new Set<string>();
  stack.node.addValidation({
    validate: (): string[] => {
      // Synth invokes aspects before validations: the JSON is what will be written.
      const result = report(stack, options);
      for (const w of warningsOf(result)) {
        const line = describeFinding(w);
        if (warned.has(line)) continue;
        warned.add(line);
        const target = stack.node.findAll().find((c) => c.node.path === w.path) ?? stack;
        Annotations.of(target).addWarning(`[policy] ${line}`);
      }
      return [
        ...errorsOf(result).map(describeFinding),
        ...result.invalidSuppressions.map((s) => `POLICY-SUPPRESSION ${s.path}: ${s.problem}`),
      ];
    },
  });
}
