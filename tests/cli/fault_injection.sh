#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fault injection with the real binary: a full disk, an unwritable folder, and
# SIGKILL at random moments while writing --out reports and --save answers.
# Whatever happens, no report may be half-written.
set -euo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
cleanup() { umount "$work/tiny" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Every report in a folder must be complete: HTML ends with </html>.
all_complete() {
  local f
  for f in "$1"/*.html; do
    [ -e "$f" ] || continue
    [ "$(tail -c 8 "$f")" = "</html>" ] || { echo "incomplete: $f"; return 1; }
  done
}

# 1. A full disk (a 64 KiB tmpfs, where the system allows mounting one).
mkdir -p "$work/tiny"
if mount -t tmpfs -o size=64k tmpfs "$work/tiny" 2>/dev/null; then
  status=0
  "$bin" score --format html --out "$work/tiny/reports" profiles/ 2> "$work/full.err" || status=$?
  [ "$status" -eq 2 ] || fail "full disk: exit $status, expected 2"
  grep -q "No space left on device" "$work/full.err" || fail "full disk: no clear message: $(cat "$work/full.err")"
  ls -a "$work/tiny/reports" | grep -q '\.tmp-' && fail "full disk: a temporary file was left behind"
  all_complete "$work/tiny/reports" || fail "full disk: a partial report"
  umount "$work/tiny"
else
  echo "skipping the full-disk case: cannot mount a tmpfs here"
fi

# 2. An unwritable target.
status=0
"$bin" score --format html --out /proc/aidecide-cannot-write profiles/startup-prototype.yaml 2> "$work/ro.err" || status=$?
[ "$status" -eq 2 ] || fail "unwritable: exit $status, expected 2"
grep -q "aidecide: error: " "$work/ro.err" || fail "unwritable: no clear message"

# 2b. Standard output that cannot be written (a full device): exit 2, said so;
# a closed pipe stays quiet.
status=0
"$bin" score --format json profiles/ > /dev/full 2> "$work/full-stdout.err" || status=$?
[ "$status" -eq 2 ] || fail "/dev/full: exit $status, expected 2"
grep -q "cannot write standard output" "$work/full-stdout.err" || fail "/dev/full: no clear message"
("$bin" score --format json profiles/ 2> "$work/pipe.err" | head -c 10 > /dev/null) || true
[ ! -s "$work/pipe.err" ] || fail "a closed pipe printed: $(cat "$work/pipe.err")"

# 3. SIGKILL while writing reports: the previous complete set stays intact.
"$bin" score --format html --out "$work/out" profiles/ 2>/dev/null
for i in $(seq 1 40); do
  delay=$(printf '0.%03d' $(( (i * 37) % 200 + 1 )))
  timeout -s KILL "$delay" "$bin" score --format html --out "$work/out" profiles/ > /dev/null 2>&1 || true
  all_complete "$work/out" || { fail "SIGKILL run $i left a partial report"; break; }
done
[ "$(ls "$work"/out/*.html | wc -l)" -eq 14 ] || fail "SIGKILL: reports went missing"

# 4. SIGKILL while saving answers: the file is always a valid profile.
answers='3\n2\n1\n1.2M\n1500\n300\n1\n1.5s\n1\n$250k\n20k\n3\n3\n2\n3\n2\n1\n1\n'
for i in $(seq 1 30); do
  delay=$(printf '0.%03d' $(( (i * 53) % 150 + 1 )))
  printf "$answers" | timeout -s KILL "$delay" "$bin" ask --save "$work/answers.yaml" > /dev/null 2>&1 || true
  if [ -e "$work/answers.yaml" ]; then
    "$bin" score --samples 0 "$work/answers.yaml" > /dev/null 2>&1 || { fail "SIGKILL run $i left an invalid answers file"; break; }
  fi
done

# 5. SIGINT while a piped ask waits for its next line: stopped (exit 130),
# the answers so far kept, a resume hint; never the exit 2 of a bad input.
rm -f "$work/interrupted.yaml"
status=0
{ printf '3\n2\n'; sleep 5; } | "$bin" ask --save "$work/interrupted.yaml" > /dev/null 2> "$work/int.err" &
asker=$!
for _ in $(seq 1 50); do [ -e "$work/interrupted.yaml" ] && break; sleep 0.1; done
sleep 0.3
pkill -INT -f "ask --save $work/interrupted.yaml" || true
wait "$asker" || status=$?
[ "$status" -eq 130 ] || fail "SIGINT during a piped ask: exit $status, expected 130"
grep -q "aidecide: stopped" "$work/int.err" || fail "SIGINT: no 'stopped' message: $(cat "$work/int.err")"
grep -q "continue with: aidecide ask --resume" "$work/int.err" || fail "SIGINT: no resume hint"
grep -q "data_sensitivity" "$work/interrupted.yaml" || fail "SIGINT: the first answers were lost"

if [ "$failures" -gt 0 ]; then exit 1; fi
echo "fault injection passed"
