// SPDX-License-Identifier: MIT
// The budgets' side of a decision (docs/scoring.md, "Budgets").
#include "engine/budgets.hpp"

#include <algorithm>

#include "engine/scorer.hpp"

namespace aidecide {
namespace {

// The nearest cheaper answer to `criterion` (answers earlier in its list
// need less: a lower capability tier, fewer spare replicas) that lets some
// option not vetoed fit every firm budget; the option with the lowest
// 3-year total among those that fit there.
std::optional<BudgetVariant> cheaper_variant(const ScoringModel& model, const Decision& d,
                                             std::size_t criterion) {
  if (criterion == kNoIndex) return std::nullopt;
  const std::size_t now = d.values[criterion].choice;
  Values v = d.values;
  for (std::size_t a = now; a-- > 0;) {
    v[criterion].choice = a;
    const CostEstimate e = estimate_costs(model.pricing, model.inputs, model.questionnaire, v);
    const auto vetoed = vetoes_of(model.questionnaire, v);
    const auto over = over_firm_budget(e);
    std::optional<BudgetVariant> best;
    for (Option o : kOptions) {
      const OptionCost& c = e.options[index(o)];
      if (vetoed[index(o)] || over[index(o)]) continue;
      if (!best || c.tco_usd < e.options[index(best->option)].tco_usd)
        best = BudgetVariant{criterion, a, o, c.upfront_usd, c.running_monthly_usd};
    }
    if (best) return best;
  }
  return std::nullopt;
}

}  // namespace

void explain_budgets(const ScoringModel& model, Decision& d) {
  const CostInputs& in = model.inputs;
  const double upfront = d.values[in.upfront_budget].number;
  const double monthly = d.values[in.monthly_budget].number;
  const BudgetFirmness firm = d.cost.firm;
  for (Option o : kOptions) {
    const OptionCost& c = d.cost.options[index(o)];
    const bool ruled_out = d.ruled_out[index(o)] && !d.vetoed[index(o)];
    if (!c.fits_upfront)
      d.over_budget.push_back(
          {o, Budget::upfront, c.upfront_usd, upfront, firm.upfront, ruled_out && firm.upfront});
    if (!c.fits_monthly)
      d.over_budget.push_back({o, Budget::monthly, c.running_monthly_usd, monthly, firm.monthly,
                               ruled_out && firm.monthly});
  }
  if (!firm.any()) return;
  const auto over = over_firm_budget(d.cost);
  bool any_allowed = false, any_fits = false;
  for (Option o : kOptions) {
    if (d.vetoed[index(o)]) continue;
    any_allowed = true;
    any_fits = any_fits || !over[index(o)];
  }
  d.no_option_fits = any_allowed && !any_fits;
  if (!d.no_option_fits) return;
  for (Option o : kOptions) {
    if (d.vetoed[index(o)]) continue;
    if (!d.cheapest ||
        d.cost.options[index(o)].tco_usd < d.cost.options[index(*d.cheapest)].tco_usd)
      d.cheapest = o;
  }
  const Questionnaire& q = model.questionnaire;
  for (std::size_t criterion : {in.model_capability, q.index_of("criticality")}) {
    if (auto v = cheaper_variant(model, d, criterion)) d.fitting_variants.push_back(*v);
  }
}

}  // namespace aidecide
