import { ALWAYS, defineRule } from "../types";

/** Image tags cannot be overwritten. */
export const ecrImmutableTags = defineRule({
  id: "ECR-IMMUTABLE-TAGS",
  cites: ["FSBP ECR.2", "CKV_AWS_51", "AVD-AWS-0031"],
  description:
    "ECR repositories make tags immutable, so a deployed tag always means the same image (no silent replacement). `ContainerRepository` always sets it; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_ecr_repository"],
  check: (r) =>
    r.config.image_tag_mutability === "IMMUTABLE" || r.config.image_tag_mutability === "IMMUTABLE_WITH_EXCLUSION"
      ? undefined
      : `image_tag_mutability is ${r.config.image_tag_mutability ?? "unset (MUTABLE)"}`,
  fix: '`ContainerRepository` always makes tags immutable (deploy by commit tag or digest); raw `EcrRepository`: `imageTagMutability: "IMMUTABLE"`',
});
