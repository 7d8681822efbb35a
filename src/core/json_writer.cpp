// SPDX-License-Identifier: MIT
#include "json_writer.hpp"

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
// than n" word tests, both exact about whether any byte qualifies), then the
// rest one by one.
bool is_plain(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const auto has_less = [](std::uint64_t v, std::uint64_t n) {
    return (v - kOnes * n) & ~v & kHigh;
  };
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, text.data() + i, sizeof w);
    if ((w & kHigh) | has_less(w, 0x20) | has_zero(w ^ (kOnes * 0x7F)) |
        has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\')))
      return false;
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return false;
  }
  return true;
}

// x rounded to `decimals` places is k / 10^decimals. With |k| below 10^15
// (15 significant digits, DBL_DIG) no two such decimals round to the same
// double, so k's digits with the trailing zeros dropped are the shortest
// text that reads back as the rounded double: what nlohmann::json writes,
// without its general shortest-digits search. Checked against nlohmann for
// every k below 2 * 10^7 and 200 million random ones up to 10^15 at 0 to 3
// decimals (at 4, nlohmann's Grisu2 sometimes writes 17 digits where fewer
// would do, so the fast path stops at 3). False when x is out of its reach.
bool write_fixed(std::string& out, double x, int decimals) {
  static constexpr std::array<double, kMaxFastDecimals + 1> kScale{1, 10, 100, 1e3};
  static constexpr std::array<std::uint64_t, kMaxFastDecimals + 1> kPower{1, 10, 100, 1000};
  const double scaled = std::round(x * kScale[static_cast<std::size_t>(decimals)]);
  if (!(std::fabs(scaled) < 1e15)) return false;
  if (scaled < 0) out += '-';
  const auto k = static_cast<std::uint64_t>(std::fabs(scaled));
  const std::uint64_t power = kPower[static_cast<std::size_t>(decimals)];
  std::array<char, 24> digits{};
  const auto [end, error] = std::to_chars(digits.data(), digits.data() + digits.size(), k / power);
  out.append(digits.data(), end);
  out += '.';
  std::uint64_t fraction = k % power;
  if (fraction == 0) {
    out += '0';
    return true;
  }
  int places = decimals;
  while (fraction % 10 == 0) fraction /= 10, --places;
  char* const first = digits.data();
  for (int p = places - 1; p >= 0; --p, fraction /= 10)
    first[p] = static_cast<char>('0' + fraction % 10);
  out.append(first, static_cast<std::size_t>(places));
  return true;
}

}  // namespace

double round_to(double x, int decimals) {
  static constexpr std::array<double, 7> kScale{1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  const double scale = decimals >= 0 && decimals < 7 ? kScale[static_cast<std::size_t>(decimals)]
                                                     : std::pow(10.0, decimals);
  const double r = std::round(x * scale) / scale;
  return r == 0 ? 0 : r;  // no "-0"
}

void JsonWriter::separate() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (!m_first.empty()) {
    if (!m_first.back()) m_out += ',';
    m_first.back() = 0;
  }
}

void JsonWriter::begin_object() {
  separate();
  m_out += '{';
  m_first.push_back(1);
}

void JsonWriter::end_object() {
  m_out += '}';
  m_first.pop_back();
}

void JsonWriter::begin_array() {
  separate();
  m_out += '[';
  m_first.push_back(1);
}

void JsonWriter::end_array() {
  m_out += ']';
  m_first.pop_back();
}

void JsonWriter::key(std::string_view name) {
  separate();
  m_out += '"';
  m_out += name;
  m_out += "\":";
  m_after_key = true;
}

void JsonWriter::string(std::string_view text) {
  separate();
  if (is_plain(text)) {
    m_out += '"';
    m_out += text;
    m_out += '"';
    return;
  }
  // Escapes, non-ASCII and invalid UTF-8 are rare: let the library that
  // defines the expected bytes write them.
  m_out += nlohmann::json(std::string(text))
               .dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}

void JsonWriter::number(double x, int decimals) {
  separate();
  write_number(x, decimals);
}

void JsonWriter::number_object(std::span<const std::string_view> keys,
                               std::span<const double> values, int decimals) {
  separate();
  m_out += '{';
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) m_out += ',';
    m_out += '"';
    m_out += keys[i];
    m_out += "\":";
    write_number(values[i], decimals);
  }
  m_out += '}';
}

void JsonWriter::write_number(double x, int decimals) {
  if (!std::isfinite(x)) {
    m_out += "null";
    return;
  }
  if (decimals >= 0 && decimals <= kMaxFastDecimals && write_fixed(m_out, x, decimals)) return;
  std::array<char, 64> buffer{};
  char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(),
                                         decimals == kExact ? x : round_to(x, decimals));
  m_out.append(buffer.data(), end);
}

void JsonWriter::integer(std::uint64_t n) {
  separate();
  std::array<char, 24> digits{};
  const auto [end, error] = std::to_chars(digits.data(), digits.data() + digits.size(), n);
  m_out.append(digits.data(), end);
}

void JsonWriter::boolean(bool b) {
  separate();
  m_out += b ? "true" : "false";
}

void JsonWriter::null() {
  separate();
  m_out += "null";
}

}  // namespace aidecide
