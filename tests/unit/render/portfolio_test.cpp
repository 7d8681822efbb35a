// SPDX-License-Identifier: MIT
// The portfolio overview's rows and totals (src/core/render/portfolio.cpp).
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "aidecide/files.hpp"

#include "helpers.hpp"
#include "render/portfolio.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {

PortfolioRow row(std::optional<Option> rec, double upfront, double running, double tco,
                 double upfront_budget, double monthly_budget) {
  PortfolioRow r;
  r.recommendation = rec;
  r.upfront_usd = upfront;
  r.running_usd = running;
  r.tco_usd = tco;
  r.horizon_months = 36;
  r.upfront_budget = upfront_budget;
  r.monthly_budget = monthly_budget;
  return r;
}

}  // namespace

TEST_CASE("portfolio totals add what following each recommendation costs", "[render][portfolio]") {
  PortfolioTotals t;
  t.add(row(Option::local, 120000, 9000, 450000, 100000, 10000));
  PortfolioRow over = row(Option::cloud, 0, 4000, 144000, 0, 3000);
  over.over_budget = true;
  over.budget_assumed = true;
  t.add(over);
  PortfolioRow none = row(std::nullopt, 0, 0, 0, 5e6, 5e6);  // no option left: not counted
  none.mostly_assumed = true;
  t.add(none);
  CHECK(t.profiles == 3);
  CHECK(t.counts == std::array<std::size_t, 3>{1, 1, 0});
  CHECK(t.none == 1);
  CHECK(t.upfront_usd == 120000);
  CHECK(t.running_usd == 13000);
  CHECK(t.tco_usd == 594000);
  CHECK(t.upfront_budget == 100000);  // like against like: the counted profiles' budgets
  CHECK(t.monthly_budget == 13000);
  const std::vector<std::string> s = t.sentences();
  REQUIRE(s.size() == 3);
  CHECK(s[0] ==
        "Following every recommendation: $120,000 up front (against $100,000 of upfront budgets, "
        "$20,000 over); $13,000 a month running (against $13,000 of monthly budgets); $594,000 "
        "all-in over 3 years.");
  CHECK(s[1] ==
        "The budgets of 1 of the 2 profiles counted are assumed (unknown, missing or ranges), so "
        "the budget totals are partly assumed.");
  CHECK(s[2] == "1 profile with no option left is not counted in the spend.");
  CHECK(t.flag_sentence() == "Flagged: 1 over a budget, 1 mostly assumed.");
}

TEST_CASE("portfolio totals name the horizons when they differ", "[render][portfolio]") {
  PortfolioTotals t;
  CHECK(t.sentences().empty());
  CHECK(t.flag_sentence().empty());
  PortfolioRow a = row(Option::cloud, 0, 100, 3600, 0, 200);
  PortfolioRow b = row(Option::local, 0, 100, 6000, 0, 200);
  b.horizon_months = 60;
  t.add(a);
  CHECK(t.horizon_words() == "3 years");
  t.add(b);
  CHECK(t.horizon_words() == "each profile's write-off (3 years to 5 years)");
  b.horizon_months = 30;
  t.add(b);
  CHECK(t.horizon_words() == "each profile's write-off (30 months to 5 years)");
}

TEST_CASE("a portfolio row reads its flags off the decision", "[render][portfolio]") {
  const Decision bank =
      decide(default_model(),
             load_profile(read_text_file("profiles/code-assistant-enterprise.yaml"), "code.yaml",
                          default_model().questionnaire),
             {});
  const PortfolioRow r = PortfolioRow::from(default_model(), bank, "");
  REQUIRE(r.recommendation == Option::hybrid);
  const OptionCost& c = bank.cost.options[index(Option::hybrid)];
  CHECK(r.all_in_usd == c.monthly_usd);
  CHECK(r.running_usd == c.running_monthly_usd);
  CHECK(r.tco_usd == c.tco_usd);
  CHECK(r.over_budget == !(c.fits_monthly && c.fits_upfront));
  CHECK(r.over_budget);
  CHECK(r.low_confidence == (bank.confidence < kLowConfidence));
  CHECK(r.margin_cell() == fmt::format("{:.1f}", bank.margin));
  CHECK(r.flag_words() == (r.low_confidence ? "over budget, low confidence" : "over budget"));
  PortfolioRow only = r;
  only.has_runner_up = false;
  CHECK(only.margin_cell() == "-");
}
