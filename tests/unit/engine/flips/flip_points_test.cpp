// SPDX-License-Identifier: MIT
// Flip points against brute force (src/core/engine/flips/flip_points.cpp).
#include <catch2/catch.hpp>

#include "aidecide/presets.hpp"
#include "aidecide/render.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {

std::optional<Option> winner_with(const Decision& d, std::size_t criterion, double weight_factor) {
  std::vector<double> w = d.weights;
  w[criterion] *= weight_factor;
  return score_values(default_model(), d.values, w, d.cost).winner;
}

std::optional<Option> winner_with_value(const Decision& d, std::size_t criterion, double value) {
  Values v = d.values;
  v[criterion].number = value;
  const auto& m = default_model();
  return score_values(m, v, d.weights, estimate_costs(m.pricing, m.inputs, m.questionnaire, v))
      .winner;
}

const std::vector<std::map<std::string, std::string>> kCases{
    {},
    {{"data_sensitivity", "personal"}, {"workload_mix", "mixed"}, {"team_mlops", "experienced"}},
    {{"monthly_requests", "30000000"},
     {"team_mlops", "experienced"},
     {"model_capability", "frontier"}},
    {{"connectivity", "intermittent"}, {"project_stage", "pilot"}},
    {{"latency_budget_ms", "250"}, {"customization", "fine_tuning"}},
};

}  // namespace

TEST_CASE("weight flip points are exact", "[flips]") {
  for (const auto& changes : kCases) {
    const Decision d = decide_with(changes, 0);
    REQUIRE(d.recommendation.has_value());
    REQUIRE_FALSE(d.flips.weights.empty());
    for (const WeightFlip& f : d.flips.weights) {
      INFO(default_model().questionnaire.criteria[f.criterion].id << " x" << f.factor);
      const double before = f.factor < 1 ? f.factor * 1.001 : f.factor / 1.001;
      const double after = f.factor < 1 ? f.factor / 1.001 : f.factor * 1.001;
      CHECK(winner_with(d, f.criterion, before) == d.recommendation);
      CHECK(winner_with(d, f.criterion, after) == f.winner);
    }
    for (std::size_t i = 1; i < d.flips.weights.size(); ++i) {
      CHECK(std::fabs(std::log(d.flips.weights[i - 1].factor)) <=
            std::fabs(std::log(d.flips.weights[i].factor)));
    }
  }
}

TEST_CASE("numeric flip points match a brute-force scan", "[flips]") {
  for (const auto& changes : kCases) {
    const Decision d = decide_with(changes, 0);
    for (const NumberFlip& f : d.flips.numbers) {
      INFO(default_model().questionnaire.criteria[f.criterion].id << " at " << f.value);
      const double inside = f.above ? f.value / 1.001 : f.value * 1.001;
      const double beyond = f.above ? f.value * 1.001 : f.value / 1.001;
      CHECK(winner_with_value(d, f.criterion, inside) == d.recommendation);
      CHECK(winner_with_value(d, f.criterion, beyond) == f.winner);
      // Nothing flips between the current value and the threshold (scan in 2 % steps).
      const double now = d.values[f.criterion].number;
      if (now > 0) {
        for (double x = now; f.above ? x < f.value / 1.001 : x > f.value * 1.001;
             x *= f.above ? 1.02 : 1 / 1.02) {
          REQUIRE(winner_with_value(d, f.criterion, x) == d.recommendation);
        }
      }
    }
  }
}

TEST_CASE("volume flip reads in domain terms", "[flips]") {
  const Decision d = decide_with({{"model_capability", "basic"},
                                  {"team_mlops", "experienced"},
                                  {"monthly_requests", "100000"},
                                  {"traffic_pattern", "steady"},
                                  {"lock_in_tolerance", "high"},
                                  {"customization", "none"}},
                                 0);
  REQUIRE(d.recommendation == Option::cloud);
  const auto& q = default_model().questionnaire;
  const auto it = std::find_if(
      d.flips.numbers.begin(), d.flips.numbers.end(),
      [&](const NumberFlip& f) { return q.criteria[f.criterion].id == "monthly_requests"; });
  REQUIRE(it != d.flips.numbers.end());
  CHECK(it->above);
  CHECK(it->winner != Option::cloud);
  CHECK(
      describe_flip(default_model(), *it)
          .starts_with(std::string(to_string(it->winner)) + " wins with Monthly requests above "));
}

TEST_CASE("choice flip points list exactly the answers that change the winner", "[flips]") {
  for (const auto& changes : kCases) {
    const Decision d = decide_with(changes, 0);
    const auto& q = default_model().questionnaire;
    std::vector<std::pair<std::size_t, std::size_t>> brute;
    for (std::size_t i = 0; i < q.criteria.size(); ++i) {
      if (q.criteria[i].kind != CriterionKind::choice) continue;
      for (std::size_t a = 0; a < q.criteria[i].answers.size(); ++a) {
        if (a == d.values[i].choice) continue;
        Values v = d.values;
        v[i].choice = a;
        const auto& m = default_model();
        const auto w =
            score_values(m, v, d.weights, estimate_costs(m.pricing, m.inputs, q, v)).winner;
        if (w && w != d.recommendation) brute.emplace_back(i, a);
      }
    }
    std::vector<std::pair<std::size_t, std::size_t>> found;
    for (const ChoiceFlip& f : d.flips.choices) found.emplace_back(f.criterion, f.answer);
    CHECK(found == brute);
  }
}

namespace {

Decision decide_answers(const std::map<std::string, std::string>& answers) {
  const Profile p = load_profile(profile_yaml(answers), "flip.yaml", default_model().questionnaire);
  EngineOptions options;
  options.samples = 0;
  return decide(default_model(), p, options);
}

const NumberFlip* flip_of(const Decision& d, std::string_view id) {
  const auto& q = default_model().questionnaire;
  const auto it =
      std::find_if(d.flips.numbers.begin(), d.flips.numbers.end(),
                   [&](const NumberFlip& f) { return q.criteria[f.criterion].id == id; });
  return it == d.flips.numbers.end() ? nullptr : &*it;
}

// Firm budgets of zero a month: local is recommended over its budget only
// because the latency veto leaves nothing that fits.
std::map<std::string, std::string> zero_budget_answers() {
  return {{"data_sensitivity", "confidential"},
          {"data_residency", "region"},
          {"workload_mix", "uniform"},
          {"monthly_requests", "0"},
          {"tokens_in_per_request", "8000"},
          {"tokens_out_per_request", "2000"},
          {"traffic_pattern", "steady"},
          {"latency_budget_ms", "50"},
          {"connectivity", "intermittent"},
          {"upfront_budget_usd", "5000000"},
          {"monthly_budget_usd", "0"},
          {"budget_flexibility", "firm"},
          {"team_mlops", "experienced"},
          {"customization", "none"},
          {"model_capability", "basic"},
          {"project_stage", "prototype"},
          {"criticality", "mission_critical"},
          {"lock_in_tolerance", "high"},
          {"existing_gpus", "none"},
          {"sites", "1"}};
}

}  // namespace

TEST_CASE("a vetoed rival that would fit the firm budget the recommendation breaks is a flip",
          "[flips]") {
  // Found by the property tests on more profiles: the scores alone said no
  // latency could change the winner, so the search never ran.
  const Decision d = decide_answers(zero_budget_answers());
  REQUIRE(d.recommendation == Option::local);
  REQUIRE(d.vetoed[index(Option::cloud)]);
  const NumberFlip* f = flip_of(d, "latency_budget_ms");
  REQUIRE(f != nullptr);
  CHECK(f->above);
  CHECK(f->value == 100);
  CHECK(f->winner == Option::cloud);
  CHECK(describe_flip(default_model(), *f) == "cloud wins with Latency budget above 100 ms");
  CHECK(winner_with_value(d, f->criterion, 99.99) == Option::local);
  CHECK(winner_with_value(d, f->criterion, 100) == Option::cloud);
}

TEST_CASE("a change of winner at zero itself reads 'above 0'", "[flips]") {
  // No traffic at all fits a zero monthly budget; any traffic does not. The
  // search used to report where its halvings stopped (1.46e-10 requests).
  auto answers = zero_budget_answers();
  answers["latency_budget_ms"] = "200";
  answers["data_sensitivity"] = "personal";
  answers["workload_mix"] = "mixed";
  answers["tokens_in_per_request"] = "100";
  answers["tokens_out_per_request"] = "300";
  answers["traffic_pattern"] = "spiky";
  answers["upfront_budget_usd"] = "300000";
  answers["team_mlops"] = "basic";
  answers["model_capability"] = "frontier";
  answers["project_stage"] = "pilot";
  answers["criticality"] = "low";
  answers["lock_in_tolerance"] = "medium";
  answers["existing_gpus"] = "some";
  answers["sites"] = "3";
  const Decision d = decide_answers(answers);
  REQUIRE(d.recommendation == Option::cloud);
  const NumberFlip* f = flip_of(d, "monthly_requests");
  REQUIRE(f != nullptr);
  CHECK(f->above);
  CHECK(f->value == 0);
  CHECK(f->winner == Option::hybrid);
  CHECK(describe_flip(default_model(), *f) ==
        "hybrid wins with Monthly requests above 0 requests/month");
  CHECK(winner_with_value(d, f->criterion, 1e-12) == Option::hybrid);
  CHECK(winner_with_value(d, f->criterion, 1) == Option::hybrid);
}

TEST_CASE("a flip in whole sites under a firm budget is found", "[flips]") {
  // On two sites (the middle of the range, rounded up) hybrid is over the
  // firm upfront budget and cloud wins; on three hybrid fits again (whole
  // replicas round up per site) and wins: the walk must not bound the
  // sites from its ends while a budget is firm.
  const Decision d = decide_with({{"data_sensitivity", "unknown"},
                                  {"monthly_requests", "4738791"},
                                  {"tokens_in_per_request", "4021"},
                                  {"tokens_out_per_request", "189"},
                                  {"traffic_pattern", "variable"},
                                  {"latency_budget_ms", "419"},
                                  {"connectivity", "intermittent"},
                                  {"upfront_budget_usd", "[77625, 116555]"},
                                  {"monthly_budget_usd", "12183"},
                                  {"budget_flexibility", "flexible_monthly"},
                                  {"team_mlops", "unknown"},
                                  {"customization", "fine_tuning"},
                                  {"project_stage", "pilot"},
                                  {"criticality", "low"},
                                  {"lock_in_tolerance", "high"},
                                  {"existing_gpus", "some"},
                                  {"sites", "[1, 2]"}},
                                 0);
  REQUIRE(d.recommendation == Option::cloud);
  const std::size_t sites = default_model().questionnaire.index_of("sites");
  const auto f = std::find_if(d.flips.numbers.begin(), d.flips.numbers.end(),
                              [&](const NumberFlip& n) { return n.criterion == sites && n.above; });
  REQUIRE(f != d.flips.numbers.end());
  CHECK(f->value == Approx(2.0).margin(1e-6));
  CHECK(f->winner == Option::hybrid);
}
