// SPDX-License-Identifier: MIT
// Flip points (docs/scoring.md): what would have to change for another
// option to win. Weights are solved exactly (the score is linear in each
// weight); numeric answers are searched on a geometric grid and refined by
// bisection; choice answers are tried one by one.
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "aidecide/cost.hpp"
#include "aidecide/engine.hpp"
#include "engine/cost_model.hpp"
#include "engine/scorer.hpp"

namespace aidecide {
namespace {

constexpr double kGridStep = 1.5;  // numeric search: 50 % steps
constexpr int kBisections = 36;
constexpr double kRangeStretch = 100;  // search 100x beyond the plausible range
constexpr double kNarrowest = 1e-9;    // a new winner must hold this far past its flip point
// A lead this much above the most it can lose keeps the winner whatever the
// rounding (ties are within kTieTolerance).
constexpr double kSkipGuard = 1e-6;

std::pair<PerOption, PerOption> curve_range(const Curve& curve, double lo, double hi);

// Probes one answer at a time: the decision's utility matrix with only what
// reads that answer recomputed.
class Probe {
 public:
  Probe(const ScoringModel& model, const Decision& d, const CostBase& cost)
      : m_model(model),
        m_d(d),
        m_values(d.values),
        m_base(model, d.values, d.cost),
        m_matrix(m_base),
        m_cost(cost) {}

  // The scores with criterion `i` set to `v` and every other answer as decided.
  PerOption scores_with(std::size_t i, const Value& v) {
    select(i);
    m_values[i] = v;
    m_matrix.update(m_values, *m_touched, m_by_base ? &m_cost : nullptr);
    m_probed = v.number;
    return m_matrix.scores(m_d.weights, m_fixed, m_touched->moving);
  }
  // The winner among scores_with()'s scores.
  std::optional<Option> winner(const PerOption& scores) const { return m_matrix.winner(scores); }
  std::optional<Option> winner_with(std::size_t i, const Value& v) {
    return winner(scores_with(i, v));
  }
  // The options vetoed at the last scores_with().
  const std::array<bool, kOptionCount>& vetoed() const { return m_matrix.vetoed(); }

  // Whether option w provably wins at every value of number `i` from `a`
  // to `b`, given that no stop lies between them (an edge where a
  // constraint or a firm budget changes what is ruled out, or where a
  // larger replica shape takes over) and `vetoed` is what is ruled out at
  // `a` (`a`: the decision's own value when `at_decision`). From the cost
  // model at the two ends: between stops each option's scored cost and
  // needs move one way only (monotone()), so each lies between its values
  // at the ends. One bound for a whole stretch of the walk, where the slope
  // bound of LeadLoss covers a step or two: most walks find no flip.
  enum class Bound { none, failed, kept };  // none: not tried, no pass spent
  Bound keeps_between(std::size_t i, double a, double b, bool at_decision, std::size_t w,
                      const std::array<bool, kOptionCount>& vetoed) {
    if (vetoed[w] || !monotone(i, std::min(a, b))) return Bound::none;
    select(i);
    const Questionnaire& q = m_model.questionnaire;
    const std::vector<double>& weights = m_d.weights;
    bool cost = false, budget = false;
    std::size_t budget_row = 0;
    double total = m_fixed.total;
    for (std::size_t r : m_touched->moving) {
      if (weights[r] <= 0) continue;
      total += weights[r];
      const Criterion& c = q.criteria[r];
      // Another row that reads `i` (an adjustment), or an own row whose
      // adjustments may override its curve: no bound here.
      if (c.answerable() && (r != i || !c.adjustments.empty())) return Bound::none;
      if (c.answerable()) continue;
      if (c.signal == DerivedSignal::cost) {
        cost = true;
      } else {
        budget = true;
        budget_row = r;
      }
    }
    if (!(total > 0)) return Bound::none;
    const bool firm = m_touched->budgets;
    const Pass pa = at_decision     ? decision_pass()
                    : a == m_probed ? last_pass(budget_row)
                                    : pass_at(i, a, cost, budget, firm);
    const Pass pb = pass_at(i, b, cost, budget, firm);
    // Whether an option is over a firm budget changes at most once between
    // them: the same at both ends, the same throughout.
    if (firm && pa.over != pb.over) return Bound::failed;
    PerOption low{}, high{};  // weighted sums over the moving rows
    const auto add = [&](double weight, const PerOption& lo, const PerOption& hi) {
      for (std::size_t o = 0; o < kOptionCount; ++o) {
        low[o] += weight * lo[o];
        high[o] += weight * hi[o];
      }
    };
    const auto ends = [](const PerOption& x, const PerOption& y, double pad) {
      PerOption lo, hi;
      for (std::size_t o = 0; o < kOptionCount; ++o) {
        lo[o] = std::min(x[o], y[o]) - pad;
        hi[o] = std::max(x[o], y[o]) + pad;
      }
      return std::pair{lo, hi};
    };
    for (std::size_t r : m_touched->moving) {
      if (weights[r] <= 0) continue;
      const Criterion& c = q.criteria[r];
      if (c.answerable()) {
        const auto [lo, hi] = curve_range(c.curve, std::min(a, b), std::max(a, b));
        add(weights[r], lo, hi);
      } else if (c.signal == DerivedSignal::cost) {
        const auto [lo, hi] = ends(pa.rows.scored, pb.rows.scored, 0);
        const auto [ulo, uhi] = cost_utility_bounds(lo, hi);
        add(weights[r], ulo, uhi);
      } else {
        const auto [lo, hi] = ends(pa.rows.budget, pb.rows.budget, 1e-9);
        add(weights[r], lo, hi);
      }
    }
    for (std::size_t o = 0; o < kOptionCount; ++o) {
      if (o == w || vetoed[o]) continue;
      const double lead = 100 * ((m_fixed.sum[w] + low[w]) - (m_fixed.sum[o] + high[o])) / total;
      if (!(lead > kSkipGuard)) return Bound::failed;
    }
    return Bound::kept;
  }

 private:
  // Whether every option's scored cost and needs move one way only while
  // number `i` moves between two stops at or above `from`: up with the
  // volume, the token counts and the sites (whole sites past one, where a
  // second turns the edge way on; with no firm budget), down with the
  // cache share (while cached input costs no more than other input); the
  // budget row only grows with a budget (cost-model.md, "Direction").
  bool monotone(std::size_t i, double from) const {
    const CostInputs& in = m_model.inputs;
    if (i == in.monthly_requests || i == in.tokens_in || i == in.tokens_out ||
        i == in.upfront_budget || i == in.monthly_budget)
      return true;
    // Not the whole units a firm budget is held to: those round up per
    // site, and seven replicas take eight on two or four sites, nine on three.
    if (i == in.sites) return from > 1 + 1e-9 && !m_d.cost.firm.any();
    if (i == in.cached_input) {
      const HostedModel& api = *m_model.pricing.plans[m_d.values[in.model_capability].choice].cloud;
      return api.cached_input_per_mtok <= api.input_per_mtok;
    }
    return false;
  }
  // One pass of the cost model: its rows and who is over a firm budget.
  // No default member initialisers: std::optional<Pass>::emplace() needs
  // Pass default-constructible while Probe is incomplete (clang); Pass{}
  // value-initialises every field.
  struct Pass {
    DerivedUtilities rows;
    std::array<bool, kOptionCount> over;
  };
  Pass pass_at(std::size_t i, double x, bool cost, bool budget, bool firm) {
    Pass p{};
    m_values[i] = Value{0, x};
    p.rows = derived_utilities(m_model.pricing, m_model.inputs, m_values, cost, budget,
                               firm ? &p.over : nullptr, m_by_base ? &m_cost : nullptr);
    return p;
  }
  // What the last scores_with() worked out, at the value it probed: the
  // same pass (m_probed is only ever a value of the criterion selected).
  Pass last_pass(std::size_t budget_row) const {
    Pass p{};
    p.rows.scored = m_matrix.scored();
    p.rows.budget = m_matrix.row(budget_row);
    p.over = m_matrix.over();
    return p;
  }
  // At the decision's own answers, the same for every number: once.
  const Pass& decision_pass() {
    if (!m_decision) {
      m_decision.emplace(Pass{});
      m_decision->rows = m_cost.derived(m_d.values, true, true, &m_decision->over);
    }
    return *m_decision;
  }
  void select(std::size_t i) {
    if (m_criterion == i) return;
    m_probed = std::numeric_limits<double>::quiet_NaN();
    restore();
    m_criterion = i;
    m_touched = &m_model.dependencies().one[i];
    // Only these rows change while `i` does; the rest is summed once.
    m_fixed = m_matrix.sums_without(m_d.weights, m_touched->moving);
    m_by_base = CostBase::allows(m_model.inputs, i);
  }

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
  const CostBase& m_cost;      // the cost model at the decision's answers
  std::size_t m_criterion = kNoIndex;
  const Touched* m_touched = nullptr;
  bool m_by_base = false;  // `m_criterion` moves only what m_cost allows
  UtilityMatrix::Sums m_fixed;
  std::optional<Pass> m_decision;
  double m_probed = std::numeric_limits<double>::quiet_NaN();  // no value equals it
};

std::vector<WeightFlip> weight_flips(const Decision& d) {
  std::vector<WeightFlip> flips;
  flips.reserve(d.contributions.size());
  const Option w = *d.recommendation;
  // The lead over each other option, in weighted-utility units (the
  // normalisation by total weight does not change who leads).
  PerOption leads{};
  for (Option o : kOptions) {
    for (const Contribution& k : d.contributions)
      leads[index(o)] += k.weight * (k.utility[index(w)] - k.utility[index(o)]);
  }
  // The smallest change in log terms first: |ln factor|, taken once per flip.
  std::vector<double> change;
  change.reserve(d.contributions.size());
  for (const Contribution& c : d.contributions) {
    std::optional<WeightFlip> best;
    double best_change = 0;
    for (Option o : kOptions) {
      if (o == w || d.ruled_out[index(o)]) continue;
      const double lead = leads[index(o)];
      const double diff = c.utility[index(w)] - c.utility[index(o)];
      if (std::fabs(diff) < 1e-12 || c.weight <= 0) continue;
      // lead + (f - 1) * weight * diff = 0
      const double factor = 1 - lead / (c.weight * diff);
      if (factor <= 0) continue;  // no non-negative weight can close the gap
      const double how_much = std::fabs(std::log(factor));
      if (!best || how_much < best_change) {
        best = WeightFlip{c.criterion, factor, o};
        best_change = how_much;
      }
    }
    if (best) {
      flips.push_back(*best);
      change.push_back(best_change);
    }
  }
  // A stable insertion sort: a few dozen flips at most.
  for (std::size_t k = 1; k < flips.size(); ++k) {
    const WeightFlip f = flips[k];
    const double key = change[k];
    std::size_t m = k;
    for (; m > 0 && key < change[m - 1]; --m) {
      flips[m] = flips[m - 1];
      change[m] = change[m - 1];
    }
    flips[m] = f;
    change[m] = key;
  }
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
  const PerOption at_lo = curve.eval_all(lo), at_hi = curve.eval_all(hi);
  PerOption low, high;
  for (std::size_t o = 0; o < kOptionCount; ++o) {
    double a = std::min(at_lo[o], at_hi[o]);
    double b = std::max(at_lo[o], at_hi[o]);
    for (const auto& [x, u] : curve.points[o]) {
      if (x > lo && x < hi) a = std::min(a, u), b = std::max(b, u);
    }
    low[o] = a;
    high[o] = b;
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

// The recommendation's lead over each option (weighted-utility units, the
// drivers in their order) and the total weight: what every bound starts
// from; and which rows and constraints each criterion can move.
struct Leads {
  PerOption lead{};
  double total = 0;
  std::vector<const Contribution*> driver;  // per criterion: its contribution, if it counts
  std::vector<bool> may_veto;  // per criterion: a constraint reading it forbids the recommendation
  std::vector<bool> budget_read;  // per criterion: the firm-budget test reads it
  Leads(const ScoringModel& model, const Decision& d)
      : driver(model.questionnaire.criteria.size(), nullptr),
        may_veto(model.questionnaire.criteria.size(), false),
        budget_read(model.questionnaire.criteria.size(), false) {
    const std::size_t w = index(*d.recommendation);
    for (const Contribution& c : d.contributions) total += c.weight;
    for (std::size_t o = 0; o < kOptionCount; ++o) {
      for (const Contribution& c : d.contributions)
        lead[o] += c.weight * (c.utility[w] - c.utility[o]);
    }
    for (const Contribution& c : d.contributions) {
      if (c.weight > 0) driver[c.criterion] = &c;
    }
    for (const Constraint& k : model.questionnaire.constraints) {
      if (!k.forbids[w]) continue;
      for (const Condition& c : k.when) may_veto[c.criterion] = true;
    }
    // A firm budget may rule it out (or another option in) where the needs
    // cross a budget: not bounded by the leads.
    const Dependencies& dep = model.dependencies();
    const std::size_t flexibility = model.inputs.budget_flexibility;
    for (std::size_t i = 0; i < may_veto.size(); ++i)
      budget_read[i] = dep.budgets[i] && (d.cost.firm.any() || i == flexibility);
  }
};

// False when no answer of criterion `i` whose own row stays within
// `own` (lowest and highest utility per option) can let another option win,
// so the search can be skipped: the recommendation's lead over each allowed
// rival exceeds the most the rows that read `i` can take away (its own row
// within `own`, the budget row within the budget utility's range, any other
// row anywhere in [0, 1]). When the options ruled out may change (a
// constraint that reads `i` and forbids the recommendation, a budget edge
// on the way, a rival that may come back while the recommendation is over
// a firm budget), the search must run.
bool could_flip(const ScoringModel& model, const Decision& d, const Leads& leads, std::size_t i,
                const std::pair<PerOption, PerOption>& own, bool ruled_out_may_change) {
  if (ruled_out_may_change) return true;
  const Touched& t = model.dependencies().one[i];
  const Questionnaire& q = model.questionnaire;
  const std::size_t w = index(*d.recommendation);
  for (Option rival : kOptions) {
    const std::size_t o = index(rival);
    // A rival ruled out by a constraint that reads `i` may come back.
    if (o == w || (d.ruled_out[o] && !t.constraints && !t.budgets)) continue;
    // Recommended over a firm budget only because nothing else fits: a
    // rival that comes back and fits rules it out, whatever the scores.
    if (d.ruled_out[o] && d.no_option_fits) return true;
    double loss = 0;
    for (std::size_t row : t.moving) {
      const Contribution* c = leads.driver[row];
      if (c == nullptr) continue;
      const double now = c->utility[w] - c->utility[o];
      const Criterion& k = q.criteria[row];
      PerOption low{}, high{1, 1, 1};
      if (row == i) {
        std::tie(low, high) = own;
      } else if (!k.answerable() && k.signal == DerivedSignal::budget) {
        std::tie(low, high) = budget_utility_range();
      }
      loss += c->weight * (now - (low[w] - high[o]));
    }
    if (!(leads.lead[o] - loss > 1e-9 * leads.total)) return true;
  }
  return false;
}

// How many points the recommendation's lead over a rival can lose while
// number `i` moves between two positive values, when all `i` moves is its
// own curve and the cost model's utilities (cost.hpp: how fast those move).
// Lets the walk skip grid values that provably keep the winner, which gives
// the very result of probing each of them. Not usable when another
// criterion's adjustment reads `i`: that can jump anywhere. What is ruled
// out changes only at the edges (a constraint's condition, a firm budget's
// crossing), so the bound holds for values on the same side of every edge
// as the value it starts from.
class LeadLoss {
 public:
  LeadLoss(const ScoringModel& model, const Decision& d, std::size_t i,
           std::span<const double> budget_edges)
      : m_curve(model.questionnaire.criteria[i].curve),
        m_edges(model.dependencies().edges[i].begin(), model.dependencies().edges[i].end()) {
    m_edges.insert(m_edges.end(), budget_edges.begin(), budget_edges.end());
    std::sort(m_edges.begin(), m_edges.end());
    const Questionnaire& q = model.questionnaire;
    const Dependencies& dep = model.dependencies();
    for (std::size_t row : dep.rows[i]) {
      if (row == i)
        m_own_weight = d.weights[i];
      else if (d.weights[row] > 0)
        m_usable = false;
    }
    const CostInputs& in = model.inputs;
    const bool is_budget = i == in.upfront_budget || i == in.monthly_budget;
    // Volume and tokens move the budget row within its slope only when no
    // GPU is owned (cost_model.hpp).
    const bool owns_gpus =
        model.pricing.existing_gpus.by_answer[d.values[in.existing_gpus].choice] > 0;
    for (std::size_t row : dep.derived) {
      const bool budget = q.criteria[row].signal == DerivedSignal::budget;
      if (!(budget ? dep.budget_utility[i] : dep.cost_utility[i])) continue;
      if (budget && !is_budget && owns_gpus) {
        // No slope, but every option's budget utility falls as the number
        // rises (and rises as it falls), so the lead loses at most the
        // row's weight, wherever the number goes.
        m_fixed_loss += d.weights[row];
        continue;
      }
      m_slope += d.weights[row] * (budget ? budget_utility_slope() : cost_utility_slope());
    }
    // A firm budget rules options in and out only at budget_edges(), which
    // the skips never cross; other numbers it reads have none worked out.
    if (dep.budgets[i] && d.cost.firm.any() && !is_budget && i != in.monthly_requests &&
        i != in.tokens_in && i != in.tokens_out)
      m_usable = false;
    // Sites switch the edge way on at two and count whole sites, and the
    // cache and batch shares lower the API bill faster than in proportion
    // near 100 %: no slope.
    if (i == in.sites || i == in.cached_input || i == in.batch) m_usable = false;
    for (double w : d.weights) m_total += w > 0 ? w : 0;
    m_usable = m_usable && m_total > 0;
  }

  bool usable() const { return m_usable; }
  // Where a constraint's condition on the number starts or stops holding.
  std::span<const double> edges() const { return m_edges; }
  // True when no constraint can tell a from b: the vetoes are the same.
  bool same_vetoes(double a, double b) const {
    // (a < e) != (b < e) for an edge e just where lo < e <= hi.
    const double lo = std::min(a, b), hi = std::max(a, b);
    const auto e = std::upper_bound(m_edges.begin(), m_edges.end(), lo);
    return e == m_edges.end() || !(*e <= hi);
  }
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
      const double spare = (scores[w] - scores[o] - kSkipGuard) * m_total / 100 - m_fixed_loss;
      if (!(spare > 0)) return {anchor, anchor};
      if (m_slope > 0) delta = std::min(delta, spare / m_slope);
    }
    delta *= 1 - 1e-9;  // room for the rounding of exp and the products
    return {anchor * std::exp(-delta), anchor * std::exp(delta)};
  }

  // The most the lead of option w over each option can shrink, in points,
  // while the number moves from a to b (both positive).
  PerOption points(std::size_t w, double a, double b) const {
    const double derived = m_slope * std::fabs(std::log(b / a)) + m_fixed_loss;
    PerOption loss;
    loss.fill(derived);
    if (m_own_weight > 0) {
      const auto [low, high] = curve_range(m_curve, std::min(a, b), std::max(a, b));
      const PerOption now = m_curve.eval_all(a);
      for (std::size_t o = 0; o < kOptionCount; ++o)
        loss[o] += m_own_weight * std::max(0.0, now[w] - now[o] - (low[w] - high[o]));
    }
    for (double& l : loss) l = 100 * l / m_total;
    return loss;
  }

 private:
  const Curve& m_curve;
  bool m_usable = true;
  double m_own_weight = 0;  // of the number's own row
  double m_slope = 0;       // weighted slope of the derived rows it moves
  double m_fixed_loss = 0;  // what the rows without a slope can take at most (weighted)
  double m_total = 0;
  std::vector<double> m_edges;  // Dependencies::edges of the number and its budget edges, sorted
};

// How far (in points) the recommendation is from losing to the closest
// rival not vetoed, or nothing when it is vetoed itself: its lead less the
// tie rule's margin (an earlier rival wins a tie within kTieTolerance, a
// later one must beat it by more), so that it keeps exactly where this is
// positive and the search can aim at zero.
std::optional<double> lead_over_rivals(std::size_t w, const PerOption& scores,
                                       const std::array<bool, kOptionCount>& vetoed) {
  if (vetoed[w]) return std::nullopt;
  double lead = std::numeric_limits<double>::infinity();
  for (std::size_t o = 0; o < kOptionCount; ++o) {
    if (o == w || vetoed[o]) continue;
    lead = std::min(lead, scores[w] - scores[o] - (o < w ? kTieTolerance : -kTieTolerance));
  }
  return lead;
}

// Where between `a` (the recommendation wins there) and `b` (it does not)
// the winner changes, as precisely as kBisections halvings of the grid step
// [previous, b] would find it; returns the value on the flipping side and
// who wins there. Between vetoes the lead over the closest rival is a
// smooth or piecewise-linear function of log(x), so Illinois steps (regula
// falsi that halves the lead of an end kept twice) find the change in a
// handful of probes where halving takes 36. A step after three that have
// not halved the bracket is a plain halving, so it never takes more than
// about four times as many probes as halving alone. An end whose lead is
// unknown (the recommendation vetoed there: a jump, not a crossing) sends
// the next probe to a constraint's edge. A bracket that reaches zero is
// halved arithmetically, as before.
struct Threshold {
  double value = 0;
  std::optional<Option> winner;
  double beyond = 0;  // a value scored on the new winner's side, next to the change
};
struct End {
  double x = 0;
  std::optional<double> lead;  // points over the closest rival not vetoed
};
Threshold find_threshold(Probe& probe, std::size_t i, std::size_t w, double previous, End a, End b,
                         std::optional<Option> b_winner, std::span<const double> edges) {
  const auto probe_at = [&](double x) {
    const PerOption scores = probe.scores_with(i, Value{0, x});
    return std::pair{probe.winner(scores), lead_over_rivals(w, scores, probe.vetoed())};
  };
  const auto keeps = [&](const std::optional<Option>& o) { return o && index(*o) == w; };
  if (!(a.x > 0 && b.x > 0 && previous > 0)) {
    a.x = previous;
    for (int k = 0; k < kBisections; ++k) {
      const double mid = a.x > 0 && b.x > 0 ? std::sqrt(a.x * b.x) : (a.x + b.x) / 2;
      const std::optional<Option> winner = probe_at(mid).first;
      if (keeps(winner)) {
        a.x = mid;
      } else {
        b.x = mid, b_winner = winner;
      }
    }
    // Kept nowhere above zero: the change is at zero itself ("above 0"),
    // not at whatever tiny value the halvings stopped at.
    if (a.x == 0) return {0, b_winner, b.x};
    return {b.x, b_winner, b.x};
  }
  if (a.lead) *a.lead = std::max(*a.lead, 0.0);
  if (b.lead) *b.lead = std::min(*b.lead, 0.0);
  const double precision = std::ldexp(std::fabs(std::log(b.x / previous)), -kBisections);
  // The bracket's width before each of the last three steps.
  std::array<double, 3> widths;
  widths.fill(std::numeric_limits<double>::infinity());
  int kept_twice = 0;  // +1: a was kept by the last step, -1: b was
  // Each edge's neighbouring doubles, taken once: the search below asks for
  // them at every step while the recommendation is vetoed at b.
  std::vector<std::array<double, 2>> around;  // below, above
  for (;;) {
    const double pa = std::log(a.x), pb = std::log(b.x), span = std::fabs(pb - pa);
    if (!(span > precision)) break;
    const bool slow = span > widths[0] / 2;
    widths = {widths[1], widths[2], span};
    double x = std::sqrt(a.x * b.x);
    const auto inside = [&](double v) { return v > std::min(a.x, b.x) && v < std::max(a.x, b.x); };
    if (!b.lead) {
      // Vetoed at b but not at a: a constraint's condition on this number
      // changed in between, at one of its edges or the double next to it.
      if (around.empty()) {
        for (double e : edges)
          around.push_back({std::nextafter(e, -HUGE_VAL), std::nextafter(e, HUGE_VAL)});
      }
      double nearest = b.x;
      for (std::size_t k = 0; k < edges.size(); ++k) {
        const double e = edges[k];
        // std::nextafter(e, b.x)
        const double next = b.x > e ? around[k][1] : b.x < e ? around[k][0] : b.x;
        for (double v : {e, next}) {
          if (inside(v) && std::fabs(v - a.x) < std::fabs(nearest - a.x)) nearest = v;
        }
      }
      if (nearest != b.x) x = nearest;
    } else if (!slow && a.lead && *a.lead - *b.lead > 0) {
      // At least half the precision from either end: a step that lands
      // next to the change on one side is followed by one just across it.
      const double margin = std::min(precision / 2, span / 4);
      const double t = pb - *b.lead * (pb - pa) / (*b.lead - *a.lead);
      x = std::exp(std::clamp(t, std::min(pa, pb) + margin, std::max(pa, pb) - margin));
    }
    if (!inside(x)) {
      x = std::sqrt(a.x * b.x);
      if (!inside(x)) break;  // adjacent doubles
    }
    const auto [winner, lead] = probe_at(x);
    // Rounding may give a lead of the wrong sign right at the change; the
    // winner decides, the lead only guides.
    if (keeps(winner)) {
      a = {x, lead ? std::optional(std::max(*lead, 0.0)) : std::nullopt};
      if (kept_twice == -1 && b.lead) *b.lead /= 2;
      kept_twice = -1;
    } else {
      b = {x, lead ? std::optional(std::min(*lead, 0.0)) : std::nullopt}, b_winner = winner;
      if (kept_twice == 1 && a.lead) *a.lead /= 2;
      kept_twice = 1;
    }
  }
  return {b.x, b_winner, b.x};
}

// Where a firm budget starts or stops ruling an option out as number `i`
// moves, with every other answer as decided (and the double on the other
// side of each): the vetoes change at these values and nowhere else, so the
// walk visits each (a window between two may be narrower than a grid step)
// and its skips never cross one. Each option's needs only grow with the
// volume and the tokens, so whether it is over a budget changes at most once
// on the searched range: the change is halved to about 1e-6 of the value.
std::vector<double> budget_edges(const ScoringModel& model, const Decision& d, const CostBase& base,
                                 std::size_t i, double from, double to) {
  std::vector<double> edges;
  if (!d.cost.firm.any()) return edges;
  const CostInputs& in = model.inputs;
  const double a0 = std::min(from, to), b0 = std::max(from, to);
  if (i == in.upfront_budget || i == in.monthly_budget) {
    // Whether an option fits changes where a budget crosses the need of one
    // of its allowed ways (the report's way among them).
    const auto add = [&](double need) {
      if (need > a0 && need <= b0) edges.insert(edges.end(), {need, std::nextafter(need, 0.0)});
    };
    for (const OptionCost& oc : d.cost.options) {
      if (oc.sizing.model == nullptr) {
        add(i == in.upfront_budget ? oc.upfront_usd : oc.running_monthly_usd);
        continue;
      }
      for (const WayCost& w : oc.ways) {
        if (w.allowed) add(i == in.upfront_budget ? w.upfront_usd : w.running_monthly_usd);
      }
    }
  } else if (i == in.monthly_requests || i == in.tokens_in || i == in.tokens_out) {
    Values v = d.values;
    const CostBase* by = CostBase::allows(model.inputs, i) ? &base : nullptr;
    const auto over = [&](double x) {
      v[i].number = x;
      return over_firm_budget(model.pricing, model.inputs, v, by);
    };
    // Below 10^-3 (a thousandth of a request or token) nothing is walked.
    const double low = std::max(a0, 1e-3);
    if (!(b0 > low)) return edges;
    const auto at_a = over(low), at_b = over(b0);
    for (std::size_t o = 0; o < kOptionCount; ++o) {
      if (at_a[o] == at_b[o]) continue;
      double a = low, b = b0;
      for (int k = 0; k < 64 && b > a * (1 + 1e-6); ++k) {
        const double mid = std::sqrt(a * b);
        v[i].number = mid;
        // The one option's test: the others' were a third of the search.
        (over_firm_budget(model.pricing, model.inputs, v, kOptions[o], by) == at_b[o] ? b : a) =
            mid;
      }
      edges.insert(edges.end(), {a, b});
    }
  }
  std::sort(edges.begin(), edges.end());
  return edges;
}

// Whether a firm budget may rule an option in or out while number `i` moves
// from `from` to `to`: whether each option is over a firm budget changes
// at most once on the way (its needs only grow with the number, a budget
// only covers more), so comparing the two ends is enough.
bool budget_fit_changes(const ScoringModel& model, const Decision& d, const CostBase& base,
                        std::size_t i, double from, double to) {
  if (!d.cost.firm.any()) return false;
  const CostBase* by = CostBase::allows(model.inputs, i) ? &base : nullptr;
  Values v = d.values;
  const auto over = [&](double x) {
    v[i].number = x;
    return over_firm_budget(model.pricing, model.inputs, v, by);
  };
  return over(from) != over(to);
}

// Walks from the current value in one direction until the winner changes,
// then bisects to the threshold. Grid values the lead provably survives
// are not probed.
std::optional<NumberFlip> search_number(const ScoringModel& model, const Decision& d, Probe& probe,
                                        std::size_t i, bool up, std::span<const double> edges,
                                        std::span<const double> stops) {
  const Criterion& c = model.questionnaire.criteria[i];
  const auto range = search_range(c);
  const double bottom = range.first, hi = range.second;
  // Geometric steps need a positive floor; below it the search jumps to the bottom.
  const double lo = std::max({bottom, c.plausible.first / kRangeStretch, 1e-3});
  const double start = d.values[i].number;
  // The next grid point (or need) away from `x`, or nothing past the end of the range.
  const auto grid_next = [&](double x) -> std::optional<double> {
    if (up) {
      const double n = x <= 0 ? std::max(1.0, lo) : x * kGridStep;
      // Finish at the very top: a step past it would leave the last stretch unprobed.
      if (n > hi) return x < hi ? std::optional(hi) : std::nullopt;
      return n;
    }
    if (x <= bottom) return std::nullopt;
    const double n = x / kGridStep;
    return n >= lo ? n : bottom;  // finish at the very bottom (a zero budget)
  };
  // The edges are sorted: the nearest one beyond x is found by halving (a
  // scan of every edge at every step was a fortieth of a profile's time).
  const auto next = [&](double x) -> std::optional<double> {
    std::optional<double> n = grid_next(x);
    if (up) {
      const auto e = std::upper_bound(edges.begin(), edges.end(), x);
      if (e != edges.end() && (!n || *e < *n)) n = *e;
    } else {
      const auto e = std::lower_bound(edges.begin(), edges.end(), x);
      if (e != edges.begin() && (!n || *(e - 1) > *n)) n = *(e - 1);
    }
    return n;
  };
  const LeadLoss loss(model, d, i, edges);
  const std::size_t w = index(*d.recommendation);
  double anchor = start;  // the last value scored, where the recommendation wins
  PerOption anchor_scores = d.scores;
  std::array<bool, kOptionCount> anchor_vetoed = d.ruled_out;
  // Skips stay on the anchor's side of every edge (a constraint's or a firm
  // budget's): the options ruled out at the anchor stay so, the others stay in.
  const bool by_range = loss.usable() && !loss.has_own_row();
  std::pair<double, double> safe{start, start};
  if (by_range && start > 0) safe = loss.safe_range(w, anchor_scores, anchor_vetoed, start);
  const auto provably_keeps = [&](double x) {
    if (!loss.usable() || !(anchor > 0) || !(x > 0) || !loss.same_vetoes(anchor, x)) return false;
    if (by_range) return safe.first < x && x < safe.second;
    const PerOption most = loss.points(w, anchor, x);
    for (std::size_t o = 0; o < kOptionCount; ++o) {
      if (o == w || anchor_vetoed[o]) continue;
      const double lead = anchor_scores[w] - anchor_scores[o];
      if (!(lead - most[o] > kSkipGuard)) return false;
    }
    return true;
  };
  double previous = start;
  // Once per stretch between stops, the rest of it is bounded from its
  // ends (Probe::keeps_between()); values it covers are not probed. A stop
  // belongs to the stretch above it, as an edge does (same_vetoes()).
  const auto stretch_end = [&](double from) {
    const auto e = std::upper_bound(stops.begin(), stops.end(), from);
    if (up) return e == stops.end() ? hi : std::min(std::nextafter(*e, -HUGE_VAL), hi);
    return e == stops.begin() ? bottom : std::max(std::nextafter(*(e - 1), HUGE_VAL), bottom);
  };
  const auto same_stretch = [&](double a, double b) {
    const auto e = std::upper_bound(stops.begin(), stops.end(), std::min(a, b));
    return e == stops.end() || !(*e <= std::max(a, b));
  };
  bool stretch_tried = false;
  for (auto x = next(start); x; previous = *x, x = next(*x)) {
    if (!stretch_tried) {
      const double end = stretch_end(anchor);
      if (up ? end > *x : end < *x) {
        const auto bound = probe.keeps_between(i, anchor, end, anchor == start, w, anchor_vetoed);
        stretch_tried = bound != Probe::Bound::none;
        if (bound == Probe::Bound::kept) {
          // On to the last value of the stretch.
          for (auto y = next(*x); y && (up ? *y <= end : *y >= end); y = next(*y))
            previous = *x, x = y;
          continue;
        }
      }
    }
    if (provably_keeps(*x)) continue;
    const PerOption scores = probe.scores_with(i, Value{0, *x});
    if (probe.winner(scores) == d.recommendation) {
      // Across an edge: a new stretch.
      if (!same_stretch(anchor, *x)) stretch_tried = false;
      anchor = *x;
      anchor_scores = scores;
      anchor_vetoed = probe.vetoed();
      if (by_range) safe = loss.safe_range(w, anchor_scores, anchor_vetoed, anchor);
      continue;
    }
    const End keeps{anchor, lead_over_rivals(w, anchor_scores, anchor_vetoed)};
    const End flips{*x, lead_over_rivals(w, scores, probe.vetoed())};
    const Threshold t =
        find_threshold(probe, i, w, previous, keeps, flips, probe.winner(scores), loss.edges());
    // A change at the very bottom alone (a zero budget or volume) is no
    // "below": nothing lies below it.
    if (!t.winner || (!up && t.value <= bottom)) return std::nullopt;
    // Two options' whole-GPU steps that fall on the same volume but for
    // rounding open a window a few ulps wide: no flip a reader could use.
    // The walk goes on past it.
    const double past = t.value > 0 ? t.value * (up ? 1 + kNarrowest : 1 - kNarrowest) : t.beyond;
    if (probe.winner_with(i, Value{0, past}) != t.winner) continue;
    return NumberFlip{i, t.value, up, *t.winner};
  }
  return std::nullopt;
}

}  // namespace

FlipPoints find_flip_points(const ScoringModel& model, const Decision& d) {
  FlipPoints flips;
  if (!d.recommendation) return flips;
  flips.weights = weight_flips(d);
  const Questionnaire& q = model.questionnaire;
  const CostBase cost(model.pricing, model.inputs, d.values);
  Probe probe(model, d, cost);
  const Leads leads(model, d);
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    const Criterion& c = q.criteria[i];
    if (c.kind == CriterionKind::number) {
      const auto [bottom, top] = search_range(c);
      const double now = d.values[i].number;
      for (bool up : {false, true}) {
        const double end = up ? top : bottom;
        // Each direction is searched only if some value in it could flip:
        // by the scores, a constraint, or a firm budget on the way.
        const bool budget_on_the_way =
            leads.budget_read[i] && budget_fit_changes(model, d, cost, i, now, end);
        if (!could_flip(model, d, leads, i, curve_range(c.curve, up ? now : bottom, up ? top : now),
                        leads.may_veto[i] || budget_on_the_way))
          continue;
        // Where a firm budget rules options in or out on the way.
        // and where a replica's shape changes (the slopes hold between).
        const std::vector<double> budget =
            budget_on_the_way ? budget_edges(model, d, cost, i, now, end) : std::vector<double>{};
        std::vector<double> edges = budget;
        const std::vector<double> shapes =
            sizing_edges(model.pricing, model.inputs, d.values, i, now, end);
        if (!shapes.empty()) {
          edges.insert(edges.end(), shapes.begin(), shapes.end());
          std::sort(edges.begin(), edges.end());
        }
        // What bounds the stretches a walk bounds at once: the edges where
        // the vetoes change and where a larger shape takes over.
        std::vector<double> stops =
            shape_takeovers(model.pricing, model.inputs, d.values, i, now, end);
        const std::vector<double>& constraints = model.dependencies().edges[i];
        stops.insert(stops.end(), constraints.begin(), constraints.end());
        stops.insert(stops.end(), budget.begin(), budget.end());
        std::sort(stops.begin(), stops.end());
        if (auto f = search_number(model, d, probe, i, up, edges, stops))
          flips.numbers.push_back(*f);
      }
    } else if (c.kind == CriterionKind::choice) {
      // No answer can change the winner: nothing to try.
      if (!could_flip(model, d, leads, i, answers_range(c),
                      leads.may_veto[i] || leads.budget_read[i]))
        continue;
      for (std::size_t a = 0; a < c.answers.size(); ++a) {
        if (a == d.values[i].choice) continue;
        const auto w = probe.winner_with(i, Value{a, 0});
        if (w && w != d.recommendation) flips.choices.push_back({i, a, *w});
      }
    }
  }
  // Nearest first, by the ratio to today's value. Distances are compared in
  // steps of 1e-9 so that equal ones (two budgets the cost model reads
  // alike) keep the criteria's order whatever the last bits of the search.
  const auto distance = [&](const NumberFlip& f) {
    const double now = d.values[f.criterion].number;
    return now > 0 && f.value > 0 ? std::round(std::fabs(std::log(f.value / now)) * 1e9) : 1e18;
  };
  std::stable_sort(
      flips.numbers.begin(), flips.numbers.end(),
      [&](const NumberFlip& a, const NumberFlip& b) { return distance(a) < distance(b); });
  return flips;
}

}  // namespace aidecide
