// SPDX-License-Identifier: MIT
// Sentences shared by every renderer, so they read the same everywhere.
#include <fmt/format.h>

#include <cmath>

#include "aidecide/render.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

std::string describe_contribution(const ScoringModel& model, const Decision& d, const Contribution& c) {
  const Criterion& crit = model.questionnaire.criteria[c.criterion];
  const std::string subject = crit.answerable() ? fmt::format("{} is {}", crit.title, c.value_text)
                                                : fmt::format("{} (computed)", crit.title);
  const auto [first, second] = d.versus;
  if (std::fabs(c.separation) < 0.05) {
    return fmt::format("{}: no difference between {} and {}", subject, to_string(first), to_string(second));
  }
  const Option favoured = c.separation > 0 ? first : second;
  const Option other = c.separation > 0 ? second : first;
  return fmt::format("{}: favours {}, +{:.1f} points over {}", subject, to_string(favoured), std::fabs(c.separation),
                     to_string(other));
}

std::string_view confidence_words(double confidence) {
  if (confidence >= 0.9) return "high";
  if (confidence >= 0.7) return "moderate";
  if (confidence >= 0.5) return "low";
  return "very low";
}

}  // namespace aidecide
