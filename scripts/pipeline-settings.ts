/**
 * `npm run --silent pipeline-settings -- <env>`: one environment's pipeline settings
 * (environments/pipeline.ts) as `key=value` lines, for `>> "$GITHUB_OUTPUT"`.
 */
import { ENVIRONMENTS, EnvironmentName, loadConfig } from "../environments/config";
import { pipelineSettings } from "../environments/pipeline";

// argv: node scripts/app.js scripts/pipeline-settings.ts [--] <env>
const name = process.argv.slice(3).filter((a) => a !== "--")[0] ?? "";
if (!(ENVIRONMENTS as readonly string[]).includes(name)) {
  console.error(`usage: npm run --silent pipeline-settings -- <${ENVIRONMENTS.join("|")}>`);
  process.exit(2);
}
const settings = pipelineSettings(loadConfig(name as EnvironmentName));
console.log(
  Object.entries(settings)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n"),
);
