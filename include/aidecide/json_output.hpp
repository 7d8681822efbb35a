// SPDX-License-Identifier: MIT
#pragma once
// The JSON document of contract section 4, shared by every command that
// prints decisions as JSON.

#include <nlohmann/json.hpp>

#include "aidecide/engine.hpp"

namespace aidecide {

// One entry of "results" (docs/formats.md lists every field), as compact
// ASCII text and as a document for callers that add fields.
std::string decision_json_text(const ScoringModel& model, const Decision& d);
nlohmann::ordered_json decision_to_json(const ScoringModel& model, const Decision& d);
nlohmann::ordered_json diagnostic_to_json(const Diagnostic& d);

}  // namespace aidecide
