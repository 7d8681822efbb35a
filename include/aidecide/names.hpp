// SPDX-License-Identifier: MIT
#pragma once
// Closed sets of the contract with one name table each, shared by loaders,
// the CLI and the renderers, so a spelling lives in exactly one place.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

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

enum class Format { text, json, markdown, html, csv };
std::string_view to_string(Format f);
std::optional<Format> parse_format(std::string_view text);

}  // namespace aidecide
