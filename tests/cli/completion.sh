#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs the generated bash completion the way bash does and checks its answers.
set -euo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/../.."
source <("$bin" completion bash)
complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _aidecide
  echo "${COMPREPLY[*]}"
}
expect() {
  local want=$1; shift
  local got
  got=$(complete_words "$@")
  [ "$got" = "$want" ] || { echo "FAIL: completing '$*': got '$got', want '$want'"; exit 1; }
}
expect "score schema" aidecide sc
expect "score" aidecide sco
expect "check completion" aidecide c
expect "--format" aidecide score --for
expect "markdown" aidecide score --format m
expect "--fail-on" aidecide check --fail
expect "warning" aidecide check --fail-on w
expect "profiles" aidecide score prof
expect "--resume" aidecide ask --r
expect "--rule" aidecide check --ru
# Each command offers only the formats it accepts.
expect "text json markdown html csv" aidecide score --format ""
expect "github gitlab" aidecide check --format g
expect "" aidecide score --format g
expect "json" aidecide ask -f j
# Closed sets as operands and option values, from the same tables.
expect "profile" aidecide schema pro
expect "bash" aidecide completion ba
expect "startup" aidecide score --preset st
expect "confidence" aidecide score --sort co
expect "data_sensitivity data_residency" aidecide explain data_
# --set KEY=VALUE: the criterion ids, then the answers of the one typed
# (bash splits words at '=').
expect "data_sensitivity= data_residency=" aidecide score --set data_
expect "public personal" aidecide score prof.yaml --set data_sensitivity = p
expect "steady spiky" aidecide ask --set traffic_pattern = s
expect "off" aidecide check --rule low-margin = of
expect "error warning note never" aidecide check --fail-on ""
"$bin" completion zsh | grep -q "'--format\[\]:value:(text json markdown html csv)'"
"$bin" completion fish | grep -q "complete -c aidecide -n '__fish_seen_subcommand_from schema' -f -a 'profile record config criteria output'"
"$bin" completion zsh | grep -q "^#compdef aidecide$"
"$bin" completion fish | grep -q "complete -c aidecide -n '__fish_seen_subcommand_from check' -l fail-on"
echo "completions work"
