import { Construct } from "constructs";
import { StateObjectRef } from "../core/state-access";
import { CrossEnvironmentSettings, DeployRolePair } from "./deploy-role-pair";
import { GitHubRepository, gitHubSubjects } from "./github-subjects";
import { OidcProviderRef } from "./oidc-provider";

/** Props for {@link GitHubDeployRoles}. */
export interface GitHubDeployRolesProps {
  /** The GitHub Actions provider ({@link GitHubActionsOidc}, or one the account already has). */
  readonly oidc: OidcProviderRef;
  /** The repository whose workflows may assume the roles. */
  readonly repository: GitHubRepository;
  /** Role names are `<name>-plan` and `<name>-apply` (e.g. `shop-deploy-prod`). */
  readonly name: string;
  /** The environment, as its resources' `Environment` tag says. */
  readonly environment: string;
  /** IAM roles and policies of the environment are named `<managedNamePrefix>-*` (e.g. `shop-prod`). */
  readonly managedNamePrefix: string;
  /**
   * The GitHub environment whose jobs may apply (`sub` = `repo:...:environment:<name>`); give it
   * required reviewers and a deployment-branch rule in the repository settings.
   * @default - `environment`
   */
  readonly gitHubEnvironment?: string;
  /**
   * Branches whose push, schedule and dispatch jobs (without an environment) may plan, e.g. the
   * scheduled drift check on the default branch.
   * @default ["main"]
   */
  readonly planBranches?: readonly string[];
  /**
   * Pull request jobs may plan (`sub` = `repo:...:pull_request`). Workflows of pull requests
   * from forks get no OIDC token, but anyone who can push a branch can change the workflow.
   * @default true
   */
  readonly planOnPullRequests?: boolean;
  /** The environment's S3 state object. @default - no state access */
  readonly state?: StateObjectRef;
  /** @default - none required */
  readonly permissionsBoundaryArn?: string;
  /** The other environments of the account (see `DeployRolePairProps.crossEnvironment`). @default - none */
  readonly crossEnvironment?: CrossEnvironmentSettings;
  /** Service prefixes the plan role may also read (see `DeployRolePairProps.additionalPlanReadServices`). @default [] */
  readonly additionalPlanReadServices?: readonly string[];
  /** @default 7200 */
  readonly applyMaxSessionDurationSeconds?: number;
  /** Extra tags. @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * Per environment, a plan role for pull requests and branch jobs and an apply role for the jobs
 * of one GitHub environment, each trusting only exact `sub` claims of one repository
 * (name form, immutable-id form, or both) and the `sts.amazonaws.com` audience.
 */
export class GitHubDeployRoles extends DeployRolePair {
  public constructor(scope: Construct, id: string, props: GitHubDeployRolesProps) {
    const path = `${scope.node.path}/${id}`;
    const repo = props.repository;
    const planSubjects = [
      ...((props.planOnPullRequests ?? true) ? gitHubSubjects(path, "planOnPullRequests", repo, { pullRequest: true }) : []),
      ...(props.planBranches ?? ["main"]).flatMap((branch) => gitHubSubjects(path, "planBranches", repo, { branch })),
    ];
    const applySubjects = gitHubSubjects(path, "gitHubEnvironment", repo, { environment: props.gitHubEnvironment ?? props.environment });
    super(scope, id, { ...props, planSubjects, applySubjects });
  }
}
