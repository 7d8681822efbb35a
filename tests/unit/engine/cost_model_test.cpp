// SPDX-License-Identifier: MIT
// The cost arithmetic against the worked example of docs/cost-model.md.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "aidecide/render.hpp"
#include "engine/cost_model.hpp"
#include "engine/scorer.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {
CostEstimate costs_for(const std::map<std::string, std::string>& changes = {}) {
  const Profile p = make_profile(changes);
  const auto& m = default_model();
  return estimate_costs(m.pricing, m.inputs, m.questionnaire, resolve_values(m.questionnaire, p));
}
// One H100 with 25 % server overhead, over 36 months; power at 700 W, PUE 1.4, 0.12 USD/kWh, plus
// 150 USD hosting.
constexpr double kH100Purchase = 32500 * 1.25;
constexpr double kH100Amortised = kH100Purchase / 36;
constexpr double kH100Running = 0.7 * 730 * 1.4 * 0.12 + 150;
}  // namespace

// SPDX-License-Identifier: MIT
// The pieces that make batch scoring fast must not change what it computes:
// the streaming JSON writer, the closed-form break-even, the confidence
// shortcut, and parallel scoring.

TEST_CASE("cost model matches the hand-computed baseline", "[cost]") {
  // 1M requests of 1,000 input and 300 output tokens, strong tier, basic
  // team, one online site, production.
  const CostEstimate e = costs_for();
  const OptionCost& cloud = e.options[index(Option::cloud)];
  const OptionCost& local = e.options[index(Option::local)];
  const OptionCost& hybrid = e.options[index(Option::hybrid)];
  CHECK(e.monthly_tokens_in == 1e9);
  CHECK(e.monthly_tokens_out == 3e8);
  // 1,000 M input tokens at 0.30 + 300 M output tokens at 2.50.
  CHECK(cloud.monthly_usd == Approx(1050.0));
  CHECK(cloud.upfront_usd == 0);
  CHECK(cloud.deployment == Deployment::api);
  CHECK(e.cloud_usd_per_request == Approx(0.00105));
  // Peak: 400 output-equivalent tokens per request x 1M / 2,628,000 s x 1.5.
  CHECK(e.peak_output_tps == Approx(400.0 * 1e6 / 2628000 * 1.5));

  // Sizing: Llama 3.3 70B at 8 bits (70.6 GB) does not fit one H100 (72 GB
  // usable less 1.5 GB overhead); two hold it and 32 sequences of 1,300
  // tokens at 320 KiB each (13.6 GB). 228 tokens/s at the peak need 0.22 of
  // a 1,728 tokens/s replica at 60 %: one replica of two H100s.
  const Sizing& s = local.sizing;
  REQUIRE(s.model != nullptr);
  CHECK(s.model->id == "llama-3.3-70b");
  CHECK(s.gpu->name == "H100");
  CHECK(s.gpus_per_replica == 2);
  CHECK(s.replicas == 1);
  CHECK(s.memory.weights == Approx(70.6));
  CHECK(s.memory.kv_cache == Approx(32.0 * 1300 * 327680 / 1e9));
  CHECK(s.memory.overhead == Approx(3.0));
  CHECK(s.memory.available == Approx(144.0));
  CHECK(s.memory.total <= s.memory.available);
  CHECK(s.output_tokens_per_second == 1728);
  CHECK(s.throughput_kind == FigureKind::published);

  // Every way, line by line. Own: two H100s bought with 25 % server
  // overhead; staff 0.5 (basic team) + 2 GPUs x 0.01 + 1 site x 0.02.
  const WayCost& own = local.ways[0];
  REQUIRE(own.allowed);
  CHECK(own.upfront_usd == Approx(2 * kH100Purchase));
  CHECK(own.ops_fte == Approx(0.54));
  CHECK(own.running_monthly_usd == Approx(2 * kH100Running + 0.54 * 15000));
  CHECK(own.monthly_usd == Approx(2 * (kH100Running + kH100Amortised) + 0.54 * 15000));
  // Rent on demand: the same two GPUs for every hour at 2.49 USD, staff
  // 0.5 + 2 x 0.005; nothing up front.
  const WayCost& on_demand = local.ways[1];
  REQUIRE(on_demand.allowed);
  CHECK(on_demand.way == Deployment::rent);
  CHECK_FALSE(on_demand.reserved_term);
  CHECK(on_demand.upfront_usd == 0);
  CHECK(on_demand.ops_fte == Approx(0.51));
  CHECK(on_demand.monthly_usd == Approx(2 * 2.49 * 730 + 0.51 * 15000));
  // Reserved at 1.89 USD an hour (production allows a year's term).
  const WayCost& reserved = local.ways[2];
  REQUIRE(reserved.allowed);
  CHECK(reserved.reserved_term);
  CHECK(reserved.monthly_usd == Approx(2 * 1.89 * 730 + 0.51 * 15000));
  CHECK(reserved.monthly_usd == Approx(10409.4));
  // Edge: one site that is always online.
  CHECK_FALSE(local.ways[3].allowed);
  CHECK(local.ways[3].why_not == "one site that is always online");
  // The cheapest allowed way within both budgets runs the option.
  CHECK(reserved.monthly_usd < own.monthly_usd);
  CHECK(reserved.monthly_usd < on_demand.monthly_usd);
  CHECK(local.deployment == Deployment::rent);
  CHECK(local.reserved_term);
  CHECK(local.monthly_usd == reserved.monthly_usd);
  CHECK(local.upfront_usd == 0);
  CHECK(local.tco_usd == Approx(36 * local.monthly_usd));
  CHECK(local.fits_upfront);
  CHECK(local.fits_monthly);  // 10,409 <= 20,000
  // Hybrid keeps 90 % local for a uniform workload, 10 % of the API bill.
  CHECK(hybrid.local_share == Approx(0.9));
  CHECK(hybrid.running_monthly_usd == Approx(reserved.monthly_usd + 105.0));
  // Cost utility: cheapest scores 1; local at 9.91 x the cheapest scores 1 - ln(9.91)/ln(20).
  CHECK(e.cost_utility[index(Option::cloud)] == 1.0);
  CHECK(e.cost_utility[index(Option::local)] ==
        Approx(1 - std::log(local.monthly_usd / 1050.0) / std::log(20.0)));
}

TEST_CASE("a stage before production rents on demand, never reserved", "[cost]") {
  const CostEstimate e = costs_for({{"project_stage", "pilot"}});
  const OptionCost& local = e.options[index(Option::local)];
  CHECK_FALSE(local.ways[2].allowed);
  CHECK(local.ways[2].why_not == "a one-year reservation suits a production workload only");
  // On demand (11,285 a month) is dearer than owning (10,829): own runs it.
  CHECK(local.ways[1].monthly_usd > local.ways[0].monthly_usd);
  CHECK(local.deployment == Deployment::own);
}

TEST_CASE("data that must stay on premises, or a site offline, cannot rent", "[cost]") {
  for (const auto& [key, value, why] :
       {std::tuple{"data_residency", "on_premises", "the data must stay on premises"},
        std::tuple{"connectivity", "intermittent", "the site is not always online"}}) {
    const CostEstimate e = costs_for({{key, value}});
    const OptionCost& local = e.options[index(Option::local)];
    INFO(key);
    for (std::size_t k : {1, 2}) {
      CHECK_FALSE(local.ways[k].allowed);
      CHECK(local.ways[k].why_not == why);
    }
    CHECK(local.deployment != Deployment::rent);
  }
}

TEST_CASE("a frontier model that cannot fit an 8-GPU H100 server goes to a larger GPU", "[cost]") {
  // DeepSeek-V3: 671 GB of weights at 8 bits; 8 H100s hold 576 GB usable.
  // 8 H200s hold 1,015.2 GB: weights, 12 GB overhead and 32 sequences of
  // 1,300 tokens at 68.6 KiB (61 layers x 576 latent values x 2 bytes).
  const CostEstimate e = costs_for({{"model_capability", "frontier"}});
  const Sizing& s = e.options[index(Option::local)].sizing;
  CHECK(s.model->id == "deepseek-v3");
  CHECK(s.model->kv_bytes_per_token() == 61 * 576 * 2);
  CHECK(s.gpu->name == "H200");
  CHECK(s.gpus_per_replica == 8);
  CHECK(s.larger_gpu);
  CHECK_FALSE(s.two_nodes);
  CHECK(s.memory.weights == 671);
  CHECK(s.memory.available == Approx(8 * 141 * 0.9));
  CHECK(s.memory.kv_cache == Approx(32.0 * 1300 * 70272 / 1e9));
  CHECK(s.memory.total <= s.memory.available);
  CHECK(s.throughput_kind == FigureKind::estimated);
  // Hybrid's local part runs the strong tier's 70B model instead.
  const Sizing& h = e.options[index(Option::hybrid)].sizing;
  CHECK(h.model->id == "llama-3.3-70b");
  CHECK(h.gpu->name == "H100");
  CHECK(h.gpus_per_replica == 2);
}

TEST_CASE("owned GPUs remove the purchase but not the value", "[cost]") {
  const CostEstimate none = costs_for({{"existing_gpus", "none"}});
  const CostEstimate some = costs_for({{"existing_gpus", "some"}});
  const WayCost& own_none = none.options[index(Option::local)].ways[0];
  const WayCost& own_some = some.options[index(Option::local)].ways[0];
  CHECK(own_some.upfront_usd == 0);
  CHECK(own_some.monthly_usd == Approx(own_none.monthly_usd));
  // Paid for, the owned GPUs run it: less cash over the horizon than the
  // reserved GPUs a team without them would rent.
  CHECK(none.options[index(Option::local)].deployment == Deployment::rent);
  CHECK(some.options[index(Option::local)].deployment == Deployment::own);
  CHECK(some.budget_utility[index(Option::local)] >= none.budget_utility[index(Option::local)]);
}

TEST_CASE("mission-critical serving adds a spare replica", "[cost]") {
  const CostEstimate e = costs_for({{"criticality", "mission_critical"}});
  CHECK(e.options[index(Option::local)].gpus == 4);
}

TEST_CASE("the fleet is sized for the peak, not the average", "[cost]") {
  const CostEstimate steady =
      costs_for({{"monthly_requests", "50000000"}, {"traffic_pattern", "steady"}});
  const CostEstimate spiky =
      costs_for({{"monthly_requests", "50000000"}, {"traffic_pattern", "spiky"}});
  // 50M x 400 / 2,628,000 x 1.5 = 11,416 tokens/s at the peak: 11.01 replicas of
  // 1,728 x 0.6 -> 12 -> 24 GPUs, owned or rented alike.
  for (std::size_t k : {0, 1, 2}) CHECK(steady.options[index(Option::local)].ways[k].gpus == 24);
  // Spiky: peak factor 8 -> 60,883 tokens/s: 58.7 replicas -> 59 -> 118 GPUs.
  for (std::size_t k : {0, 1, 2}) CHECK(spiky.options[index(Option::local)].ways[k].gpus == 118);
  // Staff grow with the fleet: 0.5 + 118 x 0.01 + 0.02 owned.
  CHECK(spiky.options[index(Option::local)].ways[0].ops_fte == Approx(1.7));
}

TEST_CASE("break-even volume is where local and cloud cost the same", "[cost]") {
  const CostEstimate e =
      costs_for({{"model_capability", "frontier"}, {"team_mlops", "experienced"}});
  REQUIRE(e.break_even_requests > 0);
  // Brute force: walk volumes and find the first where local is no dearer than cloud.
  double found = -1;
  for (double v = 1000; v < 1e12; v *= 1.01) {
    const CostEstimate at =
        costs_for({{"model_capability", "frontier"},
                   {"team_mlops", "experienced"},
                   {"monthly_requests", std::to_string(static_cast<long long>(v))}});
    if (at.cost_utility[index(Option::local)] >= at.cost_utility[index(Option::cloud)]) {
      found = v;
      break;
    }
  }
  REQUIRE(found > 0);
  CHECK(found == Approx(e.break_even_requests).epsilon(0.011));
}

TEST_CASE("local never breaks even when its marginal cost is above the API's", "[cost]") {
  // Spiky traffic and the basic tier: cheap API tokens, a fleet idle most of the time.
  const CostEstimate e = costs_for({{"model_capability", "basic"}, {"traffic_pattern", "spiky"}});
  CHECK(e.break_even_requests == -1);
}

TEST_CASE("each option's budget fit comes from its own figures", "[cost][budgets]") {
  // Baseline with data kept on premises (owning is the only way to
  // self-host): 1M requests, one replica (whole GPUs equal the fractional
  // fleet), no GPUs owned. Within a budget: 1; over it:
  // 1 - ln((need + a) / (budget + a)) / ln 10, at least 0, allowances a of
  // $1,000 up front and $100 a month; the two budgets multiply.
  const CostEstimate rich = costs_for({{"data_residency", "on_premises"},
                                       {"upfront_budget_usd", "1e9"},
                                       {"monthly_budget_usd", "1e9"}});
  for (Option o : kOptions) CHECK(rich.budget_utility[index(o)] == 1);
  const OptionCost& cloud = rich.options[index(Option::cloud)];
  const OptionCost& local = rich.options[index(Option::local)];
  REQUIRE(local.gpus == local.gpus_exact);
  REQUIRE(cloud.running_monthly_usd > 500);

  // Cloud's API bill against the monthly budget (not always 1 any more).
  const CostEstimate tight = costs_for({{"data_residency", "on_premises"},
                                        {"upfront_budget_usd", "1e9"},
                                        {"monthly_budget_usd", "400"}});
  const auto fit = [](double budget, double need, double a) {
    return std::max(0.0, 1 - std::log((need + a) / (budget + a)) / std::log(10.0));
  };
  CHECK(tight.budget_utility[index(Option::cloud)] ==
        Approx(fit(400, cloud.running_monthly_usd, 100)).epsilon(1e-12));
  CHECK(tight.budget_utility[index(Option::cloud)] > 0);
  CHECK_FALSE(tight.options[index(Option::cloud)].fits_monthly);

  // The logarithm is remembered per thread (remembered_log()): many budgets,
  // twice over, each exactly what the formula gives, whichever entries they
  // share or displace.
  for (int pass = 0; pass < 2; ++pass) {
    for (int k = 0; k < 400; ++k) {
      // Far apart, then a few units in the last place apart.
      const double budget = k < 300 ? 3.0 * k : 400 + (k - 300) * 1e-13;
      const CostEstimate e = costs_for({{"data_residency", "on_premises"},
                                        {"upfront_budget_usd", "1e9"},
                                        {"monthly_budget_usd", fmt::format("{}", budget)}});
      INFO("budget " << budget << ", pass " << pass);
      REQUIRE(e.budget_utility[index(Option::cloud)] ==
              fit(budget, cloud.running_monthly_usd, 100));
    }
  }

  // Local's purchase against the upfront budget, even at zero: a larger
  // purchase scores lower.
  const CostEstimate broke = costs_for({{"data_residency", "on_premises"},
                                        {"upfront_budget_usd", "0"},
                                        {"monthly_budget_usd", "1e9"}});
  CHECK(broke.budget_utility[index(Option::cloud)] == 1);
  CHECK(broke.budget_utility[index(Option::local)] ==
        Approx(fit(0, local.upfront_usd, 1000)).epsilon(1e-12));
  CHECK_FALSE(broke.options[index(Option::local)].fits_upfront);
  const CostEstimate bigger = costs_for({{"data_residency", "on_premises"},
                                         {"upfront_budget_usd", "0"},
                                         {"monthly_budget_usd", "1e9"},
                                         {"criticality", "mission_critical"}});
  CHECK(bigger.options[index(Option::local)].upfront_usd >
        broke.options[index(Option::local)].upfront_usd);
  CHECK(bigger.budget_utility[index(Option::local)] <= broke.budget_utility[index(Option::local)]);
  // Twice the budget scores 0.70 (to two places), ten times 0.
  CHECK(fit(1000, 2100, 100) == Approx(1 - std::log(2.0) / std::log(10.0)));

  // docs/cost-model.md's worked example: $81,250 of GPUs against $40,000.
  REQUIRE(local.upfront_usd == 81250);
  const CostEstimate part = costs_for({{"data_residency", "on_premises"},
                                       {"upfront_budget_usd", "40000"},
                                       {"monthly_budget_usd", "20000"}});
  CHECK(part.budget_utility[index(Option::local)] ==
        Approx(1 - std::log(82250.0 / 41000.0) / std::log(10.0)).epsilon(1e-12));
  CHECK(part.budget_utility[index(Option::local)] == Approx(0.698).margin(0.0005));
  CHECK(part.options[index(Option::cloud)].running_monthly_usd == 1050);

  // Both budgets short: the factors multiply.
  const CostEstimate both = costs_for({{"data_residency", "on_premises"},
                                       {"upfront_budget_usd", "0"},
                                       {"monthly_budget_usd", "0"}});
  const CostEstimate both_near =
      costs_for({{"data_residency", "on_premises"},
                 {"upfront_budget_usd", std::to_string(local.upfront_usd / 2)},
                 {"monthly_budget_usd", std::to_string(local.running_monthly_usd / 2)}});
  CHECK(both_near.budget_utility[index(Option::local)] ==
        Approx(fit(local.upfront_usd / 2, local.upfront_usd, 1000) *
               fit(local.running_monthly_usd / 2, local.running_monthly_usd, 100))
            .epsilon(1e-9));
  CHECK(both.budget_utility[index(Option::local)] <=
        both_near.budget_utility[index(Option::local)]);
}

TEST_CASE("budget_flexibility says which budgets are firm", "[cost][budgets]") {
  const auto& m = default_model();
  const auto firm = [&](const std::string& answer) {
    return budget_firmness(
        m.inputs, resolve_values(m.questionnaire, make_profile({{"budget_flexibility", answer}})));
  };
  CHECK((firm("firm").upfront && firm("firm").monthly));
  CHECK((!firm("flexible_upfront").upfront && firm("flexible_upfront").monthly));
  CHECK((firm("flexible_monthly").upfront && !firm("flexible_monthly").monthly));
  CHECK_FALSE(firm("flexible").any());
  // Left out: assumed firm.
  auto answers = baseline_answers();
  answers.erase("budget_flexibility");
  const Profile p = load_profile(profile_yaml(answers), "p.yaml", m.questionnaire);
  CHECK(budget_firmness(m.inputs, resolve_values(m.questionnaire, p)).any());
  CHECK(p.answers[m.inputs.budget_flexibility].kind == Answer::Kind::missing);
}

TEST_CASE("only inputs marked as read by the cost utility change it", "[cost][dependencies]") {
  // Confidence draws and flip probes recompute the cost row only when an
  // input it reads changed (Dependencies::cost_utility); the budgets and
  // the GPUs already owned must then leave it exactly as it was.
  const auto& m = default_model();
  const Questionnaire& q = m.questionnaire;
  const std::map<std::string, std::vector<std::string>> variations{
      {"upfront_budget_usd", {"0", "1000", "250000", "1e9"}},
      {"monthly_budget_usd", {"0", "500", "80000", "1e8"}},
      {"existing_gpus", {"none", "some", "cluster"}}};
  for (const std::string tier : {"basic", "strong", "frontier"}) {
    const Values base = resolve_values(q, make_profile({{"model_capability", tier}}));
    const DerivedUtilities before = derived_utilities(m.pricing, m.inputs, base);
    for (const auto& [id, answers] : variations) {
      const std::size_t i = q.index_of(id);
      CHECK_FALSE(m.dependencies().cost_utility[i]);
      CHECK(m.dependencies().budget_utility[i]);
      for (const std::string& answer : answers) {
        const Values changed =
            resolve_values(q, make_profile({{"model_capability", tier}, {id, answer}}));
        const DerivedUtilities after = derived_utilities(m.pricing, m.inputs, changed);
        CHECK(after.cost == before.cost);
        CHECK(budget_utility(m.pricing, m.inputs, changed) == after.budget);
      }
    }
  }
  for (const std::string id : {"monthly_requests", "tokens_in_per_request", "traffic_pattern",
                               "model_capability", "team_mlops", "criticality", "workload_mix"})
    CHECK(m.dependencies().cost_utility[q.index_of(id)]);
}

TEST_CASE("the ways remembered within a decision are the ways computed afresh", "[cost][memo]") {
  // A CostMemoScope remembers the ways to self-host per combination of the
  // answers they read (32 slots per thread). Answers varied one after the
  // other, so slots are filled, collide and are overwritten, must give the
  // figures computed without it, bit for bit, and the firm-budget verdicts.
  const auto& m = default_model();
  const Questionnaire& q = m.questionnaire;
  std::vector<Values> cases;
  for (const std::string tier : {"basic", "strong", "frontier"})
    for (const std::string tokens : {"200", "900", "3000", "12000", "60000", "120000"})
      for (const std::string sites : {"1", "3"})
        for (const std::string link : {"online", "offline"})
          for (const std::string requests : {"1000", "300000", "2000000"})
            for (const std::string traffic : {"steady", "variable", "spiky"})
              cases.push_back(resolve_values(q, make_profile({{"model_capability", tier},
                                                              {"tokens_in_per_request", tokens},
                                                              {"sites", sites},
                                                              {"connectivity", link},
                                                              {"monthly_requests", requests},
                                                              {"traffic_pattern", traffic},
                                                              {"budget_flexibility", "firm"},
                                                              {"monthly_budget_usd", "20000"}})));
  std::vector<DerivedUtilities> fresh;
  std::vector<std::array<bool, kOptionCount>> fresh_over;
  for (const Values& v : cases) {
    std::array<bool, kOptionCount> over{};
    fresh.push_back(derived_utilities(m.pricing, m.inputs, v, &over));
    fresh_over.push_back(over);
  }
  Pricing dear = load_pricing(embedded_pricing_text(), "p.yaml", q);
  dear.fte_usd_per_month.value *= 3;
  // A case where local's cost counts (staff dearer moves it).
  const std::size_t busy = static_cast<std::size_t>(
      std::find_if(fresh.begin(), fresh.end(),
                   [](const DerivedUtilities& u) { return u.cost[index(Option::local)] > 0.5; }) -
      fresh.begin());
  REQUIRE(busy < cases.size());
  const PerOption dear_fresh = cost_utility(dear, m.inputs, cases[busy]);
  REQUIRE_FALSE(dear_fresh == fresh[busy].cost);
  const CostMemoScope memo;
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t k = 0; k < cases.size(); ++k) {
      // Backwards on the second pass: other neighbours in each slot.
      const std::size_t c = pass == 0 ? k : cases.size() - 1 - k;
      std::array<bool, kOptionCount> over{};
      const DerivedUtilities u = derived_utilities(m.pricing, m.inputs, cases[c], &over);
      CHECK(u.cost == fresh[c].cost);
      CHECK(u.budget == fresh[c].budget);
      CHECK(over == fresh_over[c]);
      CHECK(over_firm_budget(m.pricing, m.inputs, cases[c]) == fresh_over[c]);
    }
  }
  // Another pricing at the same answers is not served from the first's ways.
  CHECK(cost_utility(dear, m.inputs, cases[busy]) == dear_fresh);
  CHECK(cost_utility(m.pricing, m.inputs, cases[busy]) == fresh[busy].cost);
}

TEST_CASE("a cost base gives what the cost model gives when only what it allows moves",
          "[cost][memo]") {
  // CostBase works out the basis once at some answers and takes only the
  // volume, the budgets, their flexibility and the cache and batch shares
  // from each pass's answers:
  // every pass must give, bit for bit, what derived_utilities() and
  // over_firm_budget() give at the same answers, inside a CostMemoScope or
  // not, and whatever passes the memo saw in between.
  const auto& m = default_model();
  const Questionnaire& q = m.questionnaire;
  const std::size_t flexibility = q.index_of("budget_flexibility");
  REQUIRE(flexibility != kNoIndex);
  REQUIRE(CostBase::allows(m.inputs, m.inputs.monthly_requests));
  REQUIRE(CostBase::allows(m.inputs, m.inputs.upfront_budget));
  REQUIRE(CostBase::allows(m.inputs, m.inputs.monthly_budget));
  REQUIRE(CostBase::allows(m.inputs, flexibility));
  REQUIRE(CostBase::allows(m.inputs, m.inputs.cached_input));
  REQUIRE(CostBase::allows(m.inputs, m.inputs.batch));
  REQUIRE_FALSE(CostBase::allows(m.inputs, m.inputs.tokens_in));
  REQUIRE_FALSE(CostBase::allows(m.inputs, m.inputs.tokens_out));
  REQUIRE_FALSE(CostBase::allows(m.inputs, m.inputs.sites));
  // Shares in percent, with the profile's own (20 and 10) first.
  const std::array<std::array<double, 2>, 4> shares{{{20, 10}, {0, 0}, {85, 0}, {35, 100}}};
  std::size_t turn = 0;
  for (const std::string tier : {"basic", "frontier"}) {
    for (const std::string link : {"online", "offline"}) {
      const Values base = resolve_values(q, make_profile({{"model_capability", tier},
                                                          {"connectivity", link},
                                                          {"sites", "3"},
                                                          {"tokens_in_per_request", "3000"},
                                                          {"cached_input_percent", "20"},
                                                          {"batch_percent", "10"}}));
      for (const bool scoped : {false, true}) {
        std::optional<CostMemoScope> memo;
        if (scoped) memo.emplace();
        const CostBase cost(m.pricing, m.inputs, base);
        std::size_t over_seen = 0, fits_seen = 0;
        for (const double requests : {0.0, 1e3, 3e5, 2e6, 5e7}) {
          for (const double upfront : {0.0, 2e4, 5e5}) {
            for (const double monthly : {0.0, 3e3, 8e4}) {
              for (std::size_t firm = 0; firm < q.criteria[flexibility].answers.size(); ++firm) {
                Values v = base;
                v[m.inputs.monthly_requests].number = requests;
                v[m.inputs.upfront_budget].number = upfront;
                v[m.inputs.monthly_budget].number = monthly;
                v[flexibility].choice = firm;
                // Every share pair in turn, the base's own among them.
                const auto [cached, batch] = shares[turn++ % shares.size()];
                v[m.inputs.cached_input].number = cached;
                v[m.inputs.batch].number = batch;
                INFO(tier << " " << link << " " << requests << " " << upfront << " " << monthly
                          << " " << firm << " " << cached << " " << batch);
                std::array<bool, kOptionCount> want_over{}, got_over{};
                const DerivedUtilities want = derived_utilities(m.pricing, m.inputs, v, &want_over);
                const DerivedUtilities got = cost.derived(v, true, true, &got_over);
                CHECK(got.cost == want.cost);
                CHECK(got.budget == want.budget);
                CHECK(got_over == want_over);
                CHECK(cost.over_firm(v) == want_over);
                for (Option o : kOptions) CHECK(cost.over_firm(v, o) == want_over[index(o)]);
                CHECK(cost.derived(v, true, false, nullptr).cost == want.cost);
                CHECK(cost.derived(v, false, true, nullptr).budget == want.budget);
                for (bool b : want_over) (b ? over_seen : fits_seen) += 1;
                // Another answer between passes moves the memo's slots.
                Values other = v;
                other[m.inputs.tokens_in].number = 200 + requests / 1e4;
                (void)derived_utilities(m.pricing, m.inputs, other);
              }
            }
          }
        }
        // Both verdicts occur, so a base that ignored the budgets would fail.
        CHECK(over_seen > 0);
        CHECK(fits_seen > 0);
      }
    }
  }
}

TEST_CASE("more volume or tokens never raise any option's budget fit", "[cost][budgets]") {
  // The budget row reads each option's needs, which only grow with volume
  // and tokens (Dependencies::of marks them as read by it).
  const auto& m = default_model();
  const Questionnaire& q = m.questionnaire;
  const std::map<std::string, std::vector<std::string>> variations{
      {"monthly_requests", {"1", "50000", "3e7", "1e10"}},
      {"tokens_in_per_request", {"10", "8000", "100000"}},
      {"tokens_out_per_request", {"1", "2000", "50000"}}};
  for (const std::string budget : {"0", "30000", "10000000"}) {
    for (const auto& [id, answers] : variations) {
      CHECK(m.dependencies().budget_utility[q.index_of(id)]);
      CHECK(m.dependencies().budgets[q.index_of(id)]);
      PerOption previous{1, 1, 1};
      for (const std::string& answer : answers) {
        const Values values = resolve_values(
            q, make_profile(
                   {{"upfront_budget_usd", budget}, {"monthly_budget_usd", budget}, {id, answer}}));
        const PerOption now = budget_utility(m.pricing, m.inputs, values);
        for (Option o : kOptions) CHECK(now[index(o)] <= previous[index(o)]);
        previous = now;
      }
    }
  }
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

TEST_CASE("a payback is within the write-off or none at all", "[cost]") {
  // Local may spend less a month than cloud and still never catch up once
  // its hardware is counted (p000012 of the bench data: offline, frontier,
  // no team; it reported a payback of 9,738 months beside "local never
  // costs less"). A payback past the write-off repays nothing.
  int paybacks = 0, saving_without_payback = 0;
  for (const char* tier : {"basic", "strong", "frontier"}) {
    for (const char* volume : {"20000", "500000", "5503579", "50000000"}) {
      for (const char* team : {"none", "experienced"}) {
        for (const char* connectivity : {"online", "offline"}) {
          const Decision d = decide_with({{"model_capability", tier},
                                          {"monthly_requests", volume},
                                          {"tokens_in_per_request", "758"},
                                          {"tokens_out_per_request", "412"},
                                          {"team_mlops", team},
                                          {"connectivity", connectivity}},
                                         0);
          INFO(tier << " " << volume << " " << team << " " << connectivity);
          const CostEstimate& e = d.cost;
          const double saving = e.options[index(Option::cloud)].running_monthly_usd -
                                e.options[index(Option::local)].running_monthly_usd;
          if (e.payback_months >= 0) {
            ++paybacks;
            CHECK(e.payback_months <= e.horizon_months);
            CHECK(e.break_even_requests >= 0);
            CHECK(e.payback_months == Approx(e.options[index(Option::local)].upfront_usd / saving));
          } else if (saving > 0) {
            ++saving_without_payback;
            CHECK(cost_note(d).find("pays for itself in") == std::string::npos);
          }
        }
      }
    }
  }
  CHECK(paybacks > 0);
  CHECK(saving_without_payback > 0);
}

TEST_CASE("the break-even volume is where local and cloud cost the same", "[perf][cost]") {
  const ScoringModel& m = test::default_model();
  int crossings = 0;
  for (const char* tier : {"basic", "strong", "frontier"}) {
    for (const char* tokens : {"200", "1000", "6000"}) {
      for (const char* team : {"none", "basic", "experienced"}) {
        const Profile p = test::make_profile(
            {{"model_capability", tier}, {"tokens_in_per_request", tokens}, {"team_mlops", team}});
        Values v = resolve_values(m.questionnaire, p);
        const CostEstimate e = estimate_costs(m.pricing, m.inputs, m.questionnaire, v);
        if (e.break_even_requests <= 0) continue;
        ++crossings;
        // Just below the break-even local costs more than cloud, just above less.
        const auto local_minus_cloud = [&](double requests) {
          v[m.inputs.monthly_requests].number = requests;
          const CostEstimate at = estimate_costs(m.pricing, m.inputs, m.questionnaire, v);
          return at.cost_utility[index(Option::cloud)] - at.cost_utility[index(Option::local)];
        };
        INFO(tier << " " << tokens << " " << team << " " << e.break_even_requests);
        CHECK(local_minus_cloud(e.break_even_requests * 0.999) > 0);
        CHECK(local_minus_cloud(e.break_even_requests * 1.001) < 0);
      }
    }
  }
  CHECK(crossings > 5);
}

TEST_CASE("edge boxes per site, line by line", "[cost]") {
  // Twelve ships on an intermittent link, the strong tier: Llama 3.3 70B at
  // 4 bits (35.3 GB) on two RTX 4090s (43.2 GB usable), 4 sequences of 2,400
  // tokens, 19 tokens/s a box (one stream, published). 150,000 requests of
  // 600 output-equivalent tokens at a variable peak: 8.6 tokens/s a ship,
  // within one box's 19 x 0.6.
  const CostEstimate e = costs_for({{"connectivity", "intermittent"},
                                    {"sites", "12"},
                                    {"monthly_requests", "150000"},
                                    {"tokens_in_per_request", "2000"},
                                    {"tokens_out_per_request", "400"},
                                    {"traffic_pattern", "variable"},
                                    {"upfront_budget_usd", "80000"},
                                    {"monthly_budget_usd", "1e9"}});
  const OptionCost& local = e.options[index(Option::local)];
  const WayCost& edge = local.ways[3];
  REQUIRE(edge.allowed);
  CHECK(edge.gpus == 24);
  // Each box: two GPUs at 1,800 and a 2,500 workstation.
  CHECK(edge.upfront_usd == Approx(12 * (2 * 1800 + 2500)));
  // Power 2 x 0.45 kW x 730 h x PUE 1.4 x 0.12 plus 50 upkeep a box; staff
  // 0.5 (basic team) + 12 sites x 0.02, none per workstation GPU.
  const double box_month = 2 * 0.45 * 730 * 1.4 * 0.12 + 50;
  CHECK(edge.ops_fte == Approx(0.74));
  CHECK(edge.running_monthly_usd == Approx(12 * box_month + 0.74 * 15000));
  CHECK(edge.monthly_usd == Approx(edge.running_monthly_usd + 12 * (2 * 1800 + 2500) / 36.0));
  // Owning datacentre GPUs: a server on every ship.
  const WayCost& own = local.ways[0];
  REQUIRE(own.allowed);
  CHECK(own.gpus == 24);  // 12 ships x one replica of 2 H100s
  CHECK(own.upfront_usd == Approx(24 * kH100Purchase));
  // The edge boxes are within the upfront budget, the servers are not.
  CHECK(local.deployment == Deployment::edge);
  const Sizing& s = local.sizing;
  CHECK(s.gpu->name == "RTX4090");
  CHECK(s.quantisation == Quantisation::bits4);
  CHECK(s.sequences == 4);
  CHECK(s.memory.weights == Approx(35.3));
  CHECK(s.memory.kv_cache == Approx(4.0 * 2400 * 327680 / 1e9));
  CHECK(s.memory.total <= s.memory.available);
  CHECK(s.output_tokens_per_second == 19);
  // One site that is always online leaves edge boxes out.
  const CostEstimate online = costs_for({{"sites", "1"}});
  CHECK_FALSE(online.options[index(Option::local)].ways[3].allowed);
}

TEST_CASE("long requests fill the KV cache: a larger group, then fewer sequences", "[cost]") {
  const auto sizing = [](const std::string& tokens) {
    return costs_for({{"data_residency", "on_premises"}, {"tokens_in_per_request", tokens}})
        .options[index(Option::local)]
        .sizing;
  };
  // 70B at 8 bits on two H100s leaves 69.4 GB: 32 sequences fit up to
  // 69.4e9 / (32 x 327,680) = 6,618 tokens each.
  CHECK(sizing("6000").gpus_per_replica == 2);
  const Sizing four = sizing("7000");
  CHECK(four.gpus_per_replica == 4);
  CHECK_FALSE(four.fewer_sequences);
  CHECK(four.memory.total <= four.memory.available);
  // 100,000-token prompts: past the two-GPU shape, two servers of H100s.
  const Sizing longest = sizing("100000");
  CHECK(longest.two_nodes);
  CHECK(longest.memory.total <= longest.memory.available);
  // An edge box (two RTX 4090s at most) runs out of room sooner: past it,
  // fewer sequences than the design four, and fewer tokens a second.
  const OptionCost edge = costs_for({{"connectivity", "offline"},
                                     {"sites", "12"},
                                     {"model_capability", "basic"},
                                     {"monthly_requests", "10000"},
                                     {"tokens_in_per_request", "100000"}})
                              .options[index(Option::local)];
  REQUIRE(edge.deployment == Deployment::edge);
  // Llama 3.1 8B at 4 bits: 4 GB of weights; two RTX 4090s leave 36.2 GB,
  // 100,300 tokens take 13.1 GB a sequence: two fit.
  CHECK(edge.sizing.gpus_per_replica == 2);
  CHECK(edge.sizing.fewer_sequences);
  CHECK(edge.sizing.sequences == 2);
  CHECK(edge.sizing.output_tokens_per_second == Approx(130.0 * 2 / 4 * std::sqrt(2.0)));
  CHECK(edge.sizing.throughput_kind == FigureKind::estimated);
  CHECK(edge.sizing.memory.total <= edge.sizing.memory.available);
  // Past the model's context the requests are clipped, and said to be.
  const Sizing clipped = sizing("200000");
  CHECK(clipped.context_clipped);
  CHECK(clipped.context == 131072);
}

TEST_CASE("the sizing edges are where the replica's shape changes", "[cost][flips]") {
  const auto& m = default_model();
  const Questionnaire& q = m.questionnaire;
  for (const std::string tier : {"basic", "strong", "frontier"}) {
    Values v = resolve_values(q, make_profile({{"model_capability", tier}}));
    const std::size_t i = m.inputs.tokens_in;
    const std::vector<double> edges = sizing_edges(m.pricing, m.inputs, v, i, 1, 1e7);
    REQUIRE(!edges.empty());
    const auto shape = [&](double x) {
      v[i].number = x;
      const auto c = option_costs(m.pricing, m.inputs, v);
      const Sizing& s = c[index(Option::local)].sizing;
      return fmt::format("{} x {}, {} sequences{}", s.gpus_per_replica, s.gpu->name, s.sequences,
                         s.context_clipped ? ", clipped" : "");
    };
    // Between two neighbouring edges the shape holds (edges are placed to
    // within rounding of the change); across each it may change.
    std::vector<double> points{1};
    points.insert(points.end(), edges.begin(), edges.end());
    points.push_back(1e7);
    for (std::size_t k = 0; k + 1 < points.size(); ++k) {
      const double a = points[k] * (1 + 1e-9), b = points[k + 1] * (1 - 1e-9);
      if (!(b > a)) continue;
      INFO(tier << " between " << a << " and " << b);
      CHECK(shape(a) == shape(b));
      CHECK(shape(a) == shape(std::sqrt(a * b)));
    }
  }
}

TEST_CASE("the prompt cache and the batch API lower the API bill as teams pay it", "[cost]") {
  // Gemini 2.5 Flash: $0.30 input, $0.075 cached, $2.50 output, half off
  // in batch. Half the input cached and a fifth of the work in batch:
  // (1,000 x (0.5 x 0.30 + 0.5 x 0.075) + 300 x 2.50) / 10^6 x (1 - 0.2 x 0.5).
  const CostEstimate e = costs_for({{"cached_input_percent", "50"}, {"batch_percent", "20"}});
  CHECK(e.cloud_usd_per_request == Approx((1000 * (0.15 + 0.0375) + 750) / 1e6 * 0.9));
  CHECK(e.options[index(Option::cloud)].monthly_usd == Approx(843.75));
  CHECK(e.cached_input_share == 0.5);
  CHECK(e.batch_share == 0.2);
  CHECK(e.cloud_list_usd == Approx(1050));
  // Hybrid's cloud part (10 %) pays the same rate.
  const OptionCost& hybrid = e.options[index(Option::hybrid)];
  CHECK(hybrid.running_monthly_usd == Approx(hybrid.ways[2].running_monthly_usd).epsilon(1e-12));
  CHECK(hybrid.running_monthly_usd - (hybrid.ways[2].running_monthly_usd - 84.375) ==
        Approx(84.375));
  // Self-hosting is unchanged.
  const CostEstimate list = costs_for();
  CHECK(e.options[index(Option::local)].monthly_usd ==
        list.options[index(Option::local)].monthly_usd);
  // What caching half the input would save at list: 1M x 1,000 x 0.5 x
  // (0.30 - 0.075) / 10^6.
  CHECK(list.half_cache_saving_usd == Approx(112.5));
  // Cheaper API tokens move local's break-even up.
  const CostEstimate frontier = costs_for({{"model_capability", "frontier"}});
  const CostEstimate cached =
      costs_for({{"model_capability", "frontier"}, {"cached_input_percent", "90"}});
  REQUIRE(frontier.break_even_requests > 0);
  CHECK(cached.break_even_requests > frontier.break_even_requests);
}

namespace {
// The built-in prices with other yearly trends (an overlay of two figures).
ScoringModel with_trends(double hosted, double self_host) {
  const std::string overlay = fmt::format(
      "version: 2\noverlay: {{source: test, as_of: 2026-12-01}}\nfigures:\n"
      "  hosted_price_change_per_year: {{value: {}}}\n"
      "  self_host_cost_change_per_year: {{value: {}}}\n",
      hosted, self_host);
  return default_model().with_pricing(
      load_pricing_files({{"trends.yaml", overlay}}, default_model().questionnaire));
}
CostEstimate costs_with(const ScoringModel& m, const std::map<std::string, std::string>& changes) {
  return estimate_costs(m.pricing, m.inputs, m.questionnaire,
                        resolve_values(m.questionnaire, make_profile(changes)));
}
}  // namespace

TEST_CASE("price trends follow hosted prices and rented GPUs month by month", "[cost][trends]") {
  // The baseline: cloud $1,050 a month; local rents two H100s reserved at
  // $1.89 an hour (730 hours), $5,518.80 a month of rent.
  const CostEstimate e = costs_for();
  const OptionCost& cloud = e.options[index(Option::cloud)];
  const OptionCost& local = e.options[index(Option::local)];
  REQUIRE(local.deployment == Deployment::rent);
  double hosted = 0, self = 0;  // sums of each month's price factor
  for (int m = 0; m < 36; ++m) {
    hosted += std::pow(0.7, m / 12.0);
    self += std::pow(0.75, m / 12.0);
  }
  CHECK(cloud.tco_usd == Approx(1050.0 * 36));
  CHECK(cloud.tco_with_trends_usd == Approx(1050.0 * hosted).epsilon(1e-12));
  const double rent = 2 * 1.89 * 730;
  CHECK(local.tco_with_trends_usd ==
        Approx(local.tco_usd - rent * 36 + rent * self).epsilon(1e-12));
  // Owned GPUs keep their price: a team with a cluster owns, and its
  // totals do not move.
  const CostEstimate cluster = costs_for({{"existing_gpus", "cluster"}});
  const OptionCost& owned = cluster.options[index(Option::local)];
  REQUIRE(owned.deployment == Deployment::own);
  CHECK(owned.tco_with_trends_usd == owned.tco_usd);
  CHECK(e.hosted_price_change_per_year == -0.3);
  CHECK(e.self_host_cost_change_per_year == -0.25);
}

TEST_CASE("the break-even at the horizon's end moves with the trends", "[cost][trends]") {
  const std::map<std::string, std::string> frontier{{"model_capability", "frontier"},
                                                    {"team_mlops", "experienced"}};
  const CostEstimate off = costs_with(with_trends(0, 0), frontier);
  REQUIRE(off.break_even_requests > 0);
  CHECK(off.break_even_end_requests == off.break_even_requests);
  for (const auto& o : off.options) CHECK(o.tco_with_trends_usd == o.tco_usd);
  // Hosted prices falling faster than self-hosting costs: break-even later.
  const CostEstimate cloud_faster = costs_with(with_trends(-0.3, -0.1), frontier);
  CHECK(cloud_faster.break_even_requests == off.break_even_requests);
  CHECK(cloud_faster.break_even_end_requests > off.break_even_requests);
  // Hosted prices still, self-hosting cheaper: break-even sooner. (Staff
  // cost stays, so a cheaper API alone always moves break-even later.)
  const CostEstimate local_faster = costs_with(with_trends(0, -0.5), frontier);
  // Here break-even is on the minimum fleet (one replica), which faster
  // models do not shrink: it stays.
  CHECK(local_faster.break_even_end_requests == off.break_even_requests);
  // Where local never catches up today (cheap API tokens, a spiky fleet),
  // it does by the horizon's end.
  const std::map<std::string, std::string> spiky{{"model_capability", "basic"},
                                                 {"traffic_pattern", "spiky"}};
  REQUIRE(costs_with(with_trends(0, 0), spiky).break_even_requests == -1);
  CHECK(costs_with(with_trends(0, -0.5), spiky).break_even_end_requests > 0);
  // The scores and budgets read today's prices: trends change no utility.
  for (Option o : kOptions) {
    CHECK(cloud_faster.cost_utility[index(o)] == off.cost_utility[index(o)]);
    CHECK(cloud_faster.budget_utility[index(o)] == off.budget_utility[index(o)]);
  }
}

namespace {
// The baseline calling GPT-4o (reserved capacity at 2,500 input tokens a
// minute per unit, an output token counting as 3, at least 15 units in
// steps of 5, $260 a unit and month), 1,200 input and 250 output tokens.
CostEstimate gpt4o_costs(const std::map<std::string, std::string>& changes) {
  std::map<std::string, std::string> all{{"tokens_in_per_request", "1200"},
                                         {"tokens_out_per_request", "250"}};
  for (const auto& [k, v] : changes) all[k] = v;
  const Profile p = make_profile(all, "models:\n  cloud: gpt-4o\n");
  const auto& m = default_model();
  const Pricing named = with_named_models(m.pricing, p.models, "test.yaml");
  return estimate_costs(named, m.inputs, m.questionnaire, resolve_values(m.questionnaire, p));
}
}  // namespace

TEST_CASE("reserved hosted capacity, line by line", "[cost][reserved]") {
  SECTION("a warm prompt cache: the units cost less than the API") {
    const CostEstimate e =
        gpt4o_costs({{"monthly_requests", "40000000"}, {"cached_input_percent", "80"}});
    const OptionCost& cloud = e.options[index(Option::cloud)];
    // API: 1,200 x (0.2 x 2.50 + 0.8 x 1.25) / 10^6 + 250 x 10 / 10^6 = $0.0043 a request.
    CHECK(cloud.hosted.offered);
    CHECK(cloud.hosted.api_monthly_usd == Approx(172000));
    // Units: 40M x (240 + 750) / 43,800 minutes x 1.5 (steady) / 2,500 = 542.5, so 545.
    CHECK(cloud.hosted.units == 545);
    CHECK(cloud.hosted.reserved_monthly_usd == Approx(545 * 260.0));
    CHECK(cloud.hosted.reserved);
    CHECK(cloud.deployment == Deployment::reserved);
    CHECK(cloud.monthly_usd == Approx(141700));
    CHECK(cloud.running_monthly_usd == Approx(141700));
    CHECK(cloud.tco_usd == Approx(141700.0 * 36));
    // It pays from the volume where 15 units cost what the API does.
    CHECK(e.reserved_break_even_requests == Approx(15 * 260 / 0.0043));
    // Hybrid's cloud share (a tenth of a uniform workload): 54.2 units, so 55.
    const OptionCost& hybrid = e.options[index(Option::hybrid)];
    CHECK(hybrid.hosted.units == 55);
    CHECK(hybrid.hosted.api_monthly_usd == Approx(17200));
    CHECK(hybrid.hosted.reserved);
    const WayCost& way =
        hybrid.ways[static_cast<std::size_t>(std::find_if(hybrid.ways.begin(), hybrid.ways.end(),
                                                          [&](const WayCost& w) {
                                                            return w.way == hybrid.deployment &&
                                                                   w.reserved_term ==
                                                                       hybrid.reserved_term;
                                                          }) -
                                             hybrid.ways.begin())];
    CHECK(hybrid.running_monthly_usd == Approx(way.running_monthly_usd));
    CHECK(way.running_monthly_usd > 55 * 260.0);
    // Local sends nothing to the cloud.
    CHECK_FALSE(e.options[index(Option::local)].hosted.offered);
  }
  SECTION("below the smallest deployment the API is cheaper") {
    const CostEstimate e =
        gpt4o_costs({{"monthly_requests", "400000"}, {"cached_input_percent", "80"}});
    const OptionCost& cloud = e.options[index(Option::cloud)];
    CHECK(cloud.hosted.units == 15);
    CHECK(cloud.hosted.reserved_monthly_usd == Approx(3900));
    CHECK(cloud.hosted.api_monthly_usd == Approx(1720));
    CHECK_FALSE(cloud.hosted.reserved);
    CHECK(cloud.deployment == Deployment::api);
    CHECK(cloud.monthly_usd == Approx(1720));
  }
  SECTION("without the cache the units never pay") {
    // 1,950 input-equivalent tokens a request on the units: $6,945 per million
    // requests against $5,500 on the API.
    const CostEstimate e = gpt4o_costs({{"monthly_requests", "40000000"}});
    const OptionCost& cloud = e.options[index(Option::cloud)];
    CHECK(cloud.hosted.api_monthly_usd == Approx(220000));
    CHECK_FALSE(cloud.hosted.reserved);
    CHECK(e.reserved_break_even_requests < 0);
  }
  SECTION("batch work stays on the batch API") {
    // A fifth in batch: the units carry 80 % (434.0, so 435); the batch share
    // pays 40M x 0.2 x $0.0043 x 0.5 = $17,200.
    const CostEstimate e = gpt4o_costs({{"monthly_requests", "40000000"},
                                        {"cached_input_percent", "80"},
                                        {"batch_percent", "20"}});
    const OptionCost& cloud = e.options[index(Option::cloud)];
    CHECK(cloud.hosted.units == 435);
    CHECK(cloud.hosted.reserved_monthly_usd == Approx(435 * 260.0 + 17200));
    CHECK(cloud.hosted.api_monthly_usd == Approx(172000 * 0.9));
    CHECK(cloud.hosted.reserved);
  }
  SECTION("spiky traffic sizes the units for an eightfold peak") {
    const CostEstimate e = gpt4o_costs({{"monthly_requests", "40000000"},
                                        {"cached_input_percent", "80"},
                                        {"traffic_pattern", "spiky"}});
    const OptionCost& cloud = e.options[index(Option::cloud)];
    CHECK(cloud.hosted.units == 2895);  // 542.5 x 8 / 1.5 = 2,893.2
    CHECK_FALSE(cloud.hosted.reserved);
  }
  SECTION("a hosted model without reserved capacity stays on the API") {
    const CostEstimate e = costs_for({{"monthly_requests", "40000000"}});
    CHECK_FALSE(e.options[index(Option::cloud)].hosted.offered);
    CHECK(e.reserved_break_even_requests < 0);
  }
}

TEST_CASE("over a firm budget, cloud is judged on what it pays, reserved or not",
          "[cost][reserved][budgets]") {
  // $141,700 reserved against $172,000 on the API: a budget between them fits.
  const auto& m = default_model();
  const Profile p = make_profile({{"tokens_in_per_request", "1200"},
                                  {"tokens_out_per_request", "250"},
                                  {"monthly_requests", "40000000"},
                                  {"cached_input_percent", "80"},
                                  {"monthly_budget_usd", "150000"}},
                                 "models:\n  cloud: gpt-4o\n");
  const Pricing named = with_named_models(m.pricing, p.models, "test.yaml");
  Values v = resolve_values(m.questionnaire, p);
  CHECK_FALSE(over_firm_budget(named, m.inputs, v, Option::cloud));
  CHECK_FALSE(over_firm_budget(named, m.inputs, v)[index(Option::cloud)]);
  v[m.inputs.monthly_budget].number = 140000;
  CHECK(over_firm_budget(named, m.inputs, v, Option::cloud));
  CHECK(over_firm_budget(named, m.inputs, v)[index(Option::cloud)]);
}

TEST_CASE("between shape takeovers each scored cost moves one way only", "[cost][flips]") {
  // What the flip walk's stretch bound relies on (Probe::keeps_between()):
  // between two shape takeovers every option's scored cost and budget need
  // only grow with the volume, the token counts and the sites (past one),
  // and only fall as the cache share grows; so each lies between its values
  // at the ends of a stretch.
  const auto& m = default_model();
  const Questionnaire& q = m.questionnaire;
  const CostInputs& in = m.inputs;
  struct Walk {
    std::size_t i;
    double from, to;
    bool rises;
  };
  const std::vector<Walk> walks{{in.monthly_requests, 1, 1e10, true},
                                {in.tokens_in, 1, 1e7, true},
                                {in.tokens_out, 1, 1e6, true},
                                {in.sites, 1.5, 1e4, true},
                                {in.cached_input, 0, 100, false}};
  std::size_t checked = 0;
  for (const std::string tier : {"basic", "strong", "frontier"}) {
    for (const std::string connectivity : {"online", "offline"}) {
      for (const std::string owned : {"none", "cluster"}) {
        Values v = resolve_values(q, make_profile({{"model_capability", tier},
                                                   {"connectivity", connectivity},
                                                   {"existing_gpus", owned},
                                                   {"budget_flexibility", "firm"},
                                                   {"batch_percent", "30"}}));
        for (const Walk& walk : walks) {
          const Values at = v;
          std::vector<double> points{walk.from};
          // Only where a larger shape takes over: past a sequence fewer or
          // the context clipped, costs still only grow.
          const auto edges = shape_takeovers(m.pricing, in, v, walk.i, walk.from, walk.to);
          CHECK(edges.size() <= sizing_edges(m.pricing, in, v, walk.i, walk.from, walk.to).size());
          points.insert(points.end(), edges.begin(), edges.end());
          points.push_back(walk.to);
          for (std::size_t k = 0; k + 1 < points.size(); ++k) {
            // 200 steps across the stretch from just past one edge to just
            // before the next, geometric where it starts above zero.
            const double a = k == 0 ? points[k] : points[k] * (1 + 1e-8);
            const double b = k + 2 == points.size() ? points[k + 1] : points[k + 1] * (1 - 1e-8);
            if (!(b > a)) continue;
            std::optional<DerivedUtilities> before;
            std::array<bool, kOptionCount> over_before{};
            for (int s = 0; s <= 200; ++s) {
              v[walk.i].number = a > 0 ? a * std::pow(b / a, s / 200.0) : a + (b - a) * s / 200;
              std::array<bool, kOptionCount> over{};
              const DerivedUtilities now = derived_utilities(m.pricing, in, v, true, true, &over);
              if (before) {
                for (Option o : kOptions) {
                  INFO(q.criteria[walk.i].id << " at " << v[walk.i].number << ", " << tier << ", "
                                             << connectivity << ", " << owned << ", "
                                             << to_string(o));
                  const std::size_t x = index(o);
                  CHECK((walk.rises ? now.scored[x] >= before->scored[x]
                                    : now.scored[x] <= before->scored[x]));
                  CHECK((walk.rises ? now.budget[x] <= before->budget[x] + 1e-12
                                    : now.budget[x] >= before->budget[x] - 1e-12));
                  // Over a firm budget on whole units: once over, over for
                  // good (not so for the sites: whole units round up per
                  // site, so the walk holds no bound over them then).
                  if (walk.i != in.sites)
                    CHECK((walk.rises ? over[x] >= over_before[x] : over[x] <= over_before[x]));
                  ++checked;
                }
              }
              before = now;
              over_before = over;
            }
          }
          v = at;
        }
      }
    }
  }
  CHECK(checked > 5000);
}

TEST_CASE("cost utility bounds hold every cost utility within them", "[cost][flips]") {
  // Exact where the ranges are points: the cost row itself, widened by 1e-9.
  const auto [lo, hi] = cost_utility_bounds({100, 200, 4000}, {100, 200, 4000});
  CHECK(lo[0] == 1.0 - 1e-9);
  CHECK(hi[0] == 1.0);
  CHECK(lo[1] == Approx(1 - std::log(2.0) / std::log(20.0) - 1e-9).margin(1e-15));
  CHECK(hi[1] - lo[1] == Approx(2e-9).margin(1e-15));
  CHECK(lo[2] == 0.0);
  CHECK(hi[2] == 1e-9);
  // A cost that is not positive at its low end: no bound.
  const auto [zlo, zhi] = cost_utility_bounds({0, 200, 300}, {10, 200, 300});
  CHECK(zlo == PerOption{0, 0, 0});
  CHECK(zhi == PerOption{1, 1, 1});
  // Every cost utility of costs drawn within the ranges lies within the
  // bounds (a fixed-seed sequence of ranges and points).
  std::uint64_t x = 42;
  const auto uniform = [&] {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(x >> 11) * 0x1.0p-53;
  };
  for (int trial = 0; trial < 2000; ++trial) {
    PerOption low, high;
    for (std::size_t o = 0; o < kOptionCount; ++o) {
      low[o] = 10 * std::pow(1000.0, uniform());
      high[o] = low[o] * std::pow(30.0, uniform());
    }
    const auto [blo, bhi] = cost_utility_bounds(low, high);
    for (int point = 0; point < 10; ++point) {
      PerOption cost;
      for (std::size_t o = 0; o < kOptionCount; ++o)
        cost[o] = low[o] * std::pow(high[o] / low[o], uniform());
      // The cost row of these scored costs, as cost_utilities() makes it.
      const double cheapest = std::min({cost[0], cost[1], cost[2]});
      for (std::size_t o = 0; o < kOptionCount; ++o) {
        const double u = std::max(0.0, 1 - std::log(cost[o] / cheapest) / std::log(20.0));
        CHECK(u >= blo[o]);
        CHECK(u <= bhi[o]);
      }
    }
  }
}
