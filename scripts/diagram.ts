/**
 * `npm run diagram`: regenerate docs/architecture.md (one Mermaid diagram per environment) from
 * the environments synthesized in-process. scripts/diagram/diagram.test.ts fails when the file
 * is stale.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { architectureDoc } from "./diagram/diagram";
import { ARCHITECTURE_DOC, synthesizeEnvironments } from "./diagram/environments";

const file = join(resolve(__dirname, ".."), ARCHITECTURE_DOC);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, architectureDoc(synthesizeEnvironments()));
console.log(`wrote ${ARCHITECTURE_DOC}`);
