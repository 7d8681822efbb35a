// SPDX-License-Identifier: MIT
// Sentences shared by every renderer, so they read the same everywhere.
#include <fmt/format.h>

#include <cmath>

#include "aidecide/render.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

std::string describe_contribution(const ScoringModel& model, const Decision& d,
                                  const Contribution& c) {
  const Criterion& crit = model.questionnaire.criteria[c.criterion];
  const std::string subject = crit.answerable() ? fmt::format("{} is {}", crit.title, c.value_text)
                                                : fmt::format("{} (computed)", crit.title);
  const auto [first, second] = d.versus;
  if (std::fabs(c.separation) < 0.05) {
    return fmt::format("{}: no difference between {} and {}", subject, to_string(first),
                       to_string(second));
  }
  const Option favoured = c.separation > 0 ? first : second;
  const Option other = c.separation > 0 ? second : first;
  return fmt::format("{}: favours {}, +{:.1f} points over {}", subject, to_string(favoured),
                     std::fabs(c.separation), to_string(other));
}

std::string describe_value(const Criterion& c, double value) {
  // Thresholds are found by search: three significant digits are honest.
  std::string text = value >= 1e4    ? format_compact(value)
                     : value >= 1000 ? format_number(value)
                                     : fmt::format("{:.3g}", value);
  if (c.unit == "USD") return "$" + text;
  if (c.unit == "USD/month") return "$" + text + "/month";
  return c.unit.empty() ? text : text + " " + c.unit;
}

std::string describe_flip(const ScoringModel& model, const Decision& d, const WeightFlip& f) {
  const Criterion& c = model.questionnaire.criteria[f.criterion];
  const double now = d.weights[f.criterion];
  return fmt::format("weight of {} x{:.2f} ({} -> {}): {} wins", c.title, f.factor,
                     format_number(now), format_number(now * f.factor), to_string(f.winner));
}

std::string describe_flip(const ScoringModel& model, const NumberFlip& f) {
  const Criterion& c = model.questionnaire.criteria[f.criterion];
  return fmt::format("{} wins with {} {} {}", to_string(f.winner), c.title,
                     f.above ? "above" : "below", describe_value(c, f.value));
}

std::string describe_flip(const ScoringModel& model, const ChoiceFlip& f) {
  const Criterion& c = model.questionnaire.criteria[f.criterion];
  return fmt::format("{} wins if {} were {}", to_string(f.winner), c.title, c.answers[f.answer].id);
}

std::string_view confidence_words(double confidence) {
  if (confidence >= 0.9) return "high";
  if (confidence >= 0.7) return "moderate";
  if (confidence >= 0.5) return "low";
  return "very low";
}

}  // namespace aidecide
