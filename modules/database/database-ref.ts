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
}
