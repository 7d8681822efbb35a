// SPDX-License-Identifier: MIT
// The streaming JSON writer writes the bytes nlohmann::json would, compact
// or indented (src/core/render/json_writer.cpp).
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "render/json_writer.hpp"

using namespace aidecide;

TEST_CASE("the JSON writer writes numbers exactly as nlohmann::json does", "[perf]") {
  // -0.0 is the one exception: written as 0.0 (never a negative zero).
  CHECK([] {
    std::string t;
    JsonWriter w(t);
    w.number(-0.0);
    w.finish();
    return t;
  }() == "0.0");
  std::vector<double> values{0,    1,    -1,     0.1,        1.0 / 3, 77.0,      1e13,   1e15, 1e16,
                             1e17, 1e-5, 1.5e-7, 123456.789, 2e300,   -2.5e-300, 5e-324, 0.97, 100};
  test::add_random_doubles(values, 12345, 2000, 0.5, 40, -20);
  // Whole numbers take a fast path below 10^15: every magnitude up to past it.
  for (double p = 1; p < 1e17; p *= 10) {
    for (const double v : {p - 1, p, p + 1, 3 * p, 9.999 * p, -p, -(p + 1)})
      values.push_back(std::round(v));
  }
  values.insert(values.end(), {999999999999999.0, 1e15 - 2, -999999999999999.0, 4503599627370496.0,
                               9007199254740993.0, 0.5, -0.5, 1.0 - 1e-16});
  for (const double v : values) {
    std::string text;
    JsonWriter w(text);
    w.number(v);
    INFO(v);
    w.finish();
    CHECK(text == nlohmann::json(v).dump());
  }
  std::string text;
  JsonWriter w(text);
  w.begin_array();
  w.number(-0.0001, 2);
  w.number(1.23456, 3);
  w.number(std::nan(""));
  w.end_array();
  w.finish();
  CHECK(text == "[0.0,1.235,null]");
}

TEST_CASE("rounded numbers are written exactly as nlohmann::json writes the rounded value",
          "[perf]") {
  // The fast path for 0 to 3 decimals against the library, near the edges
  // of its reach (10^15) and across magnitudes; 4 decimals take the slow path.
  std::vector<double> values{0, -0.0, 0.0004, -0.0004, 0.0005, -0.0005, 0.05, 0.5, 1.005, 2.675,
                             -2.675, 9.995, 99.5, 999999.9995, 1e14, 1e15, -1e15, 999999999999999.0,
                             1e16, 123456789012.345, 4.35e-3, 368231.06,
                             // Halves and near-halves: rounded away from zero as std::round does.
                             2.5, -2.5, 0.5, -0.5, -0.7, 0.49999999999999994, -0.49999999999999994,
                             999999999999999.5, -999999999999999.5, 99999999999999.95};
  test::add_random_doubles(values, 777, 20000, 0.3, 19, -3);
  for (const double v : values) {
    for (int decimals = 0; decimals <= 4; ++decimals) {
      std::string text;
      JsonWriter w(text);
      w.number(v, decimals);
      INFO(v << " at " << decimals << " decimals");
      w.finish();
      CHECK(text == nlohmann::json(round_to(v, decimals)).dump());
    }
  }
}

TEST_CASE("the JSON writer escapes strings exactly as nlohmann::json does", "[perf]") {
  const std::vector<std::string> strings{"plain",
                                         "quote \" and \\\\ backslash",
                                         "\"\"",
                                         "\\\\\\",
                                         "give the \"with price trends\" row, \\ and a \"",
                                         "line\nbreak\ttab\r",
                                         std::string("nul\0byte", 8),
                                         "\x1b[31mred\x1b[0m",
                                         "caf\xc3\xa9 \xe2\x80\xae rtl \xf0\x9f\x98\x80",
                                         "bad \xff\xfe utf-8 \xc3",
                                         "del \x7f"};
  for (const std::string& s : strings) {
    std::string text;
    JsonWriter w(text);
    w.string(s);
    w.finish();
    CHECK(text == nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
  }
}

TEST_CASE("every byte at every place of a string is escaped as nlohmann::json does", "[perf]") {
  // The plain-text check reads eight bytes at a time and the last eight
  // overlapping, or a text shorter than eight byte by byte: each byte value
  // at each place of texts of 1 to 17 bytes covers every case.
  for (int byte = 0; byte < 256; ++byte) {
    for (std::size_t size = 1; size <= 17; ++size) {
      for (std::size_t at = 0; at < size; ++at) {
        std::string s(size, 'a');
        s[at] = static_cast<char>(byte);
        std::string text;
        JsonWriter w(text);
        w.string(s);
        INFO("byte " << byte << " at " << at << " of " << size);
        w.finish();
        REQUIRE(text ==
                nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
      }
    }
  }
}

TEST_CASE("objects and arrays get their commas and colons", "[perf]") {
  std::string text;
  JsonWriter w(text);
  w.begin_object();
  w.key("a");
  w.begin_array();
  w.integer(1);
  w.boolean(true);
  w.null();
  w.begin_object();
  w.end_object();
  w.end_array();
  w.key("b");
  w.string("x");
  w.end_object();
  w.finish();
  CHECK(text == R"({"a":[1,true,null,{}],"b":"x"})");
  // Written after what the string held, growing past its room as needed;
  // finish() leaves exactly what was written, also when called twice.
  std::string appended = ",\n";
  JsonWriter more(appended);
  more.begin_array();
  const std::string long_text(10000, 'y');
  for (int i = 0; i < 3; ++i) more.string(long_text);
  more.end_array();
  more.finish();
  more.finish();
  CHECK(appended == ",\n[\"" + long_text + "\",\"" + long_text + "\",\"" + long_text + "\"]");
}

TEST_CASE("indented, the writer writes what nlohmann::json's dump(2) writes", "[json]") {
  std::string text;
  JsonWriter w(text, 2);
  w.begin_object();
  w.key("empty_object");
  w.begin_object();
  w.end_object();
  w.key("empty_array");
  w.begin_array();
  w.end_array();
  w.key("list");
  w.begin_array();
  w.integer(1);
  w.number(2.5, 1);
  w.begin_object();
  w.key("x");
  w.null();
  w.end_object();
  w.end_array();
  w.key("scores");
  const std::array<std::string_view, 2> keys{"cloud", "local"};
  const std::array<double, 2> values{12.25, -0.0};
  w.number_object(keys, values, 1);
  w.key("text");
  w.string("caf\xc3\xa9 \x01");
  w.end_object();
  w.finish();
  nlohmann::ordered_json expected;
  expected["empty_object"] = nlohmann::ordered_json::object();
  expected["empty_array"] = nlohmann::ordered_json::array();
  expected["list"] = {1, 2.5, {{"x", nullptr}}};
  expected["scores"] = {{"cloud", 12.3}, {"local", 0.0}};
  expected["text"] = "caf\xc3\xa9 \x01";
  CHECK(text == expected.dump(2, ' ', true));
}
