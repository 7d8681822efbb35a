// SPDX-License-Identifier: MIT
#pragma once
// JSON Schemas (draft-07) for editors and validators: `aidecide schema NAME`.
// The profile, record and configuration schemas are generated from the
// loaded criteria and the check rules, so they cannot drift from the
// loaders; the criteria and output schemas are written by hand
// (docs/schema/) and embedded.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/questionnaire.hpp"

namespace aidecide {

// profile, record, config, criteria, output
std::vector<std::string> schema_names();

// The schema as pretty-printed JSON, or nothing for an unknown name.
std::optional<std::string> schema_text(std::string_view name, const Questionnaire& q);

}  // namespace aidecide
