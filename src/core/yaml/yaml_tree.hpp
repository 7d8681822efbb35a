// SPDX-License-Identifier: MIT
#pragma once
// A small, strict YAML document tree built from yaml-cpp's event parser
// (or, for the common shape of a profile, by yaml_common.hpp's reader,
// held to the same tree).
// Why not YAML::Node: we need the position of every key and value, every
// duplicate key (YAML::Node silently keeps one), and we must refuse anchors,
// aliases, tags and deep nesting before they cost memory or time.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aidecide/diagnostic.hpp"

namespace aidecide {

struct YamlLimits {
  std::size_t max_bytes = 1024 * 1024;  // whole document
  int max_depth = 32;                   // nested mappings and sequences
  std::size_t max_nodes = 50000;        // scalars, mappings and sequences
  std::size_t max_scalar_bytes = 16 * 1024;
};

struct YamlEntry;

struct YamlNode {
  enum class Kind { null, scalar, sequence, mapping };

  Kind kind = Kind::null;
  std::string value;   // scalar text
  bool plain = false;  // an unquoted scalar (where `yes` may mean true)
  SourcePos pos;
  std::vector<YamlNode> items;     // sequence
  std::vector<YamlEntry> entries;  // mapping, in file order

  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_mapping() const { return kind == Kind::mapping; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_null() const { return kind == Kind::null; }
  // The first entry whose key is `key`, or nullptr.
  const YamlNode* find(std::string_view key) const;
};

// A key and its value; `first`/`second` like the std::pair it stands in for
// (a pair of an incomplete type cannot be a member of that type).
struct YamlEntry {
  YamlNode first;
  YamlNode second;
};

// Parses one YAML document. An empty document gives a null node. Throws
// InputError with `source:line:col: message` on syntax errors and limits.
YamlNode parse_yaml(std::string_view text, const std::string& source,
                    const YamlLimits& limits = {});

// The tree in a compact binary form and back (positions kept): the build
// embeds the default criteria and prices this way, so start-up needs no YAML
// parsing. Deserialising damaged data throws Error.
std::string serialize_yaml_tree(const YamlNode& root);
YamlNode deserialize_yaml_tree(std::string_view blob);

// What kind of node this is, in words, for messages ("a mapping").
std::string_view describe(const YamlNode& node);

}  // namespace aidecide
