// SPDX-License-Identifier: MIT
#include "aidecide/names.hpp"

namespace aidecide {
namespace {
constexpr std::array<std::string_view, kOptionCount> kOptionNames{"cloud", "local", "hybrid"};
constexpr std::array<std::string_view, 5> kFormatNames{"text", "json", "markdown", "html", "csv"};
}  // namespace

std::string_view to_string(Option o) {
  return kOptionNames[index(o)];
}

std::optional<Option> parse_option(std::string_view text) {
  for (Option o : kOptions) {
    if (to_string(o) == text) return o;
  }
  return std::nullopt;
}

std::string_view to_string(Format f) {
  return kFormatNames[static_cast<std::size_t>(f)];
}

std::optional<Format> parse_format(std::string_view text) {
  for (std::size_t i = 0; i < kFormatNames.size(); ++i) {
    if (kFormatNames[i] == text) return static_cast<Format>(i);
  }
  return std::nullopt;
}

}  // namespace aidecide
