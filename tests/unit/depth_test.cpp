// SPDX-License-Identifier: MIT
// Decision depth: flip points against brute force, hybrid patterns,
// the tailored checklist, presets and what-if.
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

TEST_CASE("each hybrid pattern is chosen where it fits", "[patterns]") {
  SECTION("a mixed workload: sensitive local, general in the cloud") {
    const Decision d = decide_with({{"data_sensitivity", "personal"},
                                    {"workload_mix", "mixed"},
                                    {"team_mlops", "experienced"}},
                                   0);
    REQUIRE(d.recommendation == Option::hybrid);
    REQUIRE(d.hybrid_pattern.has_value());
    CHECK(d.hybrid_pattern->id == "sensitive-local-general-cloud");
  }
  SECTION("an early project: start in the cloud, then invest") {
    const Decision d = decide_with({{"data_sensitivity", "regulated"},
                                    {"project_stage", "pilot"},
                                    {"data_residency", "region"}},
                                   0);
    REQUIRE(d.hybrid_pattern.has_value());
    CHECK(d.hybrid_pattern->id == "cloud-first-then-local");
  }
  SECTION("production that must be local: develop in the cloud, serve locally") {
    const Decision d = decide_with({{"data_sensitivity", "confidential"},
                                    {"latency_budget_ms", "200"},
                                    {"team_mlops", "experienced"},
                                    {"lock_in_tolerance", "low"},
                                    {"criticality", "mission_critical"}},
                                   0);
    CHECK(d.recommendation == Option::local);
    REQUIRE(d.hybrid_pattern.has_value());
    CHECK(d.hybrid_pattern->id == "develop-cloud-serve-local");
  }
  SECTION("no pattern when hybrid is far behind") {
    const Decision d = decide_with({{"data_sensitivity", "public"},
                                    {"team_mlops", "none"},
                                    {"project_stage", "prototype"},
                                    {"monthly_requests", "1000"}},
                                   0);
    CHECK(d.recommendation == Option::cloud);
    CHECK_FALSE(d.hybrid_pattern.has_value());
  }
  SECTION("no pattern when hybrid is ruled out") {
    const Decision d = decide_with({{"connectivity", "offline"}}, 0);
    CHECK_FALSE(d.hybrid_pattern.has_value());
  }
}

TEST_CASE("the checklist is tailored to the recommendation and answers", "[checklist]") {
  SECTION("cloud for a business-critical prototype") {
    const Decision d = decide_with({{"data_sensitivity", "public"},
                                    {"team_mlops", "none"},
                                    {"project_stage", "prototype"},
                                    {"monthly_requests", "1000"}},
                                   0);
    REQUIRE(d.recommendation == Option::cloud);
    REQUIRE(d.checklist.size() == 5);
    CHECK(d.checklist[0].starts_with("Design for switching vendors"));
    CHECK(d.checklist[1].find("($1.05 a month at today's volume)") != std::string::npos);
    CHECK(d.checklist[2].starts_with("Use an enterprise offering"));
    CHECK(d.checklist[3].starts_with("Future-proof the choice"));
    CHECK(d.checklist[4].starts_with("Revisit the decision if "));
  }
  SECTION("local with the fleet from the cost model") {
    const Decision d = decide_with({{"connectivity", "offline"}, {"team_mlops", "basic"}}, 0);
    REQUIRE(d.recommendation == Option::local);
    REQUIRE(d.checklist.size() == 6);
    CHECK(d.checklist[0] ==
          "Provision hardware for the model's needs: about 2 x H100 for Llama 3.3 70B (FP8) at the "
          "expected peak ($81,250 up front).");
    CHECK(d.checklist[1] ==
          "Plan scaling and redundancy (spare replicas, failover) for a business workload.");
    CHECK(d.checklist[4] ==
          "Build or hire serving skills before production; the team's experience is basic today.");
  }
}

TEST_CASE("presets replace default weights, profiles replace presets", "[presets]") {
  const auto& m = default_model();
  const auto presets = load_presets(embedded_presets_text(), "presets.yaml", m.questionnaire);
  REQUIRE(presets.size() == 3);
  CHECK(presets[0].name == "startup");
  CHECK(presets[2].name == "regulated");
  EngineOptions options;
  options.samples = 0;
  options.preset_weights = presets[2].weights;
  const std::size_t ds = m.questionnaire.index_of("data_sensitivity");
  CHECK(decide(m, make_profile(), options).weights[ds] == 8);
  CHECK(decide(m, make_profile({}, "weights:\n  data_sensitivity: 1\n"), options).weights[ds] == 1);
  CHECK(decide(m, make_profile(), EngineOptions{}).weights[ds] == 6);
  CHECK_THROWS_WITH(
      load_presets(
          "version: 1\npresets:\n  x:\n    description: d\n    weights: {data_sensitivty: 2}\n",
          "p.yaml", m.questionnaire),
      "p.yaml:5:15: unknown key 'data_sensitivty' in 'weights' of preset 'x'; did you mean "
      "'data_sensitivity'?");
}

TEST_CASE("what-if scores the change and keeps the original", "[what-if]") {
  const auto& m = default_model();
  const auto& q = m.questionnaire;
  const Profile p = make_profile({{"connectivity", "online"}});
  const std::size_t conn = q.index_of("connectivity");
  const Decision d = decide_what_if(m, p, {{conn, parse_answer_text(q.criteria[conn], "offline")}},
                                    EngineOptions{});
  REQUIRE(d.what_if.has_value());
  CHECK(d.recommendation == Option::local);
  const Decision original = decide(m, p, EngineOptions{});
  CHECK(d.what_if->recommendation == original.recommendation);
  CHECK(d.what_if->scores == original.scores);
  REQUIRE(d.what_if->changes.size() == 1);
  CHECK(d.what_if->changes[0].before == "online");
  CHECK(d.what_if->changes[0].after == "offline");
}

TEST_CASE("payback months come from the monthly saving", "[cost]") {
  const Decision d = decide_with({{"model_capability", "frontier"},
                                  {"monthly_requests", "5000000"},
                                  {"team_mlops", "experienced"}},
                                 0);
  const auto& c = d.cost.options;
  REQUIRE(d.cost.payback_months > 0);
  CHECK(d.cost.payback_months == Approx(c[index(Option::local)].upfront_usd /
                                        (c[index(Option::cloud)].running_monthly_usd -
                                         c[index(Option::local)].running_monthly_usd)));
}
