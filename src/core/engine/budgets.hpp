// SPDX-License-Identifier: MIT
#pragma once
// What the budgets say about a scored decision (docs/scoring.md, "Budgets"):
// each option over a budget, and when no option fits, what would.

#include "aidecide/engine.hpp"

namespace aidecide {

// Fills d.over_budget, d.no_option_fits, d.cheapest and d.fitting_variants
// from d.cost, d.values, d.vetoed and d.ruled_out.
void explain_budgets(const ScoringModel& model, Decision& d);

}  // namespace aidecide
