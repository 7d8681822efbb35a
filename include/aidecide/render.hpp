// SPDX-License-Identifier: MIT
#pragma once
// Renderers turn Decisions into text for one output format. They compute
// nothing of their own: every figure comes from the Decision.

#include <array>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/engine.hpp"
#include "aidecide/names.hpp"

namespace aidecide {

// The output formats of `score` and `ask`. Adding one: its renderer's file
// and one row in render.cpp's table (docs/architecture.md).
enum class Format { text, json, markdown, html, csv };
struct FormatInfo {
  Format value;
  std::string_view name;
  std::string_view extension;  // of the files --out writes
  bool cost_curve;             // the report draws cost against volume
};
std::span<const FormatInfo> formats();
std::string_view to_string(Format f);
std::optional<Format> parse_format(std::string_view text);
const FormatInfo& format_info(Format f);

// The orders of summary tables (--sort).
enum class SortKey { input, score, name, confidence };
std::span<const Named<SortKey>> sort_keys();
std::optional<SortKey> parse_sort_key(std::string_view text);

struct RenderOptions {
  bool color = false;             // ANSI colour (the CLI decides: terminal, NO_COLOR, --color)
  int width = 80;                 // wrap width; capped at 100
  bool explain_all = false;       // full explanation for every profile, not a summary table
  bool single = false;            // exactly one input, so explain it in full
  SortKey sort = SortKey::input;  // order of summary tables (input order streams)
};

// One batch of results, written as they arrive (results in input order).
class BatchRenderer {
 public:
  virtual ~BatchRenderer() = default;
  virtual void result(const Decision& decision) = 0;
  // Formats whose results read nothing but the decision (JSON) can render
  // one ahead, on any thread, in any order: prerender() returns its text
  // (empty when the format cannot) and result_text() later writes it in
  // its place, as result() would have.
  virtual std::string prerender(const Decision& decision) const {
    (void)decision;
    return {};
  }
  virtual void result_text(const std::string& text) { (void)text; }
  // The next result's report lives at `href` (written by --out): summary
  // tables link to it.
  virtual void link_next(std::string href) { (void)href; }
  virtual void error(const Diagnostic& diagnostic) = 0;
  virtual void finish() = 0;
};

std::unique_ptr<BatchRenderer> make_renderer(Format format, std::ostream& out,
                                             const ScoringModel& model,
                                             const RenderOptions& options);

// "Data sensitivity is regulated: favours local, +9.4 points over cloud".
std::string describe_contribution(const ScoringModel& model, const Decision& d,
                                  const Contribution& c);

// Flip points in words: "local wins above 38M requests/month",
// "hybrid wins if Data sensitivity mattered 42% as much (weight 5 -> 2.1)",
// "Team MLOps skills = none: cloud wins".
std::string describe_flip(const ScoringModel& model, const Decision& d, const WeightFlip& f);
std::string describe_flip(const ScoringModel& model, const NumberFlip& f);
std::string describe_flip(const ScoringModel& model, const ChoiceFlip& f);

// The cost table every report shows: a label and a cell per option.
struct CostTableRow {
  std::string_view label;
  std::array<std::string, kOptionCount> cells;
};
std::vector<CostTableRow> cost_table(const Decision& d);

// Per self-hosted part: the model, the way it runs, the replica's GPUs and
// memory breakdown, the throughput and how it was obtained, and what the
// other ways would cost or why they are not allowed.
std::vector<std::string> sizing_sentences(const Decision& d);

// "Local hardware pays for itself in about 9 months, within the 36-month
// write-off. Break-even: ..."; never a payback next to "never costs less".
std::string cost_note(const Decision& d);

// Weight factors beyond this (or below its inverse) read "only if X
// mattered more than five times as much" and stay out of the text lists.
inline constexpr double kPlainWeightFactor = 5;
bool plain_weight_flip(const WeightFlip& f);

// "local is over the upfront budget by $1.95M (...): not recommended while
// another option fits.", one per entry of d.over_budget.
std::vector<std::string> budget_sentences(const Decision& d);
// With d.no_option_fits: what it would take (empty otherwise).
std::string no_fit_sentence(const ScoringModel& model, const Decision& d);
// ", the only option not ruled out" (or within the firm budgets), for a
// headline without a runner-up.
std::string_view only_option_text(const Decision& d);
// More than half the answers that apply were assumed: reports warn at the top.
inline bool mostly_assumed(const Decision& d) {
  return 2 * d.assumed_answers > d.applicable_answers;
}
// "3 of 19 answers were assumed ..." or, past half, a warning (empty with none).
std::string assumed_sentence(const Decision& d);
// "confidence 44% (very low): hybrid wins 38% of draws, local 18%".
std::string confidence_sentence(const Decision& d);
// "Answering Workload mix would settle most of it (...)" (empty with no settler).
std::string settler_sentence(const ScoringModel& model, const Decision& d);

// What would change the recommendation, nearest first: up to four numeric
// thresholds, four other answers and three weights.
std::vector<std::string> flip_sentences(const ScoringModel& model, const Decision& d);

// Below this a recommendation's confidence reads "low" or "very low", and
// the portfolio overview flags it.
inline constexpr double kLowConfidence = 0.7;
// With stakeholders: "Security (CISO): local, by 3.2 points; consistency
// ratio 0.03" per stakeholder, then where they disagree, what would bring
// each dissenter round, and how robust the group's result is.
std::vector<std::string> stakeholder_lines(const ScoringModel& model, const Decision& d);
std::vector<std::string> disagreement_sentences(const ScoringModel& model, const Decision& d);

// Confidence in words: "very high", "high", "moderate", "low".
std::string_view confidence_words(double confidence);

// The full explanation of one decision as plain text.
void render_text_decision(std::ostream& out, const ScoringModel& model, const Decision& d,
                          const RenderOptions& options);

}  // namespace aidecide
