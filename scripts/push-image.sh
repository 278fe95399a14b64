#!/usr/bin/env bash
# Build the app image and push it to the environment's ECR repository under an immutable tag.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/push-image.sh <stack> <tag> [--context DIR] [--platform PLATFORM] [--dry-run]

Builds DIR (its Dockerfile) and pushes it as <ecr_repository_url>:<tag>. Tags are immutable:
use a new one per build (a git SHA or a version), then record it (npm run image-tag -- <stack> <tag>)
and deploy.

  <stack>              dev, staging or prod (reads the ecr_repository_url output)
  <tag>                image tag, e.g. "$(git rev-parse --short HEAD)"
  --context DIR        build context with the Dockerfile (default: .)
  --platform PLATFORM  target platform (default: linux/amd64, the services' X86_64)
  --dry-run            print the commands instead of running them
  -h, --help           this help

The Dockerfile must put the RDS CA bundle where the app's PGSSLROOTCERT points:
  ADD https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /certs/rds-global-bundle.pem
Needs: terraform, docker and the AWS CLI v2 with credentials.
USAGE
}

stack="" tag="" context="." platform="linux/amd64" dry=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --context) context="${2:?--context needs a folder}"; shift 2 ;;
    --platform) platform="${2:?--platform needs a value}"; shift 2 ;;
    --dry-run) dry=1; shift ;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) if [ -z "$stack" ]; then stack="$1"; elif [ -z "$tag" ]; then tag="$1"; else echo "too many arguments" >&2; exit 2; fi; shift ;;
  esac
done
[ -n "$stack" ] && [ -n "$tag" ] || { usage >&2; exit 2; }
[[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "not a Docker tag: $tag" >&2; exit 2; }
dir="cdktf.out/stacks/$stack"
[ -d "$dir" ] || { echo "no $dir: run npm run synth (and terraform -chdir=$dir init) first" >&2; exit 2; }

repository=$(terraform -chdir="$dir" output -raw ecr_repository_url)
registry="${repository%%/*}"
region=$(echo "$registry" | cut -d. -f4)
run() { if [ "$dry" = 1 ]; then echo "+ $*"; else "$@"; fi; }

if [ "$dry" = 1 ]; then
  echo "+ aws ecr get-login-password --region $region | docker login --username AWS --password-stdin $registry"
else
  aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "$registry"
fi
run docker build --platform "$platform" -t "$repository:$tag" "$context"
run docker push "$repository:$tag"
echo "Pushed $repository:$tag; record and deploy it: npm run image-tag -- $stack $tag && npx cdktf deploy $stack (commit environments/image-tags.json)"
