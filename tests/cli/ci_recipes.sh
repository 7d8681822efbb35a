#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Tries the CI recipes of docs/ci/ as far as a machine without GitHub or
# GitLab allows: runs every aidecide command in them against this
# repository and checks the gate's exit codes and every report file; runs the
# pre-commit hook where the pre-commit tool is installed.
# Usage: tests/cli/ci_recipes.sh BINARY
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$bin" "$work/bin/aidecide"
export PATH="$work/bin:$PATH" NO_COLOR=1
unset GITHUB_STEP_SUMMARY
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

for recipe in github-actions.yml gitlab-ci.yml; do
  dir="$work/${recipe%.yml}"
  mkdir -p "$dir"
  # Copies: check refuses a folder that leads out of the tree through a link.
  cp -R "$root/docs" "$dir/docs"
  cp -R "$root/profiles" "$dir/profiles"
  # The aidecide command lines of the recipe ("- run: aidecide ..." or "- aidecide ...").
  grep -Eo '^\s*- (run: )?aidecide .*' "$root/docs/ci/$recipe" | sed -E 's/^\s*- (run: )?//' > "$dir/commands"
  grep -q '^aidecide check ' "$dir/commands" || fail "$recipe: no aidecide check command found"
  while IFS= read -r command; do
    code=0
    (cd "$dir" && sh -c "$command" > "$dir/stdout" 2> "$dir/stderr") || code=$?
    if [ "$code" -gt 1 ]; then fail "$recipe: '$command' exited $code: $(head -3 "$dir/stderr")"; fi
  done < "$dir/commands"
done

gh=$work/github-actions
jq -e '.version == "2.1.0" and (.runs | length) == 1' "$gh/aidecide.sarif" > /dev/null || fail "SARIF file"
[ -f "$gh/reports/index.html" ] || fail "HTML reports: no index.html"
[ "$(find "$gh/reports" -name '*.html' | wc -l)" -gt 5 ] || fail "HTML reports: too few"
gl=$work/gitlab-ci
jq -e 'type == "array"' "$gl/gl-code-quality.json" > /dev/null || fail "GitLab Code Quality file"
xmllint --noout "$gl/junit.xml" || fail "JUnit file"
jq -e '(.results | length) == 13' "$gl/portfolio.json" > /dev/null || fail "portfolio JSON"

# pre-commit, with the hook this repository ships.
if command -v pre-commit > /dev/null && command -v git > /dev/null; then
  hooks=$work/hooks
  mkdir -p "$hooks"
  cp "$root/.pre-commit-hooks.yaml" "$hooks/"
  git -C "$hooks" init -q && git -C "$hooks" add . &&
    git -C "$hooks" -c user.name=t -c user.email=t@t commit -qm hooks
  repo=$work/project
  mkdir -p "$repo/docs/adr"
  sed 's/^decision: local/decision: cloud/' "$root/docs/adr/0001-clinical-notes-local.md" > "$repo/docs/adr/0001.md"
  git -C "$repo" init -q && git -C "$repo" add .
  if (cd "$repo" && PRE_COMMIT_HOME=$work/cache pre-commit try-repo "$hooks" aidecide-check --all-files > "$work/pc1" 2>&1); then
    fail "pre-commit: a record that no longer holds passed"
  fi
  cp "$root/docs/adr/0001-clinical-notes-local.md" "$repo/docs/adr/0001.md"
  git -C "$repo" add .
  (cd "$repo" && PRE_COMMIT_HOME=$work/cache pre-commit try-repo "$hooks" aidecide-check --all-files > "$work/pc2" 2>&1) ||
    fail "pre-commit: a record that holds failed: $(tail -5 "$work/pc2")"
  echo "pre-commit hook: fails a broken record, passes a fixed one"
else
  echo "pre-commit not installed: hook not tried"
fi
[ "$failures" -eq 0 ] && echo "CI recipes: every command ran, every report parses"
exit $((failures > 0))
