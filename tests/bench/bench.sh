#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The batch-scoring benchmark (docs/performance.md): times `aidecide score`
# and `aidecide check` over synthetic inputs against the parse floor (the
# same files read and parsed with yaml-cpp, nothing else), whole process,
# median of RUNS runs taken in turn with the floor's, peak memory from
# /usr/bin/time.
#
#   tests/bench/bench.sh BUILD_DIR [PROFILE_COUNTS] [ADR_COUNTS]
#   RUNS=5 DATA=/tmp/aidecide-bench tests/bench/bench.sh build/default "1000 10000 100000" "10000"
set -euo pipefail
build=$(realpath "$1")
profile_counts=${2:-"1000 10000 100000"}
adr_counts=${3:-"1000 10000"}
runs=${RUNS:-3}
data=${DATA:-$build/bench-data}
bin=$build/aidecide
tool=$build/tests/bench_tool
cores=$(nproc)
export LC_ALL=C
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (Debian package 'time')" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Appends "seconds peak_kib" of one run of a command to file $1.
once() {
  local out=$1 report
  shift
  report=$(mktemp)
  /usr/bin/time -o "$report" -f '%e %M' "$@" >/dev/null 2>&1 || true
  tail -1 "$report" >>"$out"
  rm -f "$report"
}
# Prints the median line (by its first number) of a file of once() or
# time_once() lines.
median() { sort -n "$1" | sed -n "$((($(wc -l <"$1") + 1) / 2))p"; }

# Milliseconds of one run of a command, appended to file $1 (wall clock,
# bash's own timer).
time_once() {
  local out=$1 start end
  shift
  start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  end=$EPOCHREALTIME
  echo "$start $end" | awk '{ printf "%.3f\n", ($2 - $1) * 1000 }' >>"$out"
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

generate() {
  local kind=$1 n=$2 dir=$data/$1-$2
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    "$tool" "$kind" "$n" "$dir"
    touch "$dir/.done"
  fi
  echo "$dir"
}

echo "aidecide benchmark: $(nproc) cores, $runs runs each, median; $(uname -sr)"
echo "$("$bin" --version | head -1), data in $data"
echo
printf '%-7s %8s %5s %10s %10s %7s %9s %9s %10s\n' command files jobs floor/s files/s ratio peak_MiB \
  floor_MiB node_ratio
for n in $profile_counts; do
  dir=$(generate profiles "$n")
  one=""
  for jobs in 1 $cores; do
    # Round by round, the floor and aidecide one after the other: a machine
    # that gets busier or quieter while it is measured weighs on both alike
    # (three floor runs, then three of aidecide, gave ratios from one run
    # of the script to the next that moved by a tenth).
    : >"$tmp/floor"; : >"$tmp/nodes"; : >"$tmp/score"
    for ((i = 0; i < runs; i++)); do
      once "$tmp/floor" "$tool" floor "$jobs" "$dir"
      # The same files through yaml-cpp's node API (YAML::Load), for comparison.
      once "$tmp/nodes" "$tool" floor "$jobs" "$dir" nodes
      once "$tmp/score" "$bin" score --quiet --jobs "$jobs" --format json "$dir"
    done
    read -r ft fm < <(median "$tmp/floor")
    read -r nt _ < <(median "$tmp/nodes")
    read -r st sm < <(median "$tmp/score")
    printf '%-7s %8s %5s %10s %10s %7s %9s %9s %10s\n' score "$n" "$jobs" "$(rate "$n" "$ft")" \
      "$(rate "$n" "$st")" "$(ratio "$ft" "$st")" "$((sm / 1024))" "$((fm / 1024))" \
      "$(ratio "$nt" "$st")"
    if [ "$jobs" = 1 ]; then one=$st; else
      echo "        scaling 1 -> $jobs jobs: $(ratio "$one" "$st")x"
    fi
    [ "$cores" = 1 ] && break
  done
done
for n in $adr_counts; do
  dir=$(generate adrs "$n")
  for jobs in 1 $cores; do
    : >"$tmp/floor"; : >"$tmp/check"
    for ((i = 0; i < runs; i++)); do
      once "$tmp/floor" "$tool" floor "$jobs" "$dir"
      # Findings make check exit 1; that is its job, not a failure here.
      once "$tmp/check" sh -c '"$0" check --quiet --jobs "$1" "$2" || [ $? = 1 ]' "$bin" "$jobs" "$dir"
    done
    read -r ft fm < <(median "$tmp/floor")
    read -r ct cm < <(median "$tmp/check")
    printf '%-7s %8s %5s %10s %10s %7s %9s %9s\n' check "$n" "$jobs" "$(rate "$n" "$ft")" \
      "$(rate "$n" "$ct")" "$(ratio "$ft" "$ct")" "$((cm / 1024))" "$((fm / 1024))"
    [ "$cores" = 1 ] && break
  done
done
echo
one=$(generate profiles 1000)/p000001.yaml
# A process that does nothing: what starting one costs on this machine,
# which the targets for one profile include. Round by round, each command
# once, so that a machine getting busier or quieter weighs on all alike.
: >"$tmp/true"; : >"$tmp/version"; : >"$tmp/text"; : >"$tmp/json"
for ((i = 0; i < 21; i++)); do
  time_once "$tmp/true" /bin/true
  time_once "$tmp/version" "$bin" --version
  time_once "$tmp/text" "$bin" score "$one"
  time_once "$tmp/json" "$bin" score --format json "$one"
done
echo "startup, median of 21: /bin/true $(median "$tmp/true") ms," \
  "--version $(median "$tmp/version") ms," \
  "score one profile $(median "$tmp/text") ms," \
  "score one as JSON $(median "$tmp/json") ms"
# The same profile in figures that do not move with the machine: its wall
# time above can double within an hour on a shared host, these stay put.
/usr/bin/time -o "$tmp/faults" -f '%R' "$bin" score --format json "$one" >/dev/null 2>&1 || true
faults=$(tail -1 "$tmp/faults")
instructions="unknown (valgrind is missing)"
if command -v valgrind >/dev/null; then
  instructions=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$bin" score --format json "$one" 2>&1 >/dev/null | awk '/refs:/ { print $NF }')
fi
echo "one profile as JSON: $instructions instructions, $faults page faults"
echo "ratio = floor time / aidecide time (1.00: as fast as only parsing; target >= 0.6 for"
echo "score, >= 0.67 (1.5x) for check); the floor is yaml-cpp's event parser, node_ratio the"
echo "same against its node API (YAML::Load)"
