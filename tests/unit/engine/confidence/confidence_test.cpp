// SPDX-License-Identifier: MIT
// Confidence: the settled check agrees with sampling.
#include <catch2/catch.hpp>

#include "aidecide/files.hpp"
#include "engine/confidence/reach.hpp"
#include "engine/cost_model.hpp"
#include "helpers.hpp"

using namespace aidecide;

TEST_CASE("a settled recommendation has confidence 1 without sampling", "[perf][confidence]") {
  // Offline rules out cloud and hybrid: every draw keeps local.
  const Decision offline = test::decide_with({{"connectivity", "offline"}}, 1000);
  CHECK(offline.confidence == 1.0);
  // The shortcut agrees with the sampling it replaces: with a huge spread
  // of weights nothing is settled, and a close call stays below 1.
  const Profile close = test::make_profile({{"data_sensitivity", "personal"}});
  EngineOptions options;
  options.samples = 1000;
  const Decision d = decide(test::default_model(), close, options);
  if (d.margin < 5) CHECK(d.confidence < 1.0);
}

TEST_CASE("confidence is the same whether or not the shortcut applies", "[perf][confidence]") {
  // A clear case scored with sampling forced (a tiny spread still samples
  // when nothing is settled) and with the shortcut must both say 1.
  EngineOptions options;
  options.samples = 500;
  options.weight_spread = 1.0001;
  const Profile p = test::make_profile({{"team_mlops", "unknown"}, {"connectivity", "offline"}});
  CHECK(decide(test::default_model(), p, options).confidence == 1.0);
}

TEST_CASE("a firm budget cannot rule out the only option left", "[perf][confidence]") {
  // Offline: cloud and hybrid are ruled out in every draw. The upfront
  // budget is a range (so the firm-budget rule reads an uncertain answer)
  // and local is over the monthly budget: with no other option allowed,
  // none fits, so the rule never rules local out and no draw can change
  // the winner.
  const ScoringModel& model = test::default_model();
  const Questionnaire& q = model.questionnaire;
  const auto reach_of = [&](const std::string& connectivity) {
    const Profile p = test::make_profile({{"connectivity", connectivity},
                                          {"upfront_budget_usd", "[50000, 200000]"},
                                          {"monthly_budget_usd", "100"},
                                          {"budget_flexibility", "firm"}});
    EngineOptions options;
    options.samples = 1000;
    const Decision d = decide(model, p, options);
    REQUIRE(d.recommendation);
    const std::size_t upfront = q.index_of("upfront_budget_usd");
    const std::vector<std::size_t> uncertain{upfront};
    std::vector<bool> is_uncertain(q.criteria.size(), false);
    is_uncertain[upfront] = true;
    const CostEstimate cost = estimate_costs(model.pricing, model.inputs, q, d.values);
    const UtilityMatrix matrix(model, d.values, cost);
    const auto surely_out = confidence::surely_vetoed(q, d.values, is_uncertain);
    return std::pair{d, confidence::reach(model, p, d.values, matrix, d.weights, is_uncertain,
                                          touched_by(model, uncertain), *d.recommendation,
                                          options.weight_spread, surely_out, true)};
  };
  const auto [offline, settled] = reach_of("offline");
  CHECK(offline.recommendation == Option::local);
  CHECK(offline.cost.firm.monthly);
  CHECK(offline.confidence == 1.0);
  CHECK(offline.win_shares[index(Option::local)] == 1.0);
  CHECK_FALSE(settled.may_be_vetoed);
  CHECK(settled.settled());
  // Online, cloud is allowed and may fit where local does not: the rule
  // may rule the recommendation out, and the draws are sampled.
  const auto [online, sampled] = reach_of("online");
  CHECK(sampled.may_be_vetoed);
  CHECK_FALSE(sampled.settled());
}

TEST_CASE("a firm budget that no draw can move settles the draws", "[perf][confidence]") {
  // Local and hybrid are over the firm $1,100 monthly budget whatever the
  // output tokens (a range), the upfront budget and the project stage
  // (unknown) are, and cloud fits it in every draw: every draw rules them
  // out and keeps cloud, which the bounds tell without sampling.
  const ScoringModel& model = test::default_model();
  const Questionnaire& q = model.questionnaire;
  std::map<std::string, std::string> answers{{"data_sensitivity", "confidential"},
                                             {"data_residency", "region"},
                                             {"monthly_requests", "159667"},
                                             {"tokens_in_per_request", "7995"},
                                             {"tokens_out_per_request", "[78, 1341]"},
                                             {"traffic_pattern", "variable"},
                                             {"latency_budget_ms", "1320"},
                                             {"upfront_budget_usd", "unknown"},
                                             {"monthly_budget_usd", "1100"},
                                             {"budget_flexibility", "firm"},
                                             {"team_mlops", "experienced"},
                                             {"customization", "fine_tuning"},
                                             {"model_capability", "basic"},
                                             {"project_stage", "unknown"},
                                             {"criticality", "low"},
                                             {"lock_in_tolerance", "high"}};
  const auto bounds_of = [&](const std::map<std::string, std::string>& changes) {
    std::map<std::string, std::string> all = answers;
    for (const auto& [k, v] : changes) all[k] = v;
    const Profile p = test::make_profile(all);
    EngineOptions options;
    options.samples = 1000;
    const Decision d = decide(model, p, options);
    std::vector<std::size_t> uncertain;
    for (const std::string id : {"tokens_out_per_request", "upfront_budget_usd", "project_stage",
                                 "sites", "batch_percent"}) {
      const Answer& a = p.answers[q.index_of(id)];
      if (a.kind == Answer::Kind::unknown || a.kind == Answer::Kind::range)
        uncertain.push_back(q.index_of(id));
    }
    std::sort(uncertain.begin(), uncertain.end());
    return std::pair{d, confidence::budget_reach(model, p, d.values, uncertain, *d.recommendation)};
  };
  const auto [d, bounds] = bounds_of({});
  REQUIRE(d.recommendation == Option::cloud);
  CHECK(d.confidence == 1.0);
  REQUIRE(bounds);
  CHECK(bounds->recommendation_fits);
  CHECK(bounds->always_over == std::array<bool, kOptionCount>{false, true, true});
  // The sites or the batch share have no direction to bound them by.
  CHECK_FALSE(bounds_of({{"sites", "[1, 3]"}}).second);
  CHECK_FALSE(bounds_of({{"batch_percent", "unknown"}}).second);
  // A budget cloud may break in some draw: no proof that it always fits.
  const auto [tight, none] = bounds_of({{"monthly_budget_usd", "[1, 1100]"}});
  CHECK_FALSE(none);
}

namespace {
// The confidence of `p` under `m` alone, as decide_on() asks for it.
ConfidenceResult confidence_under(const ScoringModel& m, const Profile& p, const Decision& d,
                                  const EngineOptions& options) {
  return estimate_confidence(m, p, d.values,
                             estimate_costs(m.pricing, m.inputs, m.questionnaire, d.values),
                             d.weights, d.recommendation, options);
}
}  // namespace

TEST_CASE("an estimated throughput is tried at both ends of its range", "[confidence][estimates]") {
  const ScoringModel& model = test::default_model();
  SECTION("only estimated figures move") {
    const ScoringModel& low = model.with_estimates_at(0);
    const ScoringModel& high = model.with_estimates_at(1);
    CHECK(&low == &model.with_estimates_at(0));  // made once
    // The ends share the criteria and their cost inputs; only prices differ.
    CHECK(&low.questionnaire == &model.questionnaire);
    CHECK(&high.questionnaire == &model.questionnaire);
    CHECK(low.inputs.tokens_in == model.inputs.tokens_in);
    CHECK(high.inputs.monthly_budget == model.inputs.monthly_budget);
    std::size_t estimated = 0;
    for (std::size_t t = 0; t < model.pricing.plans.size(); ++t) {
      const auto& shapes = model.pricing.plans[t].own_local.shapes;
      for (std::size_t k = 0; k < shapes.size(); ++k) {
        const double figure = shapes[k].output_tokens_per_second;
        const double lo = low.pricing.plans[t].own_local.shapes[k].output_tokens_per_second;
        const double hi = high.pricing.plans[t].own_local.shapes[k].output_tokens_per_second;
        if (shapes[k].kind == FigureKind::estimated) {
          ++estimated;
          CHECK(lo == Approx(figure / kEstimateRange));
          CHECK(hi == Approx(figure * kEstimateRange));
        } else {
          CHECK(lo == figure);
          CHECK(hi == figure);
        }
      }
    }
    CHECK(estimated > 0);  // DeepSeek-V3 on H200 is an estimate
  }
  EngineOptions options;
  options.samples = 1000;
  SECTION("a rival on an estimated figure: a quarter of the draws at each end") {
    // The frontier tier's local option runs DeepSeek-V3, whose throughput is
    // an estimate; local wins about a quarter of the draws.
    const Profile p = load_profile(read_text_file("profiles/code-assistant-enterprise.yaml"),
                                   "profiles/code-assistant-enterprise.yaml", model.questionnaire);
    const Decision d = decide(model, p, options);
    REQUIRE(d.cost.options[index(Option::local)].sizing.estimated_figure);
    EngineOptions half = options, quarter = options;
    half.samples = 500;
    quarter.samples = 250;
    const ConfidenceResult base = confidence_under(model, p, d, half);
    const ConfidenceResult lo = confidence_under(model.with_estimates_at(0), p, d, quarter);
    const ConfidenceResult hi = confidence_under(model.with_estimates_at(1), p, d, quarter);
    CHECK(d.confidence ==
          Approx(0.5 * base.confidence + 0.25 * lo.confidence + 0.25 * hi.confidence));
    double shares = 0;
    for (Option o : kOptions) {
      CHECK(d.win_shares[index(o)] ==
            Approx(0.5 * base.win_shares[index(o)] + 0.25 * lo.win_shares[index(o)] +
                   0.25 * hi.win_shares[index(o)]));
      shares += d.win_shares[index(o)];
    }
    CHECK(shares == Approx(1));
    CHECK(d.win_shares[index(*d.recommendation)] == d.confidence);
    // A slower local makes local win less often, a faster one more often.
    CHECK(lo.win_shares[index(Option::local)] < base.win_shares[index(Option::local)]);
    CHECK(hi.win_shares[index(Option::local)] > base.win_shares[index(Option::local)]);
    // Fewer than four draws: all at the figure.
    EngineOptions three = options;
    three.samples = 3;
    CHECK(decide(model, p, three).confidence == confidence_under(model, p, d, three).confidence);
  }
  SECTION("published figures only: the confidence is the figure's") {
    const Profile p = test::make_profile({{"team_mlops", "unknown"}});
    const Decision d = decide(model, p, options);
    REQUIRE_FALSE(d.cost.options[index(Option::local)].sizing.estimated_figure);
    REQUIRE_FALSE(d.cost.options[index(Option::hybrid)].sizing.estimated_figure);
    CHECK(d.confidence == confidence_under(model, p, d, options).confidence);
  }
}
