// SPDX-License-Identifier: MIT
#include "engine/confidence/draws.hpp"

#include <algorithm>
#include <cmath>

namespace aidecide::confidence {

void sum_fixed(BlockLeads& lead, const FixedRows& fixed, std::span<const double> factor) {
  // A tile of draws is summed over every row before the next tile, so its
  // sums stay in registers instead of going through memory once per row
  // (3 us of a profile's 14). Each draw's sum adds the same terms in the
  // same order either way.
  constexpr std::size_t kTile = 8;
  static_assert(kBlock % kTile == 0);
  for (std::size_t j0 = 0; j0 < kBlock; j0 += kTile) {
    std::array<double, kTile> a{}, b{};
    for (std::size_t k = 0; k < fixed.rows.size(); ++k) {
      const double* f = &factor[fixed.rows[k] * kBlock + j0];
      const auto [da, db] = fixed.lead[k];
#pragma GCC unroll 8  // unrolled, the tile's sums live in registers
      for (std::size_t t = 0; t < kTile; ++t) {
        a[t] += da * f[t];
        b[t] += db * f[t];
      }
    }
    std::copy(a.begin(), a.end(), lead[0].begin() + static_cast<std::ptrdiff_t>(j0));
    std::copy(b.begin(), b.end(), lead[1].begin() + static_cast<std::ptrdiff_t>(j0));
  }
}

std::array<double, kNumberLevels> number_levels(const Criterion& c, double lo, double hi) {
  std::array<double, kNumberLevels> levels{};
  const bool log = c.scale == Scale::log && lo > 0;
  const double span = log ? std::log(hi / lo) : hi - lo;
  for (std::size_t k = 0; k < kNumberLevels; ++k) {
    const double u = (static_cast<double>(k) + 0.5) / static_cast<double>(kNumberLevels);
    levels[k] = log ? lo * std::exp(span * u) : lo + span * u;
  }
  return levels;
}

namespace {

void draw_weight_block(WeightBlock& b, const FactorTable& table, std::uint64_t seed,
                       std::size_t criteria, std::size_t block) {
  Random rng(seed + 0x9E3779B97F4A7C15ULL * (block + 1));
  b.factor.resize(criteria * kBlock);
  for (std::size_t j = 0; j < kBlock; ++j) {
    std::uint64_t bits = 0;
    int left = 0;
    for (std::size_t k = 0; k < criteria; ++k) {
      if (left < kFactorBits) {
        bits = rng.next();
        left = 64;
      }
      b.factor[k * kBlock + j] = table.factor[bits & (kFactorLevels - 1)];
      bits >>= kFactorBits;
      left -= kFactorBits;
    }
  }
  b.seed = seed, b.spread = table.spread, b.criteria = criteria, b.block = block;
}

}  // namespace

const WeightBlock& WeightBlocks::get(std::uint64_t seed, double spread, std::size_t criteria,
                                     std::size_t block) {
  m_table.set(spread);
  WeightBlock& b = m_cache[std::min(block, kCachedBlocks)];  // the last: uncached blocks
  if (b.factor.empty() || b.seed != seed || b.spread != spread || b.criteria != criteria ||
      b.block != block)
    draw_weight_block(b, m_table, seed, criteria, block);
  return b;
}

}  // namespace aidecide::confidence
