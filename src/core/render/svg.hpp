// SPDX-License-Identifier: MIT
#pragma once
// Inline SVG charts for the HTML report. Pure functions of a Decision; every
// label is escaped.

#include <string>

#include "aidecide/engine.hpp"

namespace aidecide::svg {

std::string score_chart(const Decision& d);
std::string contributions_chart(const ScoringModel& model, const Decision& d);
std::string cost_chart(const Decision& d);                             // empty without a cost curve
std::string flip_chart(const ScoringModel& model, const Decision& d);  // empty without weight flips

}  // namespace aidecide::svg
