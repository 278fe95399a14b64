import { IConstruct } from "constructs";
import { ValidationError } from "../internal/validate";

/** Metadata type under which suppressions are stored on construct nodes. */
export const SUPPRESSION_METADATA_TYPE = "platform:policy-suppression";

/** Shortest reason accepted, in characters (after trimming). */
export const MIN_REASON_LENGTH = 10;

/** Options for {@link suppress}. */
export interface SuppressOptions {
  /**
   * Also suppress the rule on every resource below this construct (e.g. a whole module).
   * @default false - only the resource at this construct's path
   */
  readonly applyToChildren?: boolean;
  /**
   * Suppress only the finding about this part of the resource: the `subject` the report prints
   * in brackets, e.g. `app/DB_PASSWORD` for one variable of container `app`. Other findings of
   * the rule on the same resource still fail.
   * @default - every finding of the rule on the resource
   */
  readonly subject?: string;
  /**
   * A standing decision that may match nothing, e.g. a profile's default that a user's override
   * makes moot: not listed among the unused suppressions when no finding matches it.
   * @default false - a suppression that matches nothing is reported as stale
   */
  readonly optional?: boolean;
}

/** A suppression as declared on a construct. */
export interface DeclaredSuppression {
  /** Construct path the suppression was declared on. */
  readonly path: string;
  readonly ruleId: string;
  readonly reason: string;
  readonly applyToChildren: boolean;
  /** Only the finding with this subject. @default - every finding of the rule */
  readonly subject?: string;
  /** Not reported when it matches nothing (see {@link SuppressOptions.optional}). @default false */
  readonly optional?: boolean;
}

/**
 * Accept a policy finding on one resource (or, with `applyToChildren`, on everything below a
 * construct), naming the rule and saying why; with `subject`, one finding alone (one variable
 * of one container). The reason is mandatory (at least 10 characters) and is listed in the
 * policy report. In the production tier, data-protection rules (and rules marked
 * `suppressible: "baseline-only"`) cannot be suppressed.
 *
 * ```ts
 * suppress(service.httpListener, "ALB-HTTPS-REDIRECT", "dev has no domain, so no certificate: HTTP only");
 * suppress(service.taskDefinition, "NO-PLAINTEXT-SECRETS", "a public demo key, documented as public", { subject: "app/DEMO_API_KEY" });
 * ```
 */
export function suppress(construct: IConstruct, ruleId: string, reason: string, options: SuppressOptions = {}): void {
  const where = construct.node.path || "<root>";
  if (typeof ruleId !== "string" || !/^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(ruleId)) {
    throw new ValidationError(`${where}: suppress() needs a rule id such as "RDS-ENCRYPTED", got ${JSON.stringify(ruleId)}`);
  }
  const text = typeof reason === "string" ? reason.trim() : "";
  if (text.length < MIN_REASON_LENGTH) {
    throw new ValidationError(
      `${where}: suppression of ${ruleId} needs a reason of at least ${MIN_REASON_LENGTH} characters saying why the finding is acceptable, got ${JSON.stringify(reason)}`,
    );
  }
  const subject = options.subject;
  if (subject !== undefined && (typeof subject !== "string" || subject.trim() === "")) {
    throw new ValidationError(
      `${where}: suppression of ${ruleId} needs a non-empty subject (as the report prints it, e.g. "app/DB_PASSWORD") or none, got ${JSON.stringify(subject)}`,
    );
  }
  construct.node.addMetadata(SUPPRESSION_METADATA_TYPE, {
    ruleId,
    reason: text,
    applyToChildren: options.applyToChildren ?? false,
    ...(subject !== undefined ? { subject: subject.trim() } : {}),
    ...(options.optional ? { optional: true } : {}),
  });
}

/** Every suppression declared on `root` and below. */
export function declaredSuppressions(root: IConstruct): DeclaredSuppression[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === SUPPRESSION_METADATA_TYPE)
      .map((m) => ({
        path: c.node.path,
        ruleId: m.data.ruleId,
        reason: m.data.reason,
        applyToChildren: !!m.data.applyToChildren,
        ...(m.data.subject !== undefined ? { subject: String(m.data.subject) } : {}),
        ...(m.data.optional ? { optional: true } : {}),
      })),
  );
}

/**
 * True when a suppression declared at `s.path` covers the resource at `resourcePath` and, when
 * it names a subject, the finding about that subject.
 */
export function covers(s: DeclaredSuppression, resourcePath: string, subject?: string): boolean {
  if (s.subject !== undefined && s.subject !== subject) return false;
  return s.path === resourcePath || (s.applyToChildren && (s.path === "" || resourcePath.startsWith(`${s.path}/`)));
}

/** How specific a suppression is: a subject beats none, the resource itself beats an ancestor. */
export function specificity(s: DeclaredSuppression, resourcePath: string): number {
  return (s.subject !== undefined ? 2 : 0) + (s.path === resourcePath ? 1 : 0);
}
