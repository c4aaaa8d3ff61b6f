#!/usr/bin/env bash
# Fails when the committed dist/ or generated validators are not what the sources build: users run
# dist, not src.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh="$(mktemp -d)"
mkdir "$fresh/generated"
node scripts/compile-schema.mjs "$fresh/generated"
for validator in "$fresh"/generated/*.js; do
  if ! cmp -s "src/generated/$(basename "$validator")" "$validator"; then
    echo "src/generated/$(basename "$validator") is stale: run 'npm run build' and commit it." >&2
    exit 1
  fi
done
bash scripts/build.sh "$fresh/dist"
if ! diff -r --brief dist "$fresh/dist"; then
  echo "dist/ is stale: run 'npm run build' and commit dist/." >&2
  exit 1
fi
echo "dist/ and the generated validators match the sources."
