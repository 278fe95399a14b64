// flavour: verbatim
// node scripts/app.js scripts/flavour/render-cli.ts [outDir]: render the tree as the cdktn line (see render.ts).
import { join, relative, resolve } from "node:path";
import { CDKTN } from "./lines";
import { renderTree } from "./render";

// Run from the repository's root (npm scripts are); the bundle's own __dirname is .cdktf-app/.
const root = process.cwd();
const outDir = resolve(process.argv[3] ?? join(root, "flavours", CDKTN.framework, "dist"));
const started = Date.now();
const result = renderTree(root, outDir);
console.log(
  `rendered ${result.files} files as ${CDKTN.framework} (${result.changed} changed) into ${relative(process.cwd(), outDir) || "."} in ${Date.now() - started} ms`,
);
