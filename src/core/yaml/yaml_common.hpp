// SPDX-License-Identifier: MIT
#pragma once
// The shape most profiles and ADR records have (block mappings of one-line
// values, flow lists of plain words) read without yaml-cpp: a batch spent
// two fifths of its time in yaml-cpp on such files, about 20 times what this
// reader takes. Anything outside that shape gives nullopt and is parsed by
// yaml-cpp; tests and a fuzz target hold both to the same tree.

#include <optional>
#include <string_view>

#include "yaml/yaml_tree.hpp"

namespace aidecide {

// The tree yaml-cpp would build for `text` (after the byte-order mark and
// the text checks of parse_yaml), or nullopt when `text` is not plainly in
// the common shape, is empty, or reaches a limit (yaml-cpp then reports it).
std::optional<YamlNode> parse_common_yaml(std::string_view text, const YamlLimits& limits);

// yaml-cpp's reading of the same checked text (parse_yaml's other path),
// for the tests that compare the two.
YamlNode parse_yaml_events(std::string_view text, const std::string& source,
                           const YamlLimits& limits);

}  // namespace aidecide
