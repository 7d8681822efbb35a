// SPDX-License-Identifier: MIT
#pragma once
// Confidence's innermost loop (confidence.cpp, docs/scoring.md): for every
// draw of a block, the weighted lead the rows no draw changes give the
// recommendation over each of (at most) two rivals.

#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace aidecide {

// Draws go this many at a time.
inline constexpr std::size_t kBlock = 512;

// Per rival, per draw of a block.
using BlockLeads = std::array<std::array<double, kBlock>, 2>;

// The rows no draw changes, with their lead contributions per rival
// (weight x utility difference).
struct FixedRows {
  std::vector<std::size_t> rows;
  std::vector<std::array<double, 2>> lead;
};

// lead[r][j] = the sum over the fixed rows k, in their order, of
// fixed.lead[k][r] x factor[fixed.rows[k] x kBlock + j]: the same products
// added in the same order as row after row over the whole block, so the
// same bits at any vector width (floating-point contraction is off).
void sum_fixed(BlockLeads& lead, const FixedRows& fixed, std::span<const double> factor);

// Whether sum_fixed() takes four draws a vector (AVX2, when the processor
// has it: the default) or two (SSE2, every x86-64); returns the previous
// setting. Tests hold both to the same bits.
bool use_wide_vectors(bool on);

}  // namespace aidecide
