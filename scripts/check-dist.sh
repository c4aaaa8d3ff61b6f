#!/usr/bin/env bash
# Fails when the committed dist/ is not what the sources build: users run dist, not src.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh="$(mktemp -d)/dist"
bash scripts/build.sh "$fresh"
if ! diff -r --brief dist "$fresh"; then
  echo "dist/ is stale: run 'npm run build' and commit dist/." >&2
  exit 1
fi
echo "dist/ matches the sources."
