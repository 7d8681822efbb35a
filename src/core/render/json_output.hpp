// SPDX-License-Identifier: MIT
#pragma once
// The JSON document of contract section 4, shared by every command that
// prints decisions as JSON (score, ask, check): one writer, no parse-back.

#include <string_view>

#include "aidecide/diagnostic.hpp"
#include "aidecide/engine.hpp"
#include "render/json_writer.hpp"

namespace aidecide {

// The members of one entry of "results" (docs/formats.md lists every
// field), without the braces, so a caller can add its own members.
// `prices_as_of`: the pricing's oldest date, worked out once by the caller.
void write_decision_members(JsonWriter& w, const ScoringModel& model, const Decision& d,
                            std::string_view prices_as_of);

// One entry of "errors": {"file", "line", "column", "message"}.
void write_diagnostic(JsonWriter& w, const Diagnostic& d);

}  // namespace aidecide
