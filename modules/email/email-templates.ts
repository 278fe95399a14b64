import { existsSync, readFileSync, statSync } from "fs";
import { resolve } from "path";
import { IConstruct } from "constructs";
import { fail, isToken } from "../internal/validate";

/**
 * Content of one SES email template: a subject plus an HTML and/or a text part, each given
 * inline or as a file read at synth. Placeholders use SES's Handlebars syntax (`{{name}}`).
 */
export interface EmailTemplateContent {
  /** Subject line (may hold placeholders). */
  readonly subject: string;
  /**
   * HTML part, inline. Give either this or `htmlFile`.
   * @default - from `htmlFile`, or no HTML part
   */
  readonly html?: string;
  /**
   * File holding the HTML part, read at synth (relative paths resolve against the working directory).
   * @default - `html`, or no HTML part
   */
  readonly htmlFile?: string;
  /**
   * Plain-text part, inline. Give either this or `textFile`.
   * @default - from `textFile`, or no text part
   */
  readonly text?: string;
  /**
   * File holding the plain-text part, read at synth (relative paths resolve against the working directory).
   * @default - `text`, or no text part
   */
  readonly textFile?: string;
}

/** A template's parts after files are read: what `aws_ses_template` receives. */
export interface ResolvedTemplate {
  readonly subject: string;
  readonly html?: string;
  readonly text?: string;
}

/** SES refuses a template whose parts together exceed 500 KB. */
export const TEMPLATE_MAX_BYTES = 500 * 1024;

/**
 * Terraform reads `${` and `%{` in any string as interpolation / directive. Template content is
 * literal, so both are escaped (`$${`, `%%{`); Terraform hands SES the original text.
 */
export function escapeTerraformTemplate(content: string): string {
  if (isToken(content)) return content;
  return content.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

function part(scope: IConstruct, prop: string, inline: string | undefined, file: string | undefined): string | undefined {
  if (inline !== undefined && file !== undefined) {
    fail(scope, `${prop}File`, `cannot be combined with ${prop.split(".").pop()}; give the content inline or as a file`, file);
  }
  if (file === undefined) return inline;
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    fail(scope, `${prop}File`, `must name an existing file (resolved to ${path})`, file);
  }
  return readFileSync(path, "utf8");
}

/** Read the files of one template and check what SES requires. `prop` is e.g. `templates.WelcomeEmail`. */
export function resolveTemplate(scope: IConstruct, prop: string, content: EmailTemplateContent): ResolvedTemplate {
  if (!isToken(content.subject) && (typeof content.subject !== "string" || content.subject.trim() === "")) {
    fail(scope, `${prop}.subject`, "must be a non-empty subject line", content.subject);
  }
  const html = part(scope, `${prop}.html`, content.html, content.htmlFile);
  const text = part(scope, `${prop}.text`, content.text, content.textFile);
  if (html === undefined && text === undefined) {
    fail(scope, prop, "needs an HTML part (html/htmlFile) or a text part (text/textFile)", content);
  }
  const bytes = [content.subject, html ?? "", text ?? ""].reduce((n, s) => n + Buffer.byteLength(s, "utf8"), 0);
  if (bytes > TEMPLATE_MAX_BYTES) {
    fail(scope, prop, `must be at most ${TEMPLATE_MAX_BYTES} bytes in total (SES limit); it is ${bytes}`, `${bytes} bytes`);
  }
  return {
    subject: escapeTerraformTemplate(content.subject),
    html: html === undefined ? undefined : escapeTerraformTemplate(html),
    text: text === undefined ? undefined : escapeTerraformTemplate(text),
  };
}
