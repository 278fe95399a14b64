#!/usr/bin/env bash
# Upload a build's static assets to the environment's static-assets bucket with long-lived cache
# headers, then invalidate them in CloudFront. Reads the bucket and distribution from the stack's outputs.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/upload-static-assets.sh <stack> [--build-dir DIR] [--prefix PATH] [--cache-control VALUE]
                                       [--delete] [--no-invalidate] [--dry-run]

Syncs DIR to s3://<static_assets_bucket>/<PATH>/ (keys mirror URL paths: CloudFront serves
/_next/static/* and /static/* from the bucket) and invalidates /<PATH>/* on the distribution.

  <stack>                dev, staging or prod (reads cdktf.out/stacks/<stack> outputs
                         static_assets_bucket and cdn_distribution_id)
  --build-dir DIR        folder to upload (default: .next/static)
  --prefix PATH          key prefix = URL path (default: _next/static)
  --cache-control VALUE  Cache-Control of every object (default: "public, max-age=31536000, immutable",
                         right for content-hashed file names; use a short max-age for others)
  --delete               also delete objects no longer in DIR (default: keep them, so pages
                         rendered by the previous release still find their assets)
  --no-invalidate        skip the CloudFront invalidation
  --dry-run              print the aws commands instead of running them
  -h, --help             this help

Needs: an applied stack with a CDN, terraform, node and the AWS CLI v2 with credentials.
USAGE
}

stack="" dir=".next/static" prefix="_next/static" cache="public, max-age=31536000, immutable" delete=0 invalidate=1 dry=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --build-dir) dir="${2:?--build-dir needs a folder}"; shift 2 ;;
    --prefix) prefix="${2:?--prefix needs a path}"; shift 2 ;;
    --cache-control) cache="${2:?--cache-control needs a value}"; shift 2 ;;
    --delete) delete=1; shift ;;
    --no-invalidate) invalidate=0; shift ;;
    --dry-run) dry=1; shift ;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) [ -z "$stack" ] || { echo "one stack only" >&2; exit 2; }; stack="$1"; shift ;;
  esac
done
[ -n "$stack" ] || { usage >&2; exit 2; }
[ -d "$dir" ] || { echo "no folder $dir: build the app first (or pass --build-dir)" >&2; exit 2; }
prefix="${prefix#/}"; prefix="${prefix%/}"
stackdir="cdktf.out/stacks/$stack"
[ -d "$stackdir" ] || { echo "no $stackdir: run npm run synth (and terraform -chdir=$stackdir init) first" >&2; exit 2; }

bucket=$(terraform -chdir="$stackdir" output -raw static_assets_bucket)
distribution=$(terraform -chdir="$stackdir" output -raw cdn_distribution_id)
run() { if [ "$dry" = 1 ]; then echo "+ $*"; else "$@"; fi; }

sync=(aws s3 sync "$dir" "s3://$bucket/$prefix/" --cache-control "$cache" --only-show-errors)
[ "$delete" = 1 ] && sync+=(--delete)
run "${sync[@]}"
echo "Uploaded $dir to s3://$bucket/$prefix/"
if [ "$invalidate" = 1 ]; then
  run aws cloudfront create-invalidation --distribution-id "$distribution" --paths "/$prefix/*"
  echo "Invalidated /$prefix/* on $distribution"
fi
