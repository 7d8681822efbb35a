// SPDX-License-Identifier: MIT
#pragma once
// A streaming JSON writer: no document tree, no allocation per value (the
// hot path of `score --format json`). Its bytes are those of
// nlohmann::json's dump(indent, ' ', true, replace) (ASCII, shortest
// round-trip numbers), which tests/unit/render/json_writer_test.cpp holds
// it to, compact or indented.

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aidecide {

class JsonWriter {
 public:
  static constexpr int kExact = -1;
  // Appends to `out`. Until finish() (or the writer's end) `out` also holds
  // spare room after what was written: read it only after that.
  // `indent` > 0: one member per line, indented by that many spaces per level.
  explicit JsonWriter(std::string& out, int indent = 0)
      : m_out(out), m_length(out.size()), m_indent(indent) {
    m_first.reserve(16);  // deeper than any document we write
  }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  ~JsonWriter() { finish(); }
  // Trims `out` to what was written.
  void finish() { m_out.resize(m_length); }

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
  // Room for n more bytes at the end of what was written: the text is
  // written through a pointer, not appended piece by piece (each append
  // checks and updates the string; a result has about a thousand pieces).
  char* room(std::size_t n) {
    if (m_out.size() - m_length < n) grow(n);
    return m_out.data() + m_length;
  }
  void grow(std::size_t n);
  void put(char c) {
    *room(1) = c;
    ++m_length;
  }
  void put(std::string_view text);
  void separate();
  void close(char bracket);
  void newline(std::size_t depth);
  void write_number(double x, int decimals);

  std::string& m_out;
  std::size_t m_length;       // of what was written; m_out is longer until finish()
  std::vector<char> m_first;  // per open container: nothing written in it yet
  bool m_after_key = false;
  int m_indent = 0;
};

// `x` rounded to `decimals` places, with -0 turned into 0.
double round_to(double x, int decimals);

}  // namespace aidecide
