// SPDX-License-Identifier: MIT
// Monte Carlo confidence (docs/scoring.md, "Confidence"): how often the
// recommendation survives plausible changes to the weights and to the
// answers the user was unsure of.
#include <cmath>

#include "aidecide/engine.hpp"

namespace aidecide {
namespace {

// xoshiro256** seeded through splitmix64: small, fast and identical on every
// platform, unlike the standard library's distributions.
class Random {
 public:
  explicit Random(std::uint64_t seed) {
    for (auto& s : m_state) {
      seed += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      s = z ^ (z >> 31);
    }
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  std::size_t below(std::size_t n) {
    return static_cast<std::size_t>(uniform() * static_cast<double>(n));
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t m_state[4]{};
};

double sample_between(Random& rng, const Criterion& c, double lo, double hi) {
  if (c.scale == Scale::log && lo > 0) return lo * std::pow(hi / lo, rng.uniform());
  return lo + (hi - lo) * rng.uniform();
}

}  // namespace

double estimate_confidence(const ScoringModel& model, const Profile& profile, const Values& base,
                           const CostEstimate& base_cost, const std::vector<double>& weights,
                           std::optional<Option> recommendation, const EngineOptions& options) {
  if (options.samples == 0) return 0;
  const Questionnaire& q = model.questionnaire;
  std::vector<std::size_t> uncertain;
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    if (!q.criteria[i].answerable()) continue;
    const auto kind = profile.answers[i].kind;
    if (kind == Answer::Kind::unknown || kind == Answer::Kind::missing ||
        kind == Answer::Kind::range)
      uncertain.push_back(i);
  }

  Random rng(options.seed);
  const double log_spread = std::log(options.weight_spread);
  std::vector<double> w(weights.size());
  Values values = base;
  std::size_t kept = 0;
  for (std::size_t s = 0; s < options.samples; ++s) {
    for (std::size_t i = 0; i < w.size(); ++i)
      w[i] = weights[i] * std::exp(log_spread * (2 * rng.uniform() - 1));
    for (std::size_t i : uncertain) {
      const Criterion& c = q.criteria[i];
      const Answer& a = profile.answers[i];
      if (c.kind == CriterionKind::choice) {
        values[i].choice = rng.below(c.answers.size());
      } else if (a.kind == Answer::Kind::range) {
        values[i].number = sample_between(rng, c, a.low, a.high);
      } else {
        values[i].number = sample_between(rng, c, c.plausible.first, c.plausible.second);
      }
    }
    const CostEstimate cost =
        uncertain.empty() ? base_cost : estimate_costs(model.pricing, model.inputs, q, values);
    if (score_values(model, values, w, cost).winner == recommendation) ++kept;
  }
  return static_cast<double>(kept) / static_cast<double>(options.samples);
}

}  // namespace aidecide
