#!/usr/bin/env bash
# Create (or re-grant) the application's least-privilege PostgreSQL login role, by running the
# environment's one-off database admin task (DatabaseAdminTask) and waiting for it. Idempotent.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/db-create-app-role.sh <stack> [--output NAME] [--dry-run]

Runs the one-off ECS task that logs in as the master user (the secret is injected into that
task only) and creates the app's login role with rds_iam (IAM authentication, no password),
CONNECT on the database, USAGE on schema public and read/write on its tables and sequences,
including those migrations create later. Safe to run again at any time.

  <stack>        environment stack: dev, staging or prod (reads cdktf.out/stacks/<stack>)
  --output NAME  Terraform output holding the task settings (default: db_admin_task)
  --dry-run      print the aws commands instead of running them
  -h, --help     this help

Needs: `npm run synth`, `terraform init` and an applied stack in cdktf.out/stacks/<stack>;
terraform, node and the AWS CLI v2 with credentials for the account. Exits with the task's exit code.
USAGE
}

stack="" output="db_admin_task" dry=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --output) output="${2:?--output needs a name}"; shift 2 ;;
    --dry-run) dry=1; shift ;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) [ -z "$stack" ] || { echo "one stack only" >&2; exit 2; }; stack="$1"; shift ;;
  esac
done
[ -n "$stack" ] || { usage >&2; exit 2; }
dir="cdktf.out/stacks/$stack"
[ -d "$dir" ] || { echo "no $dir: run npm run synth (and terraform -chdir=$dir init) first" >&2; exit 2; }

if ! settings=$(terraform -chdir="$dir" output -json "$output"); then
  echo "no output $output in $dir: apply the stack (or scripts/first-deploy-foundation.sh) first;" >&2
  echo "if it was applied with -target, 'terraform -chdir=$dir apply -refresh-only' records the outputs" >&2
  exit 1
fi
# The output is an object, or a JSON string of one (jsonencode): accept both.
field() { node -e 'let s=JSON.parse(process.argv[1]); if (typeof s==="string") s=JSON.parse(s); const v=s[process.argv[2]]; process.stdout.write(Array.isArray(v)?v.join(","):String(v))' "$settings" "$1"; }
cluster=$(field cluster) taskdef=$(field task_definition) subnets=$(field subnets)
groups=$(field security_groups) log_group=$(field log_group) app_user=$(field app_user)
public_ip=$(field assign_public_ip); [ "$public_ip" = ENABLED ] || public_ip=DISABLED
network="awsvpcConfiguration={subnets=[$subnets],securityGroups=[$groups],assignPublicIp=$public_ip}"

run() { if [ "$dry" = 1 ]; then echo "+ $*"; else "$@"; fi; }
echo "Creating role $app_user with task $taskdef in cluster $cluster"
if [ "$dry" = 1 ]; then
  run aws ecs run-task --cluster "$cluster" --task-definition "$taskdef" --launch-type FARGATE --count 1 --network-configuration "$network"
  exit 0
fi
task=$(aws ecs run-task --cluster "$cluster" --task-definition "$taskdef" --launch-type FARGATE --count 1 \
  --network-configuration "$network" --query 'tasks[0].taskArn' --output text)
[ -n "$task" ] && [ "$task" != "None" ] || { echo "the task did not start (see aws ecs run-task failures)" >&2; exit 1; }
echo "Started $task; waiting for it to stop..."
aws ecs wait tasks-stopped --cluster "$cluster" --tasks "$task"
code=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" --query 'tasks[0].containers[0].exitCode' --output text)
reason=$(aws ecs describe-tasks --cluster "$cluster" --tasks "$task" --query 'tasks[0].stoppedReason' --output text)
echo "Logs: aws logs tail $log_group --log-stream-name-prefix ecs/psql/${task##*/}"
if [ "$code" = "0" ]; then echo "Role $app_user is ready."; exit 0; fi
echo "The task failed (exit code $code; $reason). Read the logs above." >&2
[[ "$code" =~ ^[0-9]+$ ]] && exit "$code" || exit 1
