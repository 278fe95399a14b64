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
}

/** A suppression as declared on a construct. */
export interface DeclaredSuppression {
  /** Construct path the suppression was declared on. */
  readonly path: string;
  readonly ruleId: string;
  readonly reason: string;
  readonly applyToChildren: boolean;
}

/**
 * Accept a policy finding on one resource (or, with `applyToChildren`, on everything below a
 * construct), naming the rule and saying why. The reason is mandatory (at least 10 characters)
 * and is listed in the policy report. In prod, data-protection rules cannot be suppressed.
 *
 * ```ts
 * suppress(service.httpListener, "ALB-HTTPS-REDIRECT", "dev has no domain, so no certificate: HTTP only");
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
  construct.node.addMetadata(SUPPRESSION_METADATA_TYPE, { ruleId, reason: text, applyToChildren: options.applyToChildren ?? false });
}

/** Every suppression declared on `root` and below. */
export function declaredSuppressions(root: IConstruct): DeclaredSuppression[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === SUPPRESSION_METADATA_TYPE)
      .map((m) => ({ path: c.node.path, ruleId: m.data.ruleId, reason: m.data.reason, applyToChildren: !!m.data.applyToChildren })),
  );
}

/** True when a suppression declared at `s.path` covers the resource at `resourcePath`. */
export function covers(s: DeclaredSuppression, resourcePath: string): boolean {
  return s.path === resourcePath || (s.applyToChildren && (s.path === "" || resourcePath.startsWith(`${s.path}/`)));
}
