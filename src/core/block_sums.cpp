// SPDX-License-Identifier: MIT
#include "block_sums.hpp"

#include <atomic>
#include <cstring>

namespace aidecide {
namespace {

// A tile of draws stays in registers while every row adds to it.
template <class Vector>
inline __attribute__((always_inline)) void sum_tiles(BlockLeads& lead, const FixedRows& fixed,
                                                     std::span<const double> factor) {
  constexpr std::size_t kWidth = sizeof(Vector) / sizeof(double);
  constexpr std::size_t kTile = 4 * kWidth;
  static_assert(kBlock % kTile == 0);
  for (std::size_t j0 = 0; j0 < kBlock; j0 += kTile) {
    Vector a0{}, a1{}, a2{}, a3{}, b0{}, b1{}, b2{}, b3{};
    for (std::size_t k = 0; k < fixed.rows.size(); ++k) {
      const double* f = &factor[fixed.rows[k] * kBlock + j0];
      Vector f0, f1, f2, f3;
      std::memcpy(&f0, f, sizeof f0);
      std::memcpy(&f1, f + kWidth, sizeof f1);
      std::memcpy(&f2, f + 2 * kWidth, sizeof f2);
      std::memcpy(&f3, f + 3 * kWidth, sizeof f3);
      const Vector da = Vector{} + fixed.lead[k][0];
      const Vector db = Vector{} + fixed.lead[k][1];
      a0 += da * f0, a1 += da * f1, a2 += da * f2, a3 += da * f3;
      b0 += db * f0, b1 += db * f1, b2 += db * f2, b3 += db * f3;
    }
    double* la = &lead[0][j0];
    double* lb = &lead[1][j0];
    std::memcpy(la, &a0, sizeof a0), std::memcpy(la + kWidth, &a1, sizeof a1);
    std::memcpy(la + 2 * kWidth, &a2, sizeof a2), std::memcpy(la + 3 * kWidth, &a3, sizeof a3);
    std::memcpy(lb, &b0, sizeof b0), std::memcpy(lb + kWidth, &b1, sizeof b1);
    std::memcpy(lb + 2 * kWidth, &b2, sizeof b2), std::memcpy(lb + 3 * kWidth, &b3, sizeof b3);
  }
}

using Double2 = double __attribute__((vector_size(16)));
using Double4 = double __attribute__((vector_size(32)));

void sum_sse2(BlockLeads& lead, const FixedRows& fixed, std::span<const double> factor) {
  sum_tiles<Double2>(lead, fixed, factor);
}

__attribute__((target("avx2"))) void sum_avx2(BlockLeads& lead, const FixedRows& fixed,
                                              std::span<const double> factor) {
  sum_tiles<Double4>(lead, fixed, factor);
}

std::atomic<bool> g_wide{__builtin_cpu_supports("avx2") != 0};

}  // namespace

void sum_fixed(BlockLeads& lead, const FixedRows& fixed, std::span<const double> factor) {
  if (g_wide.load(std::memory_order_relaxed)) {
    sum_avx2(lead, fixed, factor);
  } else {
    sum_sse2(lead, fixed, factor);
  }
}

bool use_wide_vectors(bool on) {
  return g_wide.exchange(on && __builtin_cpu_supports("avx2") != 0);
}

}  // namespace aidecide
