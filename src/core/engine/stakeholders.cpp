// SPDX-License-Identifier: MIT
// Group decisions: AHP priorities, the geometric-mean aggregation and the
// stakeholders' views of a decision (docs/stakeholders.md).
#include "aidecide/stakeholders.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "aidecide/engine.hpp"

namespace aidecide {

double saaty_random_index(std::size_t n) {
  // Saaty, The Analytic Hierarchy Process (McGraw-Hill, 1980): the mean
  // consistency index of random reciprocal matrices of order n.
  static constexpr double kRi[] = {0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49};
  return n < std::size(kRi) ? kRi[n] : kRi[std::size(kRi) - 1];
}

AhpResult ahp_priorities(const std::vector<std::vector<double>>& a) {
  const std::size_t n = a.size();
  AhpResult r;
  if (n == 0) return r;
  // Power iteration: a positive matrix has one positive principal
  // eigenvector (Perron), and the iteration converges to it geometrically.
  std::vector<double> w(n, 1.0 / static_cast<double>(n)), next(n);
  for (int it = 0; it < 1000; ++it) {
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      next[i] = 0;
      for (std::size_t j = 0; j < n; ++j) next[i] += a[i][j] * w[j];
      total += next[i];
    }
    double change = 0;
    for (std::size_t i = 0; i < n; ++i) {
      next[i] /= total;
      change = std::max(change, std::fabs(next[i] - w[i]));
    }
    w.swap(next);
    if (change < 1e-15) break;
  }
  double lambda = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double aw = 0;
    for (std::size_t j = 0; j < n; ++j) aw += a[i][j] * w[j];
    lambda += aw / w[i];
  }
  r.lambda_max = lambda / static_cast<double>(n);
  r.priorities = std::move(w);
  if (n >= 2)
    r.consistency_index =
        std::max(0.0, (r.lambda_max - static_cast<double>(n)) / static_cast<double>(n - 1));
  if (n >= 3) r.consistency_ratio = r.consistency_index / saaty_random_index(n);
  return r;
}

std::vector<double> geometric_mean_weights(const std::vector<std::vector<double>>& weights,
                                           const std::vector<double>& influence) {
  if (weights.empty()) return {};
  const std::size_t n = weights.front().size();
  double total_influence = 0;
  for (double f : influence) total_influence += f;
  std::vector<double> g(n, 0);
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double log_sum = 0;
    bool zero = false;
    for (std::size_t s = 0; s < weights.size(); ++s) {
      if (weights[s][i] <= 0) {
        zero = true;  // one stakeholder's zero is the group's zero
        break;
      }
      log_sum += influence[s] * std::log(weights[s][i]);
    }
    g[i] = zero ? 0 : std::exp(log_sum / total_influence);
    sum += g[i];
  }
  if (sum > 0)
    for (double& x : g) x /= sum;
  return g;
}

PairwiseResult pairwise_priorities(const std::vector<Stakeholder::Judgement>& judgements) {
  PairwiseResult out;
  for (const auto& j : judgements)
    for (std::size_t c : {j.more, j.less})
      if (std::find(out.criteria.begin(), out.criteria.end(), c) == out.criteria.end())
        out.criteria.push_back(c);
  const std::size_t n = out.criteria.size();
  const auto at = [&](std::size_t c) {
    return static_cast<std::size_t>(std::find(out.criteria.begin(), out.criteria.end(), c) -
                                    out.criteria.begin());
  };
  std::vector<std::vector<double>> m(n, std::vector<double>(n, 1));
  for (const auto& j : judgements) {
    m[at(j.more)][at(j.less)] = j.ratio;
    m[at(j.less)][at(j.more)] = 1 / j.ratio;
  }
  out.ahp = ahp_priorities(m);
  return out;
}

StakeholderWeights stakeholder_weights(const Stakeholder& s, const std::vector<double>& base) {
  StakeholderWeights out;
  out.weights = base;
  if (!s.pairwise.empty()) {
    const PairwiseResult p = pairwise_priorities(s.pairwise);
    const std::vector<std::size_t>& compared = p.criteria;
    const std::size_t n = compared.size();
    const AhpResult& r = p.ahp;
    out.consistency_ratio = r.consistency_ratio;
    // The compared criteria that count for this project share out what
    // they weigh together; one that does not count stays at 0.
    double share = 0, counted = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (base[compared[k]] <= 0) continue;
      share += base[compared[k]];
      counted += r.priorities[k];
    }
    for (std::size_t k = 0; k < n; ++k) {
      out.weights[compared[k]] =
          base[compared[k]] > 0 && counted > 0 ? share * r.priorities[k] / counted : 0;
    }
  } else {
    for (std::size_t i = 0; i < base.size() && i < s.weights.size(); ++i) {
      // Only where the criterion counts for this project (base > 0).
      if (s.weights[i] && base[i] > 0) out.weights[i] = *s.weights[i];
    }
  }
  double total = 0;
  for (double w : out.weights) total += w;
  if (total > 0)
    for (double& w : out.weights) w /= total;
  return out;
}

std::vector<double> group_weights(const Profile& profile, const std::vector<double>& base) {
  std::vector<std::vector<double>> all;
  std::vector<double> influence;
  // In name order: the same sums, to the last bit, whatever the list's order.
  std::vector<const Stakeholder*> people;
  for (const Stakeholder& s : profile.stakeholders) people.push_back(&s);
  std::stable_sort(people.begin(), people.end(),
                   [](const Stakeholder* a, const Stakeholder* b) { return a->name < b->name; });
  for (const Stakeholder* p : people) {
    const Stakeholder& s = *p;
    all.push_back(stakeholder_weights(s, base).weights);
    influence.push_back(s.influence);
  }
  std::vector<double> g = geometric_mean_weights(all, influence);
  double total = 0;
  for (double b : base) total += b;
  for (double& w : g) w *= total;  // on the profile's scale (scores divide it out)
  return g;
}

namespace {

// The best option not ruled out and the margin over the next.
std::pair<std::optional<Option>, double> winner_and_margin(const Scoring& s) {
  std::optional<Option> best, second;
  for (Option o : kOptions) {
    if (s.ruled_out[index(o)]) continue;
    if (!best || s.scores[index(o)] > s.scores[index(*best)]) {
      second = best;
      best = o;
    } else if (!second || s.scores[index(o)] > s.scores[index(*second)]) {
      second = o;
    }
  }
  if (!best) return {s.winner, 0};
  return {best, second ? s.scores[index(*best)] - s.scores[index(*second)] : 0};
}

// splitmix64: the same draws on every platform.
struct Draws {
  std::uint64_t state;
  double uniform() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (static_cast<double>(z >> 11) + 0.5) * 0x1.0p-53;  // in (0, 1)
  }
};

// The smallest change of one weight (a factor on it, from 1/100 to 100)
// that makes `target` win with `weights`; none when no single weight does.
std::optional<StakeholderView::Change> change_to(const ScoringModel& model, const Decision& d,
                                                 const std::vector<double>& weights,
                                                 Option target) {
  std::optional<StakeholderView::Change> best;
  const auto wins = [&](std::size_t i, double factor) {
    std::vector<double> w = weights;
    w[i] *= factor;
    return score_values(model, d.values, w, d.cost).winner == target;
  };
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0) continue;
    for (double direction : {1.0, -1.0}) {
      // Bisection on log10(factor) in (0, 2]: the winner moves once as one
      // weight grows or shrinks (scores are linear in each weight).
      const double far = std::pow(10.0, 2 * direction);
      if (!wins(i, far)) continue;
      double lo = 0, hi = 2;
      for (int it = 0; it < 40; ++it) {
        const double mid = (lo + hi) / 2;
        (wins(i, std::pow(10.0, mid * direction)) ? hi : lo) = mid;
      }
      const double factor = std::pow(10.0, hi * direction);
      if (!best || std::fabs(std::log(factor)) < std::fabs(std::log(best->factor)))
        best = StakeholderView::Change{i, factor};
    }
  }
  return best;
}

}  // namespace

GroupView analyse_group(const ScoringModel& model, const Profile& profile, const Decision& d,
                        const std::vector<double>& base) {
  GroupView g;
  std::vector<std::vector<double>> all;
  for (const Stakeholder& s : profile.stakeholders) {
    StakeholderView v;
    v.name = s.name;
    v.role = s.role;
    v.influence = s.influence;
    StakeholderWeights w = stakeholder_weights(s, base);
    v.weights = w.weights;
    v.consistency_ratio = w.consistency_ratio;
    const Scoring own = score_values(model, d.values, v.weights, d.cost);
    v.scores = own.scores;
    std::tie(v.recommendation, v.margin) = winner_and_margin(own);
    v.agrees = v.recommendation == d.recommendation;
    if (!v.agrees && d.recommendation)
      v.to_agree = change_to(model, d, v.weights, *d.recommendation);
    all.push_back(v.weights);
    g.members.push_back(std::move(v));
  }
  // The group's weights are the decision's (group_weights()), normalised.
  double total = 0;
  for (double w : d.weights) total += w;
  g.weights = d.weights;
  if (total > 0)
    for (double& w : g.weights) w /= total;
  // Camps: stakeholders by their own recommendation; the criteria whose mean
  // weight differs most between camps.
  std::vector<Option> camps;
  for (const auto& m : g.members)
    if (m.recommendation && std::find(camps.begin(), camps.end(), *m.recommendation) == camps.end())
      camps.push_back(*m.recommendation);
  std::sort(camps.begin(), camps.end());
  if (camps.size() >= 2) {
    for (std::size_t i = 0; i < base.size(); ++i) {
      Separator sep;
      sep.criterion = i;
      double lo = 2, hi = -1;
      for (Option o : camps) {
        double sum = 0, n = 0;
        for (const auto& m : g.members) {
          if (m.recommendation != o) continue;
          sum += m.weights[i];
          ++n;
        }
        sep.camps.emplace_back(o, sum / n);
        lo = std::min(lo, sum / n);
        hi = std::max(hi, sum / n);
      }
      sep.spread = hi - lo;
      if (sep.spread >= 0.005) g.separators.push_back(std::move(sep));
    }
    std::stable_sort(g.separators.begin(), g.separators.end(),
                     [](const Separator& a, const Separator& b) { return a.spread > b.spread; });
    if (g.separators.size() > 3) g.separators.resize(3);
  }
  // Robustness: weight sets between the stakeholders' (a geometric mixture
  // with flat Dirichlet shares), how many keep the group's winner.
  if (d.recommendation && all.size() >= 2) {
    // In name order, so the draws do not depend on the order of the list.
    std::vector<std::size_t> order(all.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return g.members[a].name < g.members[b].name;
    });
    std::vector<std::vector<double>> sorted;
    for (std::size_t k : order) sorted.push_back(all[k]);
    all = std::move(sorted);
    Draws draws{0x5eed5eedULL + all.size()};
    g.draws = 400;
    std::size_t kept = 0;
    std::vector<double> share(all.size());
    for (std::size_t k = 0; k < g.draws; ++k) {
      for (double& x : share) x = -std::log(draws.uniform());
      const std::vector<double> w = geometric_mean_weights(all, share);
      if (score_values(model, d.values, w, d.cost).winner == d.recommendation) ++kept;
    }
    g.robustness = static_cast<double>(kept) / static_cast<double>(g.draws);
  }
  return g;
}

}  // namespace aidecide
