// SPDX-License-Identifier: MIT
#include "aidecide/text.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace aidecide {
namespace {

// Length of the UTF-8 sequence starting at s[i] and its code point, or 0 when
// the bytes there are not valid UTF-8 (overlong forms and surrogates included).
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

}  // namespace

std::size_t count_code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string_view strip_bom(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

namespace {
// Line and column (in code points) of byte `end`, for text before it that
// is known to be valid UTF-8.
SourcePos position_of(std::string_view text, std::size_t end) {
  SourcePos at{1, 1};
  for (std::size_t i = 0; i < end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // not a continuation byte: a new code point
      ++at.column;
    }
  }
  return at;
}
}  // namespace

std::optional<TextProblem> find_invalid_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // Printable ASCII, tabs and line ends: the bulk of any text, one compare each.
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte >= 0x20 && byte < 0x7F) || byte == '\n' || byte == '\t' || byte == '\r') {
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      return TextProblem{position_of(text, i),
                         fmt::format("not UTF-8 text (byte 0x{:02x}); is this a binary file?",
                                     static_cast<unsigned char>(text[i]))};
    }
    const bool control = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F ||
                         (cp >= 0x80 && cp <= 0x9F);
    if (control) {
      return TextProblem{position_of(text, i),
                         fmt::format("control character U+{:04X} is not allowed; is this a binary "
                                     "file?",
                                     static_cast<unsigned>(cp))};
    }
    i += len;
  }
  return std::nullopt;
}

std::string escape_for_message(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    } else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string escape_html(std::string_view text) {
  std::string out;
  for (char c : escape_for_message(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string escape_markdown(std::string_view text) {
  std::string out;
  for (char c : escape_for_message(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '@':
        out += "&#64;";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
      case '~':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string csv_cell(std::string_view text) {
  std::string cell = escape_for_message(text);
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@'))
    cell.insert(0, "'");
  const bool quote = cell.find_first_of(",\"") != std::string::npos ||
                     (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (!quote) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string safe_file_stem(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 60) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "profile" : out;
}

namespace {
// Levenshtein distance over bytes (ids are ASCII), or `limit` when it is at
// least that: the length difference alone bounds it from below, so a long
// line typed at a prompt costs nothing.
std::size_t edit_distance_below(std::string_view word, std::string_view candidate,
                                std::size_t limit) {
  const std::size_t gap = word.size() > candidate.size() ? word.size() - candidate.size()
                                                         : candidate.size() - word.size();
  if (gap >= limit) return limit;
  std::vector<std::size_t> row(candidate.size() + 1);
  for (std::size_t j = 0; j <= candidate.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= word.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= candidate.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = word[i - 1] == candidate[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return std::min(row[candidate.size()], limit);
}
}  // namespace

std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const bool prefix = candidate.size() > 3 && word.size() >= 3 &&
                        (candidate.starts_with(word) || word.starts_with(candidate));
    const std::size_t distance = prefix ? 1 : edit_distance_below(word, candidate, best_distance);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

namespace {
std::string group_thousands(std::string_view digits) {
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}
}  // namespace

char* write_decimals(char* out, double x, int decimals) {
  // x times 10 or 100 is exact in the x87's 64-bit significand (53 bits
  // times a 3- or 5-bit odd factor), so its integer part and remainder are
  // exact and the rounding is decided on the exact value, as fmt does.
  static_assert(std::numeric_limits<long double>::digits >= 64);
  if (!std::isfinite(x) || !(std::fabs(x) < 1e15) || (decimals != 1 && decimals != 2)) {
    // Out of the fast path's reach (and of any sentence's): at most 40 bytes.
    return decimals == 1 ? fmt::format_to_n(out, 40, FMT_COMPILE("{:.1f}"), x).out
                         : fmt::format_to_n(out, 40, FMT_COMPILE("{:.2f}"), x).out;
  }
  const std::uint64_t scale = decimals == 1 ? 10 : 100;
  const long double scaled =
      std::fabs(static_cast<long double>(x)) * static_cast<long double>(scale);
  const long double whole = std::floor(scaled);
  const long double rest = scaled - whole;
  auto k = static_cast<std::uint64_t>(whole);
  if (rest > 0.5L || (rest == 0.5L && (k & 1) != 0)) ++k;
  if (std::signbit(x)) *out++ = '-';
  out = std::to_chars(out, out + 20, k / scale).ptr;
  *out++ = '.';
  const std::uint64_t fraction = k % scale;
  if (decimals == 2) *out++ = static_cast<char>('0' + fraction / 10);
  *out++ = static_cast<char>('0' + fraction % 10);
  return out;
}

void append_number(std::string& out, double x) {
  if (!std::isfinite(x)) {
    out += "n/a";
    return;
  }
  const bool negative = x < 0;
  const double a = std::fabs(x);
  if (a >= 1e15) {
    // No hundred-digit numbers in messages.
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("{:.3g}"), x);
    return;
  }
  if (negative) out += '-';
  std::array<char, 32> buffer{};
  if (a >= 1000 || std::fabs(a - std::round(a)) < 1e-9) {
    // A whole number below 10^15: its digits, grouped by thousands.
    const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                                            static_cast<std::uint64_t>(std::round(a)));
    const auto n = static_cast<std::size_t>(end - buffer.data());
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0 && (n - i) % 3 == 0) out += ',';
      out += buffer[i];
    }
    return;
  }
  char* end = write_decimals(buffer.data(), a, 2);
  while (end[-1] == '0') --end;
  if (end[-1] == '.') --end;
  out.append(buffer.data(), end);
}

std::string format_number(double x) {
  std::string text;
  append_number(text, x);
  return text;
}

std::string format_usd(double x) {
  if (!std::isfinite(x)) return "n/a";
  const double a = std::fabs(x);
  const std::string sign = x < 0 ? "-" : "";
  if (a > 0 && a < 10) return fmt::format(FMT_COMPILE("{}${:.2f}"), sign, a);
  return sign + "$" + group_thousands(fmt::format(FMT_COMPILE("{:.0f}"), std::round(a)));
}

std::string format_compact(double x) {
  if (!std::isfinite(x)) return "n/a";
  const double a = std::fabs(x);
  const auto scaled = [&](double div, const char* suffix) {
    std::array<char, 64> buffer{};
    std::string t(buffer.data(), write_decimals(buffer.data(), x / div, 1));
    if (t.size() > 2 && t.ends_with(".0")) t.resize(t.size() - 2);
    return t + suffix;
  };
  if (a >= 1e9) return scaled(1e9, "B");
  if (a >= 1e6) return scaled(1e6, "M");
  if (a >= 1e4) return scaled(1e3, "k");
  return format_number(x);
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string join_words(const std::vector<std::string>& words, std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += (i + 1 == words.size()) ? std::string(last) : std::string(", ");
    out += words[i];
  }
  return out;
}

}  // namespace aidecide
