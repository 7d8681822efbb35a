// SPDX-License-Identifier: MIT
#include "engine/scorer.hpp"
#include "engine/cost_model.hpp"

#include <algorithm>

namespace aidecide {

Touched touched_by(const Dependencies& d, std::span<const std::size_t> changed) {
  Touched t;
  bool budget = false;
  for (std::size_t i : changed) {
    t.rows.insert(t.rows.end(), d.rows[i].begin(), d.rows[i].end());
    t.cost_utility = t.cost_utility || d.cost_utility[i];
    budget = budget || d.budget_utility[i];
    t.constraints = t.constraints || d.constraints[i];
    t.budgets = t.budgets || d.budgets[i];
  }
  std::sort(t.rows.begin(), t.rows.end());
  t.rows.erase(std::unique(t.rows.begin(), t.rows.end()), t.rows.end());
  for (std::size_t i : d.derived) {
    const bool is_budget =
        std::find(d.derived_budget.begin(), d.derived_budget.end(), i) != d.derived_budget.end();
    if (is_budget ? budget : t.cost_utility) t.derived.push_back(i);
  }
  t.moving = t.rows;
  t.moving.insert(t.moving.end(), t.derived.begin(), t.derived.end());
  return t;
}

UtilityMatrix::UtilityMatrix(const ScoringModel& model, const Values& values,
                             const CostEstimate& cost)
    : m_model(model), m_rows(model.questionnaire.criteria.size()) {
  const auto& criteria = model.questionnaire.criteria;
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    const Criterion& c = criteria[i];
    if (!c.scored) continue;
    m_rows[i] = c.answerable()                    ? c.utilities(values)
                : c.signal == DerivedSignal::cost ? cost.cost_utility
                                                  : cost.budget_utility;
  }
  update_vetoes(values, true, true);
}

void UtilityMatrix::update(const Values& values, const Touched& touched, const CostBase* base) {
  const auto& criteria = m_model.questionnaire.criteria;
  for (std::size_t i : touched.rows) {
    m_rows[i] = criteria[i].utilities(values);
  }
  bool budget = false;  // a budget row among the derived rows to recompute
  for (std::size_t i : touched.derived)
    budget = budget || criteria[i].signal == DerivedSignal::budget;
  if (budget && (touched.cost_utility || touched.budgets)) {
    // One pass of the cost model for the rows and, when the firm budgets
    // are to be asked too, for them.
    std::array<bool, kOptionCount> over{};
    const DerivedUtilities u =
        derived_utilities(m_model.pricing, m_model.inputs, values, touched.cost_utility, true,
                          touched.budgets ? &over : nullptr, base);
    for (std::size_t i : touched.derived)
      m_rows[i] = criteria[i].signal == DerivedSignal::cost ? u.cost : u.budget;
    m_scored = u.scored;
    if (touched.budgets) {
      m_over = over;
      if (touched.constraints) m_constraints = vetoes_of(m_model.questionnaire, values);
      m_vetoed = rule_out_over_budget(m_constraints, m_over);
      return;
    }
  } else if (touched.cost_utility) {
    const DerivedUtilities u =
        derived_utilities(m_model.pricing, m_model.inputs, values, true, false, nullptr, base);
    for (std::size_t i : touched.derived) m_rows[i] = u.cost;
    m_scored = u.scored;
  } else if (budget) {
    const PerOption u =
        derived_utilities(m_model.pricing, m_model.inputs, values, false, true, nullptr, base)
            .budget;
    for (std::size_t i : touched.derived) m_rows[i] = u;
  }
  if (touched.constraints || touched.budgets)
    update_vetoes(values, touched.constraints, touched.budgets, base);
}

void UtilityMatrix::reset(const UtilityMatrix& from, const Touched& touched) {
  for (std::size_t i : touched.moving) m_rows[i] = from.m_rows[i];
  m_vetoed = from.m_vetoed;
  m_constraints = from.m_constraints;
  m_over = from.m_over;
}

void UtilityMatrix::update_vetoes(const Values& values, bool constraints, bool budgets,
                                  const CostBase* base) {
  if (constraints) m_constraints = vetoes_of(m_model.questionnaire, values);
  if (budgets) m_over = over_firm_budget(m_model.pricing, m_model.inputs, values, base);
  m_vetoed = rule_out_over_budget(m_constraints, m_over);
}

std::array<bool, kOptionCount> vetoes_of(const Questionnaire& q, const Values& values) {
  std::array<bool, kOptionCount> vetoed{};
  for (const Constraint& k : q.constraints) {
    if (!k.holds(values)) continue;
    for (Option o : kOptions) vetoed[index(o)] = vetoed[index(o)] || k.forbids[index(o)];
  }
  return vetoed;
}

std::array<bool, kOptionCount> rule_out_over_budget(const std::array<bool, kOptionCount>& vetoed,
                                                    const std::array<bool, kOptionCount>& over) {
  bool some_fit = false;
  for (std::size_t o = 0; o < kOptionCount; ++o) some_fit = some_fit || (!vetoed[o] && !over[o]);
  std::array<bool, kOptionCount> out = vetoed;
  if (!some_fit) return out;  // none fits: the scores decide among those allowed
  for (std::size_t o = 0; o < kOptionCount; ++o) out[o] = out[o] || over[o];
  return out;
}

std::array<bool, kOptionCount> ruled_out(const ScoringModel& model, const Values& values) {
  return rule_out_over_budget(vetoes_of(model.questionnaire, values),
                              over_firm_budget(model.pricing, model.inputs, values));
}

UtilityMatrix::Sums UtilityMatrix::sums_without(std::span<const double> weights,
                                                std::span<const std::size_t> rows) const {
  Sums s;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0 || std::find(rows.begin(), rows.end(), i) != rows.end()) continue;
    s.total += weights[i];
    for (std::size_t o = 0; o < kOptionCount; ++o) s.sum[o] += weights[i] * m_rows[i][o];
  }
  return s;
}

PerOption UtilityMatrix::scores(std::span<const double> weights, const Sums& fixed,
                                std::span<const std::size_t> rows) const {
  Sums s = fixed;
  for (std::size_t i : rows) {
    if (weights[i] <= 0) continue;
    s.total += weights[i];
    for (std::size_t o = 0; o < kOptionCount; ++o) s.sum[o] += weights[i] * m_rows[i][o];
  }
  PerOption scores{};
  for (std::size_t o = 0; o < kOptionCount; ++o)
    scores[o] = s.total > 0 ? 100 * s.sum[o] / s.total : 0;
  return scores;
}

std::optional<Option> UtilityMatrix::winner(const PerOption& scores) const {
  std::optional<Option> best;
  for (Option o : kOptions) {
    if (m_vetoed[index(o)]) continue;
    if (!best || scores[index(o)] > scores[index(*best)] + kTieTolerance) best = o;
  }
  return best;
}

}  // namespace aidecide
