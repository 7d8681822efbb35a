// SPDX-License-Identifier: MIT
// Markdown reports, ready to paste into a pull request. Every piece of text
// that comes from a profile or a criteria file goes through escape_markdown.
#include <fmt/format.h>

#include <cmath>

#include "aidecide/escape.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"
#include "render/portfolio.hpp"

namespace aidecide {
namespace {

std::string md(std::string_view text) {
  return escape_markdown(text);
}
std::string percent(double x) {
  return fmt::format("{:.0f}%", 100 * x);
}
std::string option_name(std::optional<Option> o) {
  return o ? std::string(to_string(*o)) : std::string("none");
}

// The title, the recommendation, its margin and confidence.
void write_headline(std::ostream& out, const ScoringModel& model, const Decision& d) {
  out << fmt::format("## {}: **{}**\n\n", md(d.name), option_name(d.recommendation));
  if (d.recommendation) {
    out << fmt::format("**Recommendation: {}**", to_string(*d.recommendation));
    if (d.runner_up) {
      out << fmt::format(", ahead of {} by {:.1f} points", to_string(*d.runner_up), d.margin);
    } else {
      out << only_option_text(d);
    }
    out << "; " << confidence_sentence(d) << '.';
    if (const std::string s = settler_sentence(model, d); !s.empty()) out << ' ' << md(s);
  } else {
    out << "**No recommendation:** every option is ruled out by a hard constraint.";
  }
  out << fmt::format(" Profile: {}\n\n", md(d.source));
  if (const std::string s = no_fit_sentence(model, d); !s.empty())
    out << "**Over budget:** " << md(s) << "\n\n";
  if (mostly_assumed(d)) out << "**Mostly assumed:** " << md(assumed_sentence(d)) << "\n\n";
  if (!d.description.empty()) out << "> " << md(d.description) << "\n\n";
}

// --set: the answers changed and the decision before and after.
void write_what_if(std::ostream& out, const ScoringModel& model, const Decision& d) {
  const Questionnaire& q = model.questionnaire;
  if (d.what_if) {
    const WhatIf& w = *d.what_if;
    std::vector<std::string> changes;
    for (const auto& c : w.changes) {
      changes.push_back(
          fmt::format("{} {} -&gt; {}", md(q.criteria[c.criterion].id), md(c.before), md(c.after)));
    }
    out << "**What if:** " << join_words(changes, ", ") << "\n\n";
    out << "| | before | after |\n|---|---:|---:|\n";
    out << fmt::format("| recommendation | {} | {} |\n", option_name(w.recommendation),
                       option_name(d.recommendation));
    for (Option o : kOptions) {
      out << fmt::format("| {} score | {:.1f} | {:.1f} |\n", to_string(o), w.scores[index(o)],
                         d.scores[index(o)]);
    }
    out << fmt::format("| confidence | {} | {} |\n\n", percent(w.confidence),
                       percent(d.confidence));
  }
}

// Scores, the drivers, what is ruled out, the hybrid pattern and the assumptions.
void write_reasons(std::ostream& out, const ScoringModel& model, const Decision& d) {
  const Questionnaire& q = model.questionnaire;
  out << "| Option | Score | Status |\n|---|---:|---|\n";
  for (Option o : kOptions) {
    std::string status;
    if (d.recommendation == o) status = "**recommended**";
    if (d.ruled_out[index(o)] && !d.vetoed[index(o)]) status = "over budget";
    for (const Veto& v : d.vetoes) {
      if (v.option == o) status = fmt::format("ruled out ({})", md(v.rule));
    }
    out << fmt::format("| {} | {:.1f} | {} |\n", to_string(o), d.scores[index(o)], status);
  }

  if (d.group) {
    out << "\n### Stakeholders\n\nThe group weighs by the geometric mean of each one's weights.\n\n"
        << "| Stakeholder | Role | Own recommendation | Margin | Consistency ratio | With the "
           "group |\n"
        << "|---|---|---|---:|---:|---|\n";
    for (const StakeholderView& m : d.group->members) {
      out << fmt::format(
          "| {} | {} | {} | {:.1f} | {} | {} |\n", md(m.name), md(m.role),
          option_name(m.recommendation), m.margin,
          m.consistency_ratio
              ? fmt::format("{:.2f}{}", *m.consistency_ratio,
                            *m.consistency_ratio > kMaxConsistencyRatio ? " (review)" : "")
              : "-",
          m.agrees ? "yes" : "no");
    }
    const std::vector<std::string> apart = disagreement_sentences(model, d);
    if (!apart.empty()) {
      out << "\n**Where they disagree**\n\n";
      for (const std::string& line : apart) out << "- " << md(line) << '\n';
    }
  }

  out << fmt::format("\n### Why {} over {}\n\n", to_string(d.versus[0]), to_string(d.versus[1]));
  std::size_t shown = 0;
  for (const Contribution& c : d.contributions) {
    if (shown == 5 || std::fabs(c.separation) < 0.05) break;
    out << (c.separation > 0 ? "- **+** " : "- **−** ") << md(describe_contribution(model, d, c))
        << '\n';
    ++shown;
  }
  if (shown == 0) out << "The options score alike on every criterion.\n";

  if (!d.vetoes.empty()) {
    out << "\n### Ruled out\n\n";
    for (const Veto& v : d.vetoes) {
      out << fmt::format("- **{}**: {} (`{}`)\n", to_string(v.option), md(v.reason), v.rule);
    }
  }
  if (!d.over_budget.empty()) {
    out << "\n### Over budget\n\n";
    for (const std::string& line : budget_sentences(d)) out << "- " << md(line) << '\n';
  }
  if (d.hybrid_pattern) {
    out << fmt::format("\n### Hybrid pattern\n\n**{}.** {}\n", md(d.hybrid_pattern->title),
                       md(d.hybrid_pattern->why));
  }
  if (!d.assumptions.empty()) {
    out << "\n### Assumptions\n\n";
    if (const std::string s = assumed_sentence(d); !s.empty()) out << md(s) << "\n\n";
    for (const Assumption& a : d.assumptions) {
      out << fmt::format("- `{}`: {}. {}\n", q.criteria[a.criterion].id, md(a.value_text),
                         md(a.note));
    }
  }
}

// The cost table and the sentence under it.
void write_costs(std::ostream& out, const ScoringModel& model, const Decision& d) {
  out << "\n### Cost estimate (USD)\n\n| | cloud | local | hybrid |\n|---|---:|---:|---:|\n";
  for (const CostTableRow& row : cost_table(d)) {
    const std::string_view label = row.label.substr(row.label.find_first_not_of(' '));
    out << fmt::format("| {} | {} | {} | {} |\n", label, row.cells[0], row.cells[1], row.cells[2]);
  }
  out << fmt::format("\n{} Prices as of {} or later.\n", cost_note(d),
                     model.pricing.oldest_as_of());
  const std::vector<std::string> sizing = sizing_sentences(d);
  if (!sizing.empty()) {
    out << "\n### Self-hosting\n\n";
    for (const std::string& line : sizing) out << "- " << md(line) << '\n';
  }
}

// What would change the recommendation, and the implementation plan.
void write_changes(std::ostream& out, const ScoringModel& model, const Decision& d) {
  const std::vector<std::string> flips = flip_sentences(model, d);
  if (!flips.empty()) {
    out << "\n### What would change the recommendation\n\n";
    for (const std::string& flip : flips) out << "- " << md(flip) << '\n';
  }
  if (!d.checklist.empty()) {
    out << "\n### Implementation plan\n\n";
    for (const std::string& item : d.checklist) out << "- [ ] " << md(item) << '\n';
  }
}

void write_decision(std::ostream& out, const ScoringModel& model, const Decision& d) {
  write_headline(out, model, d);
  write_what_if(out, model, d);
  write_reasons(out, model, d);
  write_costs(out, model, d);
  write_changes(out, model, d);
  out << fmt::format("\n<sub>aidecide {} · criteria version {} · confidence from {} draws</sub>\n",
                     AIDECIDE_VERSION, model.questionnaire.version, d.samples);
}

class MarkdownRenderer : public SummaryRenderer {
 public:
  MarkdownRenderer(std::ostream& out, const ScoringModel& model, const RenderOptions& options)
      : SummaryRenderer(model, options), m_out(out), m_model(model) {}

 private:
  void write_full(const Decision& d) override {
    if (m_results > 1) m_out << "\n---\n\n";
    write_decision(m_out, m_model, d);
  }

  void write_end(bool table) override {
    if (!table) return;
    const PortfolioTotals& t = m_portfolio.totals();
    m_out << fmt::format("\n**{} profiles:** {}.", m_results, counts());
    if (!m_errors.empty())
      m_out << fmt::format(" {} {} could not be scored.", failed_files(),
                           failed_files() == 1 ? "file" : "files");
    m_out << '\n';
    for (const std::string& line : t.sentences()) m_out << '\n' << md(line) << '\n';
    if (const std::string flags = t.flag_sentence(); !flags.empty())
      m_out << "\n**" << md(flags.substr(0, flags.find(':') + 1)) << "**"
            << md(flags.substr(flags.find(':') + 1)) << '\n';
    m_out << "\nMargin: points ahead of the runner-up. Monthly: the recommendation's all-in cost a "
             "month (amortisation included).";
    if (m_portfolio.any_veto())
      m_out << " (score) = ruled out by a hard constraint or a firm budget.";
    m_out << '\n';
  }

  void write_header() override {
    m_out << "## aidecide portfolio\n\n"
          << "| Profile | Recommended | Cloud | Local | Hybrid | Margin | Confidence | Monthly | "
             "Flags |\n"
          << "|---|---|---:|---:|---:|---:|---:|---:|---|\n";
  }
  void write_row(const PortfolioRow& row) override {
    const std::string name =
        row.link.empty() ? md(row.name) : fmt::format("[{}]({})", md(row.name), md(row.link));
    m_out << fmt::format(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", name, md(row.recommendation_text()),
        row.score_cell(Option::cloud), row.score_cell(Option::local),
        row.score_cell(Option::hybrid), row.margin_cell(), percent(row.confidence),
        row.recommendation ? format_usd_short(row.all_in_usd) : "-", row.flag_words());
  }

  std::ostream& m_out;
  const ScoringModel& m_model;
};

}  // namespace

std::unique_ptr<BatchRenderer> make_markdown_renderer(std::ostream& out, const ScoringModel& model,
                                                      const RenderOptions& options) {
  return std::make_unique<MarkdownRenderer>(out, model, options);
}

}  // namespace aidecide
