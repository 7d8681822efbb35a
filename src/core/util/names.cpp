// SPDX-License-Identifier: MIT
#include "aidecide/names.hpp"

namespace aidecide {
namespace {
constexpr std::array<Named<Option>, kOptionCount> kOptionNames{
    {{Option::cloud, "cloud"}, {Option::local, "local"}, {Option::hybrid, "hybrid"}}};
}  // namespace

std::string_view to_string(Option o) {
  return kOptionNames[index(o)].name;
}

std::optional<Option> parse_option(std::string_view text) {
  return parse_named<Named<Option>>(kOptionNames, text);
}

}  // namespace aidecide
