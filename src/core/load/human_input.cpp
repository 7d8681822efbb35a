// SPDX-License-Identifier: MIT
#include "aidecide/human_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "aidecide/escape.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"
#include "yaml/yaml_read.hpp"

namespace aidecide {
namespace {

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return ascii_lower(s);
}

bool in_limits(const Criterion& c, double v) {
  if (c.exclusive_minimum ? v <= c.minimum : v < c.minimum) return false;
  return !c.maximum || v <= *c.maximum;
}

std::string limits_text(const Criterion& c) {
  std::string t =
      fmt::format("{} {}", c.exclusive_minimum ? "above" : "at least", format_number(c.minimum));
  if (c.maximum) t += fmt::format(" and at most {}", format_number(*c.maximum));
  return t;
}

}  // namespace

HumanNumber parse_human_number(std::string_view input, const Criterion& c) {
  std::string s = lower_trimmed(input);
  const std::string shown = escape_for_message(input);
  if (s.size() > 64) return {std::nullopt, "that is too long for a number"};
  const bool money = c.unit.starts_with("USD");
  const bool millis = c.unit == "ms";
  if (!s.empty() && s.front() == '$') {
    if (!money) return {std::nullopt, fmt::format("'{}': this question is not about money", shown)};
    s.erase(0, 1);
  }
  for (const char* tail : {"/month", "/mo", " per month", "usd", "requests", "tokens"}) {
    if (s.size() > std::string_view(tail).size() && s.ends_with(tail))
      s.resize(s.size() - std::string_view(tail).size());
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  double scale = 1;
  if (millis && s.ends_with("ms")) {
    s.resize(s.size() - 2);
  } else if (millis && s.ends_with('s')) {
    s.pop_back();
    scale = 1000;
  } else if (!s.empty() && (s.back() == 'k' || s.back() == 'm' || s.back() == 'b')) {
    scale = s.back() == 'k' ? 1e3 : s.back() == 'm' ? 1e6 : 1e9;
    s.pop_back();
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  const auto n = parse_plain_number(s);
  if (!n) {
    return {std::nullopt,
            fmt::format("'{}' is not a number; type digits with an optional k, M or B{}", shown,
                        millis  ? ", or s/ms"
                        : money ? ", and an optional $"
                                : "")};
  }
  const double v = *n * scale;
  if (!std::isfinite(v)) return {std::nullopt, fmt::format("'{}' is too large", shown)};
  if (!in_limits(c, v)) {
    return {std::nullopt,
            fmt::format("{} must be {}; you typed {}", c.title, limits_text(c), format_number(v))};
  }
  return {v, ""};
}

HumanAnswer parse_human_answer(std::string_view input, const Criterion& c) {
  const std::string s = lower_trimmed(input);
  if (s.empty()) return {std::nullopt, "type an answer, or \"not sure\""};
  if (s == "not sure" || s == "unknown" || s == "n/a" || s == "dont know" || s == "don't know" ||
      s == "idk") {
    Answer a;
    a.kind = Answer::Kind::unknown;
    return {a, ""};
  }
  if (c.kind == CriterionKind::choice) {
    // A number from the list ...
    if (std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isdigit(ch); }) &&
        s.size() < 4) {
      const std::size_t n = static_cast<std::size_t>(std::stoi(s));
      if (n >= 1 && n <= c.answers.size()) {
        Answer a;
        a.kind = Answer::Kind::choice;
        a.choice = n - 1;
        return {a, ""};
      }
      return {std::nullopt, fmt::format("type a number from 1 to {}", c.answers.size())};
    }
    // ... or an id, or the start of a label.
    for (std::size_t i = 0; i < c.answers.size(); ++i) {
      if (c.answers[i].id == s || lower_trimmed(c.answers[i].label) == s ||
          (s.size() >= 3 && lower_trimmed(c.answers[i].label).starts_with(s))) {
        Answer a;
        a.kind = Answer::Kind::choice;
        a.choice = i;
        return {a, ""};
      }
    }
    std::vector<std::string> ids;
    for (const auto& a : c.answers) ids.push_back(a.id);
    const auto hint = did_you_mean(s, ids);
    return {std::nullopt,
            fmt::format("'{}' is not one of the answers{}; type a number from 1 to {}",
                        escape_for_message(input),
                        hint ? fmt::format(" (did you mean {}?)", *hint) : "", c.answers.size())};
  }
  // A range "low-high" or "low to high" (a leading minus is not a range).
  std::string_view text = s;
  std::size_t dash = text.find(" to ");
  std::size_t skip = 4;
  if (dash == std::string_view::npos) {
    dash = text.find('-', 1);
    skip = 1;
  }
  if (dash != std::string_view::npos) {
    const auto lo = parse_human_number(text.substr(0, dash), c);
    const auto hi = parse_human_number(text.substr(dash + skip), c);
    if (!lo.value) return {std::nullopt, lo.error};
    if (!hi.value) return {std::nullopt, hi.error};
    if (*lo.value > *hi.value)
      return {std::nullopt, "the range is reversed; type the low end first"};
    Answer a;
    a.kind = *lo.value == *hi.value ? Answer::Kind::number : Answer::Kind::range;
    a.low = *lo.value;
    a.high = *hi.value;
    return {a, ""};
  }
  const auto n = parse_human_number(text, c);
  if (!n.value) return {std::nullopt, n.error};
  Answer a;
  a.kind = Answer::Kind::number;
  a.low = a.high = *n.value;
  return {a, ""};
}

}  // namespace aidecide
