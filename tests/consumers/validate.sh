#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks check's SARIF against the SARIF 2.1.0 schema and its JUnit with a
# JUnit-aware XML parser, using npm packages pinned in package.json.
# Usage: tests/consumers/validate.sh BINARY WORK_DIR
set -euo pipefail
bin=$(realpath "$1")
work=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
cp "$here/package.json" "$here/validate.js" "$here/schema.js" "$here/yaml_ls.js" "$work/"
if [ ! -d "$work/node_modules/ajv-draft-04" ] || [ ! -d "$work/node_modules/yaml-language-server" ]; then
  (cd "$work" && npm install --no-package-lock --no-audit --no-fund --silent)
fi
cd "$here/../.."
status=0
"$bin" check --today 2026-11-23 --format sarif="$work/out.sarif" --format junit="$work/junit.xml" \
  docs/adr tests/data/adr-hostile > /dev/null || status=$?
[ "$status" -eq 1 ] || { echo "FAIL: expected exit 1, got $status"; exit 1; }
node "$work/validate.js" "$work/out.sarif" "$work/junit.xml" | tee "$work/result.txt"
grep -q '^valid SARIF 2.1.0 (2 results); JUnit with 5 unique test cases$' "$work/result.txt"

# The JSON Schemas agree with the loaders (docs/schema/, `aidecide schema`).
mkdir -p "$work/schema"
for name in profile record config criteria output; do
  "$bin" schema "$name" > "$work/schema/$name.schema.json"
done
"$bin" score --format json profiles/ > "$work/score.json"
"$bin" validate tests/data/config/valid.aidecide.yaml > /dev/null
node "$work/schema.js" "$work/schema" . "$work/score.json"

# Editors: the real YAML language server validates and completes a profile
# that names the schema in its first line.
node "$work/yaml_ls.js" "$work/schema/profile.schema.json"
