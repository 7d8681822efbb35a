// SPDX-License-Identifier: MIT
// The portfolio overview's rows and totals (docs/reports.md, "Portfolio").
#include "render/portfolio.hpp"

#include <algorithm>
#include <cmath>

#include "aidecide/number_format.hpp"

namespace aidecide {

PortfolioRow PortfolioRow::from(const ScoringModel& model, const Decision& d, std::string link) {
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
  r.has_runner_up = d.runner_up.has_value();
  for (Option o : kOptions) r.monthly_usd[index(o)] = d.cost.options[index(o)].monthly_usd;
  const CostInputs& in = model.inputs;
  r.upfront_budget = d.values[in.upfront_budget].number;
  r.monthly_budget = d.values[in.monthly_budget].number;
  for (const Assumption& a : d.assumptions) {
    if (a.basis != AnswerBasis::given &&
        (a.criterion == in.upfront_budget || a.criterion == in.monthly_budget))
      r.budget_assumed = true;
  }
  r.mostly_assumed = aidecide::mostly_assumed(d);
  if (!d.recommendation) return r;
  const Option rec = *d.recommendation;
  const OptionCost& c = d.cost.options[index(rec)];
  r.upfront_usd = c.upfront_usd;
  r.running_usd = c.running_monthly_usd;
  r.all_in_usd = c.monthly_usd;
  r.tco_usd = c.tco_usd;
  r.horizon_months = d.cost.horizon_months;
  r.over_budget = std::any_of(d.over_budget.begin(), d.over_budget.end(),
                              [&](const OverBudget& b) { return b.option == rec; });
  r.low_confidence = d.confidence < kLowConfidence;
  return r;
}

std::string PortfolioRow::flag_words() const {
  std::vector<std::string> words;
  if (over_budget) words.emplace_back("over budget");
  if (low_confidence) words.emplace_back("low confidence");
  if (mostly_assumed) words.emplace_back("mostly assumed");
  return join_words(words, ", ");
}

void PortfolioTotals::add(const PortfolioRow& row) {
  ++profiles;
  if (row.mostly_assumed) ++mostly_assumed;
  if (!row.recommendation) {
    ++none;
    return;
  }
  // Budgets only where spend is counted: like against like.
  if (row.budget_assumed) ++budgets_assumed;
  upfront_budget += row.upfront_budget;
  monthly_budget += row.monthly_budget;
  ++counts[index(*row.recommendation)];
  upfront_usd += row.upfront_usd;
  running_usd += row.running_usd;
  tco_usd += row.tco_usd;
  if (row.over_budget) ++over_budget;
  if (row.low_confidence) ++low_confidence;
  const bool first = profiles - none == 1;
  shortest_horizon = first ? row.horizon_months : std::min(shortest_horizon, row.horizon_months);
  longest_horizon = first ? row.horizon_months : std::max(longest_horizon, row.horizon_months);
}

namespace {

std::string months_words(double months) {
  const double years = months / 12;
  if (std::fabs(years - std::round(years)) < 1e-9)
    return fmt::format("{} {}", format_number(years), years == 1 ? "year" : "years");
  return fmt::format("{} months", format_number(months));
}

}  // namespace

std::string PortfolioTotals::horizon_words() const {
  if (shortest_horizon == longest_horizon) return months_words(longest_horizon);
  return fmt::format("each profile's write-off ({} to {})", months_words(shortest_horizon),
                     months_words(longest_horizon));
}

std::vector<std::string> PortfolioTotals::sentences() const {
  std::vector<std::string> out;
  const std::size_t followed = profiles - none;
  if (followed == 0) return out;
  // "against $X of budgets", and by how much the spend passes them.
  const auto against = [](double spend, double budget, std::string_view which) {
    std::string s = fmt::format("against {} of {} budgets", format_usd(budget), which);
    if (spend > budget) s += fmt::format(", {} over", format_usd(spend - budget));
    return s;
  };
  out.push_back(fmt::format(
      "Following {} recommendation: {} up front ({}); {} a month running ({}); {} all-in over {}.",
      followed == 1 ? "the" : "every", format_usd(upfront_usd),
      against(upfront_usd, upfront_budget, "upfront"), format_usd(running_usd),
      against(running_usd, monthly_budget, "monthly"), format_usd(tco_usd), horizon_words()));
  if (budgets_assumed > 0)
    out.push_back(fmt::format(
        "The budgets of {} of the {} profiles counted are assumed (unknown, missing or ranges), "
        "so the budget totals are partly assumed.",
        budgets_assumed, followed));
  if (none > 0)
    out.push_back(fmt::format("{} {} with no option left {} not counted in the spend.", none,
                              none == 1 ? "profile" : "profiles", none == 1 ? "is" : "are"));
  return out;
}

std::string PortfolioTotals::flag_sentence() const {
  std::vector<std::string> parts;
  if (over_budget > 0) parts.push_back(fmt::format("{} over a budget", over_budget));
  if (low_confidence > 0)
    parts.push_back(
        fmt::format("{} with confidence under {:.0f}%", low_confidence, 100 * kLowConfidence));
  if (mostly_assumed > 0) parts.push_back(fmt::format("{} mostly assumed", mostly_assumed));
  if (parts.empty()) return {};
  return "Flagged: " + join_words(parts, ", ") + ".";
}

}  // namespace aidecide
