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
         "explains why.\nRun 'aidecide explain models' for the models, GPUs and prices a "
         "profile's models: may name.\n";
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

// `aidecide explain models`: the catalog a profile's `models:` may name and
// what each capability tier runs by default.
void explain_models(const ScoringModel& model, std::ostream& out) {
  const Pricing& p = model.pricing;
  const Criterion& tiers =
      model.questionnaire.criteria[model.questionnaire.index_of("model_capability")];
  out << "Capability tiers (model_capability) and what they run by default:\n";
  out << fmt::format("  {:<10} {:<22} {:<16} {:<7} {:<6} {}\n", "TIER", "CLOUD", "LOCAL", "BITS",
                     "GPU", "HYBRID LOCAL");
  for (std::size_t i = 0; i < p.tiers.size() && i < tiers.answers.size(); ++i) {
    const TierDefaults& t = p.tiers[i];
    out << fmt::format("  {:<10} {:<22} {:<16} {:<7} {:<6} {}\n", tiers.answers[i].id,
                       escape_for_message(t.cloud), escape_for_message(t.local),
                       to_string(t.quantisation), escape_for_message(t.gpu),
                       escape_for_message(t.hybrid_local));
  }
  out << fmt::format(
      "\nHosted models (models.cloud), USD per million tokens (RESERVED: a unit a month):\n  "
      "{:<28} {:>8} {:>8} {:>8} {:>6} {:>9}  {}\n",
      "ID", "INPUT", "CACHED", "OUTPUT", "BATCH", "RESERVED", "NAME");
  for (const auto& [id, h] : p.hosted) {
    out << fmt::format("  {:<28} {:>8} {:>8} {:>8} {:>5.0f}% {:>9}  {}\n", escape_for_message(id),
                       fmt::format("{:g}", h.input_per_mtok),
                       fmt::format("{:g}", h.cached_input_per_mtok),
                       fmt::format("{:g}", h.output_per_mtok), 100 * h.batch_discount,
                       h.provisioned.offered() ? format_usd(h.provisioned.usd_per_unit_month) : "-",
                       escape_for_message(h.name));
  }
  out << fmt::format(
      "\nOpen models (models.local, models.hybrid_local):\n  {:<16} {:>8} {:>8} "
      "{:>9} {:>11}  {}\n",
      "ID", "PARAMS", "ACTIVE", "CONTEXT", "KV/TOKEN", "NAME");
  for (const auto& [id, m] : p.models) {
    out << fmt::format("  {:<16} {:>7}B {:>7}B {:>9} {:>8} KiB  {}\n", escape_for_message(id),
                       format_number(m.params_b), format_number(m.active_params_b),
                       format_number(m.context), format_number(m.kv_bytes_per_token() / 1024),
                       escape_for_message(m.name));
  }
  out << fmt::format("\nGPUs (models.gpu: a datacenter one):\n  {:<10} {:<12} {:>7} {:>9} {:>9}\n",
                     "NAME", "CLASS", "MEMORY", "RENT/H", "PRICE");
  for (const auto& [name, g] : p.gpus) {
    out << fmt::format("  {:<10} {:<12} {:>5} GB {:>9} {:>9}\n", escape_for_message(name),
                       g.gpu_class == GpuClass::datacenter ? "datacenter" : "workstation",
                       format_number(g.memory_gb),
                       g.rent_usd_per_hour > 0 ? format_usd(g.rent_usd_per_hour) : "-",
                       format_usd(g.purchase_usd));
  }
  out << "\nName them in a profile under models: (docs/cost-model.md, \"Named models\").\n";
}

int run_explain(const ExplainOptions& options, const Streams& io) {
  const auto model = load_model(options.model, io);
  const Questionnaire& q = model->questionnaire;
  if (options.criterion.empty()) {
    explain_all(q, io.out);
    return static_cast<int>(ExitCode::success);
  }
  if (options.criterion == "models" && q.index_of("models") == kNoIndex) {
    explain_models(*model, io.out);
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
                 "A criterion id, or 'models' for the catalog; without one, a table of all "
                 "criteria and weights");
  completions.operands.emplace_back(&app, [] {
    std::vector<std::string> ids{"models"};
    for (const Criterion& c : embedded_questionnaire().criteria) ids.push_back(c.id);
    return ids;
  });
  add_model_options(app, options->model);
  app.footer(
      "Examples:\n  aidecide explain\n  aidecide explain data_sensitivity\n  aidecide explain "
      "latency_budget_ms\n  aidecide explain models");
  return [options](const Streams& io, const GlobalOptions&) { return run_explain(*options, io); };
}

}  // namespace aidecide::cli
