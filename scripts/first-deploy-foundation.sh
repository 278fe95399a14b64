#!/usr/bin/env bash
# First deploy of an environment, step 1: apply only what must exist before the app can start:
# the image registry, the (empty) secrets and settings, the database and its admin task.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/first-deploy-foundation.sh <stack> [--plan] [--auto-approve]

Synthesizes the stacks, runs terraform init in cdktf.out/stacks/<stack> and a targeted apply of
the ECR repository, the application secrets and SSM settings, and the database admin task
(which brings the network and the database with it). Afterwards: fill the secrets, push the
first image, create the app's database role, then deploy everything (see the README runbook).

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

# Targets: every resource of these types, the ECS clusters, and every resource of the construct
# holding the admin task definition (family *-db-admin): its security group and database rules
# are not dependencies of the task definition, but the db_admin_task output needs them.
targets=$(node -e '
const d = require(require("path").resolve(process.argv[1])).resource ?? {};
const types = ["aws_ecr_repository", "aws_ecr_lifecycle_policy", "aws_secretsmanager_secret", "aws_ssm_parameter", "aws_ecs_cluster", "aws_ecs_cluster_capacity_providers"];
const out = new Set();
for (const t of types) for (const n of Object.keys(d[t] ?? {})) out.add(`-target=${t}.${n}`);
const admins = Object.values(d.aws_ecs_task_definition ?? {}).filter((r) => /-db-admin$/.test(r.family ?? ""))
  .map((r) => r["//"].metadata.path.replace(/[^/]+$/, ""));
for (const [t, all] of Object.entries(d)) for (const [n, r] of Object.entries(all)) {
  if (admins.some((p) => (r["//"]?.metadata?.path ?? "").startsWith(p))) out.add(`-target=${t}.${n}`);
}
console.log([...out].join("\n"));
' "$dir/cdk.tf.json")
[ -n "$targets" ] || { echo "found nothing to target in $dir/cdk.tf.json" >&2; exit 1; }
echo "Targets:"; echo "$targets" | sed 's/^/  /'

[ "$mode" = plan ] && approve=()
terraform -chdir="$dir" init -input=false
# shellcheck disable=SC2086
terraform -chdir="$dir" "$mode" -input=false ${approve[@]+"${approve[@]}"} $(echo "$targets")
