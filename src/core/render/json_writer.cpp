// SPDX-License-Identifier: MIT
#include "render/json_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

namespace aidecide {
namespace {

constexpr int kMaxFastDecimals = 3;

// Printable ASCII without quote and backslash needs no escaping: the
// common case of ids, numbers-as-text and sentences.
// Eight bytes at a time (the classic "has a zero byte" and "has a byte less
// than n" word tests, both exact about whether any byte qualifies), the
// last eight overlapping; a text shorter than eight one byte at a time.
// With `quotes`, quote and backslash count as not plain too.
bool is_plain(std::string_view text, bool quotes) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const auto has_less = [](std::uint64_t v, std::uint64_t n) {
    return (v - kOnes * n) & ~v & kHigh;
  };
  const auto word_plain = [&](std::size_t at) {
    std::uint64_t w = 0;
    std::memcpy(&w, text.data() + at, sizeof w);
    return !((w & kHigh) | has_less(w, 0x20) | has_zero(w ^ (kOnes * 0x7F)) |
             (quotes ? has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\')) : 0));
  };
  if (text.size() >= 8) {
    // The last word overlaps the one before it rather than a byte loop.
    for (std::size_t i = 0; i + 8 <= text.size(); i += 8)
      if (!word_plain(i)) return false;
    return word_plain(text.size() - 8);
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c >= 0x7F || (quotes && (c == '"' || c == '\\'))) return false;
  }
  return true;
}

// std::round for |v| < 1e15 without its library call (SSE2 has no rounding
// instruction; one call per number was a tenth of writing it). Exact there:
// the integer part converts exactly and v minus it is exact below 2^52.
// The sign of a zero may differ from std::round's; write_fixed() ignores it.
double round_half_away(double v) {
  const auto t = static_cast<double>(static_cast<std::int64_t>(v));
  const double f = v - t;
  return f >= 0.5 ? t + 1 : f <= -0.5 ? t - 1 : t;
}

// x rounded to `decimals` places is k / 10^decimals. With |k| below 10^15
// (15 significant digits, DBL_DIG) no two such decimals round to the same
// double, so k's digits with the trailing zeros dropped are the shortest
// text that reads back as the rounded double: what nlohmann::json writes,
// without its general shortest-digits search. Checked against nlohmann for
// every k below 2 * 10^7 and 200 million random ones up to 10^15 at 0 to 3
// decimals (at 4, nlohmann's Grisu2 sometimes writes 17 digits where fewer
// would do, so the fast path stops at 3). False when x is out of its reach.
// Writes at `out` (room for 32 bytes) and returns the end, or nullptr when
// x is out of its reach.
char* write_fixed(char* out, double x, int decimals) {
  static constexpr std::array<double, kMaxFastDecimals + 1> kScale{1, 10, 100, 1e3};
  const double raw = x * kScale[static_cast<std::size_t>(decimals)];
  if (!(std::fabs(raw) < 1e15)) return nullptr;  // std::round keeps such a value at 1e15 or more
  const double scaled = round_half_away(raw);
  if (!(std::fabs(scaled) < 1e15)) return nullptr;
  if (scaled < 0) *out++ = '-';
  const auto k = static_cast<std::uint64_t>(std::fabs(scaled));
  // Division by a constant, not by a power read from a table: a multiply
  // instead of a 64-bit divide per number.
  std::uint64_t whole = k, fraction = 0;
  switch (decimals) {
    case 1:
      whole = k / 10, fraction = k % 10;
      break;
    case 2:
      whole = k / 100, fraction = k % 100;
      break;
    case 3:
      whole = k / 1000, fraction = k % 1000;
      break;
    default:
      break;
  }
  out = std::to_chars(out, out + 20, whole).ptr;
  *out++ = '.';
  if (fraction == 0) {
    *out++ = '0';
    return out;
  }
  int places = decimals;
  while (fraction % 10 == 0) fraction /= 10, --places;
  for (int p = places - 1; p >= 0; --p, fraction /= 10)
    out[p] = static_cast<char>('0' + fraction % 10);
  return out + places;
}

// The most any number takes (nlohmann's shortest round-trip form, or null).
constexpr std::size_t kNumberRoom = 64;

}  // namespace

double round_to(double x, int decimals) {
  static constexpr std::array<double, 7> kScale{1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  const double scale = decimals >= 0 && decimals < 7 ? kScale[static_cast<std::size_t>(decimals)]
                                                     : std::pow(10.0, decimals);
  const double r = std::round(x * scale) / scale;
  return r == 0 ? 0 : r;  // no "-0"
}

void JsonWriter::grow(std::size_t n) {
  // All the capacity there is, or double: the spare room is zero-filled
  // once per growth, not per piece.
  m_out.resize(std::max({m_out.capacity(), m_out.size() * 2, m_length + n, std::size_t{256}}));
}

void JsonWriter::put(std::string_view text) {
  std::memcpy(room(text.size()), text.data(), text.size());
  m_length += text.size();
}

void JsonWriter::newline(std::size_t depth) {
  const std::size_t n = depth * static_cast<std::size_t>(m_indent);
  char* p = room(n + 1);
  *p = '\n';
  std::memset(p + 1, ' ', n);
  m_length += n + 1;
}

void JsonWriter::separate() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (!m_first.empty()) {
    if (!m_first.back()) put(',');
    m_first.back() = 0;
    if (m_indent > 0) newline(m_first.size());
  }
}

void JsonWriter::close(char bracket) {
  const bool empty = m_first.back() != 0;
  m_first.pop_back();
  if (m_indent > 0 && !empty) newline(m_first.size());
  put(bracket);
}

void JsonWriter::begin_object() {
  separate();
  put('{');
  m_first.push_back(1);
}

void JsonWriter::end_object() {
  close('}');
}

void JsonWriter::begin_array() {
  separate();
  put('[');
  m_first.push_back(1);
}

void JsonWriter::end_array() {
  close(']');
}

void JsonWriter::key(std::string_view name) {
  // Compact, the comma goes into the same reservation as the name and the
  // colon (a result has hundreds of keys); indented, separate() writes the
  // comma and the line break.
  const bool compact = m_indent == 0 && !m_first.empty();
  if (!compact) separate();
  char* p = room(name.size() + 4);  // a comma or a space, never both
  char* const start = p;
  if (compact) {
    if (!m_first.back()) *p++ = ',';
    m_first.back() = 0;
  }
  *p++ = '"';
  std::memcpy(p, name.data(), name.size());
  p += name.size();
  *p++ = '"';
  *p++ = ':';
  if (m_indent > 0) *p++ = ' ';
  m_length += static_cast<std::size_t>(p - start);
  m_after_key = true;
}

void JsonWriter::string(std::string_view text) {
  separate();
  if (is_plain(text, true)) {
    char* p = room(text.size() + 2);
    *p++ = '"';
    std::memcpy(p, text.data(), text.size());
    p[text.size()] = '"';
    m_length += text.size() + 2;
    return;
  }
  if (is_plain(text, false)) {
    // Printable ASCII with a quote or a backslash (a sentence that quotes a
    // row's name): each takes a backslash before it, as the library writes it.
    char* p = room(2 * text.size() + 2);
    char* const start = p;
    *p++ = '"';
    for (const char c : text) {
      if (c == '"' || c == '\\') *p++ = '\\';
      *p++ = c;
    }
    *p++ = '"';
    m_length += static_cast<std::size_t>(p - start);
    return;
  }
  // Control characters, non-ASCII and invalid UTF-8 are rare: let the
  // library that defines the expected bytes write them.
  put(nlohmann::json(std::string(text))
          .dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
}

void JsonWriter::number(double x, int decimals) {
  separate();
  write_number(x, decimals);
}

void JsonWriter::number_object(std::span<const std::string_view> keys,
                               std::span<const double> values, int decimals) {
  if (m_indent > 0) {
    begin_object();
    for (std::size_t i = 0; i < keys.size(); ++i) {
      key(keys[i]);
      number(values[i], decimals);
    }
    end_object();
    return;
  }
  separate();
  put('{');
  for (std::size_t i = 0; i < keys.size(); ++i) {
    char* p = room(keys[i].size() + 4);
    if (i > 0) *p++ = ',';
    *p++ = '"';
    std::memcpy(p, keys[i].data(), keys[i].size());
    p += keys[i].size();
    *p++ = '"';
    *p++ = ':';
    m_length = static_cast<std::size_t>(p - m_out.data());
    write_number(values[i], decimals);
  }
  put('}');
}

void JsonWriter::write_number(double x, int decimals) {
  if (x == 0) x = 0;  // never "-0.0"
  char* start = room(kNumberRoom);
  char* end = nullptr;
  if (!std::isfinite(x)) {
    constexpr std::string_view kNull = "null";
    end = std::copy(kNull.begin(), kNull.end(), start);
  } else if (decimals >= 0 && decimals <= kMaxFastDecimals) {
    end = write_fixed(start, x, decimals);
  } else if (decimals == kExact && std::fabs(x) < 1e15 &&
             x == static_cast<double>(static_cast<std::int64_t>(x))) {
    // A whole number (GPUs, replicas, months): the library writes its
    // digits and ".0", as write_fixed() does at 0 decimals.
    end = write_fixed(start, x, 0);
  }
  if (end == nullptr) {
    // The library that defines the expected bytes writes the rest.
    const std::string text = nlohmann::json(decimals == kExact ? x : round_to(x, decimals)).dump();
    end = std::copy(text.begin(), text.end(), start);
  }
  m_length += static_cast<std::size_t>(end - start);
}

void JsonWriter::integer(std::uint64_t n) {
  separate();
  char* start = room(24);
  m_length += static_cast<std::size_t>(std::to_chars(start, start + 24, n).ptr - start);
}

void JsonWriter::boolean(bool b) {
  separate();
  put(b ? std::string_view("true") : std::string_view("false"));
}

void JsonWriter::null() {
  separate();
  put(std::string_view("null"));
}

}  // namespace aidecide
