/**
 * What a workload needs of a container repository. `ContainerRepository` implements it, and so
 * does a plain object read from remote state.
 */
export interface RepositoryRef {
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`, without a tag. */
  readonly repositoryUrl: string;
  /** The repository ARN (pull permissions are scoped to it). */
  readonly repositoryArn: string;
}
