// Props tables of the module READMEs, generated from the props interfaces' JSDoc so they cannot
// drift from the types. A README asks for a table with two markers:
//
//   <!-- props:NetworkProps -->
//   <!-- /props -->
//
// (`<!-- props:WebServiceProps own -->` leaves out the props of the interfaces it extends)
// and `npm run docs:props` writes between them one row per prop (inherited ones included): name,
// type, default (the `@default` tag, or "required") and description (the JSDoc text). A test fails
// when a README's table differs from the generated one. Parsing only (no type-check): fast.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(__dirname, "..");
const MODULES = join(ROOT, "modules");

/** `<!-- props:Name -->` ... `<!-- /props -->`, the table in between. */
const BLOCK = /(<!-- props:([A-Za-z0-9_]+)( own)? -->\n)([\s\S]*?)(<!-- \/props -->)/g;

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return files(path, keep);
      return keep(entry) ? [path] : [];
    });
}

/** Every exported interface of the library's source, by name. */
export function interfaces(): Map<string, ts.InterfaceDeclaration> {
  const found = new Map<string, ts.InterfaceDeclaration>();
  for (const file of files(MODULES, (n) => /\.ts$/.test(n) && !/\.test\.ts$|^testing\.ts$/.test(n))) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement) && !found.has(statement.name.text)) found.set(statement.name.text, statement);
    }
  }
  return found;
}

interface Row {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly defaultValue?: string;
  readonly description: string;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();
const cell = (text: string) => oneLine(text).replace(/\|/g, "\\|");

function jsDocOf(node: ts.Node): { description: string; defaultValue?: string } {
  const docs = (node as ts.Node & { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  const doc = docs[docs.length - 1];
  if (!doc) return { description: "" };
  const tag = doc.tags?.find((t) => t.tagName.text === "default");
  return {
    description: ts.getTextOfJSDocComment(doc.comment) ?? "",
    defaultValue: tag ? (ts.getTextOfJSDocComment(tag.comment) ?? "") : undefined,
  };
}

/** The props of interface `name`, its own first, then those of the interfaces it extends. */
export function propsOf(name: string, all: ReadonlyMap<string, ts.InterfaceDeclaration> = interfaces(), own = false): Row[] {
  const declaration = all.get(name);
  if (!declaration) throw new Error(`props table: no interface ${name} in modules/`);
  const rows: Row[] = [];
  const seen = new Set<string>();
  const collect = (decl: ts.InterfaceDeclaration) => {
    for (const member of decl.members) {
      if (!ts.isPropertySignature(member) || !member.name || seen.has(member.name.getText())) continue;
      seen.add(member.name.getText());
      const doc = jsDocOf(member);
      rows.push({
        name: member.name.getText(),
        type: member.type ? oneLine(member.type.getText()) : "any",
        optional: member.questionToken !== undefined,
        defaultValue: doc.defaultValue,
        description: doc.description,
      });
    }
    for (const clause of own ? [] : (decl.heritageClauses ?? [])) {
      for (const base of clause.types) {
        const parent = ts.isIdentifier(base.expression) ? all.get(base.expression.text) : undefined;
        if (parent) collect(parent);
        // `extends Omit<Base, "a" | "b">`: Base's props but those.
        const [inner, keys] = base.typeArguments ?? [];
        if (
          ts.isIdentifier(base.expression) &&
          base.expression.text === "Omit" &&
          inner &&
          ts.isTypeReferenceNode(inner) &&
          ts.isIdentifier(inner.typeName)
        ) {
          const omitted = keys
            ? (keys
                .getText()
                .match(/"[^"]*"/g)
                ?.map((k) => k.slice(1, -1)) ?? [])
            : [];
          omitted.forEach((k) => seen.add(k));
          const omittedBase = all.get(inner.typeName.text);
          if (omittedBase) collect(omittedBase);
        }
      }
    }
  };
  collect(declaration);
  return rows;
}

/** The Markdown table of interface `name`. */
export function propsTable(name: string, all: ReadonlyMap<string, ts.InterfaceDeclaration> = interfaces(), own = false): string {
  const rows = propsOf(name, all, own).map((r) => {
    // `@default - what happens` is prose; `@default 20` / `@default "single"` is a value.
    const given = r.defaultValue ?? "";
    // `@default [] - no subscriptions` is a value, then prose.
    const valueThenProse = /^(\S.*?)\s+-\s+(.*)$/s.exec(given);
    const dflt = !r.optional
      ? "required"
      : /^`[^`]*`$/.test(given)
        ? given
        : /^-\s/.test(given)
          ? cell(given.replace(/^-\s+/, ""))
          : valueThenProse
            ? `\`${cell(valueThenProse[1])}\` (${cell(valueThenProse[2])})`
            : given === ""
              ? ""
              : `\`${cell(given)}\``;
    return `| \`${r.name}\` | \`${cell(r.type)}\` | ${dflt} | ${cell(r.description)} |`;
  });
  return ["| Prop | Type | Default | Description |", "| --- | --- | --- | --- |", ...rows].join("\n") + "\n";
}

/** Every README under modules/. */
export function moduleReadmes(): string[] {
  return files(MODULES, (n) => n === "README.md");
}

/** `text` with each props block's table generated anew. */
export function renderPropsBlocks(text: string, all: ReadonlyMap<string, ts.InterfaceDeclaration> = interfaces()): string {
  return text.replace(
    BLOCK,
    (_m, open: string, name: string, own: string | undefined, _old: string, close: string) =>
      `${open}${propsTable(name, all, own !== undefined)}${close}`,
  );
}

/** The interfaces a README's markers name. */
export function propsBlocksOf(text: string): string[] {
  return [...text.matchAll(BLOCK)].map((m) => m[2]);
}

if (/props-tables\.ts$/.test(process.argv[2] ?? "")) {
  const all = interfaces();
  for (const file of moduleReadmes()) {
    const text = readFileSync(file, "utf8");
    const next = renderPropsBlocks(text, all);
    if (next !== text) {
      writeFileSync(file, next);
      console.log(`updated ${relative(ROOT, file)} (${propsBlocksOf(text).join(", ")})`);
    }
  }
}
