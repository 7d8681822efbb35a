#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Real-binary golden tests: runs the built aidecide on the samples and diffs
# its output against tests/golden/. `golden.sh BINARY --update` rewrites them.
set -euo pipefail
bin=$(realpath "$1")
mode=${2:-check}
cd "$(dirname "$0")/../.."
export NO_COLOR=1 COLUMNS=80 TZ=UTC
unset CI GITHUB_STEP_SUMMARY

failures=0
golden() {
  local name=$1 expected_code=$2
  shift 2
  local out code=0
  out=$("$bin" "$@" 2>/dev/null) || code=$?
  if [ "$code" -ne "$expected_code" ]; then
    echo "FAIL $name: exit $code, expected $expected_code"
    failures=$((failures + 1))
    return
  fi
  if [ "$mode" = --update ]; then
    printf '%s\n' "$out" > "tests/golden/$name"
    return
  fi
  if ! diff -u "tests/golden/$name" <(printf '%s\n' "$out"); then
    echo "FAIL $name: output differs from tests/golden/$name"
    failures=$((failures + 1))
  fi
}

golden score-table.txt 0 score profiles/
golden score-hospital.txt 0 score profiles/hospital-clinical-notes.yaml
golden score-insurance.txt 0 score profiles/insurance-claims-unsure.yaml
golden score-all.json 0 score --format json profiles/
golden score-hospital.md 0 score --format markdown profiles/hospital-clinical-notes.yaml
golden score-portfolio.md 0 score --format markdown --sort confidence profiles/
golden score-bank.html 0 score --format html profiles/bank-assistant-mixed.yaml
golden score-portfolio.html 0 score --format html --sort name profiles/
golden score-all.csv 0 score --format csv profiles/
golden score-whatif.txt 0 score profiles/voice-kiosk-latency.yaml --set monthly_requests=2000000
golden score-reserved.txt 0 score tests/data/reserved/support-bot-gpt-4o.yaml
golden score-preset.txt 0 score --preset regulated profiles/
golden score-stakeholders.txt 0 score docs/examples/stakeholders-code-assistant.yaml
golden score-stakeholders.json 0 score --format json docs/examples/stakeholders-code-assistant.yaml
golden check-adr.txt 0 check --today 2026-11-23 docs/adr
golden check-hostile.txt 1 check --today 2026-11-23 docs/adr tests/data/adr-hostile
golden check-hostile.github 1 check --today 2026-11-23 --format github docs/adr tests/data/adr-hostile
golden check-hostile.json 1 check --today 2026-11-23 --format json docs/adr tests/data/adr-hostile
golden check-hostile.junit.xml 1 check --today 2026-11-23 --format junit docs/adr tests/data/adr-hostile
golden check-hostile.sarif 1 check --today 2026-11-23 --format sarif docs/adr tests/data/adr-hostile
golden check-hostile.gitlab.json 1 check --today 2026-11-23 --format gitlab docs/adr tests/data/adr-hostile
golden adr-hospital.md 0 adr --date 2026-11-23 profiles/hospital-clinical-notes.yaml
golden score-errors.json 2 score --format json tests/data/invalid/bad-choice.yaml profiles/factory-line-airgapped.yaml

# Determinism: a second run is byte-identical.
if [ "$mode" != --update ]; then
  for format in text json markdown html csv; do
    a=$("$bin" score --format $format profiles/)
    b=$("$bin" score --format $format profiles/)
    if [ "$a" != "$b" ]; then echo "FAIL determinism: two $format runs differ"; failures=$((failures + 1)); fi
  done
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures golden test(s) failed"
  exit 1
fi
echo "golden tests passed"
