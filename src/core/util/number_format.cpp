// SPDX-License-Identifier: MIT
// Numbers and money for people (docs/formats.md, "Numbers").
#include "aidecide/number_format.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

namespace aidecide {
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

std::string format_number(double x) {
  if (!std::isfinite(x)) return "n/a";
  const double a = std::fabs(x);
  // No hundred-digit numbers in messages.
  if (a >= 1e15) return fmt::format(FMT_COMPILE("{:.3g}"), x);
  // A whole number: its digits, grouped by thousands.
  std::string text;
  if (a >= 1000 || std::fabs(a - std::round(a)) < 1e-9) {
    text = group_thousands(fmt::format(FMT_COMPILE("{:.0f}"), std::round(a)));
  } else {
    text = fmt::format(FMT_COMPILE("{:.2f}"), a);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  // No "-0": a sign only on what shows as other than zero.
  return x < 0 && text != "0" ? "-" + text : text;
}

std::string format_usd(double x) {
  if (!std::isfinite(x)) return "n/a";
  const double a = std::fabs(x);
  // No "-$0.00": a sign only on what shows as other than zero.
  const bool shows_cents = a >= 0.005 && a < 10;
  const std::string sign = x < 0 && (shows_cents || a >= 0.5) ? "-" : "";
  if (a > 0 && a < 10) return fmt::format(FMT_COMPILE("{}${:.2f}"), sign, a);
  return sign + "$" + group_thousands(fmt::format(FMT_COMPILE("{:.0f}"), std::round(a)));
}

std::string format_compact(double x) {
  if (!std::isfinite(x)) return "n/a";
  const double a = std::fabs(x);
  const auto scaled = [&](double div, const char* suffix) {
    std::string t = fmt::format(FMT_COMPILE("{:.1f}"), x / div);
    if (t.size() > 2 && t.ends_with(".0")) t.resize(t.size() - 2);
    return t + suffix;
  };
  if (a >= 1e9) return scaled(1e9, "B");
  if (a >= 1e6) return scaled(1e6, "M");
  if (a >= 1e4) return scaled(1e3, "k");
  return format_number(x);
}

std::string format_short(double x) {
  if (!std::isfinite(x)) return "n/a";
  const double a = std::fabs(x);
  // Largest unit first, from where the value rounds to 1.0 of it (999,960
  // reads "1M", never "1000k").
  struct Unit {
    double div, from;
    const char* suffix;
  };
  static constexpr Unit kUnits[] = {{1e9, 1e9 - 5e4, "B"}, {1e6, 1e6 - 50, "M"}, {1e3, 999.5, "k"}};
  std::string t;
  for (const Unit& u : kUnits) {
    if (a < u.from) continue;
    t = fmt::format(FMT_COMPILE("{:.1f}"), a / u.div);
    if (t.ends_with(".0")) t.resize(t.size() - 2);
    t += u.suffix;
    break;
  }
  if (t.empty()) t = format_number(a >= 10 ? std::round(a) : a);
  return x < 0 && t != "0" ? "-" + t : t;
}

std::string format_usd_short(double x) {
  if (!std::isfinite(x)) return "n/a";
  if (std::fabs(x) < 10) return format_usd(x);
  const std::string t = format_short(x);
  return t.front() == '-' ? "-$" + t.substr(1) : "$" + t;
}

std::string format_fixed(double x, int decimals) {
  // std::to_chars writes the digits "{:.Nf}" writes (both round the exact
  // binary value), without fmt's float formatting: every driver's sentence
  // of every result takes one.
  std::array<char, 400> digits;  // the widest double, 60 places and a sign
  if (decimals >= 0 && decimals <= 60) {
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), x,
                                   std::chars_format::fixed, decimals);
    if (end.ec == std::errc()) return std::string(digits.data(), end.ptr);
  }
  return fmt::format("{:.{}f}", x, decimals);
}

}  // namespace aidecide
