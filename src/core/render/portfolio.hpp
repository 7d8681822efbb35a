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
  PerOption monthly_usd{};

  static PortfolioRow from(const Decision& d, std::string link) {
    PortfolioRow r;
    r.name = d.name;
    r.file = d.source;
    r.link = std::move(link);
    r.recommendation = d.recommendation;
    if (d.what_if) {
      r.what_if = true;
      r.before = d.what_if->recommendation;
    }
    r.scores = d.scores;
    r.vetoed = d.ruled_out;
    r.confidence = d.confidence;
    r.margin = d.margin;
    for (Option o : kOptions) r.monthly_usd[index(o)] = d.cost.options[index(o)].monthly_usd;
    return r;
  }

  // "88.6", or "(73.0)" for an option a hard constraint rules out.
  std::string score_cell(Option o) const {
    const std::string s = fmt::format("{:.1f}", scores[index(o)]);
    return vetoed[index(o)] ? "(" + s + ")" : s;
  }

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

class Portfolio {
 public:
  explicit Portfolio(SortKey sort) : m_sort(sort) {}
  bool streams() const { return m_sort == SortKey::input; }

  void add(PortfolioRow row) {
    if (row.recommendation) {
      ++m_counts[index(*row.recommendation)];
    } else {
      ++m_none;
    }
    m_any_veto =
        m_any_veto || std::any_of(row.vetoed.begin(), row.vetoed.end(), [](bool v) { return v; });
    ++m_total;
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

  std::size_t total() const { return m_total; }
  std::size_t count(Option o) const { return m_counts[index(o)]; }
  std::size_t none() const { return m_none; }
  bool any_veto() const { return m_any_veto; }

 private:
  SortKey m_sort;
  std::vector<PortfolioRow> m_rows;
  std::array<std::size_t, kOptionCount> m_counts{};
  std::size_t m_none = 0;
  std::size_t m_total = 0;
  bool m_any_veto = false;
};

// The flow text, Markdown and HTML share: full reports for one profile (or
// with --explain), else a summary table that streams in input order or waits
// to be sorted. Formats fill in the pieces.
class SummaryRenderer : public BatchRenderer {
 public:
  explicit SummaryRenderer(const RenderOptions& options)
      : m_options(options), m_portfolio(options.sort) {}

  void link_next(std::string href) override { m_link = std::move(href); }

  void result(const Decision& d) final {
    ++m_results;
    if (full_reports()) {
      write_full(d);
      return;
    }
    PortfolioRow row = PortfolioRow::from(d, std::move(m_link));
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

  RenderOptions m_options;
  Portfolio m_portfolio;
  std::string m_link;
  std::size_t m_results = 0;
  std::vector<Diagnostic> m_errors;
};

}  // namespace aidecide
