#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every console example of README.md and docs/*.md and checks that the
# output it shows appears, in order, in what the command prints (stdout and
# stderr together). In an example: "$ " starts a command; the lines after it
# are its output; "..." alone skips any lines; "..." within a line stands for
# any text (an abbreviated line); "> X" lines are answers
# typed at a prompt, fed to the command on standard input. Commands run in a
# scratch copy of the samples, with the built binary first on PATH.
# Usage: tests/cli/doc_examples.sh BINARY
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/run"
ln -s "$bin" "$work/bin/aidecide"
cp -r "$root/profiles" "$work/run/profiles"
mkdir -p "$work/run/docs" && cp -r "$root/docs/adr" "$work/run/docs/adr" && cp -r "$root/docs/examples" "$work/run/docs/examples"
mkdir -p "$work/home"
export PATH="$work/bin:$PATH" HOME="$work/home" XDG_STATE_HOME="$work/home/state" NO_COLOR=1 COLUMNS=80 TZ=UTC
unset CI GITHUB_STEP_SUMMARY

# The checker prints each example whose output differs, then "N console
# examples, M failing"; both are asserted below (none found is a failure
# too: a renamed fence must not turn the test into a silent pass).
report=$(python3 - "$work" "$root" <<'PY'
import os, re, subprocess, sys, shutil
work, root = sys.argv[1], sys.argv[2]
files = [os.path.join(root, "README.md")] + sorted(
    os.path.join(root, "docs", f) for f in os.listdir(os.path.join(root, "docs")) if f.endswith(".md"))
failures = 0
examples = 0

def matches(expected, actual):
    expected, actual = expected.rstrip(), actual.rstrip()
    if "..." not in expected:
        return actual == expected
    # "..." inside a line stands for any text (an abbreviated line).
    pattern = ".*".join(re.escape(part) for part in expected.split("..."))
    return re.fullmatch(pattern, actual) is not None

def check(path, line_no, command, expected):
    global failures, examples
    examples += 1
    if re.search(r"\bjq\b", command) and shutil.which("jq") is None:
        return
    typed = "".join(l[2:] + "\n" for l in expected if l.startswith("> "))
    run = subprocess.run(["bash", "-c", command], cwd=os.path.join(work, "run"),
                         input=typed.encode(), stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, timeout=120)
    actual = run.stdout.decode("utf-8", "replace").split("\n")
    i = 0
    for want in expected:
        if want.strip() == "...":
            continue
        while i < len(actual) and not matches(want, actual[i]):
            i += 1
        if i == len(actual):
            failures += 1
            print(f"FAIL {os.path.relpath(path, root)}:{line_no}: $ {command}")
            print(f"  expected, in order: {want!r}")
            print("  got:\n    " + "\n    ".join(run.stdout.decode("utf-8", "replace").splitlines()[:60]))
            return
        i += 1

for path in files:
    lines = open(path, encoding="utf-8").read().split("\n")
    in_block = False
    command = None
    for n, line in enumerate(lines, 1):
        if line.startswith("```"):
            if in_block and command is not None:
                check(path, start, command, expected)
            in_block = line.strip() == "```console"
            command = None
            continue
        if not in_block:
            continue
        if line.startswith("$ "):
            if command is not None:
                check(path, start, command, expected)
            command, expected, start = line[2:], [], n
        elif command is not None:
            expected.append(line)
print(f"{examples} console examples, {failures} failing")
PY
) || { echo "$report"; echo "FAIL: the example checker itself failed" >&2; exit 1; }
echo "$report"
summary=$(tail -n 1 <<< "$report")
[[ $summary =~ ^([0-9]+)\ console\ examples,\ ([0-9]+)\ failing$ ]] ||
  { echo "FAIL: no summary line from the checker" >&2; exit 1; }
[ "${BASH_REMATCH[1]}" -gt 0 ] ||
  { echo "FAIL: no console example found in README.md or docs/" >&2; exit 1; }
[ "${BASH_REMATCH[2]}" -eq 0 ] ||
  { echo "FAIL: a console example in README.md or docs/ does not show what the command prints" >&2; exit 1; }
echo "doc examples passed"
