// SPDX-License-Identifier: MIT
#pragma once
// The rules of `aidecide check` and their levels (contract section 3;
// docs/check.md documents every rule): one table that the checker, the
// configuration loader, the schema, --help and the output formats all read.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/names.hpp"

namespace aidecide {

enum class Level { error, warning, note, off };
std::span<const Named<Level>> levels();
std::string_view to_string(Level level);
std::optional<Level> parse_level(std::string_view text);
// --fail-on and the config's fail_on: a level but "off", or "never" (Level::off).
std::vector<std::string> fail_on_names();
std::optional<Level> parse_fail_on(std::string_view text);

struct RuleSpec {
  std::string_view id;
  Level level;               // default
  std::string_view summary;  // one line
  std::string_view help;     // what to do about it
};

// Every rule of the contract, in documentation order.
const std::vector<RuleSpec>& check_rules();
const RuleSpec* find_rule(std::string_view id);

}  // namespace aidecide
