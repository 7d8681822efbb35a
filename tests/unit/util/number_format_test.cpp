// SPDX-License-Identifier: MIT
// Numbers and money for people (src/core/util/number_format.cpp).
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"
#include "helpers.hpp"

using aidecide::did_you_mean;

TEST_CASE("numbers for people: thousands grouped, at most two decimals", "[text]") {
  using aidecide::format_compact;
  using aidecide::format_number;
  using aidecide::format_usd;
  CHECK(format_number(0) == "0");
  CHECK(format_number(1200000) == "1,200,000");
  CHECK(format_number(999) == "999");
  CHECK(format_number(1000) == "1,000");
  CHECK(format_number(1234.56) == "1,235");  // from a thousand on, whole numbers
  CHECK(format_number(0.5) == "0.5");
  CHECK(format_number(2.675) == "2.67");  // the double just below 2.675
  CHECK(format_number(0.125) == "0.12");  // an exact tie rounds to even
  CHECK(format_number(10.001) == "10");
  CHECK(format_number(-3.25) == "-3.25");
  CHECK(format_number(-1e-12) == "0");  // no negative zero
  CHECK(format_number(999999999999999.0) == "999,999,999,999,999");
  CHECK(format_number(1e15) == "1e+15");
  CHECK(format_number(std::nan("")) == "n/a");
  CHECK(format_number(12345.4) == "12,345");
  CHECK(format_usd(1234.5) == "$1,235");  // halves round away from zero
  CHECK(format_usd(0.25) == "$0.25");
  CHECK(format_usd(-20) == "-$20");
  CHECK(format_compact(1200000) == "1.2M");
  CHECK(format_compact(250000) == "250k");
  CHECK(format_compact(3e9) == "3B");
  CHECK(format_compact(9999) == "9,999");
}

TEST_CASE("no negative zero in what people read", "[text][hardening]") {
  CHECK(aidecide::format_number(-0.0) == "0");
  CHECK(aidecide::format_number(-0.001) == "0");
  CHECK(aidecide::format_number(-0.5) == "-0.5");
  CHECK(aidecide::format_usd(-0.0) == "$0");
  CHECK(aidecide::format_usd(-0.001) == "$0.00");
  CHECK(aidecide::format_usd(-0.25) == "-$0.25");
  CHECK(aidecide::format_usd(-1200) == "-$1,200");
}

TEST_CASE("short numbers for axes and overview tables: k from a thousand on", "[text]") {
  using aidecide::format_short;
  using aidecide::format_usd_short;
  CHECK(format_short(0) == "0");
  CHECK(format_short(950) == "950");
  CHECK(format_short(999.4) == "999");
  CHECK(format_short(999.6) == "1k");  // never "1,000" next to "10k"
  CHECK(format_short(1000) == "1k");
  CHECK(format_short(12500) == "12.5k");
  CHECK(format_short(999949) == "999.9k");
  CHECK(format_short(999960) == "1M");  // never "1000k"
  CHECK(format_short(2e6) == "2M");
  CHECK(format_short(1.25e9) == "1.2B");  // the double just below 1.25 rounds down
  CHECK(format_short(-12500) == "-12.5k");
  CHECK(format_short(-0.0) == "0");
  CHECK(format_short(2.5) == "2.5");
  CHECK(format_usd_short(8025) == "$8k");
  CHECK(format_usd_short(77307) == "$77.3k");
  CHECK(format_usd_short(324) == "$324");
  CHECK(format_usd_short(2.5) == "$2.50");
  CHECK(format_usd_short(-1500) == "-$1.5k");
  CHECK(format_usd_short(1e6) == "$1M");
  CHECK(format_usd_short(std::nan("")) == "n/a");
}

TEST_CASE("fixed places are written as fmt's {:.Nf} writes them", "[text]") {
  using aidecide::format_fixed;
  // Exact ties round to even on the binary value, as {:.Nf} rounds them.
  CHECK(format_fixed(0.25, 1) == "0.2");
  CHECK(format_fixed(0.35, 1) == "0.3");  // just below 0.35 in binary
  CHECK(format_fixed(2.5, 0) == "2");
  CHECK(format_fixed(-1.005, 2) == "-1.00");
  CHECK(format_fixed(1e17, 1) == "100000000000000000.0");
  const double inf = std::numeric_limits<double>::infinity();
  for (const double x : {0.0, -0.0, 0.05, 0.15, 2.25, 2.35, 99.95, 123456.75, 1e300, -1e300, 5e-324,
                         inf, -inf, std::nan("")}) {
    for (int decimals = 0; decimals <= 4; ++decimals) {
      INFO(x << " at " << decimals);
      CHECK(format_fixed(x, decimals) == fmt::format("{:.{}f}", x, decimals));
    }
  }
  CHECK(format_fixed(1.0 / 3, 70) == fmt::format("{:.70f}", 1.0 / 3));  // past the fast path
}
