import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const source = readFileSync(join(__dirname, "container-web-app.ts"), "utf8");
const readme = readFileSync(join(__dirname, "README.md"), "utf8");
/** Words inside code: fenced blocks (examples) and inline code spans (tables, prose). */
const fenced = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
const inline = [...readme.replace(/```[\s\S]*?```/g, "").matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
const codeWords = new Set([...fenced, ...inline].flatMap((c) => c.match(/\w+/g) ?? []));

/** The prop names of an exported interface of container-web-app.ts. */
function propsOf(name: string): string[] {
  const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1];
  if (!body) throw new Error(`interface ${name} not found`);
  return [...body.matchAll(/^ {2}readonly (\w+)\??:/gm)].map((m) => m[1]);
}

describe("patterns README documents every option of the pattern", () => {
  it.each([
    "ContainerWebAppProps",
    "FargateComputeOptions",
    "AppRunnerComputeOptions",
    "AppWorkerOptions",
    "AppDatabaseOptions",
    "AppUploadsOptions",
    "AppCacheOptions",
    "AppCdnOptions",
    "AppEmailOptions",
    "AppNetworkOptions",
    "AppReleaseOptions",
  ])("%s", (name) => {
    const props = propsOf(name);
    expect(props.length).toBeGreaterThan(2);
    const missing = props.filter((p) => !codeWords.has(p));
    expect(missing).toEqual([]);
  });
});
