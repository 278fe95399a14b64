#!/usr/bin/env bash
# Fail, saying what to do, when an environment's ECR repository does not hold the image tag its
# checked-in configuration deploys (environments/image-tags.json). The pipeline runs it before
# every plan, so a missing image stops the run there instead of in a failed ECS or App Runner rollout.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/check-image.sh <environment> <repository> <tag>

  <environment>  dev, staging or prod (for the messages)
  <repository>   the environment's ECR repository name (npm run --silent pipeline-settings -- <env>)
  <tag>          the image tag the environment deploys
  -h, --help     this help

Needs the AWS CLI v2 with credentials of the environment's account (ecr:DescribeImages).
USAGE
}

case "${1:-}" in -h|--help) usage; exit 0 ;; esac
[ $# -eq 3 ] || { usage >&2; exit 2; }
environment="$1" repository="$2" tag="$3"

if out=$(aws ecr describe-images --repository-name "$repository" --image-ids "imageTag=$tag" \
    --query 'imageDetails[0].imageDigest' --output text 2>&1); then
  echo "$environment deploys $repository:$tag ($out)"
  exit 0
fi
case "$out" in
  *ImageNotFoundException*)
    fix="push it first (scripts/push-image.sh $environment $tag), or record a tag the repository holds (npm run image-tag -- $environment <tag>)" ;;
  *RepositoryNotFoundException*)
    fix="the repository does not exist yet: a fresh environment starts with the first-deploy runbook (docs/runbook.md)" ;;
  *)
    fix="it could not be checked: $out" ;;
esac
echo "::error::$environment deploys image tag $tag (environments/image-tags.json), which is not in its ECR repository $repository: $fix"
exit 1
