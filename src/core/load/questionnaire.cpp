// SPDX-License-Identifier: MIT
// Behaviour of the questionnaire's values: utilities, conditions, text.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "aidecide/questionnaire.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"
#include "util/remembered_log.hpp"

namespace aidecide {

void Curve::add_point(Option o, double x, double utility) {
  points[index(o)].emplace_back(x, utility);
}

// log10_x: log10(x), or NaN when not taken yet.
double Curve::eval_at(std::size_t o, double x, double log10_x) const {
  const auto& pts = points[o];
  if (pts.empty()) return 0;
  if (x <= pts.front().first) return pts.front().second;
  if (x >= pts.back().first) return pts.back().second;
  const auto upper = std::upper_bound(pts.begin(), pts.end(), x,
                                      [](double v, const auto& p) { return v < p.first; });
  const auto& [x1, y1] = *(upper - 1);
  const auto& [x2, y2] = *upper;
  double t = 0;
  if (scale == Scale::log) {
    const double l1 = remembered_log10(x1);
    const double l2 = remembered_log10(x2);
    const double lx = std::isnan(log10_x) ? remembered_log10(x) : log10_x;
    t = (lx - l1) / (l2 - l1);
  } else {
    t = (x - x1) / (x2 - x1);
  }
  return y1 + t * (y2 - y1);
}

double Curve::eval(Option o, double x) const {
  return eval_at(index(o), x, std::numeric_limits<double>::quiet_NaN());
}

PerOption Curve::eval_all(double x) const {
  // A point's x is never NaN, so NaN means "not taken" only for x itself.
  const double lx =
      scale == Scale::log && x > 0 ? remembered_log10(x) : std::numeric_limits<double>::quiet_NaN();
  PerOption u{};
  for (std::size_t o = 0; o < kOptionCount; ++o) u[o] = eval_at(o, x, lx);
  return u;
}

bool Condition::holds(const Values& values) const {
  const Value& v = values[criterion];
  if (!answers.empty()) return std::find(answers.begin(), answers.end(), v.choice) != answers.end();
  if (below && !(v.number < *below)) return false;
  if (at_least && !(v.number >= *at_least)) return false;
  return true;
}

bool all_hold(const std::vector<Condition>& conditions, const Values& values) {
  return std::all_of(conditions.begin(), conditions.end(),
                     [&](const Condition& c) { return c.holds(values); });
}

bool Constraint::holds(const Values& values) const {
  return all_hold(when, values);
}

std::size_t Criterion::answer_index(std::string_view answer_id) const {
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (answers[i].id == answer_id) return i;
  }
  return kNoIndex;
}

double Criterion::utility(Option o, const Values& values) const {
  if (kind == CriterionKind::number) return curve.eval(o, values[index_in_questionnaire].number);
  const std::size_t choice = values[index_in_questionnaire].choice;
  double u = answers[choice].utility[index(o)];
  // Later adjustments win, so a file can refine an earlier, broader rule.
  for (const auto& adjustment : adjustments) {
    if (!all_hold(adjustment.when, values)) continue;
    for (const auto& [answer, overrides] : adjustment.utilities) {
      if (answer == choice && overrides[index(o)]) u = *overrides[index(o)];
    }
  }
  return u;
}

PerOption Criterion::utilities(const Values& values) const {
  if (kind == CriterionKind::number) return curve.eval_all(values[index_in_questionnaire].number);
  const std::size_t choice = values[index_in_questionnaire].choice;
  PerOption u = answers[choice].utility;
  for (const auto& adjustment : adjustments) {
    if (!all_hold(adjustment.when, values)) continue;
    for (const auto& [answer, overrides] : adjustment.utilities) {
      if (answer != choice) continue;
      for (std::size_t o = 0; o < kOptionCount; ++o) {
        if (overrides[o]) u[o] = *overrides[o];
      }
    }
  }
  return u;
}

namespace {

// Units are written as plurals ("sites", "tokens", "requests/month"); one
// of them reads singular ("1 site"). Short units ("ms") are symbols.
std::string unit_for(std::string_view unit, double value) {
  const std::size_t word = std::min(unit.find('/'), unit.size());
  if (value != 1 || word <= 2 || unit[word - 1] != 's') return std::string(unit);
  return std::string(unit.substr(0, word - 1)) + std::string(unit.substr(word));
}

}  // namespace

std::string Criterion::value_text(const Value& v) const {
  if (kind == CriterionKind::choice) return answers[v.choice].id;
  if (kind == CriterionKind::number) {
    std::string text = format_number(v.number);
    if (!unit.empty()) {
      text += ' ';
      text += unit_for(unit, v.number);
    }
    return text;
  }
  return "computed";
}

std::string describe_value(const Criterion& c, double value) {
  const bool usd = c.unit == "USD" || c.unit == "USD/month";
  std::string out = usd ? "$" : "";
  // Thresholds are found by search: three significant digits are honest.
  if (value >= 1e4) {
    out += format_compact(value);
  } else if (value >= 1000) {
    out += format_number(value);
  } else {
    out += fmt::format(FMT_COMPILE("{:.3g}"), value);
  }
  if (c.unit == "USD/month") {
    out += "/month";
  } else if (!usd && !c.unit.empty()) {
    out += ' ';
    out += c.unit;
  }
  return out;
}

std::size_t Questionnaire::index_of(std::string_view id, std::size_t guess) const {
  if (guess < criteria.size() && criteria[guess].id == id) return guess;
  return index_of(id);
}

std::size_t Questionnaire::index_of(std::string_view id) const {
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    if (criteria[i].id == id) return i;
  }
  return kNoIndex;
}

const Criterion& Questionnaire::at(std::string_view id) const {
  const std::size_t i = index_of(id);
  if (i == kNoIndex) throw Error(fmt::format("no criterion '{}' in {}", id, source));
  return criteria[i];
}

}  // namespace aidecide
