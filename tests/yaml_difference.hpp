// SPDX-License-Identifier: MIT
#pragma once
// The first difference between two YAML trees, in words (empty when none):
// how the unit tests and the fuzz target hold parse_yaml's common-shape
// reader to yaml-cpp.

#include <string>

#include "yaml/yaml_tree.hpp"

namespace aidecide::test {

inline std::string yaml_difference(const YamlNode& a, const YamlNode& b,
                                   const std::string& where = "root") {
  const auto at = [&](const std::string& what) { return where + ": " + what; };
  if (a.kind != b.kind) return at("kind");
  if (a.value != b.value) return at("value '" + a.value + "' vs '" + b.value + "'");
  if (a.plain != b.plain) return at("plain");
  if (a.pos.line != b.pos.line || a.pos.column != b.pos.column)
    return at("position " + std::to_string(a.pos.line) + ":" + std::to_string(a.pos.column) +
              " vs " + std::to_string(b.pos.line) + ":" + std::to_string(b.pos.column));
  if (a.items.size() != b.items.size()) return at("item count");
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    std::string d = yaml_difference(a.items[i], b.items[i], where + "[" + std::to_string(i) + "]");
    if (!d.empty()) return d;
  }
  if (a.entries.size() != b.entries.size()) return at("entry count");
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    const std::string w = where + "." + a.entries[i].first.value;
    std::string d = yaml_difference(a.entries[i].first, b.entries[i].first, w + " (key)");
    if (d.empty()) d = yaml_difference(a.entries[i].second, b.entries[i].second, w);
    if (!d.empty()) return d;
  }
  return {};
}

}  // namespace aidecide::test
