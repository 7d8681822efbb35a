// SPDX-License-Identifier: MIT
// Sentences shared by every renderer, so they read the same everywhere.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "aidecide/render.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

namespace {

// x with `decimals` places (1 to 3), appended without a temporary string.
void append_fixed(std::string& out, double x, int decimals) {
  std::array<char, 64> buffer{};
  char* end = decimals <= 2 ? write_decimals(buffer.data(), x, decimals)
                            : fmt::format_to(buffer.data(), FMT_COMPILE("{:.3g}"), x);
  out.append(buffer.data(), end);
}

}  // namespace

// The sentences are built by appending to one buffer: there is one per
// driver and per flip point of every scored profile.

void append_contribution(std::string& out, const ScoringModel& model, const Decision& d,
                         const Contribution& c) {
  const Criterion& crit = model.questionnaire.criteria[c.criterion];
  out += crit.title;
  if (crit.answerable()) {
    out += " is ";
    out += c.value_text;
  } else {
    out += " (computed)";
  }
  const auto [first, second] = d.versus;
  if (std::fabs(c.separation) < 0.05) {
    out += ": no difference between ";
    out += to_string(first);
    out += " and ";
    out += to_string(second);
    return;
  }
  out += ": favours ";
  out += to_string(c.separation > 0 ? first : second);
  out += ", +";
  append_fixed(out, std::fabs(c.separation), 1);
  out += " points over ";
  out += to_string(c.separation > 0 ? second : first);
}

std::string describe_contribution(const ScoringModel& model, const Decision& d,
                                  const Contribution& c) {
  std::string text;
  append_contribution(text, model, d, c);
  return text;
}

void append_value(std::string& out, const Criterion& c, double value) {
  const bool usd = c.unit == "USD" || c.unit == "USD/month";
  if (usd) out += '$';
  // Thresholds are found by search: three significant digits are honest.
  if (value >= 1e4) {
    out += format_compact(value);
  } else if (value >= 1000) {
    append_number(out, value);
  } else {
    append_fixed(out, value, 3);
  }
  if (c.unit == "USD/month") {
    out += "/month";
  } else if (!usd && !c.unit.empty()) {
    out += ' ';
    out += c.unit;
  }
}

std::string describe_value(const Criterion& c, double value) {
  std::string text;
  append_value(text, c, value);
  return text;
}

void append_flip(std::string& out, const ScoringModel& model, const Decision& d,
                 const WeightFlip& f) {
  const Criterion& c = model.questionnaire.criteria[f.criterion];
  const double now = d.weights[f.criterion];
  out += "weight of ";
  out += c.title;
  out += " x";
  append_fixed(out, f.factor, 2);
  out += " (";
  append_number(out, now);
  out += " -> ";
  append_number(out, now * f.factor);
  out += "): ";
  out += to_string(f.winner);
  out += " wins";
}

void append_flip(std::string& out, const ScoringModel& model, const NumberFlip& f) {
  const Criterion& c = model.questionnaire.criteria[f.criterion];
  out += to_string(f.winner);
  out += " wins with ";
  out += c.title;
  out += f.above ? " above " : " below ";
  append_value(out, c, f.value);
}

void append_flip(std::string& out, const ScoringModel& model, const ChoiceFlip& f) {
  const Criterion& c = model.questionnaire.criteria[f.criterion];
  out += to_string(f.winner);
  out += " wins if ";
  out += c.title;
  out += " were ";
  out += c.answers[f.answer].id;
}

std::string describe_flip(const ScoringModel& model, const Decision& d, const WeightFlip& f) {
  std::string text;
  append_flip(text, model, d, f);
  return text;
}

std::string describe_flip(const ScoringModel& model, const NumberFlip& f) {
  std::string text;
  append_flip(text, model, f);
  return text;
}

std::string describe_flip(const ScoringModel& model, const ChoiceFlip& f) {
  std::string text;
  append_flip(text, model, f);
  return text;
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
