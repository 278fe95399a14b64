#!/usr/bin/env bash
# flavour: verbatim
# npm run test:cdktn: the library on the cdktn line (CDK Terrain), from this same source.
#  1. installs the cdktn line's packages in flavours/cdktn/ from its own lockfile (apart from
#     the repository's; skipped while the lockfile is unchanged since the last install);
#  2. renders the whole tree as the cdktn flavour into flavours/cdktn/dist/ (scripts/flavour/rules.ts);
#  3. type-checks it (tsc --noEmit) and runs the whole vitest suite there, against cdktn,
#     @cdktn/provider-aws and constructs from flavours/cdktn/node_modules.
# Tools (typescript, vitest, esbuild) come from the repository's node_modules: run `npm ci` first.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$root/flavours/cdktn"
export CHECKPOINT_DISABLE=1
started=$SECONDS
step() { echo "test:cdktn: $1 ($((SECONDS - started)) s)"; }

if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.flavour-lock.json" 2>/dev/null; then
  step "installing the cdktn line (npm ci in flavours/cdktn)"
  # @cdktn/provider-aws declares Node >= 22.11: npm warns on Node 20 (EBADENGINE) and installs; see docs/cdktn.md.
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$dir/node_modules/.flavour-lock.json"
fi

# Guards: the rendered tree resolves packages here first, so a cdktf import the rules missed
# must fail here (the type-check and the tests) instead of quietly loading the repository's cdktf.
for pkg in cdktf @cdktf/provider-aws; do
  mkdir -p "$dir/node_modules/$pkg"
  # Every subpath (@cdktf/provider-aws/lib/vpc) maps to the guard, for node (exports) and tsc (typesVersions),
  # so neither looks further up for the repository's copy.
  printf '{ "name": "%s", "version": "0.0.0-guard", "main": "index.js", "types": "index.d.ts", "exports": { ".": "./index.js", "./*": "./index.js" }, "typesVersions": { "*": { "*": ["index.d.ts"] } } }\n' "$pkg" > "$dir/node_modules/$pkg/package.json"
  printf 'throw new Error("%s loaded on the cdktn line: an import the flavour rules (scripts/flavour/rules.ts) did not rewrite");\n' "$pkg" > "$dir/node_modules/$pkg/index.js"
  printf 'export {};\n' > "$dir/node_modules/$pkg/index.d.ts"
done

step "rendering the cdktn flavour"
(cd "$root" && node scripts/app.js scripts/flavour/render-cli.ts)

step "type-checking the cdktn flavour (tsc --noEmit)"
(cd "$dir/dist" && "$root/node_modules/.bin/tsc" --noEmit -p .)

step "running the whole suite on the cdktn line (vitest run)"
(cd "$dir/dist" && "$root/node_modules/.bin/vitest" run "$@")
step "done"
