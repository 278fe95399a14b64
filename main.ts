import { App } from "cdktf";
import { BootstrapStack } from "./environments/bootstrap";
import { loadConfig } from "./environments/config";
import { buildDev } from "./environments/dev";
import { buildProd } from "./environments/prod";
import { buildStaging } from "./environments/staging";

/** One App, four stacks: `bootstrap` (state bucket, local state), then one per environment. */
export function buildApp(app: App = new App(), env: NodeJS.ProcessEnv = process.env): App {
  const prod = loadConfig("prod", env);
  new BootstrapStack(app, "bootstrap", prod);
  buildDev(app, loadConfig("dev", env));
  buildStaging(app, loadConfig("staging", env));
  buildProd(app, prod);
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
