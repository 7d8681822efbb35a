// SPDX-License-Identifier: MIT
// The sentences every report shares (render/explain.cpp): budgets, the
// no-option-fits message, payback wording, assumed answers, win shares and
// plain weight flip points.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "aidecide/number_format.hpp"
#include "aidecide/render.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {

Decision decided(const std::map<std::string, std::string>& answers, std::size_t samples = 0) {
  auto all = answers;
  if (!all.count("budget_flexibility")) all["budget_flexibility"] = "firm";
  return decide_with(all, samples);
}

}  // namespace

TEST_CASE("an option over a firm budget is labelled with the amount and the budget",
          "[render][budgets]") {
  // Baseline answers with no money for hardware: cloud fits, local and
  // hybrid are over the upfront budget and ruled out.
  // A site not always online: owning GPUs is the only way to self-host (no
  // rent), and cloud stays allowed.
  const Decision d = decided({{"connectivity", "intermittent"},
                              {"upfront_budget_usd", "0"},
                              {"monthly_budget_usd", "20000"}});
  REQUIRE(d.recommendation == Option::cloud);
  const OptionCost& local = d.cost.options[index(Option::local)];
  REQUIRE(local.upfront_usd == 81250);  // two H100s at $40,625 with the server around them
  const auto lines = budget_sentences(d);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] ==
        "local is over the upfront budget by $81,250 (needs $81,250 up front; the budget is "
        "$0): not recommended while another option fits.");
  CHECK(lines[1].starts_with("hybrid is over the upfront budget by "));
  CHECK(d.ruled_out[index(Option::local)]);
  CHECK_FALSE(d.vetoed[index(Option::local)]);
  CHECK(only_option_text(d) == ", the only option within the firm budgets");

  std::ostringstream out;
  render_text_decision(out, default_model(), d, RenderOptions{});
  CHECK(out.str().find("local    ") != std::string::npos);
  CHECK(out.str().find("over budget") != std::string::npos);
  CHECK(out.str().find("\nOver budget\n  local is over the upfront budget by $81,250") !=
        std::string::npos);
}

TEST_CASE("a flexible budget only lowers the score", "[render][budgets]") {
  const Decision d = decided({{"data_residency", "on_premises"},
                              {"upfront_budget_usd", "0"},
                              {"monthly_budget_usd", "20000"},
                              {"budget_flexibility", "flexible"}});
  CHECK_FALSE(d.ruled_out[index(Option::local)]);
  const auto lines = budget_sentences(d);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines[0] ==
        "local is over the upfront budget by $81,250 (needs $81,250 up front; the budget is "
        "$0): the budget is flexible, so only its score is lower.");
  CHECK(d.cost.budget_utility[index(Option::local)] < 1);
}

TEST_CASE("when no option fits, the report says what it would take", "[render][budgets]") {
  // No money at all: every option is over a firm budget.
  const Decision d = decided({{"upfront_budget_usd", "0"}, {"monthly_budget_usd", "0"}});
  REQUIRE(d.no_option_fits);
  REQUIRE(d.recommendation.has_value());
  REQUIRE(d.cheapest == Option::cloud);
  const OptionCost& rec = d.cost.options[index(*d.recommendation)];
  const std::string s = no_fit_sentence(default_model(), d);
  CHECK(s.starts_with("No option fits the budgets, so the scores decide. "));
  CHECK(s.find(fmt::format("{} would need a budget of {} up front and {} a month.",
                           to_string(*d.recommendation), format_usd(rec.upfront_usd),
                           format_usd(rec.running_monthly_usd))) != std::string::npos);
  CHECK(s.find("The cheapest option over 36 months is cloud: $0 up front, ") != std::string::npos);
  // Nothing cheaper fits a budget of zero.
  CHECK(d.fitting_variants.empty());
  CHECK(s.ends_with("No lower capability tier or fewer spares would fit either."));

  // A lower tier that fits: 1M requests of 100 + 100 tokens cost $1,800 a
  // month at the frontier tier's prices, $280 at the strong tier's.
  const Decision tier = decided({{"model_capability", "frontier"},
                                 {"upfront_budget_usd", "0"},
                                 {"monthly_budget_usd", "1000"},
                                 {"tokens_in_per_request", "100"},
                                 {"tokens_out_per_request", "100"},
                                 {"monthly_requests", "1000000"}});
  REQUIRE(tier.no_option_fits);
  REQUIRE_FALSE(tier.fitting_variants.empty());
  const BudgetVariant& v = tier.fitting_variants.front();
  const Criterion& capability = default_model().questionnaire.criteria[v.criterion];
  CHECK(capability.id == "model_capability");
  CHECK(capability.answers[v.answer].id == "strong");
  CHECK(v.option == Option::cloud);
  CHECK(v.monthly_usd == Approx(280));
  CHECK(no_fit_sentence(default_model(), tier)
            .find(fmt::format("With Model capability {}, cloud would fit: $0 up front, {} a month.",
                              capability.answers[v.answer].id, format_usd(v.monthly_usd))) !=
        std::string::npos);
}

TEST_CASE("payback is stated within the write-off or not at all", "[render][cost]") {
  Decision d = decided({});
  d.cost.hosted_price_change_per_year = d.cost.self_host_cost_change_per_year = 0;  // no trends
  d.cost.horizon_months = 36;
  d.cost.options[index(Option::local)].upfront_usd = 100000;
  d.cost.break_even_requests = 5e6;
  d.cost.payback_months = 9.2;
  CHECK(cost_note(d) ==
        "Local hardware pays for itself in about 10 months, within the 36-month write-off. "
        "Break-even: local costs the same as cloud at about 5M requests/month.");
  d.cost.payback_months = 96;
  CHECK(cost_note(d) ==
        "At this volume local hardware does not pay for itself within the 36-month write-off. "
        "Break-even: local costs the same as cloud at about 5M requests/month.");
  // Never a payback next to "never costs less".
  d.cost.payback_months = 9.2;
  d.cost.break_even_requests = -1;
  CHECK(cost_note(d) == "Local never costs less than cloud at these prices, at any volume.");
}

TEST_CASE("the cost table shows operations staff", "[render][cost]") {
  const Decision d = decided({{"team_mlops", "basic"}});
  const auto rows = cost_table(d);
  const auto fte = std::find_if(rows.begin(), rows.end(), [](const CostTableRow& r) {
    return r.label == "operations staff, FTE";
  });
  REQUIRE(fte != rows.end());
  CHECK(fte->cells[index(Option::cloud)] == "0");
  // A basic team's 0.5 plus 0.005 for each of the two rented GPUs.
  CHECK(fte->cells[index(Option::local)] == "0.51");
  CHECK((fte + 1)->label == "  their cost per month");
  CHECK((fte + 1)->cells[index(Option::local)] == "$7,650");
  // The row above says how each option runs.
  CHECK(rows.front().label == "runs on");
  CHECK(rows.front().cells == std::array<std::string, 3>{"API", "reserved GPUs", "reserved GPUs"});
}

TEST_CASE("the sizing sentences give the model, GPUs, memory and the other ways",
          "[render][cost]") {
  const std::vector<std::string> s = sizing_sentences(decided({}));
  REQUIRE(s.size() == 2);
  CHECK(s[0] ==
        "local runs Llama 3.3 70B at 8bit on reserved GPUs: 1 replica of 2 x H100. Memory per "
        "replica: weights 70.6 GB, KV cache 13.6 GB (32 sequences of 1,300 tokens), overhead "
        "3 GB; 87.2 GB of 144 GB usable. Throughput 1,728 output tokens/s per replica "
        "(published). Other ways: owning GPUs $10,829 a month all-in and $81,250 up front; "
        "renting GPUs on demand $11,285 a month all-in; edge boxes not allowed (one site that is "
        "always online).");
}

TEST_CASE("a driver from an assumed answer never reads as a fact", "[render][assumptions]") {
  const Decision d = decided({{"workload_mix", "unknown"}, {"monthly_requests", "[1e5, 1e7]"}});
  const auto& q = default_model().questionnaire;
  bool mix = false, volume = false;
  for (const Contribution& c : d.contributions) {
    const std::string s = describe_contribution(default_model(), d, c);
    if (q.criteria[c.criterion].id == "workload_mix") {
      CHECK(s.starts_with("Workload mix is unknown, assumed uniform: "));
      mix = true;
    }
    if (q.criteria[c.criterion].id == "monthly_requests") volume = true;
  }
  CHECK(mix);
  CHECK_FALSE(volume);  // a number of the cost model has no row of its own
  // And the optional sites, prompt cache and batch shares, left out.
  CHECK(d.assumed_answers == 5);
  CHECK(assumed_sentence(d) == "5 of 22 answers were assumed (unknown, left out or a range).");

  std::map<std::string, std::string> most;
  for (const Criterion& c : q.criteria) {
    if (c.answerable()) most[c.id] = "unknown";
  }
  const Decision unsure = decide_with(most, 200);
  CHECK(unsure.assumed_answers == 22);
  CHECK(assumed_sentence(unsure) ==
        "Most answers were assumed (22 of 22: unknown, left out or a range): read this as a first "
        "estimate and answer the questions below to firm it up.");
  std::ostringstream out;
  render_text_decision(out, default_model(), unsure, RenderOptions{});
  CHECK(out.str().find("Mostly assumed: Most answers were assumed (22 of 22") != std::string::npos);
}

TEST_CASE("a driver's sentence names its answer's basis and rounds its points as {:.1f} does",
          "[render][drivers]") {
  Decision d = decided({});
  d.versus = {Option::local, Option::cloud};
  const auto& q = default_model().questionnaire;
  Contribution c;
  c.criterion = q.index_of("data_sensitivity");
  c.value_text = "regulated";
  c.separation = 10.98;
  CHECK(describe_contribution(default_model(), d, c) ==
        "Data sensitivity is regulated: favours local, +11.0 points over cloud");
  c.basis = AnswerBasis::assumed;
  c.separation = -0.25;  // an exact tie rounds to even, as {:.1f} rounds it
  CHECK(describe_contribution(default_model(), d, c) ==
        "Data sensitivity is unknown, assumed regulated: favours cloud, +0.2 points over local");
  c.basis = AnswerBasis::range_middle;
  c.separation = 0.35;  // just below 0.35 in binary
  CHECK(describe_contribution(default_model(), d, c) ==
        "Data sensitivity is a range, scored at its middle (regulated): favours local, +0.3 "
        "points over cloud");
  c.basis = AnswerBasis::computed;
  c.separation = 0.0499;
  CHECK(describe_contribution(default_model(), d, c) ==
        "Data sensitivity (computed): no difference between local and cloud");
  c.basis = AnswerBasis::given;
  for (const double x : {0.05, 0.15, 2.25, 2.35, 99.95, 123456.75, 1e17, 0.0500001}) {
    c.separation = x;
    const std::string s = describe_contribution(default_model(), d, c);
    INFO(x);
    CHECK(s == fmt::format(
                   "Data sensitivity is regulated: favours local, +{:.1f} points over cloud", x));
  }
}

TEST_CASE("confidence names who else wins and what would settle it", "[render][confidence]") {
  Decision d = decided({});
  d.recommendation = Option::local;
  d.confidence = 0.44;
  d.win_shares = {0.18, 0.44, 0.38};
  CHECK(confidence_sentence(d) == "confidence 44% (very low): hybrid wins 38% of draws, cloud 18%");
  d.win_shares = {0, 0.995, 0.005};
  d.confidence = 0.995;
  CHECK(confidence_sentence(d) == "confidence 100% (high)");
  const std::size_t mix = default_model().questionnaire.index_of("workload_mix");
  d.settlers = {{mix, 0.93}};
  CHECK(settler_sentence(default_model(), d) ==
        "Answering Workload mix would settle most of it (expected confidence 93% once answered).");
  d.settlers = {{mix, 0.71}};
  CHECK(settler_sentence(default_model(), d) ==
        "Answering Workload mix would narrow it down (expected confidence 71% once answered).");
}

TEST_CASE("weight flip points past a factor of five read in plain words", "[render][flips]") {
  Decision d = decided({});
  const std::size_t gpus = default_model().questionnaire.index_of("existing_gpus");
  d.weights[gpus] = 1;
  CHECK(describe_flip(default_model(), d, WeightFlip{gpus, 129.89, Option::cloud}) ==
        "cloud wins only if Existing GPUs mattered more than five times as much");
  CHECK(describe_flip(default_model(), d, WeightFlip{gpus, 0.14, Option::hybrid}) ==
        "hybrid wins only if Existing GPUs mattered less than a fifth as much");
  CHECK(describe_flip(default_model(), d, WeightFlip{gpus, 1.52, Option::cloud}) ==
        "cloud wins if Existing GPUs mattered 1.5 times as much (weight 1 -> 1.52)");
  CHECK(describe_flip(default_model(), d, WeightFlip{gpus, 0.5, Option::cloud}) ==
        "cloud wins if Existing GPUs mattered 50% as much (weight 1 -> 0.5)");
  // The text report lists only plain ones, and says so when none is.
  d.flips = {};
  d.flips.weights = {{gpus, 129.89, Option::cloud}};
  CHECK(flip_sentences(default_model(), d) ==
        std::vector<std::string>{
            "No weight changed within a factor of five changes the recommendation."});
}

TEST_CASE("the cost note says how the price trends move the break-even", "[render][cost][trends]") {
  Decision d = decided({});
  d.cost.horizon_months = 36;
  d.cost.hosted_price_change_per_year = -0.3;
  d.cost.self_host_cost_change_per_year = -0.25;
  d.cost.options[index(Option::local)].upfront_usd = 0;
  d.cost.break_even_requests = 5e6;
  d.cost.break_even_end_requests = 12e6;
  const std::string trends =
      "Break-even: local costs the same as cloud at about 5M requests/month. Price trends "
      "(hosted -30%, self-hosted cost per token -25% a year; bought hardware keeps its price) "
      "give the \"with price trends\" row";
  CHECK(cost_note(d) == trends +
                            "; with them local's break-even rises from about 5M to 12M "
                            "requests/month by month 36.");
  d.cost.break_even_end_requests = -1;
  CHECK(cost_note(d) == trends +
                            "; with them, by month 36 local no longer costs less than cloud at "
                            "any volume.");
  d.cost.break_even_end_requests = 5e6;  // unchanged: nothing to say about it
  CHECK(cost_note(d) == trends + ".");
  d.cost.hosted_price_change_per_year = d.cost.self_host_cost_change_per_year = 0;
  CHECK(cost_note(d) == "Break-even: local costs the same as cloud at about 5M requests/month.");
}
