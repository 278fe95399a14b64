// flavour: verbatim (the rule set names both lines; the renderer copies it unchanged)
/**
 * The rule set that renders the source (the cdktf line) as another framework line (cdktn).
 * Applied to every text file of the tree, line by line; no file is named here, so files added
 * tomorrow are rendered the same way. A line is rendered like this:
 *
 * 1. Markers (in any comment syntax):
 *    - `flavour: verbatim` in a file's first lines: the file is copied unchanged (it is about both lines).
 *    - `flavour: keep` on a line: the line is kept (a deployed value such as a tag, not a framework reference).
 *    - `flavour: only <line>` ... `flavour: end`: the lines between exist only in that line's
 *      rendering; the marker lines themselves are dropped. Text for another line than the source's
 *      sits in a comment in the source (`<!-- flavour: only cdktn` ... `flavour: end -->`).
 *    - `flavour: both` ... `flavour: end`: the lines between speak of both lines (a comparison
 *      table, a migration guide) and are kept as they are; the marker lines are dropped.
 * 2. A line that already names the target framework is about both lines and is kept.
 * 3. Names: the package (`@platform/cdktf-aws-webapp`), the provider scope (`@cdktf/...`), the
 *    framework's word (`cdktf` in imports, prose, CLI commands, identifiers), its title and site.
 *    What the frameworks share is left alone: `cdktf.json`, `cdktf.out`, `CDKTF_*` variables,
 *    annotation types (`@cdktf/warn`) and construct symbol keys (`cdktf/TerraformStack`).
 * 4. Versions: on a line that a name rule changed, the source line's versions (framework,
 *    provider, hashicorp/aws, constructs install spec) become the target line's.
 */
import type { FrameworkLine } from "./lines";

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** How many lines at the top of a file may carry the `flavour: verbatim` marker. */
const VERBATIM_HEAD = 5;
const VERBATIM = /flavour:\s*verbatim\b/;
const KEEP = /flavour:\s*keep\b/;
const REGION = /flavour:\s*(?:only\s+(\w+)|(both)\b)/;
const END = /flavour:\s*end\b/;
/** Names under `@cdktf/` that cdktn kept: annotation metadata types and a context key. */
const SHARED_SCOPED = "warn|info|error|disable_stack_trace_in_metadata";

/** One rewrite of a line. */
interface Rule {
  readonly pattern: RegExp;
  readonly replace: string | ((match: string, ...groups: string[]) => string);
}

/** The name rules from one line to another, in the order they apply. */
export function nameRules(from: FrameworkLine, to: FrameworkLine): Rule[] {
  const f = from.framework;
  const t = to.framework;
  return [
    // The library's own package, then any package whose name starts with the framework's
    // (`cdktf-cli`, the repository title `cdktf-aws-webapp`); not `.cdktf-app/` (a local folder).
    { pattern: new RegExp(escape(from.packageName), "g"), replace: to.packageName },
    { pattern: new RegExp(`(?<![\\w.])${f}-`, "g"), replace: `${t}-` },
    // Scoped packages: `@cdktf/provider-aws/lib/vpc`, `@cdktf/hcl2json`, ... but not the
    // names both frameworks use (annotation types `@cdktf/warn`, `@cdktf/info`, `@cdktf/error`,
    // the context key `@cdktf/disable_stack_trace_in_metadata`).
    { pattern: new RegExp(`${escape(from.providerScope)}/(?!(?:${SHARED_SCOPED})\\b)`, "g"), replace: `${to.providerScope}/` },
    // The framework's site, then its title in prose.
    { pattern: new RegExp(escape(from.url), "g"), replace: to.url },
    { pattern: new RegExp(escape(from.title), "g"), replace: to.title },
    // The word itself: module specifiers ("cdktf", "cdktf/..."), CLI commands (`cdktf synth`),
    // prose and identifiers. Shared names stay: cdktf.json, cdktf.out (the CLIs of both lines
    // read the one and write the other), CDKTF_* variables (upper case, followed by "_").
    // Symbol keys such as `cdktf/TerraformStack` stay too (cdktn kept them for interop).
    { pattern: new RegExp(`(?<![\\w.@-])${f}(?![\\w-]|\\.(?:json|out)\\b|\\/[A-Z])`, "g"), replace: t },
    { pattern: new RegExp(`(?<![\\w.-])${f.toUpperCase()}(?![\\w-])`, "g"), replace: t.toUpperCase() },
  ];
}

/** The version rules: each version of the source line that a framework line mentions, as the target line's. */
export function versionRules(from: FrameworkLine, to: FrameworkLine): Rule[] {
  const majorMinor = (v: string): string => v.split(".").slice(0, 2).join(".");
  const pairs: Array<[string, string]> = [];
  for (const key of ["framework", "provider", "aws"] as const) {
    pairs.push([from.versions[key], to.versions[key]], [majorMinor(from.versions[key]), majorMinor(to.versions[key])]);
  }
  pairs.push([majorMinor(from.versions.constructs), majorMinor(to.versions.constructs)]);
  const table = new Map(pairs.filter(([a, b]) => a !== b));
  // Longest first, so 0.21.0 wins over 0.21; one pass, so a replaced version is not replaced again.
  const alternatives = [...table.keys()].sort((a, b) => b.length - a.length).map(escape);
  return [
    // The constructs spec of an install command (`constructs@^10.4`), whole.
    { pattern: /\bconstructs@[^\s`'"]+/g, replace: `constructs@${to.constructsInstall}` },
    {
      pattern: new RegExp(`(?<![\\w.])(?:${alternatives.join("|")})(?![\\w]|\\.\\d)`, "g"),
      replace: (version: string) => table.get(version) ?? version,
    },
  ];
}

const apply = (line: string, rules: Rule[]): string =>
  rules.reduce((text, rule) => text.replace(rule.pattern, rule.replace as (substring: string, ...args: string[]) => string), line);

/** Whether a line names the given framework line (its word, scope or package). */
export function namesLine(line: string, target: FrameworkLine): boolean {
  const word = new RegExp(`(?<![\\w.-])${target.framework}(?![\\w])|${escape(target.providerScope)}/|${escape(target.title)}`, "i");
  return word.test(line) || line.includes(target.packageName);
}

/** One line of the source as the target line (rules 2 to 4 of the file comment). */
export function renderLine(line: string, from: FrameworkLine, to: FrameworkLine): string {
  if (KEEP.test(line) || namesLine(line, to)) return line;
  const renamed = apply(line, nameRules(from, to));
  return renamed === line ? line : apply(renamed, versionRules(from, to));
}

/** Whether a file is copied unchanged (`flavour: verbatim` in its first lines). */
export function isVerbatim(text: string): boolean {
  return text.split("\n", VERBATIM_HEAD).some((l) => VERBATIM.test(l));
}

/** A whole text file of the source as the target line. */
export function renderText(text: string, from: FrameworkLine, to: FrameworkLine): string {
  if (isVerbatim(text)) return text;
  const out: string[] = [];
  // The open region: "both", or the line it is only for.
  let region: string | undefined;
  for (const line of text.split("\n")) {
    const start = REGION.exec(line);
    if (start) {
      if (region !== undefined) throw new Error(`flavour regions do not nest: "${line.trim()}" inside "${region}"`);
      region = start[2] ?? start[1];
      continue;
    }
    if (region !== undefined && END.test(line)) {
      region = undefined;
      continue;
    }
    if (region === undefined) out.push(renderLine(line, from, to));
    else if (region === "both" || region === to.framework) out.push(line);
  }
  if (region !== undefined) throw new Error(`flavour region "${region}" has no "flavour: end"`);
  return out.join("\n");
}

/** The parts of package.json that differ per line. */
export interface PackageJson {
  name: string;
  description?: string;
  engines?: Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

const DEPENDENCY_FIELDS = ["dependencies", "peerDependencies", "devDependencies"] as const;

/** Every key and string of a JSON value, rendered line by line. */
function renderJson(value: unknown, from: FrameworkLine, to: FrameworkLine): unknown {
  if (typeof value === "string") return renderLine(value, from, to);
  if (Array.isArray(value)) return value.map((v) => renderJson(v, from, to));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [renderLine(k, from, to), renderJson(v, from, to)]));
  }
  return value;
}

/**
 * The package.json of the target line: every key and string rendered by the rules (name,
 * description, scripts, bin, files); the framework packages of the dependency fields replaced by
 * the target's, with peer ranges that start at the tested versions and constructs exactly as
 * the framework requires it; `engines.node` raised to what the target's provider package
 * declares, when higher.
 */
export function renderPackageJson(source: PackageJson, from: FrameworkLine, to: FrameworkLine): PackageJson {
  const swap = (deps: Record<string, string>, peer: boolean): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, range] of Object.entries(deps)) {
      const renamed = renderLine(name, from, to);
      if (renamed === name && name !== "constructs") {
        out[name] = range;
        continue;
      }
      const version =
        renamed === to.framework || renamed === `${to.framework}-cli`
          ? to.versions.framework
          : renamed === `${to.providerScope}/provider-aws`
            ? to.versions.provider
            : name === "constructs"
              ? to.versions.constructs
              : undefined;
      if (version === undefined)
        throw new Error(`package.json: no ${to.framework} version known for ${name} (from ${from.framework}'s ${name})`);
      out[renamed] = !peer ? version : name === "constructs" ? to.constructsPeer : `^${version}`;
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  };
  const rendered = renderJson(source, from, to) as PackageJson;
  for (const field of DEPENDENCY_FIELDS) {
    const deps = source[field];
    if (deps) rendered[field] = swap(deps, field === "peerDependencies");
  }
  if (source.engines) {
    const floor = to.providerNode.replace(/\s+/g, "");
    const current = source.engines.node;
    if (!current || minVersion(floor) > minVersion(current)) rendered.engines = { ...rendered.engines, node: floor };
  }
  return rendered;
}

/** The lowest version a `>=x.y.z` / `>= x.y` range admits, as a comparable number. */
function minVersion(range: string): number {
  const [major = 0, minor = 0, patch = 0] = (/(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(range) ?? []).slice(1).map((n) => Number(n ?? 0));
  return major * 1e6 + minor * 1e3 + patch;
}
