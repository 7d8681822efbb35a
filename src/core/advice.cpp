// SPDX-License-Identifier: MIT
// The hybrid pattern and the implementation plan, both driven by the
// criteria file (docs/criteria.md).
#include <fmt/format.h>

#include <map>

#include "aidecide/engine.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

std::optional<PatternAdvice> choose_hybrid_pattern(const Questionnaire& q, const Decision& d) {
  if (!d.recommendation || d.vetoed[index(Option::hybrid)]) return std::nullopt;
  const bool close = d.scores[index(*d.recommendation)] - d.scores[index(Option::hybrid)] <=
                     q.hybrid_pattern_margin;
  if (d.recommendation != Option::hybrid && !close) return std::nullopt;
  for (const HybridPattern& p : q.hybrid_patterns) {
    if (all_hold(p.when, d.values)) return PatternAdvice{p.id, p.title, p.why};
  }
  return std::nullopt;
}

std::vector<std::string> build_checklist(const ScoringModel& model, const Decision& d) {
  std::vector<std::string> items;
  if (!d.recommendation) return items;
  const Questionnaire& q = model.questionnaire;
  const Option o = *d.recommendation;
  const OptionCost& local_part =
      d.cost.options[index(o == Option::hybrid ? Option::hybrid : Option::local)];
  const std::size_t tier = d.values[model.inputs.model_capability].choice;
  std::map<std::string, std::string, std::less<>> vars{
      {"cloud_cost",
       format_usd(d.cost.options[index(o == Option::hybrid ? Option::hybrid : Option::cloud)]
                      .running_monthly_usd)},
      {"local_gpus", format_number(local_part.gpus)},
      {"local_gpu", model.pricing.local[tier].gpu},
      {"local_model", model.pricing.local[tier].model},
      {"local_upfront", format_usd(local_part.upfront_usd)},
  };
  for (const Criterion& c : q.criteria) {
    if (c.answerable()) vars[c.id] = c.value_text(d.values[c.index_in_questionnaire]);
  }
  for (const ChecklistItem& item : q.checklist) {
    if (!item.applies[index(o)] || !all_hold(item.when, d.values)) continue;
    std::string text;
    for (std::size_t i = 0; i < item.text.size(); ++i) {
      const std::size_t close = item.text[i] == '{' ? item.text.find('}', i) : std::string::npos;
      if (close == std::string::npos) {
        text += item.text[i];
        continue;
      }
      const auto it = vars.find(std::string_view(item.text).substr(i + 1, close - i - 1));
      text += it != vars.end() ? it->second : item.text.substr(i, close - i + 1);
      i = close;
    }
    items.push_back(std::move(text));
  }
  // When to revisit: the nearest numeric threshold that would change the answer.
  if (!d.flips.numbers.empty()) {
    const NumberFlip& f = d.flips.numbers.front();
    const Criterion& c = q.criteria[f.criterion];
    items.push_back(fmt::format("Revisit the decision if {} goes {} {}: {} would then win.",
                                c.title, f.above ? "above" : "below", describe_value(c, f.value),
                                to_string(f.winner)));
  }
  return items;
}

}  // namespace aidecide
