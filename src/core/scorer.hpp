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

// What changes when the answers `changed` change.
Touched touched_by(const Dependencies& d, std::span<const std::size_t> changed);
inline Touched touched_by(const ScoringModel& model, std::span<const std::size_t> changed) {
  return touched_by(model.dependencies, changed);
}

// Whether confidence keeps each thread's copy of the answers' random stream
// (the default: every profile draws from the same one) or draws it afresh
// for each profile; returns the previous setting. The draws are the same
// either way; tests hold it to that.
bool keep_answer_stream(bool on);
// Whether a row whose combinations the draws will nearly all meet computes
// them all at once (the default) or each when a draw first meets it;
// returns the previous setting. The same bits either way; tests hold it to
// that.
bool remember_all_at_once(bool on);

class UtilityMatrix {
 public:
  UtilityMatrix(const ScoringModel& model, const Values& values, const CostEstimate& cost);

  // Recomputes what `touched` names from `values`.
  void update(const Values& values, const Touched& touched);
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
  // option on a tie), vetoed options left out.
  std::optional<Option> winner(const PerOption& scores) const;
  const std::array<bool, kOptionCount>& vetoed() const { return m_vetoed; }

 private:
  void update_vetoes(const Values& values);

  const ScoringModel& m_model;
  std::vector<PerOption> m_rows;
  std::array<bool, kOptionCount> m_vetoed{};
};

}  // namespace aidecide
