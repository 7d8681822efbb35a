// SPDX-License-Identifier: MIT
#pragma once
// A streaming JSON writer for the hot path of `score --format json`: no
// document tree, no allocation per value. Its bytes are those of
// nlohmann::json's dump(-1, ' ', true, replace) (ASCII, shortest round-trip
// numbers), which tests/unit/json_writer_test.cpp holds it to.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aidecide {

class JsonWriter {
 public:
  static constexpr int kExact = -1;
  explicit JsonWriter(std::string& out) : m_out(out) {
    m_first.reserve(16);  // deeper than any document we write
  }

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // A member name; must be plain ASCII without quotes (our own field names).
  void key(std::string_view name);
  void string(std::string_view text);
  // `x` rounded to `decimals` places ("-0" becomes 0), or as it is without
  // `decimals`; NaN and inf become null.
  void number(double x, int decimals = kExact);
  // {"k0":v0,"k1":v1,...}: numbers under our own plain ASCII names, each
  // rounded to `decimals` places as number() does.
  void number_object(std::span<const std::string_view> keys, std::span<const double> values,
                     int decimals);
  void integer(std::uint64_t n);
  void boolean(bool b);
  void null();

 private:
  void separate();
  void write_number(double x, int decimals);

  std::string& m_out;
  std::vector<char> m_first;  // per open container: nothing written in it yet
  bool m_after_key = false;
};

// `x` rounded to `decimals` places, with -0 turned into 0.
double round_to(double x, int decimals);

}  // namespace aidecide
