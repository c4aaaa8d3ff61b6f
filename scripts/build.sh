#!/usr/bin/env bash
# Bundles the action (dist/index.js) and the CLI (dist/cli/index.js) with ncc into OUT (default dist).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist}"
rm -rf "$out"
ncc build src/index.ts --out "$out" --license licenses.txt --quiet
ncc build src/cli/bin.ts --out "$out/cli" --license licenses.txt --quiet
node scripts/ascii-bundle.mjs "$out" "$out/cli"
