// SPDX-License-Identifier: MIT
#pragma once
// The utility matrix of one profile: a row of per-option utilities for each
// criterion and the vetoes, for answers that change many times (confidence
// draws, flip-point probes). A change recomputes only the rows, cost-model
// utilities and constraints that read the changed answers.

#include <optional>
#include <span>
#include <vector>

#include "aidecide/engine.hpp"

namespace aidecide {

class CostBase;

// What changes when some answers change (Dependencies, touched_by()).
struct Touched {
  std::vector<std::size_t> rows;     // answerable rows to recompute
  std::vector<std::size_t> derived;  // derived (cost-model) rows to recompute
  std::vector<std::size_t> moving;   // both together: every row whose utilities may change
  bool cost_utility = false;         // a cost row among them (dearer than a budget row)
  bool constraints = false;          // the vetoes
  bool budgets = false;              // which options a firm budget rules out
};

// What reads each criterion, so that a change to one answer recomputes only
// that (confidence draws and flip-point probes; see scorer.hpp).
struct Dependencies {
  std::vector<std::vector<std::size_t>> rows;  // scored answerable rows whose utility reads it
  std::vector<bool> cost_utility;              // an input the cost utility reads
  std::vector<bool> budget_utility;            // an input the budget utility reads
  std::vector<bool> constraints;               // read by a hard constraint
  std::vector<bool> budgets;                   // read by the firm-budget test (over_firm_budget)
  // Where a constraint's condition on a number starts or stops holding
  // (its `below` and `at_least` values): the vetoes change nowhere else.
  std::vector<std::vector<double>> edges;
  std::vector<std::size_t> derived;         // the derived (cost-model) rows
  std::vector<std::size_t> derived_budget;  // those of them that are budget rows
  std::vector<Touched> one;                 // what answer i alone changes

  static Dependencies of(const Questionnaire& q, const CostInputs& in);
};

// What changes when the answers `changed` change.
Touched touched_by(const Dependencies& d, std::span<const std::size_t> changed);
inline Touched touched_by(const ScoringModel& model, std::span<const std::size_t> changed) {
  return touched_by(model.dependencies(), changed);
}

// The options ruled out: vetoed by a constraint, or over a firm budget
// while another option not vetoed fits every firm budget (docs/scoring.md,
// "Budgets").
std::array<bool, kOptionCount> rule_out_over_budget(const std::array<bool, kOptionCount>& vetoed,
                                                    const std::array<bool, kOptionCount>& over);
std::array<bool, kOptionCount> vetoes_of(const Questionnaire& q, const Values& values);
std::array<bool, kOptionCount> ruled_out(const ScoringModel& model, const Values& values);

class UtilityMatrix {
 public:
  UtilityMatrix(const ScoringModel& model, const Values& values, const CostEstimate& cost);

  // Recomputes what `touched` names from `values`; the cost model's part
  // from `base` when given (values that differ from its answers only where
  // a CostBase allows).
  void update(const Values& values, const Touched& touched, const CostBase* base = nullptr);
  // Takes back what `touched` names from `from` (the same profile's matrix).
  void reset(const UtilityMatrix& from, const Touched& touched);

  const PerOption& row(std::size_t criterion) const { return m_rows[criterion]; }

  // Weighted sums over the rows not in `rows`: what stays fixed while only
  // `rows` change (weights indexed like the criteria).
  struct Sums {
    PerOption sum{};
    double total = 0;
  };
  Sums sums_without(std::span<const double> weights, std::span<const std::size_t> rows) const;

  // The normalised scores for `weights` when every row but `rows` adds up
  // to `fixed`.
  PerOption scores(std::span<const double> weights, const Sums& fixed,
                   std::span<const std::size_t> rows) const;
  // The winner among those scores: the tie rule of score_values() (earlier
  // option on a tie), options ruled out (vetoed or over a firm budget) left out.
  std::optional<Option> winner(const PerOption& scores) const;
  // Ruled out: vetoed, or over a firm budget (ruled_out()).
  const std::array<bool, kOptionCount>& vetoed() const { return m_vetoed; }
  // Over a firm budget, as last computed.
  const std::array<bool, kOptionCount>& over() const { return m_over; }
  // The scored costs of the last update() that recomputed the cost row
  // (DerivedUtilities::scored).
  const PerOption& scored() const { return m_scored; }

 private:
  // Recomputes the constraints' vetoes and the options over a firm budget
  // as asked (each read by different answers), then what they rule out.
  void update_vetoes(const Values& values, bool constraints, bool budgets,
                     const CostBase* base = nullptr);

  const ScoringModel& m_model;
  std::vector<PerOption> m_rows;
  std::array<bool, kOptionCount> m_vetoed{};       // ruled out: the two below combined
  std::array<bool, kOptionCount> m_constraints{};  // vetoed by a constraint
  std::array<bool, kOptionCount> m_over{};         // over a firm budget
  PerOption m_scored{};
};

}  // namespace aidecide
