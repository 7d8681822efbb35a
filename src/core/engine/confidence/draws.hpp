// SPDX-License-Identifier: MIT
#pragma once
// What confidence draws (docs/scoring.md, "Confidence"): weight factors,
// uncertain answers and number levels, from a generator that gives the same
// draws on every platform. Everything here is the same for every profile of
// a run, so it is drawn once per thread and kept (see Workspace).

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "aidecide/profile.hpp"
#include "aidecide/questionnaire.hpp"

namespace aidecide::confidence {

// Draws go this many at a time.
constexpr std::size_t kBlock = 512;

// Per rival, per draw of a block.
using BlockLeads = std::array<std::array<double, kBlock>, 2>;

// The rows no draw changes, with their lead contributions per rival
// (weight x utility difference).
struct FixedRows {
  std::vector<std::size_t> rows;
  std::vector<std::array<double, 2>> lead;
};

// lead[r][j] = the sum over the fixed rows k, in their order, of
// fixed.lead[k][r] x factor[fixed.rows[k] x kBlock + j].
void sum_fixed(BlockLeads& lead, const FixedRows& fixed, std::span<const double> factor);

// The top 53 bits of a random value as a double uniform in [0, 1).
inline double to_uniform(std::uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

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
  double uniform() { return to_uniform(next()); }
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(uniform() * static_cast<double>(n));
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t m_state[4]{};
};

// Weight factors: log-uniform in [1/spread, spread], discretised to 1024
// equally likely levels (the midpoints of 1024 equal slices of the log
// range), so a draw is 10 random bits and a table lookup.
constexpr int kFactorBits = 10;
constexpr std::size_t kFactorLevels = std::size_t{1} << kFactorBits;

// Uncertain numbers are drawn as one of 128 equally likely levels: the
// midpoints of 128 equal slices of their range (log slices on log-scale
// criteria). The share of draws past any threshold is then off by at most
// half a slice, 0.4 %, well inside the sampling error of 1,000 draws (about
// 1.6 %), and a draw can reuse what an earlier draw of the same level
// computed.
constexpr int kNumberBits = 7;
constexpr std::size_t kNumberLevels = std::size_t{1} << kNumberBits;

// A row (or the vetoes) whose uncertain answers have at most this many
// combinations (choice answers and number levels) is computed once per
// combination.
constexpr std::size_t kMaxRemembered = 1024;

// The levels of an uncertain number between lo and hi, on a log scale for
// log-scale criteria.
std::array<double, kNumberLevels> number_levels(const Criterion& c, double lo, double hi);

// number_levels() of the last few ranges asked for: an unknown number
// draws from its criterion's plausible range in every profile, and 128
// exponentials are dear next to looking them up. The levels depend on the
// range and the scale alone.
class KeptLevels {
 public:
  const std::array<double, kNumberLevels>& of(const Criterion& c, double lo, double hi) {
    for (const Kept& k : m_kept) {
      if (k.used && k.scale == c.scale && k.lo == lo && k.hi == hi) return k.levels;
    }
    Kept& k = m_kept[m_next];
    m_next = (m_next + 1) % m_kept.size();
    k = {true, c.scale, lo, hi, number_levels(c, lo, hi)};
    return k.levels;
  }

 private:
  struct Kept {
    bool used = false;
    Scale scale = Scale::linear;
    double lo = 0, hi = 0;
    std::array<double, kNumberLevels> levels{};
  };
  std::array<Kept, 8> m_kept;
  std::size_t m_next = 0;  // the one to replace
};

struct FactorTable {
  std::array<double, kFactorLevels> factor{};
  double spread = 0;

  void set(double s) {
    if (spread == s) return;
    const double log_spread = std::log(s);
    for (std::size_t k = 0; k < kFactorLevels; ++k) {
      const double u = (static_cast<double>(k) + 0.5) / static_cast<double>(kFactorLevels);
      factor[k] = std::exp(log_spread * (2 * u - 1));
    }
    spread = s;
  }
};

// Draws are processed in blocks; the weight factors of a block are drawn
// from their own stream, seeded by the seed and the block's number, so they
// are the same for every profile of a run and are drawn once per thread.
constexpr std::size_t kCachedBlocks = 2;                    // the default 1,000 draws
constexpr std::uint64_t kAnswerStream = 0x5EED0F0A45E7ULL;  // answers draw from seed ^ this

// Weight factors of draws [block * kBlock, +kBlock), criterion-major:
// factor[k * kBlock + j] scales criterion k in draw j of the block.
struct WeightBlock {
  std::uint64_t seed = 0;
  double spread = 0;
  std::size_t criteria = 0;
  std::size_t block = 0;
  std::vector<double> factor;
};

// The weight factors of the first kCachedBlocks blocks, kept: every
// profile of a run draws the same ones.
class WeightBlocks {
 public:
  const WeightBlock& get(std::uint64_t seed, double spread, std::size_t criteria,
                         std::size_t block);

 private:
  FactorTable m_table;
  std::array<WeightBlock, kCachedBlocks + 1> m_cache;
};

// The first `count` values of the generator seeded with `seed`, kept
// (every profile of a run draws its answers from the same stream); nothing
// past kMaxKept values, where the caller draws them itself.
class AnswerStream {
 public:
  static constexpr std::size_t kMaxKept = std::size_t{1} << 16;  // 512 KiB

  const std::uint64_t* get(std::uint64_t seed, std::size_t count) {
    if (count > kMaxKept) return nullptr;
    if (m_values.empty() || m_seed != seed) {
      m_seed = seed;
      m_rng = Random(seed);
      m_values.clear();
    }
    while (m_values.size() < count) m_values.push_back(m_rng.next());
    return m_values.data();
  }

 private:
  std::uint64_t m_seed = 0;
  Random m_rng{0};
  std::vector<std::uint64_t> m_values;
};

// The sampled range of an uncertain number: the user's range, or the
// criterion's plausible range for "unknown".
inline std::pair<double, double> sampled_range(const Criterion& c, const Answer& a) {
  return a.kind == Answer::Kind::range ? std::pair{a.low, a.high} : c.plausible;
}

}  // namespace aidecide::confidence
