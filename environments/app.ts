import { App } from "cdktf";
import { BootstrapStack, bootstrapStackName, environmentsByAccount } from "./bootstrap";
import { DELIVERY, EnvironmentConfig, EnvironmentName, loadConfig, validateConfig } from "./config";
import { buildDev } from "./dev";
import { buildProd } from "./prod";
import { buildStaging } from "./staging";

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /**
   * Every environment in this one account, its state in `<project>-tfstate-<id>`: what
   * `ACCOUNT_IDS` with the same id three times gives (single-account mode), without editing it.
   * @default - each environment in its `ACCOUNT_IDS` account
   */
  readonly singleAccount?: string;
  /**
   * Checked-in settings to use instead of `CONFIG`'s, per environment (tests of other configurations).
   * @default - `CONFIG`
   */
  readonly bases?: Partial<Record<EnvironmentName, EnvironmentConfig>>;
}

/**
 * One App: a bootstrap stack per account (state bucket and deploy roles, local state; see
 * {@link bootstrapStackName}), then one stack per environment. No stack reads another's outputs: the environments find the state bucket by
 * its configured name, so the only order is "bootstrap first, once" (see the README).
 */
export function buildApp(app: App = new App(), env: NodeJS.ProcessEnv = process.env, options: BuildAppOptions = {}): App {
  const place = (config: EnvironmentConfig): EnvironmentConfig => {
    const accountId = options.singleAccount;
    if (accountId === undefined) return config;
    const s3 = config.state.s3 && { ...config.state.s3, bucket: `${config.project}-tfstate-${accountId}` };
    return validateConfig({ ...config, accountId, state: s3 ? { s3 } : config.state });
  };
  const bases = options.bases ?? {};
  const prod = place(loadConfig("prod", env, bases.prod));
  const dev = place(loadConfig("dev", env, bases.dev));
  const staging = place(loadConfig("staging", env, bases.staging));
  const all = [dev, staging, prod];
  const byAccount = environmentsByAccount(all);
  for (const [accountId, environments] of byAccount) {
    new BootstrapStack(app, bootstrapStackName(all, accountId), { accountId, environments, delivery: DELIVERY });
  }
  // A budget counts its whole account unless environments share it (then by Environment tag).
  const scoped = (c: EnvironmentConfig): EnvironmentConfig => ({
    ...c,
    budgetScope: byAccount.get(c.accountId)!.length > 1 ? "environment-tag" : "account",
  });
  buildDev(app, scoped(dev));
  buildStaging(app, scoped(staging));
  buildProd(app, scoped(prod));
  return app;
}
