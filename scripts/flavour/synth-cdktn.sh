#!/usr/bin/env bash
# flavour: verbatim
# npm run synth:cdktn: this repository's stacks synthesized on the cdktn line, compared with the
# cdktf line's, and planned offline.
#  1. renders the cdktn flavour (as npm run test:cdktn does; run that once first for the install);
#  2. synthesizes the App on both lines (cdktf.out/ here, flavours/cdktn/dist/cdktf.out/ there);
#  3. prints what differs per stack (JSON paths);
#  4. with PLAN=1, plans every cdktn stack with ../shared/tools/tf-plan-offline (or $TF_PLAN_OFFLINE).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dist="$root/flavours/cdktn/dist"
export CHECKPOINT_DISABLE=1
[ -d "$root/flavours/cdktn/node_modules/cdktn" ] || { echo "synth:cdktn: run npm run test:cdktn first (it installs the cdktn line)"; exit 1; }
cd "$root"
node scripts/app.js scripts/flavour/render-cli.ts
started=$SECONDS
rm -rf cdktf.out && node scripts/app.js
echo "synth:cdktn: cdktf line synthesized in $((SECONDS - started)) s"
started=$SECONDS
(cd "$dist" && rm -rf cdktf.out && node scripts/app.js)
echo "synth:cdktn: cdktn line synthesized in $((SECONDS - started)) s"
node scripts/app.js scripts/flavour/synth-diff.ts cdktf.out "$dist/cdktf.out"
if [ "${PLAN:-}" = 1 ]; then
  plan="${TF_PLAN_OFFLINE:-$root/../shared/tools/tf-plan-offline}"
  [ -x "$plan" ] || plan=/work/shared/tools/tf-plan-offline
  for stack in "$dist"/cdktf.out/stacks/*/; do
    name=$(basename "$stack")
    echo "synth:cdktn: tf-plan-offline $name (cdktn line)"
    "$plan" "$stack/cdk.tf.json" || echo "synth:cdktn: plan of $name exited $?"
  done
fi
