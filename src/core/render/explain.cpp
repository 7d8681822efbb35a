// SPDX-License-Identifier: MIT
// Sentences shared by every renderer, so they read the same everywhere.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "aidecide/number_format.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

std::string describe_contribution(const ScoringModel& model, const Decision& d,
                                  const Contribution& c) {
  const Criterion& crit = model.questionnaire.criteria[c.criterion];
  const std::string subject = crit.answerable()
                                  ? fmt::format(FMT_COMPILE("{} is {}"), crit.title, c.value_text)
                                  : fmt::format(FMT_COMPILE("{} (computed)"), crit.title);
  const auto [first, second] = d.versus;
  if (std::fabs(c.separation) < 0.05) {
    return fmt::format(FMT_COMPILE("{}: no difference between {} and {}"), subject,
                       to_string(first), to_string(second));
  }
  return fmt::format(FMT_COMPILE("{}: favours {}, +{:.1f} points over {}"), subject,
                     to_string(c.separation > 0 ? first : second), std::fabs(c.separation),
                     to_string(c.separation > 0 ? second : first));
}

std::string describe_flip(const ScoringModel& model, const Decision& d, const WeightFlip& f) {
  const Criterion& c = model.questionnaire.criteria[f.criterion];
  const double now = d.weights[f.criterion];
  return fmt::format(FMT_COMPILE("weight of {} x{:.2f} ({} -> {}): {} wins"), c.title, f.factor,
                     format_number(now), format_number(now * f.factor), to_string(f.winner));
}

std::string describe_flip(const ScoringModel& model, const NumberFlip& f) {
  const Criterion& c = model.questionnaire.criteria[f.criterion];
  return fmt::format(FMT_COMPILE("{} wins with {} {} {}"), to_string(f.winner), c.title,
                     f.above ? "above" : "below", describe_value(c, f.value));
}

std::string describe_flip(const ScoringModel& model, const ChoiceFlip& f) {
  const Criterion& c = model.questionnaire.criteria[f.criterion];
  return fmt::format(FMT_COMPILE("{} wins if {} were {}"), to_string(f.winner), c.title,
                     c.answers[f.answer].id);
}

std::vector<CostTableRow> cost_table(const Decision& d) {
  std::vector<CostTableRow> rows;
  const auto row = [&](std::string_view label, auto cell) {
    CostTableRow r{label, {}};
    for (Option o : kOptions) r.cells[index(o)] = cell(d.cost.options[index(o)]);
    rows.push_back(std::move(r));
  };
  row("upfront (to buy)", [](const OptionCost& o) { return format_usd(o.upfront_usd); });
  row("per month, all-in", [](const OptionCost& o) { return format_usd(o.monthly_usd); });
  row("  of which running", [](const OptionCost& o) { return format_usd(o.running_monthly_usd); });
  row("3-year total", [](const OptionCost& o) { return format_usd(o.tco_usd); });
  row("GPUs provisioned", [](const OptionCost& o) { return format_number(o.gpus); });
  row("within budget", [](const OptionCost& o) {
    return std::string(o.fits_upfront && o.fits_monthly     ? "yes"
                       : !o.fits_upfront && !o.fits_monthly ? "no"
                       : o.fits_upfront                     ? "no (monthly)"
                                                            : "no (upfront)");
  });
  return rows;
}

std::string cost_note(const Decision& d) {
  std::string note;
  if (d.cost.payback_months > 0) {
    note = fmt::format("Local hardware pays for itself in about {:.0f} months. ",
                       std::ceil(d.cost.payback_months));
  }
  if (d.cost.break_even_requests < 0) {
    note += "Local never costs less than cloud per request at these prices.";
  } else if (d.cost.break_even_requests == 0) {
    note += "Local costs less than cloud at any volume.";
  } else {
    note += fmt::format("Break-even: local costs the same as cloud at about {} requests/month.",
                        format_compact(d.cost.break_even_requests));
  }
  return note;
}

std::vector<std::string> flip_sentences(const ScoringModel& model, const Decision& d) {
  std::vector<std::string> out;
  const FlipPoints& f = d.flips;
  for (std::size_t i = 0; i < std::min<std::size_t>(4, f.numbers.size()); ++i)
    out.push_back(describe_flip(model, f.numbers[i]));
  for (std::size_t i = 0; i < std::min<std::size_t>(4, f.choices.size()); ++i)
    out.push_back(describe_flip(model, f.choices[i]));
  for (std::size_t i = 0; i < std::min<std::size_t>(3, f.weights.size()); ++i)
    out.push_back(describe_flip(model, d, f.weights[i]));
  return out;
}

std::string_view confidence_words(double confidence) {
  if (confidence >= 0.9) return "high";
  if (confidence >= 0.7) return "moderate";
  if (confidence >= 0.5) return "low";
  return "very low";
}

}  // namespace aidecide
