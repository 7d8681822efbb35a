#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Feeds check's machine formats to real parsers: xmllint for JUnit, jq for
# SARIF, GitLab and JSON; the hostile ADR must leave each well-formed.
set -euo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
"$bin" check --today 2026-11-23 --format junit="$out/j.xml" --format sarif="$out/a.sarif" \
  --format gitlab="$out/gl.json" --format json="$out/c.json" --format github \
  docs/adr tests/data/adr-hostile > "$out/github.txt" || status=$?
[ "$status" -eq 1 ] || { echo "FAIL: expected exit 1 (a vetoed decision), got $status"; exit 1; }
xmllint --noout "$out/j.xml"
grep -q '<failure message="declared cloud, which a hard constraint rules out' "$out/j.xml" || { echo "FAIL: JUnit lacks the failure"; exit 1; }
grep -q '^::error file=tests/data/adr-hostile/0001-hostile%2Cline=99%3A%3Ax.md,line=4,col=11,' "$out/github.txt" \
  || { echo "FAIL: the hostile file's annotation is missing or unescaped"; exit 1; }
for f in a.sarif gl.json c.json; do jq empty "$out/$f"; done
[ "$(jq '.runs[0].results | length' "$out/a.sarif")" -ge 1 ]
[ "$(jq '[.[].fingerprint] | unique | length' "$out/gl.json")" -eq "$(jq length "$out/gl.json")" ]
# Exactly one annotation per finding; nothing else starts a workflow command.
bad=$(grep -E '^::' "$out/github.txt" | grep -vE '^::(error|warning|notice) |^::(group|endgroup)::' || true)
[ -z "$bad" ] || { echo "FAIL: stray workflow commands:"; echo "$bad"; exit 1; }
echo "check formats are well-formed"
