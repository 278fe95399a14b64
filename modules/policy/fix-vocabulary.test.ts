import { join } from "node:path";
import * as ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { ALL_RULES } from "./rules";

/**
 * "`PostgresDatabase` prop `multiAz`", "`WebService`/`WorkerService` prop `logRetentionDays`",
 * "`Network` prop `flowLogs.kmsKeyArn`", "`ContainerRepository` (props `a`, `b`)".
 */
const PROP_REFERENCE = /((?:`[A-Z]\w*`\/?)+) \(?props? ((?:`[a-z][\w.]*`(?:, | and | or |\/)?)+)/g;

/** Props of the package's exported `XProps` interfaces, by construct name (`X`), inherited ones included. */
function exportedProps(): Map<string, Set<string>> {
  const entry = join(__dirname, "..", "index.ts");
  const program = ts.createProgram([entry], { strict: true, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const props = new Map<string, Set<string>>();
  for (const symbol of checker.getExportsOfModule(module)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (!(target.flags & ts.SymbolFlags.Interface) || !symbol.name.endsWith("Props")) continue;
    const type = checker.getDeclaredTypeOfSymbol(target);
    props.set(symbol.name.slice(0, -"Props".length), new Set(type.getProperties().map((p) => p.name)));
  }
  return props;
}

/** [construct, prop] pairs a fix names. */
function referencesIn(fix: string): [string, string][] {
  return [...fix.matchAll(PROP_REFERENCE)].flatMap((m) => {
    const constructs = [...m[1].matchAll(/`(\w+)`/g)].map((c) => c[1]);
    const names = [...m[2].matchAll(/`([a-z][\w.]*)`/g)].map((p) => p[1]);
    return constructs.flatMap((c) => names.map((n): [string, string] => [c, n]));
  });
}

describe("fix messages in the library's vocabulary", () => {
  let props = new Map<string, Set<string>>();
  beforeAll(() => {
    props = exportedProps();
  }, 60_000);

  it("reads the exported props interfaces", () => {
    expect(props.get("PostgresDatabase")).toContain("enhancedMonitoringIntervalSeconds");
    expect(props.get("WebService")).toContain("logRetentionDays"); // inherited from FargateServiceProps
    expect(props.get("WebService")).not.toContain("monitoringInterval");
  });

  it("parses prop references, and only those", () => {
    expect(referencesIn("set `WebService`/`WorkerService` prop `logRetentionDays`; raw `Lb`: `accessLogs`")).toEqual([
      ["WebService", "logRetentionDays"],
      ["WorkerService", "logRetentionDays"],
    ]);
    expect(referencesIn("`Lb` prop `a`, `Network` prop `flowLogs.kmsKeyArn`")).toEqual([
      ["Lb", "a"],
      ["Network", "flowLogs.kmsKeyArn"],
    ]);
    expect(referencesIn("use `ContainerRepository` (props `maxImageCount`, `untaggedImageExpiryDays`)")).toEqual([
      ["ContainerRepository", "maxImageCount"],
      ["ContainerRepository", "untaggedImageExpiryDays"],
    ]);
  });

  it.each(ALL_RULES.map((r) => [r.id, r] as const))("%s: every construct prop its fix names exists", (_id, rule) => {
    for (const [construct, name] of referencesIn(rule.fix)) {
      expect(props.has(construct), `${rule.id}: ${construct}Props is not exported`).toBe(true);
      expect([...props.get(construct)!], `${rule.id}: ${construct} prop ${name}`).toContain(name.split(".")[0]);
    }
  });

  it.each(ALL_RULES.map((r) => [r.id, r] as const))(
    "%s: names a prop that changes the outcome, or says it guards raw resources",
    (_id, rule) => {
      const guardsRaw = /guards raw resources/.test(rule.description);
      expect(referencesIn(rule.fix).length > 0 || guardsRaw, `${rule.id}: fix "${rule.fix}"`).toBe(true);
      expect(rule.fix, rule.id).toMatch(/`[A-Z]\w+`/); // names a construct or a provider class
    },
  );
});
