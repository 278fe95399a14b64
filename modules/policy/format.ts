import { PolicyReport, errorsOf, warningsOf } from "./engine";

/** ` [subject]` when the finding names one. */
function subjectOf(f: { subject?: string }): string {
  return f.subject !== undefined ? ` [${f.subject}]` : "";
}

/** A plain-text policy report for one stack: summary, failures, suppressions, per-rule table. */
export function formatReport(report: PolicyReport): string {
  const errors = errorsOf(report);
  const warnings = warningsOf(report);
  const active = report.rules.filter((r) => r.level !== "off");
  const lines: string[] = [
    `Policy report: ${report.stack ?? "stack"} (${report.tier} tier)`,
    `  ${active.length} rules, ${report.passed.length} passed checks, ${errors.length} errors, ${warnings.length} warnings, ${report.suppressed.length} suppressed` +
      (report.invalidSuppressions.length > 0 ? `, ${report.invalidSuppressions.length} invalid suppressions` : "") +
      (report.unusedSuppressions.length > 0 ? `, ${report.unusedSuppressions.length} unused suppressions` : ""),
  ];
  const section = (title: string, body: string[]): void => {
    if (body.length > 0) lines.push("", title, ...body);
  };
  section(
    "FAILED",
    report.failed.flatMap((f) => [
      `  ${f.severity.padEnd(7)} ${f.ruleId}  ${f.path}${subjectOf(f)}`,
      `          ${f.message}`,
      `          Fix: ${f.fix}`,
    ]),
  );
  section(
    "SUPPRESSED",
    report.suppressed.map((s) => `  ${s.ruleId}  ${s.path}${subjectOf(s)}  (at ${s.suppressedAt}): ${s.reason}`),
  );
  section(
    "INVALID SUPPRESSIONS",
    report.invalidSuppressions.map((s) => `  ${s.path}: ${s.problem}`),
  );
  section(
    "UNUSED SUPPRESSIONS",
    report.unusedSuppressions.map((s) => `  ${s.path}: ${s.problem}`),
  );
  const width = Math.max(8, ...report.rules.map((r) => r.ruleId.length));
  section(
    "RULES",
    report.rules.map((r) => {
      const status = r.level === "off" ? "off" : r.checked === 0 ? "n/a" : r.failed > 0 ? "FAIL" : "pass";
      return `  ${status.padEnd(4)} ${r.ruleId.padEnd(width)} ${r.level.padEnd(7)} checked ${r.checked}, failed ${r.failed}, suppressed ${r.suppressed}  [${r.cites.join(", ")}]`;
    }),
  );
  return lines.join("\n");
}
