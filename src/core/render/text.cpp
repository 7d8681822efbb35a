// SPDX-License-Identifier: MIT
// The terminal report: a full explanation for one profile, a summary table
// for many. Colour is decoration only; every meaning is also in words.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "aidecide/escape.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"
#include "render/portfolio.hpp"

namespace aidecide {
namespace {

constexpr int kMaxWidth = 100;
constexpr std::size_t kTopDrivers = 5;

class Paint {
 public:
  explicit Paint(bool on) : m_on(on) {}
  std::string bold(std::string_view s) const { return wrap("1", s); }
  std::string green(std::string_view s) const { return wrap("1;32", s); }
  std::string dim(std::string_view s) const { return wrap("2", s); }
  std::string red(std::string_view s) const { return wrap("31", s); }

 private:
  std::string wrap(std::string_view code, std::string_view s) const {
    return m_on ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : std::string(s);
  }
  bool m_on;
};

int clamp_width(int width) {
  return std::clamp(width, 40, kMaxWidth);
}

// Greedy word wrap with a hanging indent; `first` is already on the line.
void write_wrapped(std::ostream& out, std::string_view text, int width, int indent, int first = 0) {
  int column = first;
  bool line_start = true;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t end = std::min(text.find(' ', i), text.size());
    if (i >= end) break;
    const std::string_view word = text.substr(i, end - i);
    const int len = static_cast<int>(count_code_points(word));
    if (!line_start && column + 1 + len > width) {
      out << '\n' << std::string(static_cast<std::size_t>(indent), ' ');
      column = indent;
      line_start = true;
    }
    if (!line_start) {
      out << ' ';
      ++column;
    }
    out << word;
    column += len;
    line_start = false;
    i = end;
  }
  out << '\n';
}

std::string bar(double score, int cells) {
  const int filled = static_cast<int>(std::lround(score / 100 * cells));
  std::string s;
  for (int i = 0; i < cells; ++i) s += i < filled ? "\u2588" : "\u2591";
  return s;
}

// Cuts untrusted text to `cells` code points for a table column.
std::string fit(std::string_view text, std::size_t cells) {
  const std::string cut = cut_with_ellipsis(escape_for_message(text), cells);
  return cut + std::string(cells - std::min(cells, count_code_points(cut)), ' ');
}

std::string percent(double x) {
  return fmt::format("{:.0f}%", 100 * x);
}

void write_costs(std::ostream& out, const ScoringModel& model, const Decision& d,
                 const Paint& paint, int width) {
  out << '\n' << paint.bold("Cost estimate (USD)") << '\n';
  out << fmt::format("  {:<22}{:>14}{:>14}{:>14}\n", "", "cloud", "local", "hybrid");
  for (const CostTableRow& row : cost_table(d)) {
    out << fmt::format("  {:<22}{:>14}{:>14}{:>14}\n", row.label, row.cells[0], row.cells[1],
                       row.cells[2]);
  }
  out << "  ";
  write_wrapped(
      out,
      cost_note(d) + fmt::format(" Prices as of {} or later ({}).", model.pricing.oldest_as_of(),
                                 escape_for_message(model.pricing.source)),
      width, 2, 2);
  const std::vector<std::string> sizing = sizing_sentences(d);
  if (!sizing.empty()) {
    out << '\n' << paint.bold("Self-hosting") << '\n';
    for (const std::string& line : sizing) {
      out << "  ";
      write_wrapped(out, escape_for_message(line), width, 4, 2);
    }
  }
}

// Before and after side by side for `--set`.
void write_what_if(std::ostream& out, const ScoringModel& model, const Decision& d,
                   const Paint& paint, int width) {
  const WhatIf& w = *d.what_if;
  std::vector<std::string> changes;
  for (const auto& c : w.changes) {
    changes.push_back(fmt::format("{} {} -> {}", model.questionnaire.criteria[c.criterion].id,
                                  c.before, c.after));
  }
  out << '\n' << paint.bold("What if: ");
  write_wrapped(out, join_words(changes, ", "), width, 2, 9);
  const auto rec = [](std::optional<Option> o) {
    return o ? std::string(to_string(*o)) : std::string("none");
  };
  out << fmt::format("  {:<22}{:>12}{:>12}\n", "", "before", "after");
  out << fmt::format("  {:<22}{:>12}{:>12}\n", "recommendation", rec(w.recommendation),
                     rec(d.recommendation));
  for (Option o : kOptions) {
    out << fmt::format("  {:<22}{:>12.1f}{:>12.1f}\n", fmt::format("{} score", to_string(o)),
                       w.scores[index(o)], d.scores[index(o)]);
  }
  out << fmt::format("  {:<22}{:>12}{:>12}\n", "confidence", percent(w.confidence),
                     percent(d.confidence));
  for (Option o : kOptions) {
    out << fmt::format("  {:<22}{:>12}{:>12}\n", fmt::format("{} per month", to_string(o)),
                       format_usd(w.monthly_usd[index(o)]),
                       format_usd(d.cost.options[index(o)].monthly_usd));
  }
}

void write_flips(std::ostream& out, const ScoringModel& model, const Decision& d,
                 const Paint& paint, int width) {
  const std::vector<std::string> flips = flip_sentences(model, d);
  if (flips.empty()) return;
  out << '\n' << paint.bold("What would change the recommendation") << '\n';
  for (const std::string& flip : flips) {
    out << "  - ";
    write_wrapped(out, flip, width, 4, 4);
  }
}

}  // namespace

void render_text_decision(std::ostream& out, const ScoringModel& model, const Decision& d,
                          const RenderOptions& options) {
  const Paint paint(options.color);
  const int width = clamp_width(options.width);
  const Questionnaire& q = model.questionnaire;

  out << paint.bold(escape_for_message(d.name)) << "  " << paint.dim(escape_for_message(d.source))
      << '\n';
  if (d.recommendation) {
    const std::string_view rec = to_string(*d.recommendation);
    out << "Recommendation: " << paint.green(rec);
    std::string rest = d.runner_up ? fmt::format(", ahead of {} by {:.1f} points",
                                                 to_string(*d.runner_up), d.margin)
                                   : std::string(only_option_text(d));
    rest += "; " + confidence_sentence(d);
    write_wrapped(out, rest, width, 2, static_cast<int>(16 + rec.size()));
    if (const std::string s = settler_sentence(model, d); !s.empty()) {
      out << "  ";
      write_wrapped(out, s, width, 2, 2);
    }
  } else {
    out << paint.red("No recommendation: every option is ruled out by a hard constraint.") << '\n';
  }
  if (const std::string s = no_fit_sentence(model, d); !s.empty()) {
    out << paint.red("Over budget: ");
    write_wrapped(out, s, width, 2, 13);
  }
  if (mostly_assumed(d)) {
    out << paint.red("Mostly assumed: ");
    write_wrapped(out, assumed_sentence(d), width, 2, 16);
  }

  if (d.what_if) write_what_if(out, model, d, paint, width);

  out << '\n';
  const int cells = std::max(10, std::min(30, width - 36));
  for (Option o : kOptions) {
    const double score = d.scores[index(o)];
    const bool winner = d.recommendation == o;
    std::string label = fmt::format("{:<7}", to_string(o));
    std::string line = fmt::format("  {} {:5.1f}  {}", winner ? paint.green(label) : label, score,
                                   bar(score, cells));
    if (d.vetoed[index(o)]) {
      line += "  " + paint.red("ruled out");
    } else if (d.ruled_out[index(o)]) {
      line += "  " + paint.red("over budget");
    }
    if (winner) line += "  " + paint.bold("recommended");
    out << line << '\n';
  }

  if (d.group) {
    out << '\n' << paint.bold("Stakeholders (the group weighs by their geometric mean)") << '\n';
    for (const std::string& line : stakeholder_lines(model, d)) {
      out << "  ";
      write_wrapped(out, line, width, 4, 2);
    }
    const std::vector<std::string> apart = disagreement_sentences(model, d);
    if (!apart.empty()) {
      out << '\n' << paint.bold("Where they disagree") << '\n';
      for (const std::string& line : apart) {
        out << "  ";
        write_wrapped(out, line, width, 4, 2);
      }
    }
  }

  if (!d.vetoes.empty()) {
    out << '\n' << paint.bold("Ruled out") << '\n';
    for (const Veto& v : d.vetoes) {
      out << "  ";
      write_wrapped(out, fmt::format("{}: {} [{}]", to_string(v.option), v.reason, v.rule), width,
                    4, 2);
    }
  }

  if (!d.over_budget.empty()) {
    out << '\n' << paint.bold("Over budget") << '\n';
    for (const std::string& line : budget_sentences(d)) {
      out << "  ";
      write_wrapped(out, line, width, 4, 2);
    }
  }
  out << '\n'
      << paint.bold(fmt::format("Why {} over {}", to_string(d.versus[0]), to_string(d.versus[1])))
      << '\n';
  std::size_t shown = 0;
  for (const Contribution& c : d.contributions) {
    if (shown == kTopDrivers || std::fabs(c.separation) < 0.05) break;
    out << (c.separation > 0 ? "  + " : "  - ");
    write_wrapped(out, describe_contribution(model, d, c), width, 4, 4);
    ++shown;
  }
  if (shown == 0) out << "  The options score alike on every criterion.\n";

  if (d.hybrid_pattern) {
    out << '\n' << paint.bold("Hybrid pattern") << '\n' << "  ";
    write_wrapped(out, fmt::format("{}. {}", d.hybrid_pattern->title, d.hybrid_pattern->why), width,
                  2, 2);
  }

  write_costs(out, model, d, paint, width);
  write_flips(out, model, d, paint, width);

  if (!d.checklist.empty()) {
    out << '\n' << paint.bold("Implementation plan") << '\n';
    for (const std::string& item : d.checklist) {
      out << "  [ ] ";
      write_wrapped(out, item, width, 6, 6);
    }
  }

  if (!d.assumptions.empty()) {
    out << '\n' << paint.bold("Assumptions") << '\n';
    if (const std::string s = assumed_sentence(d); !s.empty()) {
      out << "  ";
      write_wrapped(out, s, width, 2, 2);
    }
    for (const Assumption& a : d.assumptions) {
      out << "  - ";
      write_wrapped(out,
                    fmt::format("{}: {}. {}", q.criteria[a.criterion].id, a.value_text, a.note),
                    width, 4, 4);
    }
  }
  out << '\n';
  write_wrapped(
      out,
      fmt::format("Confidence: the recommendation held in {} of {} draws with every weight scaled "
                  "between half and double, and unknown answers and ranges varied.",
                  percent(d.confidence), d.samples),
      width, 0);
}

namespace {

class TextRenderer : public SummaryRenderer {
 public:
  TextRenderer(std::ostream& out, const ScoringModel& model, const RenderOptions& options)
      : SummaryRenderer(model, options), m_out(out), m_model(model), m_paint(options.color) {}

 private:
  void write_full(const Decision& d) override {
    if (m_results > 1) {
      m_out << '\n'
            << std::string(static_cast<std::size_t>(clamp_width(m_options.width)), '-') << "\n\n";
    }
    render_text_decision(m_out, m_model, d, m_options);
  }

  void write_end(bool table) override {
    if (!table) return;
    const int width = clamp_width(m_options.width);
    const PortfolioTotals& t = m_portfolio.totals();
    m_out << '\n';
    std::string counted =
        fmt::format("{} {}: {}", m_results, m_results == 1 ? "profile" : "profiles", counts());
    if (!m_errors.empty()) {
      counted += fmt::format("; {} {} could not be scored", failed_files(),
                             failed_files() == 1 ? "file" : "files");
    }
    write_wrapped(m_out, counted + ".", width, 2);
    for (const std::string& line : t.sentences()) write_wrapped(m_out, line, width, 2);
    if (const std::string flags = t.flag_sentence(); !flags.empty())
      write_wrapped(m_out, flags, width, 2);
    std::vector<std::string> legend;
    if (t.over_budget > 0) legend.emplace_back("$ over a budget");
    if (t.low_confidence > 0)
      legend.push_back(fmt::format("? confidence under {:.0f}%", 100 * kLowConfidence));
    if (t.mostly_assumed > 0) legend.emplace_back("~ mostly assumed");
    if (show_scores() && m_portfolio.any_veto())
      legend.emplace_back("(score) ruled out by a hard constraint or a firm budget");
    legend.emplace_back("MARGIN points ahead of the runner-up");
    legend.emplace_back("MONTHLY the recommendation's all-in cost a month");
    write_wrapped(m_out, "Key: " + join(legend, "; ") + ".", width, 2);
    m_out << "Score one file for its full explanation, or add --explain.\n";
  }

  // PROFILE fills what the other columns leave of the width; the three
  // scores show from 100 columns on (below, the margin says what matters).
  bool show_scores() const { return clamp_width(m_options.width) >= 100; }
  std::size_t name_width() const {
    const int fixed = show_scores() ? 63 : 42;
    return static_cast<std::size_t>(std::max(16, clamp_width(m_options.width) - fixed));
  }
  void write_header() override {
    std::string line = fmt::format("{}  {:<13}", fit("PROFILE", name_width()), "RECOMMENDED");
    if (show_scores()) line += fmt::format(" {:>6} {:>6} {:>6}", "CLOUD", "LOCAL", "HYBRID");
    line += fmt::format("  {:>6}  {:>4} {:>7}  FLAGS", "MARGIN", "CONF", "MONTHLY");
    m_out << m_paint.bold(line) << '\n';
  }
  void write_row(const PortfolioRow& row) override {
    const std::string rec = fmt::format("{:<13}", row.recommendation_text());
    std::string line = fmt::format("{}  {}", fit(row.name, name_width()),
                                   row.recommendation ? m_paint.green(rec) : m_paint.red(rec));
    if (show_scores()) {
      line += fmt::format(" {:>6} {:>6} {:>6}", row.score_cell(Option::cloud),
                          row.score_cell(Option::local), row.score_cell(Option::hybrid));
    }
    line += fmt::format("  {:>6}  {:>4} {:>7}", row.margin_cell(), percent(row.confidence),
                        row.recommendation ? format_usd_short(row.all_in_usd) : "-");
    std::string flags;
    if (row.over_budget) flags += '$';
    if (row.low_confidence) flags += '?';
    if (row.mostly_assumed) flags += '~';
    if (!flags.empty()) line += "  " + m_paint.red(flags);
    m_out << line << '\n';
  }

  std::ostream& m_out;
  const ScoringModel& m_model;
  Paint m_paint;
};

}  // namespace

std::unique_ptr<BatchRenderer> make_text_renderer(std::ostream& out, const ScoringModel& model,
                                                  const RenderOptions& options) {
  return std::make_unique<TextRenderer>(out, model, options);
}

}  // namespace aidecide
