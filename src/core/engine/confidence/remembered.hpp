// SPDX-License-Identifier: MIT
#pragma once
// Rows remembered per combination of the uncertain answers they read
// (docs/scoring.md, "Confidence").

#include <algorithm>
#include <cstdint>
#include <vector>

#include "aidecide/engine.hpp"
#include "engine/confidence/draws.hpp"

namespace aidecide::confidence {

// What a draw computes for one moving row (or for the vetoes), remembered
// per combination of the uncertain answers it reads when those have at
// most kMaxRemembered combinations: a row that reads one uncertain number
// is computed at most 128 times, not once per draw, however many other
// answers are uncertain.
class Remembered {
 public:
  std::size_t criterion = 0;

  // Starts afresh (keeping its buffers) for a row that reads uncertain
  // answer number u when `reads(u)`.
  template <class Reads>
  void reset(const ScoringModel& model, const std::vector<std::size_t>& uncertain, Reads reads) {
    m_reads.clear();
    m_strides.clear();
    m_sizes.clear();
    m_ready = false;
    m_all_known = false;
    std::size_t combinations = 1;
    for (std::size_t u = 0; u < uncertain.size(); ++u) {
      if (!reads(u)) continue;
      const Criterion& c = model.questionnaire.criteria[uncertain[u]];
      const std::size_t size = c.kind == CriterionKind::choice ? c.answers.size() : kNumberLevels;
      m_reads.push_back(u);
      m_strides.push_back(combinations);
      m_sizes.push_back(size);
      // Saturates past the limit: only "too many" matters then.
      combinations = std::min(combinations * size, kMaxRemembered + 1);
    }
    m_combinations = combinations <= kMaxRemembered ? combinations : 0;
  }

  // The answer (or level) of the k-th answer it reads in combination `c`.
  std::uint32_t digit(std::size_t k, std::size_t c) const {
    return static_cast<std::uint32_t>((c / m_strides[k]) % m_sizes[k]);
  }

  // True when it computes every draw anew: too many combinations to remember.
  bool per_draw() const { return m_combinations == 0; }
  // How many combinations it remembers (0: per draw).
  std::size_t combinations() const { return m_combinations; }
  // The combination of draw j's answers, outcome as for_block() takes it.
  std::size_t combination_of(const std::uint32_t* outcome, std::size_t j) const {
    std::size_t c = 0;
    for (std::size_t k = 0; k < m_reads.size(); ++k)
      c += outcome[m_reads[k] * kBlock + j] * m_strides[k];
    return c;
  }

  // The uncertain answers it reads (positions in the uncertain list).
  const std::vector<std::size_t>& reads() const { return m_reads; }

  // Where each draw's numbers are: draw j's `width` numbers start at
  // values + index[j] x width.
  struct Places {
    const double* values;
    const std::uint32_t* index;
  };

  // For each draw j < count of a block, whose answers are
  // outcome[u * kBlock + j] (answer or level of uncertain answer u): where
  // its numbers are, from `fill_draw(j, out)` when not remembered yet. When
  // the draws (`draws` in all) will meet nearly every combination anyway,
  // all are computed at once the first time, with `fill_combination(c,
  // out)`, and no draw needs checking. `index` is room for kBlock places.
  template <class FillDraw, class FillCombination>
  Places for_block(const std::uint32_t* outcome, std::size_t count, std::size_t width,
                   std::size_t draws, FillDraw fill_draw, FillCombination fill_combination,
                   std::uint32_t* index) {
    if (m_combinations == 0) {
      m_scratch.resize(kBlock * width);
      for (std::size_t j = 0; j < count; ++j) {
        index[j] = static_cast<std::uint32_t>(j);
        fill_draw(j, &m_scratch[j * width]);
      }
      return {m_scratch.data(), index};
    }
    if (!m_ready) {
      m_values.resize(m_combinations * width);  // read only where known
      // Four draws a combination miss about one combination in fifty.
      m_all_known = m_combinations * 4 <= draws;
      if (m_all_known) {
        for (std::size_t c = 0; c < m_combinations; ++c) fill_combination(c, &m_values[c * width]);
      } else {
        m_known.assign(m_combinations, 0);
      }
      m_ready = true;
    }
    const std::uint32_t* places = index;
    if (m_reads.size() == 1) {
      places = outcome + m_reads[0] * kBlock;  // the answer is the place
    } else {
      std::fill(index, index + count, 0);
      for (std::size_t k = 0; k < m_reads.size(); ++k) {
        const std::uint32_t* o = outcome + m_reads[k] * kBlock;
        const auto s = static_cast<std::uint32_t>(m_strides[k]);
        for (std::size_t j = 0; j < count; ++j) index[j] += o[j] * s;
      }
    }
    if (!m_all_known) {
      for (std::size_t j = 0; j < count; ++j) {
        if (m_known[places[j]]) continue;
        fill_draw(j, &m_values[places[j] * width]);
        m_known[places[j]] = 1;
      }
    }
    return {m_values.data(), places};
  }

 private:
  std::vector<std::size_t> m_reads;    // positions in the uncertain answers
  std::vector<std::size_t> m_strides;  // of each in the combination's number
  std::vector<std::size_t> m_sizes;    // of each: its number of answers or levels
  std::size_t m_combinations = 0;      // 0: too many to remember
  bool m_ready = false;                // m_values sized, and m_known clear or all filled
  bool m_all_known = false;            // every combination was computed at the start
  std::vector<double> m_values;
  std::vector<unsigned char> m_known;
  std::vector<double> m_scratch;
};

}  // namespace aidecide::confidence
