#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `aidecide ask` in a real terminal, driven through tmux: arrow keys, back,
# help, review and edit, a resize, Ctrl-C then --resume, and the terminal
# restored every time. Waits for prompt text before each key.
# Usage: tests/cli/ask_tmux.sh BINARY
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
socket="aidecide-test-$$"
tmux_() { tmux -L "$socket" "$@"; }
trap 'tmux_ kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; tmux_ capture-pane -p -J -t t | tail -20; failures=$((failures + 1)); }

# Waits until the pane shows TEXT (fixed string), up to 10 s.
wait_for() {
  local i
  for ((i = 0; i < 100; i++)); do
    tmux_ capture-pane -p -J -t t -S -200 | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  fail "timed out waiting for: $1"
  return 1
}
key() { tmux_ send-keys -t t "$@"; }

# An idle session keeps the server alive between the runs below: killing the
# last session makes the server exit, and a new-session racing that exit fails
# with "server exited unexpectedly".
for attempt in 1 2 3; do
  tmux_ new-session -d -s keep -x 20 -y 5 "sleep 100000" && break
  sleep 1
done

start() {
  tmux_ kill-session -t t 2>/dev/null || true
  tmux_ new-session -d -s t -x 100 -y 45 \
    "cd $work && env -u CI -u NO_COLOR TERM=xterm XDG_STATE_HOME=$work/state bash --norc --noprofile"
  key "PS1='$ '" Enter
  wait_for '$ '
  key "$*; echo exit=\$?; stty -a | grep -o ' -\?icanon\| -\?echo ' | tr -d ' ' | tr '\n' ,; echo" Enter
}

# 1. A full session: arrows, back, help, review and edit, then the result.
start "$bin ask --name 'Tmux project' --save answers.yaml"
wait_for '[1/22] Data sensitivity'
key Down Down Enter                       # data_sensitivity: the third answer
wait_for '[2/22]'
key '<'                                   # back to the first question...
wait_for '[1/22] Data sensitivity'
key Up Enter                              # ...and change it to the second answer
wait_for '[2/22] Data residency'
key '?'
wait_for 'If not sure'
key Enter                                 # the first answer of residency
wait_for '[3/22]'
tmux_ resize-window -t t -x 60 -y 45      # a resize redraws the list
sleep 0.3
key Down Enter
wait_for '[4/22] Monthly requests'
key '1.2M' Enter
wait_for '= 1,200,000 requests/month'
for answer in 1500 300; do wait_for '> '; key "$answer" Enter; sleep 0.2; done
wait_for '[7/22]'
key Enter                                 # traffic pattern: first answer
wait_for '[8/22]'
key '2s' Enter
wait_for '[9/22]'
key Enter
for answer in '$250k' '$20k'; do wait_for '> '; sleep 0.2; key "$answer" Enter; done
for q in 12 13 14 15 16 17 18 19; do wait_for "[$q/22]"; key Enter; done
wait_for '[20/22] Sites'
key 1 Enter
wait_for '[21/22] Prompt cache share'
key 0 Enter
wait_for '[22/22] Batch share'
key 0 Enter
wait_for 'All questions answered'
key r Enter
wait_for 'Review your answers'
key 2 Enter                               # edit residency from the review
wait_for 'Data residency'
key Down Enter
wait_for 'All questions answered'
key Enter
wait_for 'exit=0'
wait_for 'icanon,echo,'                   # the terminal is restored
grep -q '^  data_sensitivity: internal$' "$work/answers.yaml" || fail "edited sensitivity not saved"
grep -q '^  monthly_requests: 1200000$' "$work/answers.yaml" || fail "volume not saved"
grep -q '^  latency_budget_ms: 2000$' "$work/answers.yaml" || fail "latency not saved"
tmux_ capture-pane -p -J -t t -S -400 | grep -qF 'Recommendation:' || fail "no recommendation shown"

# 2. Ctrl-C keeps the answers, exits 130 with the terminal restored; --resume goes on.
start "$bin ask --name 'Interrupted' --save partial.yaml"
wait_for '[1/22]'
key Down Enter
wait_for '[2/22]'
key C-c
wait_for 'exit=130'
wait_for 'icanon,echo,'
tmux_ capture-pane -p -J -t t -S -200 | grep -qF 'aidecide ask --resume partial.yaml' || fail "no resume hint"
grep -q '^  data_sensitivity: internal$' "$work/partial.yaml" || fail "answer lost on Ctrl-C"
start "$bin ask --resume partial.yaml --save partial.yaml"
wait_for 'Data residency'
key q
wait_for 'exit=130'
wait_for 'icanon,echo,'

# 3. Ctrl-Z gives the shell a working terminal; fg brings the list back.
start "$bin ask --name 'Suspended' --save z.yaml"
wait_for '[1/22]'
key C-z
wait_for 'exit=148'
wait_for 'icanon,echo,'
key 'fg' Enter
sleep 0.5
key Down Enter
wait_for '[2/22]'
key q
sleep 0.5
key "echo AFTER-\$(stty -a | grep -o ' -\?icanon ' | tr -d ' ')" Enter
wait_for 'AFTER-icanon'
grep -q "^  data_sensitivity: internal$" "$work/z.yaml" || fail "answer after fg not saved: $(grep sensitivity "$work/z.yaml")"

[ "$failures" -eq 0 ] && echo "ask in tmux: arrows, back, help, resize, review, Ctrl-C, resume and Ctrl-Z work"
exit $((failures > 0))
