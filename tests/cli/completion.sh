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
"$bin" completion zsh | grep -q "^#compdef aidecide$"
"$bin" completion fish | grep -q "complete -c aidecide -n '__fish_seen_subcommand_from check' -l fail-on"
echo "completions work"
