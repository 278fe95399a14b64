import { IConstruct } from "constructs";
import { checkPattern, fail } from "../internal/validate";

/**
 * Which `sub` claim format the repository's tokens use. GitHub added immutable owner and
 * repository IDs to the default claim (`repo:<owner>@<owner_id>/<repo>@<repo_id>:...`): repositories
 * created or renamed/transferred since the 2026 switch use it, older ones only after opting in.
 * `both` trusts either form, for the time of a migration.
 * https://docs.github.com/en/actions/reference/security/oidc
 */
export type GitHubSubjectFormat = "name" | "immutable" | "both";

/** A GitHub repository whose workflows may assume roles. */
export interface GitHubRepository {
  /** Owner (organization or user) login, as GitHub spells it (IAM compares case-sensitively). */
  readonly owner: string;
  /** Repository name, as GitHub spells it. */
  readonly name: string;
  /**
   * The owner's immutable numeric id (`repository_owner_id` claim; `gh api orgs/<owner> --jq .id`).
   * @default - none: only the name form can be trusted
   */
  readonly ownerId?: number;
  /**
   * The repository's immutable numeric id (`repository_id` claim; `gh api repos/<owner>/<repo> --jq .id`).
   * @default - none: only the name form can be trusted
   */
  readonly repositoryId?: number;
  /**
   * Which `sub` format to trust.
   * @default "immutable" when both ids are given, otherwise "name"
   */
  readonly subjectFormat?: GitHubSubjectFormat;
}

/** Where a workflow job runs, as the default `sub` claim names it. Exactly one field. */
export interface GitHubSubjectContext {
  /** A job with `environment: <name>` (any event). @default - not an environment */
  readonly environment?: string;
  /** A job on a push/schedule/dispatch of this branch (no environment). @default - not a branch */
  readonly branch?: string;
  /** A job of a `pull_request` event (no environment). @default false */
  readonly pullRequest?: boolean;
  /** A job on a push of this tag (no environment). @default - not a tag */
  readonly tag?: string;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;
// Exact values only: IAM StringEquals, so wildcards would be literal characters that never match.
const REF = /^[^\s*?:~^\\[]{1,255}$/;

/** The `repo:<...>` prefixes of the repository's subjects, in the trusted formats. */
function repositoryPrefixes(scope: IConstruct | string, prop: string, repo: GitHubRepository): string[] {
  checkPattern(scope, `${prop}.owner`, repo.owner, OWNER, "must be a GitHub owner login (letters, digits and hyphens, at most 39)");
  checkPattern(scope, `${prop}.name`, repo.name, REPOSITORY, "must be a GitHub repository name (1-100 letters, digits, . _ -)");
  for (const [key, id] of [
    ["ownerId", repo.ownerId],
    ["repositoryId", repo.repositoryId],
  ] as const) {
    if (id !== undefined && (!Number.isSafeInteger(id) || id <= 0))
      fail(scope, `${prop}.${key}`, "must be a positive integer (GitHub's numeric id)", id);
  }
  const hasIds = repo.ownerId !== undefined && repo.repositoryId !== undefined;
  const format = repo.subjectFormat ?? (hasIds ? "immutable" : "name");
  if (format !== "name" && !hasIds) {
    fail(
      scope,
      `${prop}.subjectFormat`,
      "needs ownerId and repositoryId (the immutable form is repo:<owner>@<owner_id>/<repo>@<repo_id>)",
      format,
    );
  }
  const name = `repo:${repo.owner}/${repo.name}`;
  const immutable = `repo:${repo.owner}@${repo.ownerId}/${repo.name}@${repo.repositoryId}`;
  return format === "name" ? [name] : format === "immutable" ? [immutable] : [immutable, name];
}

/**
 * The exact `sub` claims of the repository's jobs in `context`, in every trusted format, e.g.
 * `repo:octo/app:environment:prod` and `repo:octo@123/app@456:environment:prod`.
 * https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 */
export function gitHubSubjects(scope: IConstruct | string, prop: string, repo: GitHubRepository, context: GitHubSubjectContext): string[] {
  const set = [context.environment, context.branch, context.pullRequest ? true : undefined, context.tag].filter((v) => v !== undefined);
  if (set.length !== 1) fail(scope, prop, "must name exactly one of environment, branch, pullRequest or tag", context);
  let suffix: string;
  if (context.environment !== undefined) {
    checkPattern(
      scope,
      `${prop}.environment`,
      context.environment,
      REF,
      "must be an exact GitHub environment name (no wildcards or colons)",
    );
    suffix = `environment:${context.environment}`;
  } else if (context.branch !== undefined) {
    checkPattern(scope, `${prop}.branch`, context.branch, REF, "must be an exact branch name (no wildcards or colons)");
    refusePrefix(scope, `${prop}.branch`, context.branch, "refs/heads/");
    suffix = `ref:refs/heads/${context.branch}`;
  } else if (context.tag !== undefined) {
    checkPattern(scope, `${prop}.tag`, context.tag, REF, "must be an exact tag name (no wildcards or colons)");
    refusePrefix(scope, `${prop}.tag`, context.tag, "refs/tags/");
    suffix = `ref:refs/tags/${context.tag}`;
  } else {
    suffix = "pull_request";
  }
  return repositoryPrefixes(scope, "repository", repo).map((prefix) => `${prefix}:${suffix}`);
}

/**
 * The claim adds `refs/heads/` (`refs/tags/`) itself: a value that already carries it would make
 * `ref:refs/heads/refs/heads/main`, which no token carries, so the role could never be assumed.
 * A branch literally named `refs/heads/x` is legal in git but is not what anyone means here.
 */
function refusePrefix(scope: IConstruct | string, prop: string, value: string, prefix: string): void {
  if (value.startsWith(prefix) || value.startsWith("refs/")) {
    fail(
      scope,
      prop,
      `must be the bare name: the subject adds ${prefix} itself (give ${JSON.stringify(value.replace(/^refs\/(heads|tags)\//, ""))})`,
      value,
    );
  }
}
