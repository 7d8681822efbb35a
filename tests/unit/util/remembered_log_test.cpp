// SPDX-License-Identifier: MIT
// The per-thread logarithm memo (util/remembered_log.cpp): every value is
// the library's for the same bits, whichever entries arguments share or
// displace, on every thread.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <thread>
#include <vector>

#include "util/remembered_log.hpp"

using namespace aidecide;

namespace {

// Arguments far apart, one unit in the last place apart, and the edges.
std::vector<double> arguments() {
  std::vector<double> xs{1.0,
                         10.0,
                         0.5,
                         2.0,
                         1e-300,
                         1e300,
                         std::numeric_limits<double>::denorm_min(),
                         std::numeric_limits<double>::max(),
                         std::numeric_limits<double>::infinity(),
                         0.0,
                         -0.0,
                         -1.0,
                         std::numeric_limits<double>::quiet_NaN()};
  for (int k = 1; k < 2000; ++k) xs.push_back(1 + k * 0.37);
  double x = 3.0;
  for (int k = 0; k < 600; ++k) xs.push_back(x = std::nextafter(x, 4.0));
  return xs;
}

// Same bits: a NaN from the library is a NaN here too.
bool same(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b) ||
         (std::isnan(a) && std::isnan(b));
}

std::size_t mismatches() {
  std::size_t bad = 0;
  const std::vector<double> xs = arguments();
  for (int pass = 0; pass < 3; ++pass) {
    for (const double x : xs) {
      bad += !same(remembered_log(x), std::log(x));
      bad += !same(remembered_log10(x), std::log10(x));
    }
  }
  return bad;
}

}  // namespace

TEST_CASE("remembered logarithms are the library's, bit for bit", "[util][perf]") {
  const std::vector<double> xs = arguments();
  for (int pass = 0; pass < 3; ++pass) {
    for (const double x : xs) {
      INFO(x << " on pass " << pass);
      REQUIRE(same(remembered_log(x), std::log(x)));
      REQUIRE(same(remembered_log10(x), std::log10(x)));
    }
  }
  // log and log10 of the same argument are remembered apart.
  CHECK(remembered_log(100.0) == std::log(100.0));
  CHECK(remembered_log10(100.0) == 2.0);
  CHECK(remembered_log(100.0) == std::log(100.0));
  // Zero is never remembered as an empty entry's value.
  CHECK(remembered_log(0.0) == -std::numeric_limits<double>::infinity());
  CHECK(remembered_log10(0.0) == -std::numeric_limits<double>::infinity());
}

TEST_CASE("remembered logarithms are the library's on several threads at once", "[util][perf]") {
  std::vector<std::size_t> bad(4, 1);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < bad.size(); ++t)
    threads.emplace_back([&, t] { bad[t] = mismatches(); });
  for (std::thread& t : threads) t.join();
  CHECK(bad == std::vector<std::size_t>(4, 0));
}
