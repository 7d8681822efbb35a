// SPDX-License-Identifier: MIT
#pragma once
// Inline SVG charts for the HTML report. Pure functions of a Decision (or
// the portfolio's points); every label is escaped, and no two texts are laid
// out to overlap (each chart keeps its texts in their own columns or checks).

#include <optional>
#include <string>
#include <vector>

#include "aidecide/engine.hpp"

namespace aidecide::svg {

// The flip chart's scale runs from x1/N to xN; factors beyond read "more than xN".
inline constexpr double kFlipChartBound = 10;

std::string score_chart(const Decision& d);
std::string contributions_chart(const ScoringModel& model, const Decision& d);
std::string cost_chart(const Decision& d);      // empty without a cost curve
std::string cost_gap_chart(const Decision& d);  // local and hybrid relative to cloud; the same
std::string flip_chart(const ScoringModel& model, const Decision& d);  // empty without weight flips

// One profile of a portfolio, as the overview chart draws it.
struct PortfolioPoint {
  std::size_t number = 0;  // the table's row number
  std::string name;
  Option option = Option::cloud;  // the recommendation
  std::optional<double> margin;   // none: the only option left
  double confidence = 0;
  bool over_budget = false;
};
// Margin against confidence, one marker per profile with a recommendation
// (empty without any).
std::string portfolio_chart(const std::vector<PortfolioPoint>& points);

}  // namespace aidecide::svg
