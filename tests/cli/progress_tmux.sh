#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The progress line in a real terminal: shown on stderr while a batch that
# takes more than a second runs, erased at the end, absent when stderr is a
# file. Usage: tests/cli/progress_tmux.sh BINARY BENCH_TOOL
set -euo pipefail
bin=$(realpath "$1")
tool=$(realpath "$2")
work=$(mktemp -d)
socket="aidecide-progress-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
"$tool" profiles 3000 "$work/profiles"
tmux -L "$socket" new-session -d -s t -x 120 -y 20 "env TERM=xterm bash --norc --noprofile"
# 5,000 samples a profile: the batch must take more than a second however
# fast scoring gets (3,000 profiles take about 4 s in a release build), and
# finish within the wait below in a sanitizer build (about ten times slower).
tmux -L "$socket" send-keys -t t "PS1='$ '; $bin score -j 1 --samples 5000 --format csv $work/profiles > $work/out.csv; echo done=\$?" Enter
seen=""
for ((i = 0; i < 1800; i++)); do  # up to 3 min: sanitizer builds are slow
  screen=$(tmux -L "$socket" capture-pane -p -t t)
  if grep -qE '\] [0-9,]+/3,000 profiles  [0-9,]+/s  [0-9ms]+ left' <<< "$screen"; then seen=yes; fi
  grep -q 'done=0' <<< "$screen" && break
  sleep 0.1
done
[ -n "$seen" ] || { echo "FAIL: no progress line seen"; tmux -L "$socket" capture-pane -p -t t; exit 1; }
screen=$(tmux -L "$socket" capture-pane -p -t t)
grep -q 'done=0' <<< "$screen" || { echo "FAIL: the batch did not finish"; exit 1; }
if grep -q 'profiles  ' <<< "$screen"; then echo "FAIL: the progress line was not erased"; exit 1; fi
[ "$(wc -l < "$work/out.csv")" -gt 3000 ] || { echo "FAIL: CSV incomplete"; exit 1; }
# Not a terminal: nothing on stderr.
"$bin" score -j 1 --format csv "$work/profiles" > /dev/null 2> "$work/err"
[ ! -s "$work/err" ] || { echo "FAIL: stderr not empty without a terminal"; exit 1; }
echo "progress: shown on a terminal, erased at the end, silent otherwise"
