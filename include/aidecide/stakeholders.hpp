// SPDX-License-Identifier: MIT
#pragma once
// Group decisions (docs/stakeholders.md): each stakeholder's weights (points,
// or Saaty's pairwise judgements through the principal eigenvector), the
// group's as their weighted geometric mean, each one's own recommendation,
// what separates the camps and what would bring a dissenter round.

#include <optional>
#include <string>
#include <vector>

#include "aidecide/names.hpp"
#include "aidecide/profile.hpp"

namespace aidecide {

// The principal eigenvector of a positive reciprocal matrix (normalised to
// sum 1), its eigenvalue, Saaty's consistency index (lambda - n) / (n - 1)
// and ratio CI / RI (none below three criteria, where every matrix is
// consistent).
struct AhpResult {
  std::vector<double> priorities;
  double lambda_max = 0;
  double consistency_index = 0;
  std::optional<double> consistency_ratio;
};
AhpResult ahp_priorities(const std::vector<std::vector<double>>& matrix);
// Saaty's random consistency index for n criteria (n <= 10).
double saaty_random_index(std::size_t n);
// Judgements above this ratio are reported as inconsistent (Saaty's 0.1).
inline constexpr double kMaxConsistencyRatio = 0.1;

// One stakeholder's pairwise judgements as a matrix over the criteria they
// name (in order of first mention) and its priorities.
struct PairwiseResult {
  std::vector<std::size_t> criteria;
  AhpResult ahp;
};
PairwiseResult pairwise_priorities(const std::vector<Stakeholder::Judgement>& judgements);

// The normalised geometric mean of normalised weight vectors, each with its
// influence as exponent (the aggregation of individual priorities).
std::vector<double> geometric_mean_weights(const std::vector<std::vector<double>>& weights,
                                           const std::vector<double>& influence);

// One stakeholder's weights over every criterion: `base` (the profile's
// effective weights), their points in place of those they give, or for a
// pairwise round the compared criteria's share of `base` shared out by the
// eigenvector. Normalised to sum 1; the consistency ratio of a round.
struct StakeholderWeights {
  std::vector<double> weights;
  std::optional<double> consistency_ratio;
};
StakeholderWeights stakeholder_weights(const Stakeholder& s, const std::vector<double>& base);

struct StakeholderView {
  std::string name;
  std::string role;
  double influence = 1;
  std::vector<double> weights;  // normalised
  std::optional<double> consistency_ratio;
  PerOption scores{};
  std::optional<Option> recommendation;
  double margin = 0;
  bool agrees = false;  // their own recommendation is the group's
  // The smallest change of one of their weights that makes the group's
  // recommendation theirs: that criterion's weight times `factor`.
  struct Change {
    std::size_t criterion = 0;
    double factor = 1;
  };
  std::optional<Change> to_agree;
};

// A criterion whose weight differs most between camps (stakeholders with
// the same own recommendation): each camp's mean weight.
struct Separator {
  std::size_t criterion = 0;
  std::vector<std::pair<Option, double>> camps;  // in option order
  double spread = 0;                             // largest minus smallest
};

struct GroupView {
  std::vector<StakeholderView> members;  // in the profile's order
  std::vector<double> weights;           // the group's, normalised
  std::vector<Separator> separators;     // up to three, widest first
  // Share of weight sets drawn between the stakeholders' (random mixtures)
  // whose winner is the group's recommendation.
  double robustness = 0;
  std::size_t draws = 0;
};

}  // namespace aidecide
