#!/usr/bin/env bash
# Bundles the action (dist/index.js) and the CLI (dist/cli/index.js) with ncc into OUT (default dist).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist}"
rm -rf "$out"
node scripts/bundle.mjs src/index.ts "$out"
node scripts/bundle.mjs src/cli/bin.ts "$out/cli"
node scripts/ascii-bundle.mjs "$out" "$out/cli"
