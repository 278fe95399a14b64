/**
 * `npm run policy:report`: the policy layer's report per environment, each at its stack's tier — rules passed, failed
 * (with their fixes) and suppressed (with their reasons). Exits 1 when any environment has
 * an unsuppressed error or a suppression naming an unknown rule, as `cdktf synth` would.
 */
import { App, TerraformStack } from "cdktf";
import { buildApp } from "../environments/app";
import { ENVIRONMENTS } from "../environments/config";
import { errorsOf, formatReport, policyReport } from "../modules/policy";

// Validations off here: the report lists every finding instead of stopping at the first stack.
const app = buildApp(new App({ skipValidation: true, outdir: ".policy-report" }));
let failed = false;
for (const environment of ENVIRONMENTS) {
  const report = policyReport(app.node.findChild(environment) as TerraformStack);
  console.log(formatReport(report));
  failed ||= errorsOf(report).length > 0 || report.invalidSuppressions.length > 0;
}
process.exitCode = failed ? 1 : 0;
