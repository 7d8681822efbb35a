// SPDX-License-Identifier: MIT
// Suggestions for mistyped ids and the UTF-8 checks (src/core/util/text.cpp, utf8.cpp).
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"
#include "helpers.hpp"

using aidecide::ascii_lower;
using aidecide::concat;
using aidecide::did_you_mean;
using aidecide::equal_ignoring_case;
using aidecide::is_iso_date;

TEST_CASE("did_you_mean suggests the nearest candidate within a third of the word", "[text]") {
  const std::vector<std::string> ids{"data_sensitivity", "monthly_requests", "latency_slo"};
  CHECK(did_you_mean("data_sensitivty", ids) == "data_sensitivity");
  CHECK(did_you_mean("monthly_request", ids) == "monthly_requests");
  CHECK(did_you_mean("latency", ids) == "latency_slo");  // a prefix counts as one edit
  CHECK(did_you_mean("budget", ids) == std::nullopt);
  CHECK(did_you_mean("", ids) == std::nullopt);
  const std::vector<std::string> answers{"cloud", "local", "hybrid"};
  CHECK(did_you_mean("clod", answers) == "cloud");
  CHECK(did_you_mean("hybird", answers) == "hybrid");
  CHECK(did_you_mean("x", answers) == std::nullopt);
}

TEST_CASE("did_you_mean on a very long word still finds a prefix, and nothing else", "[text]") {
  const std::vector<std::string> ids{"data_sensitivity", "latency_slo"};
  CHECK(did_you_mean(std::string(1'000'000, 'a'), ids) == std::nullopt);
  CHECK(did_you_mean("latency_slo" + std::string(100'000, 'x'), ids) == "latency_slo");
}

TEST_CASE("find_invalid_text reports the first bad byte at its line and code-point column",
          "[text]") {
  using aidecide::find_invalid_text;
  CHECK_FALSE(find_invalid_text("plain text\n\twith tabs\r\nand \xc3\xa9\xe2\x82\xac\n"));
  CHECK_FALSE(find_invalid_text(""));
  // Two multi-byte characters before the problem count one column each.
  const auto control = find_invalid_text("h\xc3\xa9llo\nw\xc3\xb6rld\x01 rest");
  REQUIRE(control);
  CHECK(control->pos.line == 2);
  CHECK(control->pos.column == 6);
  CHECK(control->message == "control character U+0001 is not allowed; is this a binary file?");
  const auto invalid = find_invalid_text("a\n\xe2\x82\xac b \xff");
  REQUIRE(invalid);
  CHECK(invalid->pos.line == 2);
  CHECK(invalid->pos.column == 5);
  CHECK(invalid->message == "not UTF-8 text (byte 0xff); is this a binary file?");
  const auto c1 = find_invalid_text("x\xc2\x85");  // U+0085, a C1 control
  REQUIRE(c1);
  CHECK(c1->pos.column == 2);
  CHECK(c1->message == "control character U+0085 is not allowed; is this a binary file?");
  const auto del = find_invalid_text("\n\n\x7f");
  REQUIRE(del);
  CHECK(del->pos.line == 3);
  CHECK(del->pos.column == 1);
}

TEST_CASE("is_iso_date takes only days the calendar has", "[text][dates]") {
  CHECK(is_iso_date("2026-02-28"));
  CHECK_FALSE(is_iso_date("2026-02-29"));
  CHECK(is_iso_date("2028-02-29"));        // leap year
  CHECK_FALSE(is_iso_date("2100-02-29"));  // not a leap year
  CHECK(is_iso_date("2000-02-29"));        // a leap year
  CHECK_FALSE(is_iso_date("2026-02-30"));
  CHECK_FALSE(is_iso_date("2026-04-31"));
  CHECK(is_iso_date("2026-12-31"));
  CHECK_FALSE(is_iso_date("2026-13-01"));
  CHECK_FALSE(is_iso_date("2026-00-10"));
  CHECK_FALSE(is_iso_date("2026-01-00"));
}

TEST_CASE("concat puts its pieces one after the other", "[text]") {
  CHECK(concat({}) == "");
  CHECK(concat({"the curve of ", "criterion 'volume'"}) == "the curve of criterion 'volume'");
  const std::string long_piece(100, 'x');
  CHECK(concat({"'", long_piece, "'", ""}) == "'" + long_piece + "'");
  CHECK(concat({"a\nb", std::string_view("c\0d", 3)}) == std::string("a\nbc\0d", 6));
}

TEST_CASE("ascii_lower lowers ASCII letters only", "[text]") {
  CHECK(ascii_lower("Public ÄB") == "public Äb");
  CHECK(equal_ignoring_case("EXPERIENCED", "experienced"));
  CHECK_FALSE(equal_ignoring_case("expert", "experienced"));
}

TEST_CASE("wrap_words breaks at spaces, indents, and cuts only an over-long word", "[text]") {
  using aidecide::wrap_words;
  CHECK(wrap_words("one two three four", 9, 0, 2) ==
        std::vector<std::string>{"one two", "  three", "  four"});
  CHECK(wrap_words("a\nb\tc", 80, 2, 2) ==
        std::vector<std::string>{"  a b c"});  // breaks are spaces
  CHECK(wrap_words("", 10, 4, 4) == std::vector<std::string>{"    "});
  CHECK(wrap_words("abcdefghij xy", 6, 0, 0) == std::vector<std::string>{"abcdef", "ghij", "xy"});
  CHECK(
      wrap_words("\u2713 \u00e9t\u00e9 \u00e9t\u00e9", 7, 0, 0) ==
      std::vector<std::string>{"\u2713 \u00e9t\u00e9", "\u00e9t\u00e9"});  // code points, not bytes
  for (const auto& line : wrap_words(std::string(50, 'x') + " y", 10, 2, 4))
    CHECK(aidecide::count_code_points(line) <= 10);
}

TEST_CASE("cut_with_ellipsis keeps what fits and marks a cut", "[text]") {
  using aidecide::cut_with_ellipsis;
  CHECK(cut_with_ellipsis("short", 10) == "short");
  CHECK(cut_with_ellipsis("exactly10!", 10) == "exactly10!");
  CHECK(cut_with_ellipsis("one character more", 10) == "one chara\u2026");
  CHECK(cut_with_ellipsis("\u00e9\u00e9\u00e9\u00e9", 3) == "\u00e9\u00e9\u2026");
  CHECK(cut_with_ellipsis("abc", 1) == "\u2026");
}

TEST_CASE("split_lines drops each line's newline and adds no empty last line", "[text]") {
  using aidecide::split_lines;
  using Lines = std::vector<std::string>;
  CHECK(split_lines("") == Lines{});
  CHECK(split_lines("a\nb\n") == Lines{"a", "b"});
  CHECK(split_lines("a\nb") == Lines{"a", "b"});
  CHECK(split_lines("a\r\n\nb") == Lines{"a\r", "", "b"});
}
