// SPDX-License-Identifier: MIT
// Flip points (docs/scoring.md): what would have to change for another
// option to win. Weights are solved exactly (the score is linear in each
// weight); numeric answers are searched on a geometric grid and refined by
// bisection; choice answers are tried one by one.
#include <algorithm>
#include <cmath>
#include <limits>

#include "aidecide/cost.hpp"
#include "aidecide/engine.hpp"
#include "scorer.hpp"

namespace aidecide {
namespace {

constexpr double kGridStep = 1.5;  // numeric search: 50 % steps
constexpr int kBisections = 36;
constexpr double kRangeStretch = 100;  // search 100x beyond the plausible range

// Probes one answer at a time: the decision's utility matrix with only what
// reads that answer recomputed.
class Probe {
 public:
  Probe(const ScoringModel& model, const Decision& d)
      : m_model(model),
        m_d(d),
        m_values(d.values),
        m_base(model, d.values, d.cost),
        m_matrix(m_base) {}

  // The scores with criterion `i` set to `v` and every other answer as decided.
  PerOption scores_with(std::size_t i, const Value& v) {
    if (m_criterion != i) {
      restore();
      m_criterion = i;
      m_touched = &m_model.dependencies.one[i];
      // Only these rows change while `i` does; the rest is summed once.
      m_fixed = m_matrix.sums_without(m_d.weights, m_touched->moving);
    }
    m_values[i] = v;
    m_matrix.update(m_values, *m_touched);
    return m_matrix.scores(m_d.weights, m_fixed, m_touched->moving);
  }
  // The winner among scores_with()'s scores.
  std::optional<Option> winner(const PerOption& scores) const { return m_matrix.winner(scores); }
  std::optional<Option> winner_with(std::size_t i, const Value& v) {
    return winner(scores_with(i, v));
  }

 private:
  void restore() {
    if (m_criterion == kNoIndex) return;
    m_values[m_criterion] = m_d.values[m_criterion];
    m_matrix.reset(m_base, *m_touched);
  }

  const ScoringModel& m_model;
  const Decision& m_d;
  Values m_values;
  const UtilityMatrix m_base;  // the decision's own
  UtilityMatrix m_matrix;      // with one answer changed
  std::size_t m_criterion = kNoIndex;
  const Touched* m_touched = nullptr;
  UtilityMatrix::Sums m_fixed;
};

std::vector<WeightFlip> weight_flips(const Decision& d) {
  std::vector<WeightFlip> flips;
  const Option w = *d.recommendation;
  // The lead over each other option, in weighted-utility units (the
  // normalisation by total weight does not change who leads).
  PerOption leads{};
  for (Option o : kOptions) {
    for (const Contribution& k : d.contributions)
      leads[index(o)] += k.weight * (k.utility[index(w)] - k.utility[index(o)]);
  }
  for (const Contribution& c : d.contributions) {
    std::optional<WeightFlip> best;
    for (Option o : kOptions) {
      if (o == w || d.vetoed[index(o)]) continue;
      const double lead = leads[index(o)];
      const double diff = c.utility[index(w)] - c.utility[index(o)];
      if (std::fabs(diff) < 1e-12 || c.weight <= 0) continue;
      // lead + (f - 1) * weight * diff = 0
      const double factor = 1 - lead / (c.weight * diff);
      if (factor <= 0) continue;  // no non-negative weight can close the gap
      if (!best || std::fabs(std::log(factor)) < std::fabs(std::log(best->factor)))
        best = WeightFlip{c.criterion, factor, o};
    }
    if (best) flips.push_back(*best);
  }
  std::stable_sort(flips.begin(), flips.end(), [](const WeightFlip& a, const WeightFlip& b) {
    return std::fabs(std::log(a.factor)) < std::fabs(std::log(b.factor));
  });
  return flips;
}

// How far the search for a number goes: from the smallest value the
// criterion accepts to 100 times its plausible range.
std::pair<double, double> search_range(const Criterion& c) {
  const double bottom = c.exclusive_minimum ? c.minimum + 1e-6 : c.minimum;
  const double top =
      std::min(c.maximum.value_or(1e15), std::max(c.plausible.second, 1.0) * kRangeStretch);
  return {bottom, top};
}

// The lowest and highest utility of each option on [lo, hi]: a curve is
// monotone between its points, so the ends and the points inside suffice.
std::pair<PerOption, PerOption> curve_range(const Curve& curve, double lo, double hi) {
  PerOption low, high;
  for (Option o : kOptions) {
    double a = std::min(curve.eval(o, lo), curve.eval(o, hi));
    double b = std::max(curve.eval(o, lo), curve.eval(o, hi));
    for (const auto& [x, u] : curve.points[index(o)]) {
      if (x > lo && x < hi) a = std::min(a, u), b = std::max(b, u);
    }
    low[index(o)] = a;
    high[index(o)] = b;
  }
  return {low, high};
}

// The lowest and highest utility of each option over every answer of a
// choice criterion, adjustments included whether or not they apply.
std::pair<PerOption, PerOption> answers_range(const Criterion& c) {
  PerOption low, high;
  low.fill(1e300);
  high.fill(-1e300);
  const auto take = [&](std::size_t o, double u) {
    low[o] = std::min(low[o], u);
    high[o] = std::max(high[o], u);
  };
  for (const ChoiceAnswer& a : c.answers) {
    for (std::size_t o = 0; o < kOptionCount; ++o) take(o, a.utility[o]);
  }
  for (const Adjustment& adj : c.adjustments) {
    for (const auto& [which, overrides] : adj.utilities) {
      for (std::size_t o = 0; o < kOptionCount; ++o) {
        if (overrides[o]) take(o, *overrides[o]);
      }
    }
  }
  return {low, high};
}

// False when no answer of criterion `i` whose own row stays within
// `own` (lowest and highest utility per option) can let another option win,
// so the search can be skipped: the recommendation's lead over each allowed
// rival exceeds the most the rows that read `i` can take away (its own row
// within `own`, the budget row within the budget utility's range, any other
// row anywhere in [0, 1]). A constraint that reads `i` and forbids the
// recommendation may rule it out: then the search must run.
// The recommendation's lead over each option (weighted-utility units, the
// drivers in their order) and the total weight: what every bound starts from.
struct Leads {
  PerOption lead{};
  double total = 0;
  explicit Leads(const Decision& d) {
    const std::size_t w = index(*d.recommendation);
    for (const Contribution& c : d.contributions) total += c.weight;
    for (std::size_t o = 0; o < kOptionCount; ++o) {
      for (const Contribution& c : d.contributions)
        lead[o] += c.weight * (c.utility[w] - c.utility[o]);
    }
  }
};

bool could_flip(const ScoringModel& model, const Decision& d, const Leads& leads, std::size_t i,
                const std::pair<PerOption, PerOption>& own) {
  const Touched& t = model.dependencies.one[i];
  const Questionnaire& q = model.questionnaire;
  const std::size_t w = index(*d.recommendation);
  for (const Constraint& k : q.constraints) {
    const bool reads_i = std::any_of(k.when.begin(), k.when.end(),
                                     [&](const Condition& c) { return c.criterion == i; });
    if (reads_i && k.forbids[w]) return true;
  }
  const std::vector<std::size_t>& moving = t.moving;
  const double total = leads.total;
  for (Option rival : kOptions) {
    const std::size_t o = index(rival);
    // A rival ruled out by a constraint that reads `i` may come back.
    if (o == w || (d.vetoed[o] && !t.constraints)) continue;
    const double lead = leads.lead[o];
    double loss = 0;
    for (const Contribution& c : d.contributions) {
      if (c.weight <= 0 || std::find(moving.begin(), moving.end(), c.criterion) == moving.end())
        continue;
      const double now = c.utility[w] - c.utility[o];
      const Criterion& k = q.criteria[c.criterion];
      PerOption low{}, high{1, 1, 1};
      if (c.criterion == i) {
        std::tie(low, high) = own;
      } else if (!k.answerable() && k.signal == DerivedSignal::budget) {
        std::tie(low, high) = budget_utility_range();
      }
      loss += c.weight * (now - (low[w] - high[o]));
    }
    if (!(lead - loss > 1e-9 * total)) return true;
  }
  return false;
}

// A lead this much above the most it can lose keeps the winner whatever the
// rounding (ties are within kTieTolerance).
constexpr double kSkipGuard = 1e-6;

// How many points the recommendation's lead over a rival can lose while
// number `i` moves between two positive values, when all `i` moves is its
// own curve and the cost model's utilities (cost.hpp: how fast those move).
// Lets the walk skip grid values that provably keep the winner, which gives
// the very result of probing each of them. Not usable when a constraint or
// another criterion's adjustment reads `i`: those can jump anywhere.
class LeadLoss {
 public:
  LeadLoss(const ScoringModel& model, const Decision& d, std::size_t i)
      : m_curve(model.questionnaire.criteria[i].curve) {
    const Questionnaire& q = model.questionnaire;
    const Dependencies& dep = model.dependencies;
    m_usable = !dep.one[i].constraints;
    for (std::size_t row : dep.rows[i]) {
      if (row == i)
        m_own_weight = d.weights[i];
      else if (d.weights[row] > 0)
        m_usable = false;
    }
    for (std::size_t row : dep.derived) {
      const bool budget = q.criteria[row].signal == DerivedSignal::budget;
      if (budget ? dep.budget_utility[i] : dep.cost_utility[i])
        m_slope += d.weights[row] * (budget ? budget_utility_slope() : cost_utility_slope());
    }
    for (double w : d.weights) m_total += w > 0 ? w : 0;
    m_usable = m_usable && m_total > 0;
  }

  bool usable() const { return m_usable; }
  bool has_own_row() const { return m_own_weight > 0; }

  // Without a row of its own: the open interval around `anchor` (> 0) in
  // which the lead of w over every rival not vetoed provably stays above
  // kSkipGuard points, given the scores at `anchor`. One exp for every value
  // it covers, rather than a logarithm per value and rival.
  std::pair<double, double> safe_range(std::size_t w, const PerOption& scores,
                                       const std::array<bool, kOptionCount>& vetoed,
                                       double anchor) const {
    double delta = std::numeric_limits<double>::infinity();  // in units of ln(x)
    for (std::size_t o = 0; o < kOptionCount; ++o) {
      if (o == w || vetoed[o]) continue;
      const double spare = (scores[w] - scores[o] - kSkipGuard) * m_total / 100;
      if (!(spare > 0)) return {anchor, anchor};
      if (m_slope > 0) delta = std::min(delta, spare / m_slope);
    }
    delta *= 1 - 1e-9;  // room for the rounding of exp and the products
    return {anchor * std::exp(-delta), anchor * std::exp(delta)};
  }

  // The most the lead of option w over option o can shrink, in points, while
  // the number moves from a to b (both positive).
  double points(std::size_t w, std::size_t o, double a, double b) const {
    double loss = m_slope * std::fabs(std::log(b / a));
    if (m_own_weight > 0) {
      const auto [low, high] = curve_range(m_curve, std::min(a, b), std::max(a, b));
      const double now = m_curve.eval(kOptions[w], a) - m_curve.eval(kOptions[o], a);
      loss += m_own_weight * std::max(0.0, now - (low[w] - high[o]));
    }
    return 100 * loss / m_total;
  }

 private:
  const Curve& m_curve;
  bool m_usable = true;
  double m_own_weight = 0;  // of the number's own row
  double m_slope = 0;       // weighted slope of the derived rows it moves
  double m_total = 0;
};

// Walks from the current value in one direction until the winner changes,
// then bisects to the threshold. Grid values the lead provably survives
// are not probed.
std::optional<NumberFlip> search_number(const ScoringModel& model, const Decision& d, Probe& probe,
                                        std::size_t i, bool up) {
  const Criterion& c = model.questionnaire.criteria[i];
  const auto range = search_range(c);
  const double bottom = range.first, hi = range.second;
  // Geometric steps need a positive floor; below it the search jumps to the bottom.
  const double lo = std::max({bottom, c.plausible.first / kRangeStretch, 1e-3});
  const double start = d.values[i].number;
  const auto winner_at = [&](double x) { return probe.winner_with(i, Value{0, x}); };
  // The next grid point away from `x`, or nothing past the end of the range.
  const auto next = [&](double x) -> std::optional<double> {
    if (up) {
      const double n = x <= 0 ? std::max(1.0, lo) : x * kGridStep;
      return n <= hi ? std::optional(n) : std::nullopt;
    }
    if (x <= bottom) return std::nullopt;
    const double n = x / kGridStep;
    return n >= lo ? n : bottom;  // finish at the very bottom (a zero budget)
  };
  const LeadLoss loss(model, d, i);
  const std::size_t w = index(*d.recommendation);
  double anchor = start;  // the last value scored, where the recommendation wins
  PerOption anchor_scores = d.scores;
  // No constraint reads the number when the loss bound is usable: the
  // vetoed rivals stay vetoed.
  const bool by_range = loss.usable() && !loss.has_own_row();
  std::pair<double, double> safe{start, start};
  if (by_range && start > 0) safe = loss.safe_range(w, anchor_scores, d.vetoed, start);
  const auto provably_keeps = [&](double x) {
    if (!loss.usable() || !(anchor > 0) || !(x > 0)) return false;
    if (by_range) return safe.first < x && x < safe.second;
    for (std::size_t o = 0; o < kOptionCount; ++o) {
      if (o == w || d.vetoed[o]) continue;
      const double lead = anchor_scores[w] - anchor_scores[o];
      if (!(lead - loss.points(w, o, anchor, x) > kSkipGuard)) return false;
    }
    return true;
  };
  double previous = start;
  for (auto x = next(start); x; previous = *x, x = next(*x)) {
    if (provably_keeps(*x)) continue;
    const PerOption scores = probe.scores_with(i, Value{0, *x});
    if (probe.winner(scores) == d.recommendation) {
      anchor = *x;
      anchor_scores = scores;
      if (by_range) safe = loss.safe_range(w, anchor_scores, d.vetoed, anchor);
      continue;
    }
    double a = previous, b = *x;  // a keeps the winner, b does not
    for (int k = 0; k < kBisections; ++k) {
      const double mid = a > 0 && b > 0 ? std::sqrt(a * b) : (a + b) / 2;
      (winner_at(mid) == d.recommendation ? a : b) = mid;
    }
    const auto winner = winner_at(b);
    if (!winner) return std::nullopt;
    return NumberFlip{i, b, up, *winner};
  }
  return std::nullopt;
}

}  // namespace

FlipPoints find_flip_points(const ScoringModel& model, const Decision& d) {
  FlipPoints flips;
  if (!d.recommendation) return flips;
  flips.weights = weight_flips(d);
  const Questionnaire& q = model.questionnaire;
  Probe probe(model, d);
  const Leads leads(d);
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    const Criterion& c = q.criteria[i];
    if (c.kind == CriterionKind::number) {
      const auto [bottom, top] = search_range(c);
      const double now = d.values[i].number;
      for (bool up : {false, true}) {
        // Each direction is searched only if some value in it could flip.
        if (!could_flip(model, d, leads, i,
                        curve_range(c.curve, up ? now : bottom, up ? top : now)))
          continue;
        if (auto f = search_number(model, d, probe, i, up)) flips.numbers.push_back(*f);
      }
    } else if (c.kind == CriterionKind::choice) {
      // No answer can change the winner: nothing to try.
      if (!could_flip(model, d, leads, i, answers_range(c))) continue;
      for (std::size_t a = 0; a < c.answers.size(); ++a) {
        if (a == d.values[i].choice) continue;
        const auto w = probe.winner_with(i, Value{a, 0});
        if (w && w != d.recommendation) flips.choices.push_back({i, a, *w});
      }
    }
  }
  std::stable_sort(flips.numbers.begin(), flips.numbers.end(),
                   [&](const NumberFlip& a, const NumberFlip& b) {
                     const auto distance = [&](const NumberFlip& f) {
                       const double now = d.values[f.criterion].number;
                       return now > 0 && f.value > 0 ? std::fabs(std::log(f.value / now)) : 1e9;
                     };
                     return distance(a) < distance(b);
                   });
  return flips;
}

}  // namespace aidecide
