#!/usr/bin/env bash
# Fails when the committed dist/ or generated validator is not what the sources build: users run
# dist, not src.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh="$(mktemp -d)"
node scripts/compile-schema.mjs "$fresh/config-validator.js"
if ! cmp -s src/config/generated/config-validator.js "$fresh/config-validator.js"; then
  echo "src/config/generated/config-validator.js is stale: run 'npm run build' and commit it." >&2
  exit 1
fi
bash scripts/build.sh "$fresh/dist"
if ! diff -r --brief dist "$fresh/dist"; then
  echo "dist/ is stale: run 'npm run build' and commit dist/." >&2
  exit 1
fi
echo "dist/ and the generated validator match the sources."
