/**
 * `npm run image-tag -- <env> <tag>`: record the image an environment runs in
 * environments/image-tags.json (checked in: the terminal, every push and the drift check read it).
 * The pipeline's release job runs it on a workflow_dispatch and commits the file; by hand, run it,
 * deploy and commit. Refuses anything that is not one build's Docker tag (never `latest`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ENVIRONMENTS, checkImageTag } from "../environments/config";

// argv: node scripts/app.js scripts/image-tag.ts [--] <env> <tag>
const [environment = "", tag = ""] = process.argv.slice(3).filter((a) => a !== "--");
if (!(ENVIRONMENTS as readonly string[]).includes(environment) || tag === "") {
  console.error(`usage: npm run image-tag -- <${ENVIRONMENTS.join("|")}> <tag>`);
  process.exit(2);
}
try {
  checkImageTag(environment, tag);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const file = join(resolve(__dirname, ".."), "environments", "image-tags.json");
const tags = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
const before = tags[environment];
tags[environment] = tag;
writeFileSync(file, `${JSON.stringify(tags, null, 2)}\n`);
console.log(before === tag ? `${environment} already runs ${tag}` : `${environment}: ${before} -> ${tag} (environments/image-tags.json)`);
