// SPDX-License-Identifier: MIT
#pragma once
// The cost model's utilities on their own, for the engine's inner loops
// (confidence draws, flip-point probes) and their bounds.

#include <memory>
#include <utility>
#include <vector>

#include "aidecide/cost.hpp"

namespace aidecide {

// While one is open on a thread, the cost model remembers the ways to
// self-host per combination of the answers they read (a speed-up for the
// confidence draws and flip probes of one decision). Open one only where
// no Pricing the engine is given changes or is freed while it lives.
class CostMemoScope {
 public:
  CostMemoScope();
  ~CostMemoScope();
  CostMemoScope(const CostMemoScope&) = delete;
  CostMemoScope& operator=(const CostMemoScope&) = delete;
};

// The derived criteria's utilities alone (what a score needs from the cost
// model): cheap enough for every confidence draw and flip-point probe.
struct DerivedUtilities {
  PerOption cost{};
  PerOption budget{};
  PerOption scored{};  // with the cost row: each option's scored cost, which it ranks
};
// With `over`, also which options are over a firm budget (over_firm_budget(),
// from the same pass).
DerivedUtilities derived_utilities(const Pricing& p, const CostInputs& in, const Values& values,
                                   std::array<bool, kOptionCount>* over = nullptr);
class CostBase;
// The same, computing only what is asked: the cost row when `cost`, the
// budget row when `budget` (the other is left at zero), and `over` when not
// null. One pass of the cost model for a confidence draw that needs several.
// From `base` when given (answers that differ from its own only where a
// CostBase allows).
DerivedUtilities derived_utilities(const Pricing& p, const CostInputs& in, const Values& values,
                                   bool cost, bool budget, std::array<bool, kOptionCount>* over,
                                   const CostBase* base = nullptr);
// over_firm_budget() (aidecide/cost.hpp), from `base` when given.
std::array<bool, kOptionCount> over_firm_budget(const Pricing& p, const CostInputs& in,
                                                const Values& values, const CostBase* base);
bool over_firm_budget(const Pricing& p, const CostInputs& in, const Values& values, Option o,
                      const CostBase* base);
// The cost model at one set of answers, for passes whose answers differ
// from those only in the volume, the budgets, the budgets' flexibility and
// the cache and batch shares (a flip walk's probes of them and its
// budget-edge searches, half of its passes; confidence draws that vary
// only those): the rest of the basis and the ways to self-host, which
// those do not read, are worked out once. Each pass gives what
// derived_utilities() and over_firm_budget() give at those answers.
class CostBase {
 public:
  CostBase(const Pricing& p, const CostInputs& in, const Values& values);
  ~CostBase();
  CostBase(const CostBase&) = delete;
  CostBase& operator=(const CostBase&) = delete;

  // Whether criterion `i` is one a pass may move (the volume, a budget,
  // the flexibility, the cache or batch share).
  static bool allows(const CostInputs& in, std::size_t i);

  DerivedUtilities derived(const Values& values, bool cost, bool budget,
                           std::array<bool, kOptionCount>* over) const;
  std::array<bool, kOptionCount> over_firm(const Values& values) const;
  bool over_firm(const Values& values, Option o) const;

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

// The cost utility alone: enough when no budget row is to be recomputed.
PerOption cost_utility(const Pricing& p, const CostInputs& in, const Values& values);
// The budget utility alone: enough when only the budgets or the GPUs already
// owned changed, which the cost utility does not read. Nondecreasing in
// either budget and nonincreasing in volume and tokens for every option
// (property tests hold it to that; the flip-point search relies on it).
PerOption budget_utility(const Pricing& p, const CostInputs& in, const Values& values);
// The lowest and highest budget utility of each option over every answer.
std::pair<PerOption, PerOption> budget_utility_range();
// The lowest and highest cost utility of each option while each option's
// scored cost (DerivedUtilities::scored) lies anywhere in [low, high]: the
// cost row ranks the options by those costs alone. [0, 1] for every option
// when a cost is not positive and finite at its low end.
std::pair<PerOption, PerOption> cost_utility_bounds(const PerOption& low, const PerOption& high);

// The values of number `i` between `from` and `to` where the shape of a
// replica changes (a larger group or GPU, fewer sequences, the model's
// context reached), each with a value a hair above it: only the token counts
// have any. The cost model's slopes hold between two of them.
std::vector<double> sizing_edges(const Pricing& p, const CostInputs& in, const Values& values,
                                 std::size_t i, double from, double to);
// Of those, only where a shape with more free memory takes over, in the
// ladders the answers read (the edge box's only with the edge way
// considered): past the others (a sequence fewer, the context clipped)
// every cost and need still only grows with the token counts, so these
// alone bound the stretches over which it does.
std::vector<double> shape_takeovers(const Pricing& p, const CostInputs& in, const Values& values,
                                    std::size_t i, double from, double to);

// How fast the derived utilities can move with one numeric input x > 0,
// everything else fixed (docs/cost-model.md, "How fast the utilities
// move"): between x1 and x2 the difference between two options' cost
// utilities changes by at most cost_utility_slope() x |ln(x2 / x1)|, and
// likewise for the budget utilities (for a volume or token count only when
// no GPU is owned). Flip-point searches use it to skip
// values that cannot change the winner.
double cost_utility_slope();
double budget_utility_slope();

}  // namespace aidecide
