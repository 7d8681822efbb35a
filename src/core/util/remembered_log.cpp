// SPDX-License-Identifier: MIT
#include "util/remembered_log.hpp"

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

namespace aidecide {
namespace {

// 256 entries per thread and function, direct-mapped on the argument's bits
// (half of the overrun ratios recur within that many).
struct Entry {
  std::uint64_t bits;  // zero: empty (x = +0 is never looked up)
  double value;
};
using Table = std::array<Entry, 256>;

template <double (*f)(double)>
double remembered(Table& table, double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  Entry& e = table[(bits * 0x9E3779B97F4A7C15ULL) >> 56];
  if (e.bits == bits && bits != 0) return e.value;
  e = {bits, f(x)};
  return e.value;
}

double log_of(double x) {
  return std::log(x);
}
double log10_of(double x) {
  return std::log10(x);
}

thread_local Table t_log{};
thread_local Table t_log10{};

}  // namespace

double remembered_log(double x) {
  return remembered<log_of>(t_log, x);
}

double remembered_log10(double x) {
  return remembered<log10_of>(t_log10, x);
}

}  // namespace aidecide
