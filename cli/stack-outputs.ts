import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Exec } from "./exec";

/** Where a command reads the stack's outputs from. */
export interface OutputSource {
  /** The stack's Terraform working directory (`cdktf.out/stacks/<stack>`). */
  readonly stackDir: string;
  /** A file holding `terraform output -json` (all outputs), read instead of running terraform. */
  readonly outputsFile?: string;
  /** Read the synthesized `cdk.tf.json` instead: references become `<address>` placeholders (dry runs). */
  readonly synthesized?: boolean;
}

/** Why an output could not be read: the message says what to do. */
export class OutputError extends Error {
  public constructor(
    message: string,
    public readonly missing: boolean,
  ) {
    super(message);
  }
}

/**
 * One output of the stack as an object. The pattern writes settings as `jsonencode({...})`, so a
 * string value is parsed as JSON; an object value is taken as it is.
 */
export function readOutput(source: OutputSource, name: string, exec: Exec): Record<string, unknown> {
  let value: unknown;
  if (source.outputsFile !== undefined) {
    const all = JSON.parse(readFileSync(source.outputsFile, "utf8")) as Record<string, { value: unknown }>;
    if (!(name in all)) throw new OutputError(`no output ${name} in ${source.outputsFile}`, true);
    value = all[name].value;
  } else if (source.synthesized) {
    const file = join(source.stackDir, "cdk.tf.json");
    if (!existsSync(file)) throw new OutputError(`no ${file}: run the synth first (npx cdktf synth)`, false);
    const outputs = (JSON.parse(readFileSync(file, "utf8")).output ?? {}) as Record<string, { value: unknown }>;
    if (!(name in outputs))
      throw new OutputError(`no output ${name} in ${file}: does the stack have what it reads (a database, a release command)?`, true);
    return synthesizedValue(outputs[name].value);
  } else {
    if (!existsSync(source.stackDir))
      throw new OutputError(`no ${source.stackDir}: run the synth and terraform -chdir=${source.stackDir} init first`, false);
    const run = exec("terraform", [`-chdir=${source.stackDir}`, "output", "-json", name]);
    if (run.status !== 0) {
      throw new OutputError(
        `no output ${name} in ${source.stackDir}: apply the stack first; if it was applied with -target, ` +
          `'terraform -chdir=${source.stackDir} apply -refresh-only' records the outputs`,
        true,
      );
    }
    value = JSON.parse(run.stdout);
  }
  const parsed = typeof value === "string" ? JSON.parse(value) : value;
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new OutputError(`output ${name} is not an object`, false);
  return parsed as Record<string, unknown>;
}

/**
 * A synthesized output value, `${jsonencode({"key" = aws_x.y.attr, "list" = [a.b.c], "s" = "text"})}`
 * or a plain object, with each Terraform reference replaced by `<reference>`.
 */
export function synthesizedValue(value: unknown): Record<string, unknown> {
  if (typeof value === "object" && value !== null) return JSON.parse(JSON.stringify(value).replace(/\$\{([^}]+)\}/g, "<$1>"));
  const text = String(value);
  const match = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(text);
  if (!match) throw new OutputError(`cannot read the synthesized output value ${text.slice(0, 80)}`, false);
  return JSON.parse(hclToJson(match[1]));
}

/** HCL object syntax (as cdktf renders jsonencode arguments) to JSON: `=` to `:`, bare references quoted. */
function hclToJson(hcl: string): string {
  let out = "";
  for (let i = 0; i < hcl.length;) {
    const c = hcl[i];
    if (c === '"') {
      let j = i + 1;
      while (j < hcl.length && hcl[j] !== '"') j += hcl[j] === "\\" ? 2 : 1;
      out += hcl.slice(i, j + 1);
      i = j + 1;
    } else if (c === "=") {
      out += ":";
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const ref = /^[A-Za-z_][\w-]*(\.[\w-]+|\[\d+\]|\[\*\])*/.exec(hcl.slice(i))![0];
      out += ["true", "false", "null"].includes(ref) ? ref : JSON.stringify(`<${ref}>`);
      i += ref.length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
