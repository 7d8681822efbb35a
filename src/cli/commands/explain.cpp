// SPDX-License-Identifier: MIT
// `aidecide explain [CRITERION]`: the model in the open, so users can see
// and challenge every weight, utility and constraint.
#include <fmt/format.h>

#include "aidecide/escape.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"
#include "commands.hpp"

namespace aidecide::cli {
namespace {

struct ExplainOptions {
  std::string criterion;
  ModelPaths model;
};

std::string kind_text(const Criterion& c) {
  if (c.kind == CriterionKind::choice) return "choice";
  if (c.kind == CriterionKind::derived) return "computed";
  return c.scored ? fmt::format("number ({})", c.unit)
                  : fmt::format("number ({}), cost input", c.unit);
}

void explain_all(const Questionnaire& q, std::ostream& out) {
  double total = 0;
  for (const auto& c : q.criteria) total += c.scored ? c.weight : 0;
  out << fmt::format("{:<24} {:<36} {:>6} {:>6}\n", "CRITERION", "TYPE", "WEIGHT", "SHARE");
  for (const auto& c : q.criteria) {
    out << fmt::format(
        "{:<24} {:<36} {:>6} {:>6}\n", c.id, kind_text(c), c.scored ? format_number(c.weight) : "-",
        c.scored && total > 0 ? fmt::format("{:.0f}%", 100 * c.weight / total) : "-");
  }
  out << fmt::format("\n{} hard constraints:\n", q.constraints.size());
  for (const auto& k : q.constraints) {
    std::vector<std::string> forbids;
    for (Option o : kOptions) {
      if (k.forbids[index(o)]) forbids.emplace_back(to_string(o));
    }
    out << fmt::format("  {}: rules out {}. {}\n", k.id, join_words(forbids),
                       escape_for_message(k.reason));
  }
  out << "\nRun 'aidecide explain CRITERION' for its answers and utilities; docs/scoring.md "
         "explains why.\n";
}

// "team_mlops is basic or experienced and ..."
std::string conditions_text(const Questionnaire& q, const std::vector<Condition>& conditions) {
  std::vector<std::string> when;
  for (const auto& cond : conditions) {
    const Criterion& other = q.criteria[cond.criterion];
    std::vector<std::string> answers;
    for (std::size_t i : cond.answers) answers.push_back(other.answers[i].id);
    if (cond.below) answers.push_back(fmt::format("below {}", format_number(*cond.below)));
    if (cond.at_least) answers.push_back(fmt::format("at least {}", format_number(*cond.at_least)));
    when.push_back(fmt::format("{} is {}", other.id, join_words(answers, " or ")));
  }
  return join_words(when);
}

void explain_one(const Questionnaire& q, const Criterion& c, std::ostream& out) {
  out << fmt::format("{} ({})\n{}\n\n", c.title, c.id, c.question);
  if (!c.ask_if.empty())
    out << fmt::format("Asked only when {}; otherwise it does not count.\n\n",
                       conditions_text(q, c.ask_if));
  if (!c.help.empty()) out << escape_for_message(c.help) << "\n\n";
  out << fmt::format("Type: {}. Weight: {}.\n", kind_text(c),
                     c.scored ? format_number(c.weight) : "none (feeds the cost model)");
  if (c.kind == CriterionKind::choice) {
    out << fmt::format("\n{:<16} {:>6} {:>6} {:>6}  why\n", "ANSWER", "cloud", "local", "hybrid");
    for (const auto& a : c.answers) {
      out << fmt::format("{:<16} {:>6.2f} {:>6.2f} {:>6.2f}  {}\n", a.id, a.utility[0],
                         a.utility[1], a.utility[2], escape_for_message(a.why));
    }
    for (const auto& adj : c.adjustments) {
      out << fmt::format("\nWhen {}: {}\n", conditions_text(q, adj.when),
                         escape_for_message(adj.why));
      for (const auto& [answer, utilities] : adj.utilities) {
        std::vector<std::string> parts;
        for (Option o : kOptions) {
          if (utilities[index(o)])
            parts.push_back(fmt::format("{} {:.2f}", to_string(o), *utilities[index(o)]));
        }
        out << fmt::format("  {}: {}\n", c.answers[answer].id, join_words(parts, ", "));
      }
    }
  } else if (c.kind == CriterionKind::number && c.scored) {
    out << fmt::format("\nUtility curve ({} scale; flat beyond the first and last points):\n",
                       c.scale == Scale::log ? "log" : "linear");
    for (Option o : kOptions) {
      std::vector<std::string> points;
      for (const auto& [x, u] : c.curve.points[index(o)])
        points.push_back(fmt::format("{} -> {:.2f}", format_number(x), u));
      out << fmt::format("  {:<7} {}\n", to_string(o), join_words(points, ", "));
    }
  } else if (c.kind == CriterionKind::derived) {
    out << "\nComputed by the cost model: see docs/cost-model.md and docs/scoring.md.\n";
  }
  if (c.answerable()) {
    out << fmt::format("\nIf unknown: {}. {}\n", c.value_text(c.assumption),
                       escape_for_message(c.assumption_note));
  }
  for (const auto& k : q.constraints) {
    const bool mentions = std::any_of(k.when.begin(), k.when.end(), [&](const Condition& cond) {
      return cond.criterion == c.index_in_questionnaire;
    });
    if (mentions) out << fmt::format("Constraint {}: {}\n", k.id, escape_for_message(k.reason));
  }
}

int run_explain(const ExplainOptions& options, const Streams& io) {
  const auto model = load_model(options.model, io);
  const Questionnaire& q = model->questionnaire;
  if (options.criterion.empty()) {
    explain_all(q, io.out);
    return static_cast<int>(ExitCode::success);
  }
  const std::size_t i = q.index_of(options.criterion);
  if (i == kNoIndex) {
    std::vector<std::string> ids;
    for (const auto& c : q.criteria) ids.push_back(c.id);
    const auto hint = did_you_mean(options.criterion, ids);
    throw UsageError(fmt::format("unknown criterion '{}'{}; 'aidecide explain' lists them all",
                                 escape_for_message(options.criterion),
                                 hint ? fmt::format("; did you mean '{}'?", *hint) : ""));
  }
  explain_one(q, q.criteria[i], io.out);
  return static_cast<int>(ExitCode::success);
}

}  // namespace

Runner setup_explain(CLI::App& app, Completions& completions) {
  auto options = std::make_shared<ExplainOptions>();
  app.add_option("criterion", options->criterion,
                 "A criterion id; without one, a table of all criteria and weights");
  completions.operands.emplace_back(&app, [] {
    std::vector<std::string> ids;
    for (const Criterion& c : embedded_questionnaire().criteria) ids.push_back(c.id);
    return ids;
  });
  add_model_options(app, options->model);
  app.footer(
      "Examples:\n  aidecide explain\n  aidecide explain data_sensitivity\n  aidecide explain "
      "latency_budget_ms");
  return [options](const Streams& io, const GlobalOptions&) { return run_explain(*options, io); };
}

}  // namespace aidecide::cli
