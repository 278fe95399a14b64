import { PRODUCTION_ERROR, defineRule } from "../types";

/** Old images expire. */
export const ecrLifecyclePolicy = defineRule({
  id: "ECR-LIFECYCLE-POLICY",
  cites: ["FSBP ECR.3"],
  description: "ECR repositories have a lifecycle policy, so untagged and old images expire instead of accumulating (cost, and stale vulnerable images).",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_ecr_repository"],
  check: (r, { stack }) =>
    stack.pointingAt(r, ["aws_ecr_lifecycle_policy"], "repository", ["name"]).length > 0 ? undefined : "repository has no aws_ecr_lifecycle_policy",
  fix: "add an EcrLifecyclePolicy (repository: repo.name) expiring untagged images after a few days and keeping the last N tagged images",
});
