// SPDX-License-Identifier: MIT
// decide() and decide_what_if(): scores, vetoes, contributions, assumptions.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "aidecide/presets.hpp"
#include "aidecide/render.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {
// Weights that keep only the listed criteria (all others 0).
std::string only_weights(const std::map<std::string, double>& keep) {
  std::string text = "weights:\n";
  for (const auto& c : default_model().questionnaire.criteria) {
    if (!c.scored) continue;
    const auto it = keep.find(c.id);
    text += "  " + c.id + ": " + std::to_string(it == keep.end() ? 0.0 : it->second) + "\n";
  }
  return text;
}
}  // namespace

TEST_CASE("scores are the normalised weighted sum of utilities", "[engine]") {
  SECTION("one criterion: the score is its utility times 100") {
    const Decision d =
        decide_with({{"data_sensitivity", "internal"}}, 0, only_weights({{"data_sensitivity", 1}}));
    CHECK(score(d, Option::cloud) == Approx(85.0));
    CHECK(score(d, Option::local) == Approx(100.0));
    CHECK(score(d, Option::hybrid) == Approx(95.0));
  }
  SECTION("two criteria: weights set the mix") {
    const Decision d = decide_with({{"data_sensitivity", "regulated"}, {"team_mlops", "none"}}, 0,
                                   only_weights({{"data_sensitivity", 3}, {"team_mlops", 1}}));
    CHECK(score(d, Option::cloud) == Approx(100 * (3 * 0.15 + 1 * 1.0) / 4));
    CHECK(score(d, Option::local) == Approx(100 * (3 * 1.0 + 1 * 0.1) / 4));
    CHECK(score(d, Option::hybrid) == Approx(100 * (3 * 0.55 + 1 * 0.35) / 4));
  }
  SECTION("scaling every weight changes nothing") {
    const Decision a = decide_with({}, 0, only_weights({{"data_sensitivity", 1}, {"cost", 2}}));
    const Decision b = decide_with({}, 0, only_weights({{"data_sensitivity", 10}, {"cost", 20}}));
    for (Option o : kOptions) CHECK(score(a, o) == Approx(score(b, o)));
  }
  SECTION("contributions add up to the scores") {
    const Decision d = decide_with({{"data_sensitivity", "personal"}}, 0);
    for (Option o : kOptions) {
      double sum = 0;
      for (const auto& c : d.contributions) sum += c.points[index(o)];
      CHECK(sum == Approx(score(d, o)));
    }
  }
}

TEST_CASE("a profile weight replaces the default weight", "[engine]") {
  const Decision base = decide_with({{"data_sensitivity", "regulated"}}, 0);
  const Decision heavier =
      decide_with({{"data_sensitivity", "regulated"}}, 0, "weights:\n  data_sensitivity: 20\n");
  CHECK(score(heavier, Option::local) - score(heavier, Option::cloud) >
        score(base, Option::local) - score(base, Option::cloud));
  const auto& q = default_model().questionnaire;
  CHECK(heavier.weights[q.index_of("data_sensitivity")] == 20);
  CHECK(heavier.weights[q.index_of("cost")] == q.at("cost").weight);
}

TEST_CASE("contributions are sorted by how much they separate the top two", "[engine]") {
  const Decision d =
      decide_with({{"data_sensitivity", "regulated"}, {"team_mlops", "experienced"}}, 0);
  for (std::size_t i = 1; i < d.contributions.size(); ++i) {
    CHECK(std::fabs(d.contributions[i - 1].separation) >= std::fabs(d.contributions[i].separation));
  }
}

TEST_CASE("offline vetoes cloud and hybrid", "[engine][constraints]") {
  const Decision d = decide_with({{"connectivity", "offline"}});
  REQUIRE(d.vetoes.size() == 2);
  CHECK(d.vetoes[0].option == Option::cloud);
  CHECK(d.vetoes[0].rule == "offline-no-cloud");
  CHECK(d.vetoes[0].reason ==
        "Inference runs without a network connection, so no hosted API can be reached.");
  CHECK(d.vetoes[1].option == Option::hybrid);
  CHECK(d.recommendation == Option::local);
  CHECK_FALSE(d.runner_up.has_value());
  CHECK(d.confidence == 1.0);
}

TEST_CASE("on-premises residency vetoes cloud in every workload shape, hybrid when uniform",
          "[engine][constraints]") {
  const Decision uniform =
      decide_with({{"data_residency", "on_premises"}, {"workload_mix", "uniform"}});
  REQUIRE(uniform.vetoes.size() == 2);
  CHECK(uniform.vetoes[0].option == Option::cloud);
  CHECK(uniform.vetoes[0].rule == "residency-on-premises");
  CHECK(uniform.vetoes[1].option == Option::hybrid);
  CHECK(uniform.vetoes[1].rule == "residency-on-premises-uniform");
  CHECK(uniform.recommendation == Option::local);
  // Mixed: the sensitive part can stay in, the general part may go out;
  // pure cloud would still send everything out, even with everything else
  // in its favour and no money for hardware.
  const Decision mixed = decide_with({{"data_residency", "on_premises"},
                                      {"workload_mix", "mixed"},
                                      {"data_sensitivity", "public"},
                                      {"team_mlops", "none"},
                                      {"upfront_budget_usd", "0"}});
  REQUIRE(mixed.vetoes.size() == 1);
  CHECK(mixed.vetoes[0].option == Option::cloud);
  CHECK(mixed.vetoes[0].rule == "residency-on-premises");
  CHECK(mixed.recommendation != Option::cloud);
  CHECK(mixed.recommendation.has_value());
}

TEST_CASE("a vetoed option keeps its score but is never recommended", "[engine][constraints]") {
  // Everything favours cloud, but the data may not leave the premises.
  const Decision d = decide_with({{"data_sensitivity", "public"},
                                  {"data_residency", "on_premises"},
                                  {"team_mlops", "none"},
                                  {"project_stage", "prototype"},
                                  {"monthly_requests", "1000"}});
  CHECK(score(d, Option::cloud) > score(d, Option::local));
  CHECK(d.vetoed[index(Option::cloud)]);
  CHECK(d.recommendation != Option::cloud);
}

TEST_CASE("when every option is vetoed there is no recommendation", "[engine][constraints]") {
  std::string criteria(embedded_criteria_text());
  criteria.insert(
      criteria.find("constraints:\n") + 13,
      "  - id: nothing-goes\n    when: {criticality: [low]}\n    forbids: [cloud, local, hybrid]\n"
      "    reason: Test rule.\n");
  Questionnaire q = load_questionnaire(criteria, "c.yaml");
  Pricing p = load_pricing(embedded_pricing_text(), "p.yaml", q);
  const ScoringModel model(std::move(q), std::move(p));
  auto answers = baseline_answers();
  answers["criticality"] = "low";
  const Profile profile = load_profile(profile_yaml(answers), "t.yaml", model.questionnaire);
  const Decision d = decide(model, profile, EngineOptions{});
  CHECK_FALSE(d.recommendation.has_value());
  CHECK(d.vetoes.size() == 3);
  CHECK(d.confidence == 1.0);  // every draw agrees: nothing is possible
}

TEST_CASE("unknown answers use the documented assumption", "[engine][uncertainty]") {
  const Decision unknown = decide_with({{"team_mlops", "unknown"},
                                        {"monthly_requests", "unknown"},
                                        {"budget_flexibility", "firm"},
                                        {"sites", "1"},
                                        {"cached_input_percent", "0"},
                                        {"batch_percent", "0"}},
                                       0);
  const Decision explicit_ =
      decide_with({{"team_mlops", "basic"}, {"monthly_requests", "100000"}}, 0);
  for (Option o : kOptions) CHECK(score(unknown, o) == Approx(score(explicit_, o)));
  REQUIRE(unknown.assumptions.size() == 2);
  const auto& q = default_model().questionnaire;
  CHECK(q.criteria[unknown.assumptions[0].criterion].id == "monthly_requests");
  CHECK(unknown.assumptions[0].value_text == "100,000 requests/month");
  CHECK(unknown.assumptions[1].value_text == "basic");
  CHECK(unknown.assumptions[1].note ==
        "Assumed the team can run containers and a managed GPU host.");
}

TEST_CASE("a range is scored at its middle, geometric for log-scale numbers",
          "[engine][uncertainty]") {
  const Decision range = decide_with({{"monthly_requests", "[100000, 10000000]"},
                                      {"budget_flexibility", "firm"},
                                      {"sites", "1"},
                                      {"cached_input_percent", "0"},
                                      {"batch_percent", "0"}},
                                     0);
  const Decision middle = decide_with({{"monthly_requests", "1000000"}}, 0);
  for (Option o : kOptions) CHECK(score(range, o) == Approx(score(middle, o)));
  REQUIRE(range.assumptions.size() == 1);
  CHECK(range.assumptions[0].basis == AnswerBasis::range_middle);
  CHECK(range.assumed_answers == 1);
  CHECK(range.assumptions[0].note ==
        "Scored at the middle of the range 100,000 to 10,000,000; confidence covers the whole "
        "range.");
}

TEST_CASE("confidence is deterministic and reflects uncertainty", "[engine][uncertainty]") {
  const Decision a =
      decide_with({{"monthly_requests", "[1000, 100000000]"}, {"team_mlops", "unknown"}}, 500);
  const Decision b =
      decide_with({{"monthly_requests", "[1000, 100000000]"}, {"team_mlops", "unknown"}}, 500);
  CHECK(a.confidence == b.confidence);
  CHECK(a.confidence >= 0.0);
  CHECK(a.confidence <= 1.0);
  // A lopsided case holds under every perturbation.
  const Decision clear = decide_with({{"data_sensitivity", "public"},
                                      {"team_mlops", "none"},
                                      {"project_stage", "prototype"},
                                      {"monthly_requests", "1000"},
                                      {"model_capability", "frontier"}},
                                     500);
  CHECK(clear.recommendation == Option::cloud);
  CHECK(clear.confidence == 1.0);
  // The same profile with the decisive answers unknown is less certain.
  const Decision unsure = decide_with({{"data_sensitivity", "unknown"},
                                       {"team_mlops", "unknown"},
                                       {"project_stage", "unknown"},
                                       {"monthly_requests", "unknown"},
                                       {"model_capability", "unknown"},
                                       {"connectivity", "unknown"}},
                                      500);
  CHECK(unsure.confidence < clear.confidence);
}

TEST_CASE("the margin is the gap to the best other allowed option", "[engine]") {
  const Decision d = decide_with({});
  REQUIRE(d.recommendation.has_value());
  REQUIRE(d.runner_up.has_value());
  CHECK(d.margin == Approx(score(d, *d.recommendation) - score(d, *d.runner_up)));
  CHECK(d.margin >= 0);
  CHECK(d.versus[0] == *d.recommendation);
  CHECK(d.versus[1] == *d.runner_up);
}

TEST_CASE("the worked example in docs/scoring.md holds", "[engine][docs]") {
  const Profile p = load_profile(read_text_file("profiles/hospital-clinical-notes.yaml"),
                                 "hospital.yaml", default_model().questionnaire);
  EngineOptions options;
  options.samples = 0;
  const Decision d = decide(default_model(), p, options);
  CHECK(d.cost.options[index(Option::cloud)].monthly_usd == Approx(1440.0));
  CHECK(d.cost.peak_output_tps == Approx(616.438).epsilon(1e-5));
  CHECK(d.cost.cost_utility[index(Option::local)] == Approx(0.468).margin(0.0005));
  CHECK(d.cost.cost_utility[index(Option::hybrid)] == Approx(0.462).margin(0.0005));
  CHECK(d.cost.options[index(Option::local)].monthly_usd == Approx(7078.64).margin(0.01));
  CHECK(d.cost.options[index(Option::local)].deployment == Deployment::own);
  CHECK(score(d, Option::cloud) == Approx(100 * 29.95 / 41).margin(0.01));
  CHECK(score(d, Option::local) == Approx(100 * 36.480 / 41).margin(0.01));
  CHECK(score(d, Option::hybrid) == Approx(100 * 31.060 / 41).margin(0.01));
  CHECK(d.recommendation == Option::local);
  CHECK_FALSE(d.runner_up.has_value());  // cloud and hybrid vetoed
  CHECK(score(d, Option::local) - score(d, Option::hybrid) == Approx(13.2).margin(0.05));
  for (Option o : kOptions) CHECK(d.cost.budget_utility[index(o)] == 1);
  CHECK(d.cost.options[index(Option::local)].upfront_usd == Approx(81250));
  CHECK(d.cost.options[index(Option::local)].running_monthly_usd == Approx(4821.7).margin(0.01));
  CHECK(d.cost.options[index(Option::hybrid)].upfront_usd == Approx(81250));
}

TEST_CASE("full control of the model rules out cloud", "[engine][constraints]") {
  const Decision d = decide_with({{"customization", "full_control"}}, 0);
  REQUIRE(d.vetoes.size() == 1);
  CHECK(d.vetoes[0].option == Option::cloud);
  CHECK(d.vetoes[0].rule == "full-control-needs-own-model");
  CHECK(d.recommendation != Option::cloud);
}

TEST_CASE("a first token within 100 ms rules out cloud", "[engine][constraints]") {
  const Decision tight = decide_with({{"latency_budget_ms", "99"}}, 0);
  REQUIRE(tight.vetoes.size() == 1);
  CHECK(tight.vetoes[0].rule == "latency-below-network");
  CHECK(tight.recommendation != Option::cloud);
  CHECK(decide_with({{"latency_budget_ms", "100"}}, 0).vetoes.empty());
}

TEST_CASE("a tie in exact arithmetic goes to the simpler option, whatever the rounding",
          "[engine][ties]") {
  // Only two criteria count: team_mlops none (1, 0.1, 0.35) at weight 2 and
  // lock_in_tolerance medium (0.7, 1, 0.85) at weight 6. Cloud and local both
  // get exactly 6.2, but in doubles cloud's sum rounds one unit lower.
  const std::string weights = only_weights({{"team_mlops", 2}, {"lock_in_tolerance", 6}});
  const Decision d =
      decide_with({{"team_mlops", "none"}, {"lock_in_tolerance", "medium"}}, 200, weights);
  REQUIRE(d.recommendation.has_value());
  CHECK(*d.recommendation == Option::cloud);
  CHECK(d.runner_up == Option::local);
  CHECK(score(d, Option::cloud) == Approx(77.5));
  CHECK(score(d, Option::local) == Approx(77.5));
  CHECK(d.margin == Approx(0.0).margin(1e-9));
}

TEST_CASE("confidence of a range answer is the share of the range on the winning side",
          "[engine][uncertainty][confidence]") {
  // Only the latency varies (weights fixed): cloud wins above the latency
  // flip point T and loses below it, so a log-uniform draw from [50, 500] ms
  // keeps cloud with probability log(500 / T) / log(10); on the 128 levels,
  // the share of levels above T. 20,000 draws: sampling error about 0.0035.
  EngineOptions options;
  options.samples = 20000;
  options.weight_spread = 1;
  const Decision d =
      decide(default_model(), make_profile({{"latency_budget_ms", "[50, 500]"}}), options);
  REQUIRE(d.recommendation == Option::cloud);
  const auto& q = default_model().questionnaire;
  const auto flip = std::find_if(
      d.flips.numbers.begin(), d.flips.numbers.end(),
      [&](const NumberFlip& f) { return q.criteria[f.criterion].id == "latency_budget_ms"; });
  REQUIRE(flip != d.flips.numbers.end());
  CHECK_FALSE(flip->above);
  const double t = flip->value;
  REQUIRE(t > 50);
  REQUIRE(t < 500);
  int above = 0;
  for (int k = 0; k < 128; ++k) above += 50 * std::pow(10.0, (k + 0.5) / 128) > t;
  CHECK(d.confidence == Approx(above / 128.0).margin(0.012));
  CHECK(d.confidence == Approx(std::log10(500 / t)).margin(0.012));
}

namespace {

// The exact share of the combinations of `profile`'s unknown answers (every
// answer of a choice, the 128 sampled levels of a number's plausible range)
// for which `winner` wins, every combination scored outright.
double exact_share(const Profile& profile, std::optional<Option> winner) {
  const ScoringModel& m = default_model();
  const auto& q = m.questionnaire;
  EngineOptions plain;
  plain.samples = 0;
  plain.flip_points = false;
  plain.advice = false;
  plain.explain = false;
  std::vector<std::size_t> unknown;
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    if (profile.answers[i].kind == Answer::Kind::unknown) unknown.push_back(i);
  }
  Profile p = profile;
  int kept = 0, total = 0;
  const auto visit = [&](const auto& self, std::size_t u) -> void {
    if (u == unknown.size()) {
      kept += decide(m, p, plain).recommendation == winner;
      ++total;
      return;
    }
    const Criterion& c = q.criteria[unknown[u]];
    Answer& a = p.answers[unknown[u]];
    if (c.kind == CriterionKind::choice) {
      for (std::size_t k = 0; k < c.answers.size(); ++k) {
        a.kind = Answer::Kind::choice;
        a.choice = k;
        self(self, u + 1);
      }
      return;
    }
    const auto [lo, hi] = c.plausible;
    for (int k = 0; k < 128; ++k) {
      const double t = (k + 0.5) / 128;
      a.kind = Answer::Kind::number;
      a.low = a.high =
          c.scale == Scale::log ? lo * std::exp(std::log(hi / lo) * t) : lo + (hi - lo) * t;
      self(self, u + 1);
    }
  };
  visit(visit, 0);
  return static_cast<double>(kept) / total;
}

}  // namespace

TEST_CASE(
    "confidence over several uncertain answers is the share of their combinations that keep the "
    "winner",
    "[engine][uncertainty][confidence]") {
  // Weights fixed, answers unknown that the cost model, the budget and the
  // vetoes read: some rows read one of them, some several, the cost row
  // more than the combinations that are remembered, so rows remembered per
  // combination and rows computed per draw are both covered. Every
  // combination is equally likely; scoring each one outright gives the
  // exact share. 20,000 draws: sampling error at most 0.0035.
  // The answers the baseline leaves out given too, so that the volume is
  // the only uncertain answer the cost model reads.
  const auto volume_alone = [](std::map<std::string, std::string> answers) {
    answers.insert({{"monthly_requests", "unknown"},
                    {"data_sensitivity", "confidential"},
                    {"team_mlops", "experienced"},
                    {"sites", "1"},
                    {"cached_input_percent", "0"},
                    {"batch_percent", "0"}});
    return answers;
  };
  const std::vector<std::map<std::string, std::string>> cases{
      {{"monthly_requests", "unknown"},
       {"team_mlops", "unknown"},
       {"criticality", "unknown"},
       {"workload_mix", "unknown"},
       {"data_sensitivity", "confidential"},
       {"budget_flexibility", "firm"}},
      // The tier read last by the cost row, after two numbers.
      {{"monthly_requests", "unknown"},
       {"tokens_in_per_request", "unknown"},
       {"model_capability", "unknown"},
       {"data_sensitivity", "confidential"},
       {"team_mlops", "experienced"},
       {"budget_flexibility", "firm"}},
      // Firm budgets that bind in some combinations: the volume and whether
      // the budgets are firm unknown, the upfront budget short of local's
      // hardware, so the firm-budget rule decides many draws.
      {{"monthly_requests", "unknown"},
       {"budget_flexibility", "unknown"},
       {"upfront_budget_usd", "60000"},
       {"data_sensitivity", "confidential"},
       {"team_mlops", "experienced"}},
      // Firm budgets that bind, read with two numbers: the cost row, the
      // budget row and the firm-budget rule all computed draw by draw, from
      // one pass of the cost model per draw.
      {{"monthly_requests", "unknown"},
       {"tokens_in_per_request", "unknown"},
       {"budget_flexibility", "firm"},
       {"upfront_budget_usd", "60000"},
       {"data_sensitivity", "confidential"},
       {"team_mlops", "experienced"}},
      // The volume alone unknown, every other answer given, at a site that
      // is not always online (no renting: local buys its GPUs) with a firm
      // upfront budget that local's fleet outgrows: the cost row, the
      // budget row and the firm-budget rule read the volume alone, each
      // remembered per level, and share one pass per level.
      volume_alone({{"connectivity", "intermittent"},
                    {"budget_flexibility", "firm"},
                    {"upfront_budget_usd", "60000"}}),
      // The volume alone unknown and flexible budgets: the cost row and the
      // budget row share one pass per level.
      volume_alone({{"budget_flexibility", "flexible"}, {"monthly_budget_usd", "5000"}}),
      // Two numbers with flexible budgets: the two rows alone share the
      // pass, draw by draw.
      {{"monthly_requests", "unknown"},
       {"tokens_in_per_request", "unknown"},
       {"budget_flexibility", "flexible"},
       {"upfront_budget_usd", "60000"},
       {"data_sensitivity", "confidential"},
       {"team_mlops", "experienced"}},
      // The volume and the cache share, which a cost base takes from each
      // pass, with the tier, which it does not: one base per tier, each
      // patched draw by draw.
      {{"monthly_requests", "unknown"},
       {"cached_input_percent", "unknown"},
       {"model_capability", "unknown"},
       {"budget_flexibility", "firm"},
       {"upfront_budget_usd", "60000"},
       {"data_sensitivity", "confidential"},
       {"team_mlops", "experienced"}},
      // A number no base allows to move (one base per level of the input
      // tokens) with the batch share.
      {{"tokens_in_per_request", "unknown"},
       {"batch_percent", "unknown"},
       {"monthly_requests", "1000000"},
       {"budget_flexibility", "firm"},
       {"upfront_budget_usd", "60000"},
       {"data_sensitivity", "confidential"},
       {"team_mlops", "experienced"}},
  };
  for (const auto& answers : cases) {
    EngineOptions options;
    options.samples = 20000;
    options.weight_spread = 1;
    options.flip_points = false;
    const Profile p = make_profile(answers);
    const Decision d = decide(default_model(), p, options);
    const double exact = exact_share(p, d.recommendation);
    INFO(to_string(*d.recommendation) << " exact share " << exact);
    REQUIRE(exact > 0.1);
    REQUIRE(exact < 0.9);
    CHECK(d.confidence == Approx(exact).margin(0.012));
  }
}

TEST_CASE("all options' utilities at once are each option's utility, to the bit", "[engine]") {
  // eval_all() and utilities() take each logarithm and test each condition
  // once; eval() and utility() are the definition.
  const auto& q = default_model().questionnaire;
  Curve loaded;  // points through add_point(): logarithms kept
  loaded.scale = Scale::log;
  Curve written;  // points written directly: logarithms taken each time
  written.scale = Scale::log;
  const std::vector<std::pair<double, double>> points{{100, 0.05}, {300, 0.35}, {1500, 1}};
  for (Option o : kOptions) {
    for (const auto& [x, u] : points) {
      loaded.add_point(o, x, u * (1 + 0.1 * static_cast<double>(index(o))));
      written.points[index(o)].emplace_back(x, u * (1 + 0.1 * static_cast<double>(index(o))));
    }
  }
  for (double x : {-1.0, 0.0, 1.0, 100.0, 123.456, 299.9, 300.0, 777.0, 1500.0, 1e6}) {
    const PerOption all = loaded.eval_all(x);
    for (Option o : kOptions) {
      INFO(x << " " << to_string(o));
      CHECK(all[index(o)] == loaded.eval(o, x));
      CHECK(all[index(o)] == written.eval(o, x));
    }
  }
  // Every criterion of generated profiles, adjustments included.
  for (const auto& changes : std::vector<std::map<std::string, std::string>>{
           {},
           {{"workload_mix", "mixed"}, {"data_sensitivity", "regulated"}},
           {{"latency_budget_ms", "250"}, {"team_mlops", "none"}},
           {{"connectivity", "offline"}, {"project_stage", "prototype"}}}) {
    const Decision d = decide_with(changes, 0);
    for (const Criterion& c : q.criteria) {
      if (!c.answerable()) continue;
      const PerOption all = c.utilities(d.values);
      for (Option o : kOptions) CHECK(all[index(o)] == c.utility(o, d.values));
    }
  }
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
