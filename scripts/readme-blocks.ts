// Type-checks the TypeScript code blocks of every README.md in the repository, in one
// TypeScript program, so the documentation cannot drift from the API.
//
// Convention (also described in CONTRIBUTING.md, "Changing the library"):
// - Every ```ts / ```typescript block is checked; other blocks (sh, json, text...) are not.
// - Each block is its own module: blocks do not see each other's declarations.
// - `@platform/cdktf-aws-webapp` resolves to modules/index.ts (the package's entry point).
// - Every name the package exports is in scope without an import, unless the block imports or
//   declares that name itself. A README's first block should still show its imports.
// - A few common identifiers are declared for every block (BLOCK_GLOBALS below: `app`, `stack`,
//   `network`, `db`, ...). A block may redeclare any of them.
// - Application code may import the few SDK members declared in BLOCK_AMBIENT.
// - Anything else a fragment needs goes in an HTML comment right before the fence, invisible
//   when the README is rendered:
//       <!-- ts-preamble: declare const compute: "apprunner" | "fargate"; -->
//   Its text is placed before the block's code.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

export const PACKAGE_NAME = "@platform/cdktf-aws-webapp";

const SKIP_DIRS = new Set(["node_modules", "dist", "cdktf.out", ".git", ".gen", ".bench"]);

/** Identifiers every block may use without declaring them. */
export const BLOCK_GLOBALS = `
import type { App, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type * as lib from "${PACKAGE_NAME}";
declare global {
  /** The cdktf App. */
  const app: App;
  /** The stack the example adds to (a constructor's \`this\`, in real code). */
  const stack: TerraformStack;
  /** Any construct scope. */
  const scope: Construct;
  const network: lib.Network;
  const repository: lib.ContainerRepository;
  const imageTag: string;
  const db: lib.PostgresDatabase;
  const cluster: lib.FargateCluster;
  const web: lib.WebService;
  const monitoring: lib.Monitoring;
}
export {};
`;

/**
 * Application-side packages the READMEs show but this repository does not install, reduced to
 * the members the READMEs use (their real signatures are wider).
 */
export const BLOCK_AMBIENT = `
declare module "@aws-sdk/client-secrets-manager" {
  export class GetSecretValueCommand {
    constructor(input: { SecretId: string | undefined });
  }
  export class SecretsManagerClient {
    constructor(config: object);
    send(command: GetSecretValueCommand): Promise<{ SecretString?: string }>;
  }
}
`;

/** One fenced TypeScript block of a README. */
export interface ReadmeBlock {
  /** Path relative to the repository root. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The code between the fences. */
  readonly code: string;
  /** Text of a `<!-- ts-preamble: ... -->` comment right before the fence. */
  readonly preamble: string;
}

/** Every README.md under root, and every Markdown file under docs/, skipping build output and dependencies. */
export function findReadmes(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      if (SKIP_DIRS.has(entry)) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry === "README.md" || (entry.endsWith(".md") && relative(root, path).startsWith(`docs${sep}`))) found.push(path);
    }
  };
  walk(root);
  return found;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;

/** The TypeScript blocks of one Markdown text. */
export function extractBlocks(file: string, markdown: string): ReadmeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    let end = i + 1;
    while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++;
    if (lang === "ts" || lang === "typescript") {
      const code = lines
        .slice(i + 1, end)
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
        .join("\n");
      blocks.push({ file, line: i + 1, code, preamble: preambleBefore(lines, i) });
    }
    i = end;
  }
  return blocks;
}

/** The `<!-- ts-preamble: ... -->` comment ending right before line `fenceIndex` (blank lines allowed). */
function preambleBefore(lines: string[], fenceIndex: number): string {
  let end = fenceIndex - 1;
  while (end >= 0 && lines[end].trim() === "") end--;
  if (end < 0 || !lines[end].trimEnd().endsWith("-->")) return "";
  let start = end;
  while (start >= 0 && !lines[start].includes("<!--")) start--;
  if (start < 0) return "";
  const comment = lines.slice(start, end + 1).join("\n");
  const match = /<!--\s*ts-preamble:([\s\S]*?)-->\s*$/.exec(comment);
  return match ? match[1].trim() : "";
}

/** Names exported by a module, followed syntactically through `export * from` (fast: no checker). */
export function exportedNames(file: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file)) return names;
  seen.add(file);
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022);
  const isExported = (node: ts.Node): boolean =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) names.add(element.name.text);
      } else if (statement.exportClause && ts.isNamespaceExport(statement.exportClause)) {
        names.add(statement.exportClause.name.text);
      } else if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        const target = resolveRelative(dirname(file), statement.moduleSpecifier.text);
        if (target) for (const name of exportedNames(target, seen)) names.add(name);
      }
    } else if (isExported(statement)) {
      if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
      } else if (
        (ts.isClassDeclaration(statement) ||
          ts.isFunctionDeclaration(statement) ||
          ts.isInterfaceDeclaration(statement) ||
          ts.isTypeAliasDeclaration(statement) ||
          ts.isEnumDeclaration(statement)) &&
        statement.name
      ) {
        names.add(statement.name.text);
      }
    }
  }
  return names;
}

function resolveRelative(dir: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dir, specifier);
  for (const candidate of [`${base}.ts`, join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/** Top-level names a block imports or declares (they must not be auto-imported as well). */
function ownNames(code: string): Set<string> {
  const source = ts.createSourceFile("block.ts", code, ts.ScriptTarget.ES2022);
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) names.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.add(e.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) addBinding(d.name);
    } else if (
      (ts.isClassDeclaration(statement) ||
        ts.isFunctionDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** A block as the module the compiler sees, and how many lines precede the block's code. */
export function blockModule(block: ReadmeBlock, packageExports: ReadonlySet<string>): { text: string; headerLines: number } {
  const own = ownNames(`${block.preamble}\n${block.code}`);
  const auto = [...packageExports].filter((n) => !own.has(n)).sort();
  const header = [
    auto.length ? `import { ${auto.join(", ")} } from "${PACKAGE_NAME}";` : "",
    ...(block.preamble ? block.preamble.split("\n") : []),
  ];
  return { text: `${header.join("\n")}\n${block.code}\nexport {};\n`, headerLines: header.length };
}

/** One compiler error, located in the README. */
export interface BlockError {
  readonly file: string;
  /** Line of the block's opening fence. */
  readonly blockLine: number;
  /** README line of the error (0 when it is in the preamble). */
  readonly line: number;
  readonly message: string;
}

/** Type-check blocks in one program; returns the errors, located in their READMEs. */
export function checkBlocks(root: string, blocks: readonly ReadmeBlock[]): BlockError[] {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    declaration: false,
    // Examples may declare values they do not use further.
    noUnusedLocals: false,
    noUnusedParameters: false,
    baseUrl: root,
    paths: { [PACKAGE_NAME]: ["modules/index.ts"] },
  };
  const packageExports = exportedNames(join(root, "modules/index.ts"));
  const virtual = new Map<string, { text: string; block?: ReadmeBlock; headerLines: number }>();
  virtual.set(join(root, ".readme-blocks", "globals.ts"), { text: BLOCK_GLOBALS, headerLines: 0 });
  virtual.set(join(root, ".readme-blocks", "ambient.d.ts"), { text: BLOCK_AMBIENT, headerLines: 0 });
  blocks.forEach((block, i) => {
    const { text, headerLines } = blockModule(block, packageExports);
    virtual.set(join(root, ".readme-blocks", `block${i}.ts`), { text, block, headerLines });
  });

  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const v = virtual.get(resolve(fileName));
    return v
      ? ts.createSourceFile(fileName, v.text, languageVersion, true)
      : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => virtual.has(resolve(fileName)) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => virtual.get(resolve(fileName))?.text ?? readFile(fileName);

  const program = ts.createProgram([...virtual.keys()], options, host);
  const errors: BlockError[] = [];
  for (const [fileName, v] of virtual) {
    const sourceFile = program.getSourceFile(fileName)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    for (const d of diagnostics) {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (!v.block) {
        errors.push({ file: "(readme block globals)", blockLine: 0, line: 0, message });
        continue;
      }
      const moduleLine = d.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(d.start).line;
      const codeLine = moduleLine - v.headerLines; // 0-based within the block's code
      const line = codeLine >= 0 ? v.block.line + 1 + codeLine : 0;
      errors.push({ file: v.block.file, blockLine: v.block.line, line, message: `TS${d.code}: ${message}` });
    }
  }
  return errors;
}

/** Every TypeScript block of every README under root. */
export function readmeBlocks(root: string): ReadmeBlock[] {
  return findReadmes(root).flatMap((path) => extractBlocks(relative(root, path), readFileSync(path, "utf8")));
}

/** Human-readable error list: `file:line (block at line N): message`. */
export function formatErrors(errors: readonly BlockError[]): string {
  return errors
    .map((e) => `${e.file}:${e.line || e.blockLine} (block at line ${e.blockLine}${e.line ? "" : ", preamble"}): ${e.message}`)
    .join("\n");
}
