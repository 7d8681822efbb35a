// SPDX-License-Identifier: MIT
#include "yaml/yaml_read.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "aidecide/escape.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

std::optional<double> parse_plain_number(std::string_view text) {
  std::string cleaned;
  bool seen_digit = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '_' || c == ',') {
      // A separator must sit between two digits.
      if (i == 0 || i + 1 == text.size() ||
          !std::isdigit(static_cast<unsigned char>(text[i - 1])) ||
          !std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
        return std::nullopt;
      }
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      seen_digit = true;
    } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
      return std::nullopt;
    }
    cleaned += c;
  }
  if (!seen_digit || cleaned.empty()) return std::nullopt;
  if (cleaned.front() == '+') cleaned.erase(0, 1);
  double value = 0;
  const char* begin = cleaned.data();
  const char* end = begin + cleaned.size();
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

bool looks_like_yaml_boolean(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "yes" || lower == "no" || lower == "on" || lower == "off" || lower == "true" ||
         lower == "false" || lower == "y" || lower == "n";
}

void check_keys(const YamlNode& map, const std::vector<std::string>& allowed,
                std::string_view context, DiagnosticSink& sink) {
  std::vector<std::pair<std::string_view, SourcePos>> seen;
  seen.reserve(map.entries.size());
  for (const YamlEntry& entry : map.entries) {
    const YamlNode& key = entry.first;
    const auto first =
        std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == key.value; });
    if (first != seen.end()) {
      sink.error(key.pos,
                 fmt::format("duplicate key '{}' in {} (first given at line {}); "
                             "remove one of them",
                             escape_for_message(key.value), context, first->second.line),
                 "duplicate-key");
      continue;
    }
    seen.emplace_back(key.value, key.pos);
    if (key.value.starts_with("x-")) continue;
    if (std::find(allowed.begin(), allowed.end(), key.value) != allowed.end()) continue;
    std::string message =
        fmt::format("unknown key '{}' in {}", escape_for_message(key.value), context);
    if (auto suggestion = did_you_mean(key.value, allowed)) {
      message += fmt::format("; did you mean '{}'?", *suggestion);
    } else {
      message += fmt::format(" (expected one of: {})", join_words(allowed, ", "));
    }
    sink.error(key.pos, std::move(message), "unknown-key");
  }
}

const YamlNode* require_key(const YamlNode& map, std::string_view key, std::string_view context,
                            DiagnosticSink& sink) {
  const YamlNode* node = map.find(key);
  if (node == nullptr) {
    sink.error(map.pos, fmt::format("missing required key '{}' in {}", key, context));
  }
  return node;
}

bool expect_mapping(const YamlNode& node, std::string_view what, DiagnosticSink& sink) {
  if (node.is_mapping()) return true;
  sink.error(node.pos,
             fmt::format("{} must be a mapping of keys to values, not {}", what, describe(node)));
  return false;
}

std::optional<std::string> read_string(const YamlNode& node, std::string_view what,
                                       DiagnosticSink& sink) {
  if (!node.is_scalar()) {
    sink.error(node.pos, fmt::format("{} must be text, not {}", what, describe(node)));
    return std::nullopt;
  }
  return node.value;
}

std::optional<double> read_number(const YamlNode& node, std::string_view what,
                                  DiagnosticSink& sink) {
  if (node.is_scalar()) {
    if (auto value = parse_plain_number(node.value)) return value;
  }
  sink.error(node.pos,
             fmt::format("{} must be a number, not {}", what,
                         node.is_scalar() ? fmt::format("'{}'", escape_for_message(node.value))
                                          : std::string(describe(node))));
  return std::nullopt;
}

std::optional<int> whole_number(double value, int min, int max) {
  if (!(value >= min && value <= max) || std::floor(value) != value) return std::nullopt;
  return static_cast<int>(value);
}

void expect_document(const YamlNode& root, std::string_view what, std::string_view empty,
                     const std::vector<std::string>& keys, std::string_view context,
                     DiagnosticSink& sink) {
  if (root.is_null() && !empty.empty()) {
    sink.error({1, 1}, fmt::format("file is empty; {}", empty));
    sink.throw_if_any();
  }
  if (!expect_mapping(root, what, sink)) sink.throw_if_any();
  check_keys(root, keys, context, sink);
}

int read_version(const YamlNode& root, std::string_view context, DiagnosticSink& sink) {
  const YamlNode* v = require_key(root, "version", context, sink);
  if (v == nullptr) return 0;
  const auto n = read_number(*v, "'version'", sink);
  if (!n) return 0;
  const auto version = whole_number(*n, 1, 1000000);
  if (!version) sink.error(v->pos, "'version' must be a whole number of 1 or more");
  return version.value_or(0);
}

std::optional<std::string> read_date(const YamlNode& node, std::string_view what,
                                     DiagnosticSink& sink) {
  if (node.is_scalar() && is_iso_date(node.value)) return node.value;
  sink.error(node.pos, fmt::format("{} must be a date written YYYY-MM-DD", what));
  return std::nullopt;
}

}  // namespace aidecide
