#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `aidecide ask` in a real terminal, driven through tmux: arrow keys, back,
# help, an inline error, review and edit, resizes between 120x40, 60x20 and
# 40x8 with the screen checked at each (no wrapped line, one highlighted
# entry, nothing stale, the collapsed history), Ctrl-C then --resume, Ctrl-Z,
# and the terminal restored every time. Waits for prompt text before each key.
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
# Waits until aidecide is back in the foreground reading keys (raw: its
# process leads the pane and the terminal is not canonical) or has gone and
# left the shell in the foreground (shell), up to 10 s. The shell's own line
# editor also turns canonical mode off, so the mode alone cannot tell.
wait_mode() {
  local i tty cmd
  tty=$(tmux_ display -p -t t '#{pane_tty}')
  for ((i = 0; i < 100; i++)); do
    cmd=$(tmux_ display -p -t t '#{pane_current_command}')
    if [ "$1" = raw ]; then
      [ "$cmd" = aidecide ] && stty -F "$tty" -a 2>/dev/null | grep -q -- '-icanon' && return 0
    else
      [ "$cmd" = bash ] && return 0
    fi
    sleep 0.1
  done
  fail "timed out waiting for: $1 (pane runs $cmd)"
  return 1
}

# An idle session keeps the server alive between the runs below: killing the
# last session makes the server exit, and a new-session racing that exit fails
# with "server exited unexpectedly".
for attempt in 1 2 3; do
  tmux_ new-session -d -s keep -x 20 -y 5 "sleep 100000" && break
  sleep 1
done

# The shell takes its prompt from the environment, and the command is typed
# only once the prompt shows: keys sent earlier are echoed by the terminal
# before the shell's line editor runs, without the prompt, and a slow start
# (under a sanitizer, on a loaded machine) then left a long line unmarked.
wait_prompt() {
  local i
  for ((i = 0; i < 100; i++)); do
    tmux_ capture-pane -p -t t | grep -qx '\$ \?' && return 0
    sleep 0.1
  done
  fail "timed out waiting for the shell's prompt"
  return 1
}
start() {
  tmux_ kill-session -t t 2>/dev/null || true
  tmux_ new-session -d -s t -x 100 -y 45 \
    "cd $work && env -u CI -u NO_COLOR TERM=xterm XDG_STATE_HOME=$work/state PS1='\$ ' bash --norc --noprofile"
  wait_prompt
  key "$*; echo exit=\$?; stty -a | grep -o ' -\?icanon\| -\?echo ' | tr -d ' ' | tr '\n' ,; echo" Enter
}

# What the pane shows now (no scrollback), and checks on it: no line that
# the terminal had to wrap (joined lines longer than the width), at most one
# highlighted entry (consecutive reverse-video lines), TEXT shown once. A
# resize repaints a moment later, so the checks are retried for up to 5 s
# and the last problem is reported.
visible() { tmux_ capture-pane -p -t t; }
screen_problem() {  # width what-to-find-once list; prints the first problem
  local width=$1 once=$2 list=$3 long blocks
  long=$(tmux_ capture-pane -p -J -t t | python3 -c 'import sys
w = int(sys.argv[1])
# the shell prompt line (the command typed) is not ours to wrap
print(next((l for l in sys.stdin.read().splitlines() if len(l) > w and not l.startswith("$ ")), ""))' "$width")
  if [ -n "$long" ]; then echo "at width $width a line wrapped: $long"; return; fi
  blocks=$(tmux_ capture-pane -p -e -t t | awk '/\x1b\[([0-9]*;)*7m/ { if (!on) n++; on = 1; next } { on = 0 } END { print n + 0 }')
  if [ "$list" = 1 ] && [ "$blocks" != 1 ]; then echo "at width $width: $blocks highlighted entries, not 1"; return; fi
  if [ "$list" = 0 ] && [ "$blocks" -gt 1 ]; then echo "at width $width: $blocks highlighted entries"; return; fi
  [ "$(visible | grep -cF -- "$once")" = 1 ] || echo "at width $width: '$once' is not on screen exactly once"
}
check_screen() {  # width what-to-find-once [lists: 1 when a list is up]
  local i problem
  for ((i = 0; i < 50; i++)); do
    problem=$(screen_problem "$1" "$2" "${3:-0}")
    [ -z "$problem" ] && return 0
    sleep 0.1
  done
  fail "$problem"
}

# 1. A full session at 120x40, resized to 60x20 and 40x8 between questions:
#    arrows, back, help, an inline error, review and edit, then the result.
start "$bin ask --save answers.yaml"
tmux_ resize-window -t t -x 120 -y 40
wait_for 'Project name'
key 'Tmux project' Enter
wait_for '1 of 22'
check_screen 120 'Data sensitivity ·' 1
key Down Down Enter                       # data_sensitivity: the third answer
wait_for '2 of 22'
key '<'                                   # back to the first question...
wait_for '1 of 22'
key Up Enter                              # ...and change it to the second answer
wait_for '2 of 22'
check_screen 120 'Data residency ·' 1
[ "$(visible | grep -cF '✓ Data sensitivity: internal')" = 1 ] || fail "history: no collapsed line for the changed answer"
key '?'
wait_for 'If not sure'
key Enter                                 # the first answer of residency
wait_for '3 of 22'
tmux_ resize-window -t t -x 60 -y 20      # a resize repaints: nothing stale
check_screen 60 'Workload mix ·' 1
key Down Enter
wait_for '4 of 22'
key 'lots' Enter                          # refused: the message shows under the input
wait_for '✗'
check_screen 60 'Monthly requests ·'
key C-u '1.2M' Enter
wait_for '✓ Monthly requests: 1,200,000 requests/month'
tmux_ resize-window -t t -x 40 -y 8       # the smallest window
check_screen 40 'Input tokens per request ·'
key 1500 Enter
wait_for 'Output tokens per'
key 300 Enter
wait_for 'Traffic pattern'
check_screen 40 'Traffic pattern' 1
key Enter                                 # traffic pattern: first answer
wait_for 'Latency budget'
tmux_ resize-window -t t -x 120 -y 40
sleep 0.3
key '2s' Enter
wait_for '9 of 22'
key Enter
wait_for '10 of 22'
key '$250k' Enter
wait_for '11 of 22'
key '$20k' Enter
for q in 12 13 14 15 16 17 18 19; do wait_for "$q of 22"; key Enter; done
wait_for '20 of 22'
key 1 Enter
wait_for '21 of 22'
key 0 Enter
wait_for '22 of 22'
key 0 Enter
wait_for 'All questions answered'
check_screen 120 'All questions answered' 1
key Down Enter                            # review and change answers
wait_for 'Review your answers'
check_screen 120 'Review your answers' 1
key Down Enter                            # residency, from the review
wait_for 'Data residency ·'
key Down Enter
wait_for 'Review your answers'
key q                                     # done reviewing
wait_for 'All questions answered'
key Enter                                 # show the result
wait_for 'exit=0'
wait_for 'icanon,echo,'                   # the terminal is restored
grep -q '^  data_sensitivity: internal$' "$work/answers.yaml" || fail "edited sensitivity not saved"
grep -q '^  data_residency: region$' "$work/answers.yaml" || fail "residency edited in the review not saved"
grep -q '^  monthly_requests: 1200000$' "$work/answers.yaml" || fail "volume not saved"
grep -q '^  latency_budget_ms: 2000$' "$work/answers.yaml" || fail "latency not saved"
grep -q '^name: "Tmux project"$' "$work/answers.yaml" || fail "name not saved"
tmux_ capture-pane -p -J -t t -S -400 | grep -qF 'Recommendation:' || fail "no recommendation shown"

# 2. Ctrl-C keeps the answers, exits 130 with the terminal restored; --resume goes on.
start "$bin ask --name 'Interrupted' --save partial.yaml"
wait_for '1 of 22'
key Down Enter
wait_for '2 of 22'
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
wait_for '1 of 22'
key C-z
wait_for 'exit=148'
wait_for 'icanon,echo,'
key 'fg' Enter
wait_mode raw
key Down Enter
wait_for '2 of 22'
key q
wait_mode shell
key "echo AFTER-\$(stty -a | grep -o ' -\?icanon ' | tr -d ' ')" Enter
wait_for 'AFTER-icanon'
grep -q "^  data_sensitivity: internal$" "$work/z.yaml" || fail "answer after fg not saved: $(grep sensitivity "$work/z.yaml")"

[ "$failures" -eq 0 ] && echo "ask in tmux: arrows, back, help, resize, review, Ctrl-C, resume and Ctrl-Z work"
exit $((failures > 0))
