// SPDX-License-Identifier: MIT
#include "aidecide/config.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "aidecide/text.hpp"
#include "yaml/yaml_read.hpp"

namespace aidecide {
namespace fs = std::filesystem;

namespace {
std::vector<std::string> read_string_list(const YamlNode& node, std::string_view what,
                                          DiagnosticSink& sink) {
  std::vector<std::string> out;
  if (!node.is_sequence()) {
    sink.error(node.pos, fmt::format("{} must be a list", what));
    return out;
  }
  for (const auto& item : node.items) {
    if (auto s = read_string(item, what, sink)) out.push_back(*s);
  }
  return out;
}
}  // namespace

Config load_config(std::string_view text, const std::string& source, const std::string& dir) {
  DiagnosticSink sink(source);
  const YamlNode root = parse_yaml(text, source);
  Config c;
  c.source = source;
  c.dir = dir;
  if (root.is_null()) return c;  // an empty configuration changes nothing
  expect_document(root, "a configuration file", "", {"criteria", "pricing", "check"},
                  source.ends_with(".aidecide.yaml") ? ".aidecide.yaml" : "the configuration",
                  sink);
  if (const YamlNode* n = root.find("criteria")) c.criteria = read_string(*n, "'criteria'", sink);
  if (const YamlNode* n = root.find("pricing")) c.pricing = read_string(*n, "'pricing'", sink);
  if (const YamlNode* check = root.find("check");
      check && expect_mapping(*check, "'check'", sink)) {
    check_keys(*check, {"paths", "exclude", "fail_on", "rules", "low_margin_points"}, "'check'",
               sink);
    if (const YamlNode* n = check->find("paths")) c.paths = read_string_list(*n, "'paths'", sink);
    if (const YamlNode* n = check->find("exclude"))
      c.exclude = read_string_list(*n, "'exclude'", sink);
    if (const YamlNode* n = check->find("fail_on")) {
      const auto level = n->is_scalar() ? parse_fail_on(n->value) : std::nullopt;
      if (!level) {
        sink.error(n->pos,
                   fmt::format("'fail_on' must be {}", join_words(fail_on_names(), " or ")));
      } else {
        c.fail_on = level;
      }
    }
    if (const YamlNode* n = check->find("rules"); n && expect_mapping(*n, "'rules'", sink)) {
      std::vector<std::string> ids;
      for (const auto& r : check_rules()) ids.emplace_back(r.id);
      check_keys(*n, ids, "'rules'", sink);
      for (const auto& [key, value] : n->entries) {
        if (find_rule(key.value) == nullptr) continue;  // reported by check_keys
        // `off` is a YAML 1.1 boolean to many readers; accept it quoted or not.
        const auto level = value.is_scalar() ? parse_level(value.value) : std::nullopt;
        if (!level) {
          sink.error(value.pos, fmt::format("the level of rule '{}' must be {}", key.value,
                                            join_words(names_of(levels()), " or ")));
        } else {
          c.rules.emplace_back(key.value, *level);
        }
      }
    }
    if (const YamlNode* n = check->find("low_margin_points")) {
      c.low_margin_points = read_number(*n, "'low_margin_points'", sink);
      if (c.low_margin_points && (*c.low_margin_points < 0 || *c.low_margin_points > 100)) {
        sink.error(n->pos, "'low_margin_points' must be between 0 and 100");
      }
    }
  }
  sink.throw_if_any();
  return c;
}

std::string find_repository_root(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  while (!dir.empty()) {
    if (fs::exists(dir / ".git", ec)) return dir.string();
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return {};
}

std::string find_config(const std::string& start) {
  // Up to the repository's root; outside a repository only `start` itself,
  // so a file left in a shared parent (/tmp) never applies (as git asks a
  // safe.directory before it trusts a repository it does not own).
  std::error_code ec;
  const fs::path first = fs::absolute(start, ec);
  const bool in_repository = !find_repository_root(start).empty();
  for (fs::path dir = first; !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(fs::symlink_status(dir / ".aidecide.yaml", ec)))
      return (dir / ".aidecide.yaml").string();
    if (!in_repository || fs::exists(dir / ".git", ec) || dir == dir.root_path()) break;
  }
  return {};
}

}  // namespace aidecide
