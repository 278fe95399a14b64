import { PolicyStatement } from "./policy-document";

/**
 * ECR permission sets shared by every consumer of a repository (ECS execution roles,
 * App Runner access roles, CI roles). Repository actions are scoped to the repository ARN;
 * `ecr:GetAuthorizationToken` has no resource-level permissions, so it is granted on `*`.
 */

/** Actions a client needs to pull images from one repository. */
export const ECR_PULL_ACTIONS = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"] as const;

/** Actions a client needs to push images to one repository. */
export const ECR_PUSH_ACTIONS = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:InitiateLayerUpload",
  "ecr:UploadLayerPart",
  "ecr:CompleteLayerUpload",
  "ecr:PutImage",
] as const;

function withAuthorizationToken(sid: string, actions: readonly string[], repositoryArn: string): PolicyStatement[] {
  return [
    { sid, actions: [...actions], resources: [repositoryArn] },
    // GetAuthorizationToken is account-wide: IAM accepts only "*" for it.
    { sid: "EcrAuthorizationToken", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
  ];
}

/** Pull images from exactly this repository. */
export function repositoryPullStatements(repositoryArn: string): PolicyStatement[] {
  return withAuthorizationToken("EcrPull", ECR_PULL_ACTIONS, repositoryArn);
}

/** Push images to exactly this repository. */
export function repositoryPushStatements(repositoryArn: string): PolicyStatement[] {
  return withAuthorizationToken("EcrPush", ECR_PUSH_ACTIONS, repositoryArn);
}
