// SPDX-License-Identifier: MIT
#include "json_writer.hpp"

#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

namespace aidecide {
namespace {

// Printable ASCII without quote and backslash needs no escaping: the
// common case of ids, numbers-as-text and sentences.
bool is_plain(std::string_view text) {
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return false;
  }
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
    m_first.back() = false;
  }
}

void JsonWriter::begin_object() {
  separate();
  m_out += '{';
  m_first.push_back(true);
}

void JsonWriter::end_object() {
  m_out += '}';
  m_first.pop_back();
}

void JsonWriter::begin_array() {
  separate();
  m_out += '[';
  m_first.push_back(true);
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
  if (!std::isfinite(x)) {
    m_out += "null";
    return;
  }
  std::array<char, 64> buffer{};
  char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(),
                                         decimals == kExact ? x : round_to(x, decimals));
  m_out.append(buffer.data(), end);
}

void JsonWriter::integer(std::uint64_t n) {
  separate();
  m_out += std::to_string(n);
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
