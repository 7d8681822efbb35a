// SPDX-License-Identifier: MIT
// The hybrid pattern and the implementation plan, both driven by the
// criteria file (docs/criteria.md).
#include <fmt/format.h>

#include <optional>
#include <string_view>

#include "aidecide/engine.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

std::optional<PatternAdvice> choose_hybrid_pattern(const Questionnaire& q, const Decision& d) {
  if (!d.recommendation || d.ruled_out[index(Option::hybrid)]) return std::nullopt;
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
  items.reserve(model.questionnaire.checklist.size() + 1);
  const Questionnaire& q = model.questionnaire;
  const Option o = *d.recommendation;
  const OptionCost& local_part =
      d.cost.options[index(o == Option::hybrid ? Option::hybrid : Option::local)];
  // A placeholder's text, worked out only when an item uses it.
  const auto placeholder = [&](std::string_view name) -> std::optional<std::string> {
    if (name == "cloud_cost")
      return format_usd(d.cost.options[index(o == Option::hybrid ? Option::hybrid : Option::cloud)]
                            .running_monthly_usd);
    if (name == "local_gpus") return format_number(local_part.gpus);
    if (name == "local_gpu") return local_part.sizing.gpu ? local_part.sizing.gpu->name : "";
    if (name == "local_model") return local_part.sizing.model ? local_part.sizing.model->name : "";
    if (name == "local_upfront") return format_usd(local_part.upfront_usd);
    if (name == "local_way") return std::string(deployment_label(local_part));
    if (name == "cache_advice") {
      if (d.cost.cached_input_share >= 0.5)
        return fmt::format("the prompt cache already serves {:.0f}% of input tokens",
                           100 * d.cost.cached_input_share);
      return fmt::format(
          "serving half the input tokens from the prompt cache would save about {} "
          "a month",
          format_usd(d.cost.half_cache_saving_usd *
                     (o == Option::hybrid ? 1 - local_part.local_share : 1)));
    }
    if (name == "local_quantisation") return std::string(to_string(local_part.sizing.quantisation));
    const std::size_t i = q.index_of(name);
    if (i == kNoIndex || !q.criteria[i].answerable()) return std::nullopt;
    return q.criteria[i].value_text(d.values[i]);
  };
  for (const ChecklistItem& item : q.checklist) {
    if (!item.applies[index(o)] || !all_hold(item.when, d.values)) continue;
    const std::string_view t = item.text;
    std::string text;
    text.reserve(t.size() + 32);  // placeholders are short: one allocation
    for (std::size_t i = 0; i < t.size();) {
      const std::size_t open = t.find('{', i);
      const std::size_t close = open == std::string_view::npos ? open : t.find('}', open);
      if (close == std::string_view::npos) {
        text += t.substr(i);
        break;
      }
      text += t.substr(i, open - i);
      const auto value = placeholder(t.substr(open + 1, close - open - 1));
      text += value ? std::string_view(*value) : t.substr(open, close - open + 1);
      i = close + 1;
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
