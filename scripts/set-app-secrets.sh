#!/usr/bin/env bash
# Give every application secret of an environment a value, once: generated, or typed in (never on
# the command line, so not in shell history). Secrets that already have a value are left alone.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/set-app-secrets.sh <stack> [--generate NAME]... [--dry-run]

For each application secret of the stack (aws_secretsmanager_secret in cdktf.out/stacks/<stack>)
without a value: NAME given with --generate gets 48 random bytes (base64, openssl rand); any
other is read from the terminal without echo. Secrets with a value are skipped, so it is safe
to run again. Tasks read secrets at start: after changing one, roll the service.

  <stack>          dev, staging or prod
  --generate NAME  generate this secret's value (e.g. AUTH_SECRET, SESSION_SECRET); repeatable
  --dry-run        list the secrets and what would happen, change nothing
  -h, --help       this help

Needs: npm run synth, node, openssl and the AWS CLI v2 with credentials; the secrets must exist
(scripts/first-deploy-foundation.sh).
USAGE
}

stack="" dry=0 generate=" "
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --generate) generate="$generate${2:?--generate needs a secret name} "; shift 2 ;;
    --dry-run) dry=1; shift ;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) [ -z "$stack" ] || { echo "one stack only" >&2; exit 2; }; stack="$1"; shift ;;
  esac
done
[ -n "$stack" ] || { usage >&2; exit 2; }
json="cdktf.out/stacks/$stack/cdk.tf.json"
[ -f "$json" ] || { echo "no $json: run npm run synth first" >&2; exit 2; }

names=$(node -e '
const d = require(require("path").resolve(process.argv[1])).resource ?? {};
for (const s of Object.values(d.aws_secretsmanager_secret ?? {})) if (typeof s.name === "string") console.log(s.name);
' "$json")
[ -n "$names" ] || { echo "the stack has no application secrets"; exit 0; }

for name in $names; do
  key="${name##*/}"
  if aws secretsmanager get-secret-value --secret-id "$name" --query VersionId --output text >/dev/null 2>&1; then
    echo "$name: has a value, left alone"; continue
  fi
  case "$generate" in
    *" $key "*) how=generate ;;
    *) how=prompt ;;
  esac
  if [ "$dry" = 1 ]; then echo "$name: would $how a value"; continue; fi
  if [ "$how" = generate ]; then
    value=$(openssl rand -base64 48 | tr -d '\n')
  else
    read -r -s -p "$name (input hidden): " value; echo
    [ -n "$value" ] || { echo "$name: empty, skipped (the service will not start without it)" >&2; continue; }
  fi
  # Through stdin, so the value never shows in the process list.
  printf '%s' "$value" | aws secretsmanager put-secret-value --secret-id "$name" --secret-string file:///dev/stdin --query Name --output text >/dev/null
  echo "$name: set"
done
