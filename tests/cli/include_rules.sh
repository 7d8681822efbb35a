#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# cmake/CheckIncludes.cmake holds the layers to their order: it passes on
# the repository and fails, naming the file, on each kind of wrong include.
set -euo pipefail
cd "$(dirname "$0")/../.."
script=$PWD/cmake/CheckIncludes.cmake
cmake -DSOURCE_DIR="$PWD" -P "$script"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
# A tree with one file, which must be refused with `want` in the message.
refuse() {
  local file=$1 line=$2 want=$3
  rm -rf "$tmp/tree"
  mkdir -p "$tmp/tree/$(dirname "$file")" "$tmp/tree/include/aidecide" "$tmp/tree/src/core" "$tmp/tree/src/cli"
  printf '%s\n' "$line" > "$tmp/tree/$file"
  local out
  if out=$(cmake -DSOURCE_DIR="$tmp/tree" -P "$script" 2>&1); then
    echo "FAIL: $file with '$line' passed"; failures=$((failures + 1)); return
  fi
  if ! grep -qF "$want" <<<"$out"; then
    echo "FAIL: $file with '$line': no '$want' in:"; echo "$out"; failures=$((failures + 1))
  fi
}
refuse src/core/util/x.cpp '#include "aidecide/engine.hpp"' "src/core/util/x.cpp: 'aidecide/engine.hpp' belongs to engine/, a layer above"
refuse src/core/load/x.cpp '#include "render/json_writer.hpp"' "belongs to render/, a layer above"
refuse src/core/engine/x.cpp '#include "check/output/common.hpp"' "belongs to check/, a layer above"
refuse src/cli/x.cpp '#include "yaml/yaml_tree.hpp"' "is internal to the core"
refuse include/aidecide/profile.hpp '#include "yaml/yaml_tree.hpp"' "is internal to the core"
refuse include/aidecide/names.hpp '#include "aidecide/engine.hpp"' "a layer above"
refuse src/core/render/x.cpp '#include <yaml-cpp/yaml.h>' "<yaml-cpp/...> is not for this layer"
refuse src/core/util/x.cpp '#include "../engine/scorer.hpp"' "climbs out of its folder"
refuse include/aidecide/newthing.hpp '// nothing' "not assigned to a layer"
[ "$failures" -eq 0 ] || exit 1
echo "include rules hold"
