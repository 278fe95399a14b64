import { App } from "cdktf";
import { BootstrapStack } from "./bootstrap";
import { DELIVERY, loadConfig } from "./config";
import { buildDev } from "./dev";
import { buildProd } from "./prod";
import { buildStaging } from "./staging";

/**
 * One App, four stacks: `bootstrap` (state bucket and deploy roles, local state), then one per
 * environment. No stack reads another's outputs: the environments find the state bucket by its
 * configured name, so the only order is "bootstrap first, once" (see the README).
 */
export function buildApp(app: App = new App(), env: NodeJS.ProcessEnv = process.env): App {
  const prod = loadConfig("prod", env);
  const dev = loadConfig("dev", env);
  const staging = loadConfig("staging", env);
  new BootstrapStack(app, "bootstrap", prod, [dev, staging, prod], DELIVERY);
  buildDev(app, dev);
  buildStaging(app, staging);
  buildProd(app, prod);
  return app;
}
