// SPDX-License-Identifier: MIT
// Behaviour of the questionnaire's values: utilities, conditions, text.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "aidecide/questionnaire.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

double Curve::eval(Option o, double x) const {
  const auto& pts = points[index(o)];
  if (pts.empty()) return 0;
  if (x <= pts.front().first) return pts.front().second;
  if (x >= pts.back().first) return pts.back().second;
  const auto upper = std::upper_bound(pts.begin(), pts.end(), x,
                                      [](double v, const auto& p) { return v < p.first; });
  const auto& [x1, y1] = *(upper - 1);
  const auto& [x2, y2] = *upper;
  const auto t = scale == Scale::log
                     ? (std::log10(x) - std::log10(x1)) / (std::log10(x2) - std::log10(x1))
                     : (x - x1) / (x2 - x1);
  return y1 + t * (y2 - y1);
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

std::string Criterion::value_text(const Value& v) const {
  if (kind == CriterionKind::choice) return answers[v.choice].id;
  if (kind == CriterionKind::number) {
    std::string text;
    append_number(text, v.number);
    if (!unit.empty()) {
      text += ' ';
      text += unit;
    }
    return text;
  }
  return "computed";
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
