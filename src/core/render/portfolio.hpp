// SPDX-License-Identifier: MIT
#pragma once
// The rows of a portfolio summary table, shared by the text, Markdown and
// HTML renderers: in input order they stream; sorted they wait for the end.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "aidecide/engine.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

struct PortfolioRow {
  std::string name;
  std::string file;
  std::string link;  // report written by --out, if any
  std::optional<Option> recommendation;
  std::optional<Option> before;  // what-if: the recommendation before the change
  bool what_if = false;
  PerOption scores{};
  std::array<bool, kOptionCount> vetoed{};
  double confidence = 0;
  double margin = 0;
  bool has_runner_up = false;
  PerOption monthly_usd{};
  // The recommended option's costs (zero without a recommendation).
  double upfront_usd = 0;
  double running_usd = 0;  // cash per month
  double all_in_usd = 0;   // per month, amortisation included
  double tco_usd = 0;      // all-in over the write-off horizon
  double horizon_months = 0;
  double upfront_budget = 0;  // the profile's budgets, as the engine used them
  double monthly_budget = 0;
  bool budget_assumed = false;  // either budget was unknown, missing or a range
  // Flags: the recommendation is over a budget (firm or not), its
  // confidence is under kLowConfidence, most answers were assumed.
  bool over_budget = false;
  bool low_confidence = false;
  bool mostly_assumed = false;

  static PortfolioRow from(const ScoringModel& model, const Decision& d, std::string link);

  // "88.6", or "(73.0)" for an option a hard constraint rules out.
  std::string score_cell(Option o) const {
    const std::string s = fmt::format("{:.1f}", scores[index(o)]);
    return vetoed[index(o)] ? "(" + s + ")" : s;
  }
  // "13.2", or "-" with no runner-up (the only option left).
  std::string margin_cell() const {
    return recommendation && has_runner_up ? fmt::format("{:.1f}", margin) : "-";
  }
  bool flagged() const { return over_budget || low_confidence || mostly_assumed; }
  // "over budget, low confidence" (empty when nothing is flagged).
  std::string flag_words() const;

  double top_score() const { return recommendation ? scores[index(*recommendation)] : 0; }
  // "local", "cloud->local" after a what-if that changed it, "none".
  std::string recommendation_text() const {
    const auto text = [](std::optional<Option> o) {
      return o ? std::string(to_string(*o)) : std::string("none");
    };
    if (what_if && before != recommendation) return text(before) + "->" + text(recommendation);
    return text(recommendation);
  }
};

// What following every recommendation would cost, against the budgets.
struct PortfolioTotals {
  std::size_t profiles = 0;
  std::array<std::size_t, kOptionCount> counts{};
  std::size_t none = 0;  // every option ruled out
  double upfront_usd = 0, running_usd = 0, tco_usd = 0;
  double upfront_budget = 0, monthly_budget = 0;
  std::size_t budgets_assumed = 0;  // profiles whose budgets were assumed
  std::size_t over_budget = 0, low_confidence = 0, mostly_assumed = 0;
  double shortest_horizon = 0, longest_horizon = 0;  // months, over profiles with a recommendation

  void add(const PortfolioRow& row);
  // "If every recommendation were followed: $1.2M up front against $900k of
  // upfront budgets, ..." as a few sentences, assumed budgets said so.
  std::vector<std::string> sentences() const;
  // "2 over a budget, 3 with confidence under 70%, 1 mostly assumed" (empty
  // when nothing is flagged).
  std::string flag_sentence() const;
  // "3 years", or "each profile's write-off (2 to 5 years)".
  std::string horizon_words() const;
};

class Portfolio {
 public:
  // Sorted, or buffered for a page that shows the overview first.
  Portfolio(SortKey sort, bool buffer) : m_sort(sort), m_buffer(buffer) {}
  bool streams() const { return m_sort == SortKey::input && !m_buffer; }

  void add(PortfolioRow row) {
    m_totals.add(row);
    m_any_veto =
        m_any_veto || std::any_of(row.vetoed.begin(), row.vetoed.end(), [](bool v) { return v; });
    if (!streams()) m_rows.push_back(std::move(row));
  }

  // The buffered rows in the requested order: score high to low, name A to Z,
  // confidence low to high (the least certain calls first); ties keep input order.
  std::vector<PortfolioRow> sorted() const {
    std::vector<PortfolioRow> rows = m_rows;
    std::stable_sort(rows.begin(), rows.end(), [&](const PortfolioRow& a, const PortfolioRow& b) {
      switch (m_sort) {
        case SortKey::score:
          return a.top_score() > b.top_score();
        case SortKey::name:
          return a.name < b.name;
        case SortKey::confidence:
          return a.confidence < b.confidence;
        case SortKey::input:
          return false;
      }
      return false;
    });
    return rows;
  }

  const PortfolioTotals& totals() const { return m_totals; }
  std::size_t total() const { return m_totals.profiles; }
  std::size_t count(Option o) const { return m_totals.counts[index(o)]; }
  std::size_t none() const { return m_totals.none; }
  bool any_veto() const { return m_any_veto; }

 private:
  SortKey m_sort;
  bool m_buffer;
  std::vector<PortfolioRow> m_rows;
  PortfolioTotals m_totals;
  bool m_any_veto = false;
};

// The flow text, Markdown and HTML share: full reports for one profile (or
// with --explain), else a summary table that streams in input order or waits
// to be sorted. Formats fill in the pieces.
class SummaryRenderer : public BatchRenderer {
 public:
  SummaryRenderer(const ScoringModel& model, const RenderOptions& options, bool buffer = false)
      : m_summary_model(model), m_options(options), m_portfolio(options.sort, buffer) {}

  void link_next(std::string href) override { m_link = std::move(href); }

  void result(const Decision& d) final {
    ++m_results;
    if (full_reports()) {
      write_full(d);
      return;
    }
    PortfolioRow row = PortfolioRow::from(m_summary_model, d, std::move(m_link));
    m_link.clear();
    if (m_portfolio.streams()) {
      if (m_results == 1) write_header();
      write_row(row);
    }
    m_portfolio.add(std::move(row));
  }

  void error(const Diagnostic& d) override { m_errors.push_back(d); }

  void finish() final {
    const bool table = !full_reports() && m_results > 0;
    if (table && !m_portfolio.streams()) {
      write_header();
      for (const auto& row : m_portfolio.sorted()) write_row(row);
    }
    write_end(table);
  }

 protected:
  bool full_reports() const { return m_options.single || m_options.explain_all; }
  // "7 cloud, 4 local, 2 hybrid", and how many had no option left.
  std::string counts() const {
    std::vector<std::string> parts;
    for (Option o : kOptions)
      parts.push_back(std::to_string(m_portfolio.count(o)) + " " + std::string(to_string(o)));
    if (m_portfolio.none() > 0)
      parts.push_back(std::to_string(m_portfolio.none()) + " with no option left");
    return join_words(parts, ", ");
  }

  // Files that could not be scored (one file may have several messages).
  std::size_t failed_files() const {
    std::vector<std::string_view> files;
    for (const Diagnostic& e : m_errors) {
      if (std::find(files.begin(), files.end(), e.source) == files.end()) files.push_back(e.source);
    }
    return files.size();
  }

  virtual void write_full(const Decision& d) = 0;  // m_results counts it already
  virtual void write_header() = 0;
  virtual void write_row(const PortfolioRow& row) = 0;
  virtual void write_end(bool table) = 0;  // after the table (counts) or the reports

  const ScoringModel& m_summary_model;
  RenderOptions m_options;
  Portfolio m_portfolio;
  std::string m_link;
  std::size_t m_results = 0;
  std::vector<Diagnostic> m_errors;
};

}  // namespace aidecide
