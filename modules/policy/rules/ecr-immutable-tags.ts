import { ALWAYS, defineRule } from "../types";

/** Image tags cannot be overwritten. */
export const ecrImmutableTags = defineRule({
  id: "ECR-IMMUTABLE-TAGS",
  cites: ["FSBP ECR.2", "CKV_AWS_51", "AVD-AWS-0031"],
  description: "ECR repositories make tags immutable, so a deployed tag always means the same image (no silent replacement).",
  severity: ALWAYS,
  resourceTypes: ["aws_ecr_repository"],
  check: (r) =>
    r.config.image_tag_mutability === "IMMUTABLE" || r.config.image_tag_mutability === "IMMUTABLE_WITH_EXCLUSION"
      ? undefined
      : `image_tag_mutability is ${r.config.image_tag_mutability ?? "unset (MUTABLE)"}`,
  fix: 'set imageTagMutability: "IMMUTABLE" and deploy by commit tag or digest',
});
