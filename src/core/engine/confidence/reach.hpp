// SPDX-License-Identifier: MIT
#pragma once
// Bounds over every draw (docs/scoring.md, "Confidence"): which options a
// constraint vetoes in every draw, and which rivals can beat the
// recommendation in any draw at all. A proof that none can skips the
// sampling.

#include <algorithm>
#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "engine/scorer.hpp"

namespace aidecide::confidence {

// What the draws can do to the recommendation, from bounds: each weight at
// the end of its range that hurts most and each uncertain utility at its
// worst. A rival outside `may_win` loses to the recommendation in every
// draw; with no such rival and no veto that may come, no draw can change
// the winner.
struct Reach {
  bool may_be_vetoed = false;                // by a constraint that reads uncertain answers
  std::array<bool, kOptionCount> may_win{};  // rivals that may beat it in some draw
  bool settled() const {
    return !may_be_vetoed && std::none_of(may_win.begin(), may_win.end(), [](bool b) { return b; });
  }
};

// Options vetoed in every draw: by a constraint that reads no uncertain
// answer and holds.
std::array<bool, kOptionCount> surely_vetoed(const Questionnaire& q, const Values& base,
                                             const std::vector<bool>& is_uncertain);

// What the firm-budget rule does in every draw, when that can be told from
// bounds: whether the recommendation fits every firm budget in all of them
// (so the rule never rules it out), and which options are over one in all
// of them. Each option's needs only grow with the volume and the token
// counts and fall as the cache share grows, a budget covers more as it
// grows (cost_model.hpp), so the ends of each uncertain number's range
// decide, tried with every combination of the uncertain choices the rule
// reads. Nothing when the rule reads an uncertain number without such a
// direction (the sites: whole replicas round up per site; the batch
// share), the token counts' range crosses a shape takeover
// (shape_takeovers()), or the combinations are many.
struct BudgetReach {
  bool recommendation_fits = false;
  std::array<bool, kOptionCount> always_over{};
};
std::optional<BudgetReach> budget_reach(const ScoringModel& model, const Profile& profile,
                                        const Values& base,
                                        const std::vector<std::size_t>& uncertain,
                                        Option recommendation);

// The rivals that may win some draw against `recommendation` (weights
// within a factor `spread` of theirs, uncertain answers anywhere in their
// range), and whether a veto may come. `surely_out`: options ruled out in
// every draw; `budgets_vary`: a firm budget may rule out other options in
// some draws than in others; `budgets`: what budget_reach() told of the
// rule, when it could. When the recommendation may be ruled out, every
// option not surely out may win.
Reach reach(const ScoringModel& model, const Profile& profile, const Values& base,
            const UtilityMatrix& matrix, const std::vector<double>& weights,
            const std::vector<bool>& is_uncertain, const Touched& touched, Option recommendation,
            double spread, std::array<bool, kOptionCount> surely_out, bool budgets_vary,
            const std::optional<BudgetReach>& budgets = std::nullopt);

// True when row `row` reads answer `answer`: the row's own answer and the
// adjustments' conditions, or the cost model's inputs for a derived row.
bool row_reads(const ScoringModel& model, std::size_t row, std::size_t answer);

// Row `row`'s utilities for `values`, computed afresh; a derived row's from
// `base` when given (CostBase, via derived_utilities()).
PerOption row_utilities(const ScoringModel& model, std::size_t row, const Values& values,
                        const CostBase* base = nullptr);

}  // namespace aidecide::confidence
