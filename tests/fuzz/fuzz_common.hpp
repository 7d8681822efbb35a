// SPDX-License-Identifier: MIT
#pragma once
// Shared set-up for the fuzz targets: the built-in model, loaded once.

#include "aidecide/engine.hpp"

namespace aidecide::fuzz {

inline const ScoringModel& model() {
  static const ScoringModel m = [] {
    Questionnaire q = load_questionnaire(embedded_criteria_text(), "criteria");
    Pricing p = load_pricing(embedded_pricing_text(), "pricing", q);
    return ScoringModel(std::move(q), std::move(p));
  }();
  return m;
}

}  // namespace aidecide::fuzz
