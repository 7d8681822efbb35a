// SPDX-License-Identifier: MIT
#pragma once
// Closed sets with one name table each (kakoune's enum_desc): parsing,
// --help, validation messages, completion and the man page all read the
// table, so a spelling lives in exactly one place. A table is a span of
// rows with `value` and `name` members (more where a set needs them, as
// the output formats' extension and renderer do).

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aidecide {

enum class Option { cloud, local, hybrid };
inline constexpr std::size_t kOptionCount = 3;
inline constexpr std::array<Option, kOptionCount> kOptions{Option::cloud, Option::local,
                                                           Option::hybrid};

// A value per option, indexed by static_cast<size_t>(Option).
using PerOption = std::array<double, kOptionCount>;

constexpr std::size_t index(Option o) {
  return static_cast<std::size_t>(o);
}
std::string_view to_string(Option o);
std::optional<Option> parse_option(std::string_view text);

// A row of a plain name table.
template <class E>
struct Named {
  E value;
  std::string_view name;
};

// The row named `text`, or nullptr.
template <class Row>
const Row* find_named(std::span<const Row> table, std::string_view text) {
  for (const Row& row : table) {
    if (row.name == text) return &row;
  }
  return nullptr;
}

// The value named `text`.
template <class Row>
auto parse_named(std::span<const Row> table, std::string_view text)
    -> std::optional<decltype(Row::value)> {
  if (const Row* row = find_named(table, text)) return row->value;
  return std::nullopt;
}

// The name of `value` (empty for a value the table lacks).
template <class Row, class E>
std::string_view name_of(std::span<const Row> table, E value) {
  for (const Row& row : table) {
    if (row.value == value) return row.name;
  }
  return {};
}

// Every name, in table order.
template <class Row>
std::vector<std::string> names_of(std::span<const Row> table) {
  std::vector<std::string> names;
  names.reserve(table.size());
  for (const Row& row : table) names.emplace_back(row.name);
  return names;
}

}  // namespace aidecide
