#!/usr/bin/env bash
# First deploy of an environment, step 1: apply only what must exist before the app can start:
# the image registry, the (empty) secrets and settings, the database and its admin task.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/first-deploy-foundation.sh <stack> [--plan] [--auto-approve]

Synthesizes the stacks, runs terraform init in cdktf.out/stacks/<stack> and a targeted apply of
the ECR repository, the application secrets and SSM settings, and the database admin task
with the database and the network's route to the internet it runs with (the targets are listed
first; scripts/foundation-targets.ts chooses them). Afterwards: fill the secrets, push the
first image, create the app's database role, then deploy everything (see docs/runbook.md).

  <stack>         dev, staging or prod
  --plan          plan only (terraform plan with the same targets)
  --auto-approve  apply without asking
  -h, --help      this help

Needs: node, terraform >= 1.10 and AWS credentials for the account; the state bucket from
`npx cdktf deploy bootstrap-<stack>` (`bootstrap` in single-account mode).
USAGE
}

stack="" mode=apply approve=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --plan) mode=plan; shift ;;
    --auto-approve) approve=(-auto-approve); shift ;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) [ -z "$stack" ] || { echo "one stack only" >&2; exit 2; }; stack="$1"; shift ;;
  esac
done
[ -n "$stack" ] || { usage >&2; exit 2; }

CHECKPOINT_DISABLE=1 npx cdktf synth >/dev/null
dir="cdktf.out/stacks/$stack"
[ -f "$dir/cdk.tf.json" ] || { echo "no stack $stack in cdktf.out/stacks" >&2; exit 2; }

# Targets (scripts/foundation-targets.ts): the registry, secrets, settings and ECS cluster; the
# admin task's construct; what the db_admin_task and ecr_repository_url outputs name; the admin
# task's way out of its subnets (route tables, routes, NAT and its subnet's route, endpoints) and
# the security group rules between the groups created. -target applies those and what they
# depend on, never what depends on them (a route, an association, a rule), hence the list.
targets=$(node scripts/app.js scripts/foundation-targets.ts "$dir/cdk.tf.json")
[ -n "$targets" ] || { echo "found nothing to target in $dir/cdk.tf.json" >&2; exit 1; }
echo "Targets:"; echo "$targets" | sed 's/^/  /'

[ "$mode" = plan ] && approve=()
terraform -chdir="$dir" init -input=false
# shellcheck disable=SC2086
terraform -chdir="$dir" "$mode" -input=false ${approve[@]+"${approve[@]}"} $(echo "$targets")
