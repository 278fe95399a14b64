import { IConstruct } from "constructs";
import { awsContext } from "../internal/aws-context";
import { checkPattern } from "../internal/validate";
import { checkRoleName } from "../core/database-names";
import { DEFAULT_CA_BUNDLE_PATH, RDS_CA_BUNDLE_URL } from "../core/database-ref";

export { DEFAULT_CA_BUNDLE_PATH, RDS_CA_BUNDLE_URL };

/** Options for `connectionEnvironment`. */
export interface ConnectionEnvironmentOptions {
  /**
   * Absolute path of the CA bundle inside the image (`PGSSLROOTCERT`, and `NODE_EXTRA_CA_CERTS`
   * so Node's TLS trusts it as well); the Dockerfile puts {@link RDS_CA_BUNDLE_URL} there.
   * @default "/certs/rds-global-bundle.pem"
   */
  readonly caBundlePath?: string;
}

/** What a client connects to. */
export interface ConnectionTarget {
  readonly host: string;
  readonly port: number;
  readonly databaseName: string;
  readonly region: string;
}

/**
 * Plain settings for a client that logs in with an IAM token over verified TLS:
 * `DB_HOST`, `DB_PORT`, `DB_NAME`, `DB_USER`, `DB_REGION` (what `@aws-sdk/rds-signer` needs),
 * `PGSSLMODE=verify-full`, `PGSSLROOTCERT` and `NODE_EXTRA_CA_CERTS` (the CA bundle). No secret.
 */
export function connectionEnvironment(
  scope: IConstruct,
  target: ConnectionTarget,
  dbUser: string,
  options: ConnectionEnvironmentOptions = {},
): Record<string, string> {
  checkRoleName(scope, "connectionEnvironment dbUser", dbUser);
  const caPath = options.caBundlePath ?? DEFAULT_CA_BUNDLE_PATH;
  checkPattern(
    scope,
    "connectionEnvironment caBundlePath",
    caPath,
    /^\/[\w.\-/]+\.(pem|crt)$/,
    "must be an absolute path to a .pem or .crt file in the image",
  );
  return {
    DB_HOST: target.host,
    DB_PORT: String(target.port),
    DB_NAME: target.databaseName,
    DB_USER: dbUser,
    DB_REGION: target.region,
    PGSSLMODE: "verify-full",
    PGSSLROOTCERT: caPath,
    NODE_EXTRA_CA_CERTS: caPath,
  };
}

/** {@link connectionEnvironment} of an endpoint construct (the database or its proxy), in the stack's region. */
export function endpointEnvironment(
  endpoint: IConstruct & { readonly address: string; readonly port: number; readonly databaseName: string },
  dbUser: string,
  options: ConnectionEnvironmentOptions = {},
): Record<string, string> {
  const target = { host: endpoint.address, port: endpoint.port, databaseName: endpoint.databaseName, region: awsContext(endpoint).region };
  return connectionEnvironment(endpoint, target, dbUser, options);
}
