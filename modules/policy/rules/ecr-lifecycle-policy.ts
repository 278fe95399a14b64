import { PRODUCTION_ERROR, defineRule } from "../types";

/** Old images expire. */
export const ecrLifecyclePolicy = defineRule({
  id: "ECR-LIFECYCLE-POLICY",
  cites: ["FSBP ECR.3"],
  description:
    "ECR repositories have a lifecycle policy, so untagged and old images expire instead of accumulating (cost, and stale vulnerable images). `ContainerRepository` always has one; the rule guards raw resources and overrides.",
  severity: PRODUCTION_ERROR,
  resourceTypes: ["aws_ecr_repository"],
  check: (r, { stack }) =>
    stack.pointingAt(r, ["aws_ecr_lifecycle_policy"], "repository", ["name"]).length > 0
      ? undefined
      : "repository has no aws_ecr_lifecycle_policy",
  fix: "`ContainerRepository` always has one (props `maxImageCount`, `untaggedImageExpiryDays`); raw `EcrRepository`: add an `EcrLifecyclePolicy` expiring untagged images and keeping the last N tagged ones",
});
