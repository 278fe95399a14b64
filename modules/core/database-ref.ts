/**
 * What a client needs to reach a database. A {@link PostgresDatabase} implements it, and so
 * does a plain object read from remote state.
 */
export interface DatabaseRef {
  /** The database's security group: clients get an ingress rule on it. */
  readonly securityGroupId: string;
  /** The port the database listens on. */
  readonly port: number;
  /** Host name clients connect to. */
  readonly address: string;
  /**
   * ARN of the Secrets Manager secret holding the master credentials (RDS-managed).
   * @default - none
   */
  readonly masterSecretArn?: string;
  /**
   * The database the application connects to (the `dbname` of a connection URL).
   * @default - none; the client must know it
   */
  readonly databaseName?: string;
  /**
   * Customer-managed KMS key of the master secret: readers also need `kms:Decrypt` on it.
   * @default - none (an AWS managed key, which needs no extra grant)
   */
  readonly masterSecretKmsKeyArn?: string;
}

/** Where AWS publishes the CA bundle of every RDS region (the image downloads it at build). */
export const RDS_CA_BUNDLE_URL = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem";
/** Where the image keeps that bundle, unless told otherwise. */
export const DEFAULT_CA_BUNDLE_PATH = "/certs/rds-global-bundle.pem";
