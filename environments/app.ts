import { App } from "cdktf";
import { BootstrapStack } from "./bootstrap";
import { loadConfig } from "./config";
import { buildDev } from "./dev";
import { buildProd } from "./prod";
import { buildStaging } from "./staging";

/** One App, four stacks: `bootstrap` (state bucket, local state), then one per environment. */
export function buildApp(app: App = new App(), env: NodeJS.ProcessEnv = process.env): App {
  const prod = loadConfig("prod", env);
  new BootstrapStack(app, "bootstrap", prod);
  buildDev(app, loadConfig("dev", env));
  buildStaging(app, loadConfig("staging", env));
  buildProd(app, prod);
  return app;
}
