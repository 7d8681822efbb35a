// SPDX-License-Identifier: MIT
// ordered_parallel: results in input order, exceptions passed on.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>

#include "io/parallel.hpp"

using namespace aidecide;

TEST_CASE("ordered_parallel hands results over in input order for any number of jobs",
          "[perf][parallel]") {
  for (std::size_t jobs : {1, 2, 3, 8}) {
    std::vector<std::size_t> seen;
    cli::ordered_parallel<std::size_t>(
        1000, jobs, [](std::size_t i) { return i * i; },
        [&](std::size_t i, std::size_t& r) {
          CHECK(r == i * i);
          seen.push_back(i);
        });
    REQUIRE(seen.size() == 1000);
    for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == i);
  }
}

TEST_CASE("ordered_parallel passes a worker's exception to the caller", "[perf][parallel]") {
  const auto fails = [] {
    cli::ordered_parallel<int>(
        100, 4,
        [](std::size_t i) {
          if (i == 37) throw std::runtime_error("boom");
          return static_cast<int>(i);
        },
        [](std::size_t, int&) {});
  };
  CHECK_THROWS_WITH(fails(), "boom");
}

TEST_CASE("ordered_parallel consumes one result at a time, and stops on a consumer's exception",
          "[perf][parallel]") {
  // Workers hand results over themselves: the calls must never overlap, and
  // results before a failing one are all consumed, none after it.
  std::atomic<int> inside{0};
  std::size_t consumed = 0;
  bool overlapped = false;
  const auto fails = [&] {
    cli::ordered_parallel<std::size_t>(
        500, 4, [](std::size_t i) { return i; },
        [&](std::size_t i, std::size_t& r) {
          if (inside.fetch_add(1) != 0) overlapped = true;
          if (i == 300) {
            inside.fetch_sub(1);
            throw std::runtime_error("disk full");
          }
          CHECK(r == consumed);
          ++consumed;
          inside.fetch_sub(1);
        });
  };
  CHECK_THROWS_WITH(fails(), "disk full");
  CHECK_FALSE(overlapped);
  CHECK(consumed == 300);
}
