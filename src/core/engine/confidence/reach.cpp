// SPDX-License-Identifier: MIT
#include "engine/confidence/reach.hpp"

#include <algorithm>

#include "engine/confidence/draws.hpp"
#include "engine/cost_model.hpp"

namespace aidecide::confidence {
namespace {

// Lowest and highest utility each option can take in row `i` while the
// uncertain answers vary (conservative: every adjustment may or may not apply).
std::pair<PerOption, PerOption> row_bounds(const ScoringModel& model, const Profile& profile,
                                           const std::vector<bool>& is_uncertain,
                                           const Values& base, std::size_t i) {
  const Criterion& c = model.questionnaire.criteria[i];
  PerOption lo, hi;
  lo.fill(1e300);
  hi.fill(-1e300);
  const auto take = [&](Option o, double u) {
    lo[index(o)] = std::min(lo[index(o)], u);
    hi[index(o)] = std::max(hi[index(o)], u);
  };
  if (!c.answerable()) {
    // Cost-model utilities: anything in [0, 1].
    for (Option o : kOptions) take(o, 0), take(o, 1);
  } else if (c.kind == CriterionKind::number) {
    const auto [a, b] = sampled_range(c, profile.answers[i]);
    for (Option o : kOptions) {
      take(o, c.curve.eval(o, a));
      take(o, c.curve.eval(o, b));
      for (const auto& [x, u] : c.curve.points[index(o)]) {
        if (x > a && x < b) take(o, u);
      }
    }
  } else {
    for (std::size_t answer = 0; answer < c.answers.size(); ++answer) {
      if (!is_uncertain[i] && answer != base[i].choice) continue;
      for (Option o : kOptions) take(o, c.answers[answer].utility[index(o)]);
      for (const Adjustment& adj : c.adjustments) {
        for (const auto& [which, overrides] : adj.utilities) {
          if (which != answer) continue;
          for (Option o : kOptions) {
            if (overrides[index(o)]) take(o, *overrides[index(o)]);
          }
        }
      }
    }
  }
  return {lo, hi};
}

}  // namespace

// Options vetoed in every draw: by a constraint that reads no uncertain
// answer and holds.
std::array<bool, kOptionCount> surely_vetoed(const Questionnaire& q, const Values& base,
                                             const std::vector<bool>& is_uncertain) {
  std::array<bool, kOptionCount> vetoed{};
  for (const Constraint& k : q.constraints) {
    const bool varies = std::any_of(k.when.begin(), k.when.end(),
                                    [&](const Condition& c) { return is_uncertain[c.criterion]; });
    if (varies || !k.holds(base)) continue;
    for (Option o : kOptions) vetoed[index(o)] = vetoed[index(o)] || k.forbids[index(o)];
  }
  return vetoed;
}

Reach reach(const ScoringModel& model, const Profile& profile, const Values& base,
            const UtilityMatrix& matrix, const std::vector<double>& weights,
            const std::vector<bool>& is_uncertain, const Touched& touched, Option recommendation,
            double spread, std::array<bool, kOptionCount> surely_out, bool budgets_vary,
            const std::optional<BudgetReach>& budgets) {
  const Questionnaire& q = model.questionnaire;
  const std::size_t w = index(recommendation);
  Reach r;
  for (const Constraint& k : q.constraints) {
    r.may_be_vetoed =
        r.may_be_vetoed ||
        (k.forbids[w] && std::any_of(k.when.begin(), k.when.end(), [&](const Condition& c) {
           return is_uncertain[c.criterion];
         }));
  }
  // With the recommendation fitting the firm budgets in every draw, the
  // rule never rules it out; and while no constraint can rule it out
  // either, some option fits in every draw, so an option over a firm
  // budget in every draw is ruled out in every draw.
  const bool fits = budgets_vary && budgets && budgets->recommendation_fits;
  if (fits && !r.may_be_vetoed) {
    for (std::size_t o = 0; o < kOptionCount; ++o)
      surely_out[o] = surely_out[o] || budgets->always_over[o];
  }
  // A firm budget rules the recommendation out only where another option
  // is allowed and fits (rule_out_over_budget()): never when every other
  // option is surely out.
  bool others_left = false;
  for (std::size_t o = 0; o < kOptionCount; ++o)
    others_left = others_left || (o != w && !surely_out[o]);
  r.may_be_vetoed = r.may_be_vetoed || (budgets_vary && !fits && others_left);
  std::vector<bool> varies(q.criteria.size(), false);
  for (std::size_t i : touched.moving) varies[i] = true;
  PerOption worst_lead{};  // per rival, in weighted-utility units
  double scale = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0) continue;
    scale += weights[i];
    PerOption lo = matrix.row(i), hi = matrix.row(i);
    if (varies[i]) std::tie(lo, hi) = row_bounds(model, profile, is_uncertain, base, i);
    for (std::size_t o = 0; o < kOptionCount; ++o) {
      const double d = lo[w] - hi[o];  // the smallest lead this row can give
      worst_lead[o] += weights[i] * (d >= 0 ? d / spread : d * spread);
    }
  }
  for (std::size_t o = 0; o < kOptionCount; ++o) {
    // Ties go to the earlier option, and rounding must not matter; with the
    // recommendation ruled out, any option left may win the draw.
    r.may_win[o] = o != w && !surely_out[o] && (r.may_be_vetoed || !(worst_lead[o] > 1e-9 * scale));
  }
  return r;
}

std::optional<BudgetReach> budget_reach(const ScoringModel& model, const Profile& profile,
                                        const Values& base,
                                        const std::vector<std::size_t>& uncertain,
                                        Option recommendation) {
  // A few dozen passes of the firm-budget test at most: less than the
  // draws they may spare.
  constexpr std::size_t kMaxCombinations = 32;
  const Questionnaire& q = model.questionnaire;
  const CostInputs& in = model.inputs;
  const Dependencies& dep = model.dependencies();
  // `worst`: the recommendation's needs at their highest, the budgets at
  // their lowest; `best` the other way round.
  Values worst = base, best = base;
  std::vector<std::size_t> choices;
  std::size_t combinations = 1;
  bool cache = false;
  std::optional<std::size_t> tokens;  // an uncertain token count
  for (std::size_t i : uncertain) {
    if (!dep.budgets[i]) continue;
    const Criterion& c = q.criteria[i];
    if (c.kind == CriterionKind::choice) {
      choices.push_back(i);
      combinations *= c.answers.size();
      if (combinations > kMaxCombinations) return std::nullopt;
      continue;
    }
    const auto [lo, hi] = sampled_range(c, profile.answers[i]);
    const bool need = i == in.monthly_requests || i == in.tokens_in || i == in.tokens_out;
    if (!need && i != in.upfront_budget && i != in.monthly_budget && i != in.cached_input)
      return std::nullopt;
    worst[i].number = need ? hi : lo;
    best[i].number = need ? lo : hi;
    cache = cache || i == in.cached_input;
    if (i == in.tokens_in || (i == in.tokens_out && !tokens)) tokens = i;
  }
  BudgetReach r;
  r.recommendation_fits = true;
  r.always_over.fill(true);
  r.always_over[index(recommendation)] = false;
  std::vector<std::size_t> digit(choices.size(), 0);
  for (std::size_t n = 0; n < combinations; ++n) {
    for (std::size_t k = 0; k < choices.size(); ++k) {
      worst[choices[k]].choice = best[choices[k]].choice = digit[k];
    }
    const TierPlan& plan = model.pricing.plans[worst[in.model_capability].choice];
    if (cache && plan.cloud->cached_input_per_mtok > plan.cloud->input_per_mtok)
      return std::nullopt;
    if (tokens) {
      // Every context the draws can make lies between the two corners'.
      const std::size_t other = *tokens == in.tokens_in ? in.tokens_out : in.tokens_in;
      const double widen = worst[other].number - best[other].number;
      if (!shape_takeovers(model.pricing, in, best, *tokens, best[*tokens].number,
                           worst[*tokens].number + widen)
               .empty())
        return std::nullopt;
    }
    if (over_firm_budget(model.pricing, in, worst, recommendation, nullptr)) return std::nullopt;
    for (Option o : kOptions) {
      const std::size_t x = index(o);
      if (r.always_over[x] && !over_firm_budget(model.pricing, in, best, o, nullptr))
        r.always_over[x] = false;
    }
    // The next combination.
    for (std::size_t k = 0; k < choices.size(); ++k) {
      if (++digit[k] < q.criteria[choices[k]].answers.size()) break;
      digit[k] = 0;
    }
  }
  return r;
}

bool row_reads(const ScoringModel& model, std::size_t row, std::size_t answer) {
  const Criterion& c = model.questionnaire.criteria[row];
  const Dependencies& d = model.dependencies();
  if (c.answerable())
    return std::find(d.rows[answer].begin(), d.rows[answer].end(), row) != d.rows[answer].end();
  return c.signal == DerivedSignal::cost ? d.cost_utility[answer] : d.budget_utility[answer];
}

PerOption row_utilities(const ScoringModel& model, std::size_t row, const Values& values,
                        const CostBase* base) {
  const Criterion& c = model.questionnaire.criteria[row];
  if (c.answerable()) return c.utilities(values);
  const bool cost = c.signal == DerivedSignal::cost;
  const DerivedUtilities d =
      derived_utilities(model.pricing, model.inputs, values, cost, !cost, nullptr, base);
  return cost ? d.cost : d.budget;
}

}  // namespace aidecide::confidence
