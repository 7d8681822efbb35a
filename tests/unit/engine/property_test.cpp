// SPDX-License-Identifier: MIT
// Properties the framework's reasoning demands, checked over generated
// profiles: a change that should only ever help one side never helps the other.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "engine/cost_model.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {

// A small deterministic generator (LCG), so failures are reproducible.
class Generator {
 public:
  explicit Generator(std::uint64_t seed) : m_state(seed) {}
  std::size_t below(std::size_t n) {
    m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((m_state >> 33) % n);
  }

 private:
  std::uint64_t m_state;
};

std::map<std::string, std::string> random_answers(Generator& g) {
  std::map<std::string, std::string> a;
  const auto pick = [&](std::initializer_list<const char*> values) {
    return std::string(*(values.begin() + static_cast<std::ptrdiff_t>(g.below(values.size()))));
  };
  a["data_sensitivity"] = pick({"public", "internal", "confidential", "personal", "regulated"});
  a["data_residency"] = pick({"anywhere", "region", "on_premises"});
  a["workload_mix"] = pick({"uniform", "mixed"});
  a["monthly_requests"] = pick({"0", "1000", "50000", "1000000", "20000000", "500000000"});
  a["tokens_in_per_request"] = pick({"100", "1000", "8000"});
  a["tokens_out_per_request"] = pick({"20", "300", "2000"});
  a["traffic_pattern"] = pick({"steady", "variable", "spiky"});
  a["latency_budget_ms"] = pick({"50", "200", "800", "3000"});
  a["connectivity"] = pick({"online", "intermittent", "offline"});
  a["upfront_budget_usd"] = pick({"0", "20000", "300000", "5000000"});
  a["monthly_budget_usd"] = pick({"0", "1000", "20000", "500000"});
  a["team_mlops"] = pick({"none", "basic", "experienced"});
  a["customization"] = pick({"none", "prompting", "fine_tuning", "full_control"});
  a["model_capability"] = pick({"basic", "strong", "frontier"});
  a["project_stage"] = pick({"prototype", "pilot", "production"});
  a["criticality"] = pick({"low", "business", "mission_critical"});
  a["lock_in_tolerance"] = pick({"low", "medium", "high"});
  a["existing_gpus"] = pick({"none", "some", "cluster"});
  a["budget_flexibility"] =
      pick({"firm", "firm", "flexible_upfront", "flexible_monthly", "flexible"});
  a["sites"] = pick({"1", "1", "3", "40"});
  return a;
}

Decision decide_answers(const std::map<std::string, std::string>& answers) {
  const Profile p = load_profile(profile_yaml(answers), "gen.yaml", default_model().questionnaire);
  EngineOptions options;
  options.samples = 0;
  options.flip_points = false;
  return decide(default_model(), p, options);
}

// A cloud a hard constraint rules out cannot be favoured: its lead is
// unbounded (stricter residency and offline sites rule it out, and take the
// cheap rented GPUs from local with it).
double lead_over_cloud(const Decision& d, Option o) {
  if (d.vetoed[index(Option::cloud)]) return 1e9;
  return score(d, o) - score(d, Option::cloud);
}

// Walks `values` in order and requires `o`'s lead over cloud never to shrink.
void require_cloud_never_gains(std::map<std::string, std::string> answers, const std::string& key,
                               std::initializer_list<const char*> values, Option o) {
  double previous = -1e9;
  for (const char* v : values) {
    answers[key] = v;
    const double lead = lead_over_cloud(decide_answers(answers), o);
    INFO(key << " = " << v << " for " << to_string(o));
    REQUIRE(lead >= previous - 1e-9);
    previous = lead;
  }
}

constexpr int kProfiles = 400;

// A generated profile decided without sampling (flip points included).
Decision decide_generated(Generator& g) {
  const Profile p =
      load_profile(profile_yaml(random_answers(g)), "gen.yaml", default_model().questionnaire);
  EngineOptions options;
  options.samples = 0;
  return decide(default_model(), p, options);
}

// The winner of decision `d` with number `i` set to `x`, all else as decided.
std::optional<Option> winner_at(const Decision& d, std::size_t i, double x) {
  const auto& m = default_model();
  Values v = d.values;
  v[i].number = x;
  return score_values(m, v, d.weights, estimate_costs(m.pricing, m.inputs, m.questionnaire, v))
      .winner;
}

// How wide (as a ratio) the stretch around `x` is on which number `i`
// gives another winner than the recommendation, scanned in 0.5 % steps
// and capped at 4: the flip-point grid (50 % steps) can step over a window
// narrower than 1.5 (docs/scoring.md, "Flip points").
double other_winner_window(const Decision& d, std::size_t i, double x) {
  double low = x, high = x;
  while (high < x * 2 && winner_at(d, i, high) != d.recommendation) high *= 1.005;
  while (low > x / 2 && winner_at(d, i, low) != d.recommendation) low /= 1.005;
  return high / low;
}

}  // namespace

TEST_CASE("more sensitive data never favours cloud", "[properties]") {
  Generator g(1);
  for (int i = 0; i < kProfiles; ++i) {
    const auto answers = random_answers(g);
    for (Option o : {Option::local, Option::hybrid}) {
      require_cloud_never_gains(answers, "data_sensitivity",
                                {"public", "internal", "confidential", "personal", "regulated"}, o);
    }
  }
}

TEST_CASE("stricter residency never favours cloud", "[properties]") {
  Generator g(2);
  for (int i = 0; i < kProfiles; ++i) {
    const auto answers = random_answers(g);
    for (Option o : {Option::local, Option::hybrid}) {
      require_cloud_never_gains(answers, "data_residency", {"anywhere", "region", "on_premises"},
                                o);
    }
  }
}

TEST_CASE("higher volume with an experienced team never lowers local relative to cloud",
          "[properties]") {
  Generator g(3);
  for (int i = 0; i < kProfiles; ++i) {
    auto answers = random_answers(g);
    answers["team_mlops"] = "experienced";
    // With budgets that do not bind: a bounded budget rightly turns against
    // whichever option's needs outgrow it (see the budget properties).
    answers["upfront_budget_usd"] = answers["monthly_budget_usd"] = "1000000000000";
    require_cloud_never_gains(answers, "monthly_requests",
                              {"0", "1000", "10000", "100000", "1000000", "3000000", "10000000",
                               "30000000", "100000000", "1000000000", "10000000000"},
                              Option::local);
  }
}

TEST_CASE("a higher capability need never raises local or hybrid relative to cloud, its bill aside",
          "[properties]") {
  // The tier also sets every option's bill, and a frontier API can cost ten
  // times a strong one while self-hosting costs less than that more: on
  // the cost row local and hybrid can gain (docs/scoring.md, "Model capability"). All
  // else is held by scoring each tier with the bill worked out at basic.
  const auto& m = default_model();
  const Questionnaire& q = m.questionnaire;
  const std::size_t cap = q.index_of("model_capability");
  Generator g(4);
  for (int i = 0; i < kProfiles; ++i) {
    auto answers = random_answers(g);
    answers["upfront_budget_usd"] = answers["monthly_budget_usd"] = "1000000000000";
    answers["model_capability"] = "basic";
    const Decision d = decide_answers(answers);
    const CostEstimate bill = estimate_costs(m.pricing, m.inputs, q, d.values);
    for (Option o : {Option::local, Option::hybrid}) {
      double previous = 1e9;
      for (std::size_t level = 0; level < q.criteria[cap].answers.size(); ++level) {
        Values v = d.values;
        v[cap].choice = level;
        const Scoring s = score_values(m, v, d.weights, bill);
        if (s.vetoed[index(Option::cloud)]) continue;
        const double lead = s.scores[index(o)] - s.scores[index(Option::cloud)];
        INFO(to_string(o) << " at model_capability = " << q.criteria[cap].answers[level].id << "\n"
                          << profile_yaml(answers));
        REQUIRE(lead <= previous + 1e-9);
        previous = lead;
      }
    }
  }
}

TEST_CASE("worse connectivity never favours cloud", "[properties]") {
  // What connectivity says about availability, without the cost rows: a
  // site that is not always online cannot rent GPUs (docs/cost-model.md),
  // so local may rightly cost more there than online, where it could.
  const auto lead_without_cost = [](const Decision& d) {
    if (d.vetoed[index(Option::cloud)]) return 1e9;
    double lead = 0;
    for (const Contribution& c : d.contributions) {
      if (c.basis != AnswerBasis::computed)
        lead += c.points[index(Option::local)] - c.points[index(Option::cloud)];
    }
    return lead;
  };
  Generator g(5);
  for (int i = 0; i < kProfiles; ++i) {
    auto answers = random_answers(g);
    double previous = -1e9;
    for (const char* v : {"online", "intermittent", "offline"}) {
      answers["connectivity"] = v;
      const double lead = lead_without_cost(decide_answers(answers));
      INFO("connectivity = " << v);
      REQUIRE(lead >= previous - 1e-9);
      previous = lead;
    }
  }
}

TEST_CASE("a tighter latency budget never favours cloud", "[properties]") {
  Generator g(6);
  for (int i = 0; i < kProfiles; ++i) {
    const auto answers = random_answers(g);
    for (Option o : {Option::local, Option::hybrid}) {
      require_cloud_never_gains(answers, "latency_budget_ms",
                                {"10000", "2000", "1000", "500", "200", "100", "20"}, o);
    }
  }
}

TEST_CASE("more need for control and less tolerance of lock-in never favour cloud",
          "[properties]") {
  Generator g(7);
  for (int i = 0; i < kProfiles; ++i) {
    const auto answers = random_answers(g);
    require_cloud_never_gains(answers, "customization",
                              {"none", "prompting", "fine_tuning", "full_control"}, Option::local);
    require_cloud_never_gains(answers, "lock_in_tolerance", {"high", "medium", "low"},
                              Option::local);
  }
}

TEST_CASE("a more skilled team never favours cloud", "[properties]") {
  Generator g(8);
  for (int i = 0; i < kProfiles; ++i) {
    require_cloud_never_gains(random_answers(g), "team_mlops", {"none", "basic", "experienced"},
                              Option::local);
  }
}

TEST_CASE("offline always yields local", "[properties]") {
  Generator g(9);
  for (int i = 0; i < kProfiles; ++i) {
    auto answers = random_answers(g);
    answers["connectivity"] = "offline";
    const Decision d = decide_answers(answers);
    REQUIRE(d.recommendation == Option::local);
  }
}

TEST_CASE("scores stay within 0 to 100 and a vetoed option is never recommended", "[properties]") {
  Generator g(10);
  for (int i = 0; i < kProfiles; ++i) {
    const Decision d = decide_answers(random_answers(g));
    for (Option o : kOptions) {
      REQUIRE(score(d, o) >= 0);
      REQUIRE(score(d, o) <= 100);
    }
    if (d.recommendation) REQUIRE_FALSE(d.vetoed[index(*d.recommendation)]);
  }
}

TEST_CASE("a number without flip points never changes the winner anywhere in its range",
          "[properties][flips]") {
  // Flip-point search skips a number when bounds prove no value can change
  // the winner; a scan in 10 % steps over the whole searched range (100 times
  // the plausible range) must agree for every number that reports none.
  const auto& m = default_model();
  const Questionnaire& q = m.questionnaire;
  Generator g(20261124);
  int scanned = 0;
  int narrow_windows = 0;
  for (int n = 0; n < 60; ++n) {
    const Decision d = decide_generated(g);
    if (!d.recommendation) continue;
    for (std::size_t i = 0; i < q.criteria.size(); ++i) {
      const Criterion& c = q.criteria[i];
      if (c.kind != CriterionKind::number) continue;
      if (std::any_of(d.flips.numbers.begin(), d.flips.numbers.end(),
                      [&](const NumberFlip& f) { return f.criterion == i; }))
        continue;
      ++scanned;
      const double top =
          std::min(c.maximum.value_or(1e15), std::max(c.plausible.second, 1.0) * 100);
      for (double x = std::max(c.minimum, 1e-3); x <= top; x *= 1.1) {
        if (winner_at(d, i, x) == d.recommendation) continue;
        // Only inside a window narrower than one grid step.
        INFO(c.id << " = " << x << " in profile " << n);
        REQUIRE(other_winner_window(d, i, x) < 1.5);
        ++narrow_windows;
      }
    }
  }
  CHECK(scanned > 100);
  CHECK(narrow_windows == 0);  // none in these 60 profiles (elsewhere a few in 300)
}

TEST_CASE("the flip-point walk misses no change of winner on its way", "[properties][flips]") {
  // The walk skips values the lead provably survives (the cost model's
  // utilities move at a bounded rate); whatever it skipped, a scan in 10 %
  // steps from the answer must keep the winner up to the reported flip
  // point (short of its last 50 % step) or, with none, to the end of the
  // searched range, in each direction, except inside a window narrower
  // than one grid step, where another option wins only briefly.
  const auto& m = default_model();
  const Questionnaire& q = m.questionnaire;
  Generator g(20261125);
  int scanned = 0;
  int narrow_windows = 0;
  for (int n = 0; n < 60; ++n) {
    const Decision d = decide_generated(g);
    if (!d.recommendation) continue;
    for (std::size_t i = 0; i < q.criteria.size(); ++i) {
      const Criterion& c = q.criteria[i];
      if (c.kind != CriterionKind::number || d.values[i].number <= 0) continue;
      for (const bool up : {false, true}) {
        const auto flip =
            std::find_if(d.flips.numbers.begin(), d.flips.numbers.end(),
                         [&](const NumberFlip& f) { return f.criterion == i && f.above == up; });
        const double now = d.values[i].number;
        const double end =
            flip != d.flips.numbers.end()
                ? (up ? flip->value / 1.5 : flip->value * 1.5)
                : (up ? std::min(c.maximum.value_or(1e15), std::max(c.plausible.second, 1.0) * 100)
                      : std::max(c.minimum, 1e-3));
        ++scanned;
        for (double x = now; up ? x <= end : x >= end; x = up ? x * 1.1 : x / 1.1) {
          if (winner_at(d, i, x) == d.recommendation) continue;
          // Another winner the walk did not report: only inside a window
          // narrower than one grid step.
          INFO(c.id << " = " << x << (up ? " going up" : " going down") << " in profile " << n);
          REQUIRE(other_winner_window(d, i, x) < 1.5);
          ++narrow_windows;
        }
      }
    }
  }
  CHECK(scanned > 300);
  CHECK(narrow_windows == 0);  // none in these 60 profiles; 1 in 60 others (seed + 777)
}

TEST_CASE("a numeric flip point is where the winner changes, to 1e-9", "[properties][flips]") {
  // The threshold search (Illinois steps, halving as a fallback, a
  // constraint's edge taken directly) ends as tight as 36 halvings of a
  // grid step (about 6e-12 of the value): a value 1e-9 beyond the reported
  // one gives the new winner and one 1e-9 closer to today's still gives the
  // recommendation. (Closer in, where two options' scores differ by a
  // billionth of a point and move slowly, a full re-score, which adds the
  // criteria in another order than the probes, can round to the other
  // side: one profile in 1,000 others did at 2e-11.)
  const auto& q = default_model().questionnaire;
  Generator g(20261127);
  int checked = 0, at_an_edge = 0;
  for (int n = 0; n < 200; ++n) {
    const Decision d = decide_generated(g);
    for (const NumberFlip& f : d.flips.numbers) {
      INFO(q.criteria[f.criterion].id << (f.above ? " above " : " below ") << f.value
                                      << " in profile " << n);
      // A change at zero itself ("above 0"): any positive value is beyond.
      const double beyond =
          f.above ? (f.value > 0 ? f.value * (1 + 1e-9) : 1e-12) : f.value * (1 - 1e-9);
      REQUIRE(winner_at(d, f.criterion, beyond) == f.winner);
      const double inside = f.above ? f.value * (1 - 1e-9) : f.value * (1 + 1e-9);
      REQUIRE(winner_at(d, f.criterion, inside) == d.recommendation);
      ++checked;
      at_an_edge += f.value == std::nextafter(100.0, 0.0) ? 1 : 0;  // latency-below-network
    }
  }
  CHECK(checked > 100);
  CHECK(at_an_edge > 0);
}

TEST_CASE("the cost model's utilities move no faster than their stated slopes",
          "[properties][cost]") {
  // cost.hpp: between two values of one numeric input the difference of two
  // options' cost utilities changes by at most cost_utility_slope() x
  // |ln(x2 / x1)|, and the budget utilities' by budget_utility_slope() x the
  // same. The flip-point walk relies on it to skip values.
  const auto& m = default_model();
  const Questionnaire& q = m.questionnaire;
  Generator g(20261126);
  const std::vector<std::pair<std::size_t, bool>> inputs{{m.inputs.monthly_requests, false},
                                                         {m.inputs.tokens_in, false},
                                                         {m.inputs.tokens_out, false},
                                                         {m.inputs.upfront_budget, true},
                                                         {m.inputs.monthly_budget, true}};
  const double values[] = {0.5, 3, 40, 900, 2e4, 7e5, 3e7, 1e9, 6e10};
  int pairs = 0;
  for (int n = 0; n < 200; ++n) {
    const Profile p = load_profile(profile_yaml(random_answers(g)), "gen.yaml", q);
    const Values base = resolve_values(q, p);
    for (const auto& [i, budget] : inputs) {
      for (const double a : values) {
        for (const double b : values) {
          if (!(a < b)) continue;
          Values va = base, vb = base;
          va[i].number = a;
          vb[i].number = b;
          const DerivedUtilities ua = derived_utilities(m.pricing, m.inputs, va);
          const DerivedUtilities ub = derived_utilities(m.pricing, m.inputs, vb);
          const PerOption& ra = budget ? ua.budget : ua.cost;
          const PerOption& rb = budget ? ub.budget : ub.cost;
          const double limit =
              (budget ? budget_utility_slope() : cost_utility_slope()) * std::log(b / a);
          // A volume moves the budget row within its slope too when no GPU
          // is owned (cost_model.hpp).
          const bool owns =
              m.pricing.existing_gpus.by_answer[base[m.inputs.existing_gpus].choice] > 0;
          for (std::size_t w = 0; w < kOptionCount; ++w) {
            for (std::size_t o = 0; o < kOptionCount; ++o) {
              INFO(q.criteria[i].id << " from " << a << " to " << b << " in profile " << n);
              REQUIRE(std::fabs((rb[w] - rb[o]) - (ra[w] - ra[o])) <= limit + 1e-12);
              if (!budget && !owns) {
                REQUIRE(std::fabs((ub.budget[w] - ub.budget[o]) - (ua.budget[w] - ua.budget[o])) <=
                        budget_utility_slope() * std::log(b / a) + 1e-12);
              }
            }
          }
          ++pairs;
        }
      }
    }
  }
  CHECK(pairs == 200 * 5 * 36);
}

TEST_CASE("no replica holds more than its GPUs can, whatever the answers", "[properties][cost]") {
  // A fleet that cannot hold its model is the bug an engineer spots first:
  // every self-hosted way of every generated profile fits its memory, and
  // the whole GPUs are the replicas times their group.
  const auto& m = default_model();
  const Questionnaire& q = m.questionnaire;
  Generator g(20261201);
  int sized = 0;
  for (int n = 0; n < 2000; ++n) {
    auto answers = random_answers(g);
    answers["tokens_in_per_request"] = std::to_string(1 + g.below(300000));
    const Profile p = load_profile(profile_yaml(answers), "gen.yaml", q);
    const CostEstimate e = estimate_costs(m.pricing, m.inputs, q, resolve_values(q, p));
    for (Option o : {Option::local, Option::hybrid}) {
      const OptionCost& c = e.options[index(o)];
      const Sizing& s = c.sizing;
      INFO("profile " << n << " " << to_string(o));
      REQUIRE(s.model != nullptr);
      CHECK(s.memory.total <= s.memory.available);
      CHECK(s.memory.total ==
            Approx(s.memory.weights + s.memory.kv_cache + s.memory.overhead).epsilon(1e-12));
      CHECK(s.sequences >= 1);
      CHECK(s.context <= s.model->context);
      CHECK(c.gpus == s.replicas * s.gpus_per_replica);
      CHECK(s.gpus_per_replica <= 2 * s.gpu->max_per_node);
      ++sized;
    }
  }
  CHECK(sized == 4000);
}

TEST_CASE("the budget utility never falls as a budget grows", "[properties][cost]") {
  // cost_model.hpp: nondecreasing in either budget for every option. The
  // flip-point search halves the grid of a flexible budget instead of
  // walking it because of this.
  const auto& m = default_model();
  const Questionnaire& q = m.questionnaire;
  Generator g(20261128);
  const double budgets[] = {0, 0.5, 40, 900, 2e4, 7e5, 3e7, 1e9, 6e10, 1e12};
  int pairs = 0;
  for (int n = 0; n < 200; ++n) {
    const Profile p = load_profile(profile_yaml(random_answers(g)), "gen.yaml", q);
    const Values base = resolve_values(q, p);
    for (const std::size_t i : {m.inputs.upfront_budget, m.inputs.monthly_budget}) {
      for (std::size_t k = 1; k < std::size(budgets); ++k) {
        Values lower = base, higher = base;
        lower[i].number = budgets[k - 1];
        higher[i].number = budgets[k];
        const PerOption a = budget_utility(m.pricing, m.inputs, lower);
        const PerOption b = budget_utility(m.pricing, m.inputs, higher);
        INFO(q.criteria[i].id << " from " << budgets[k - 1] << " in profile " << n);
        REQUIRE(a[index(Option::cloud)] <= b[index(Option::cloud)]);
        REQUIRE(a[index(Option::local)] <= b[index(Option::local)]);
        REQUIRE(a[index(Option::hybrid)] <= b[index(Option::hybrid)]);
        ++pairs;
      }
    }
  }
  CHECK(pairs == 200 * 2 * 9);
}

TEST_CASE("an option over a firm budget is recommended only when no allowed option fits",
          "[properties][budgets]") {
  // Part 2 of the budgets: firm budgets bind. Over varied profiles (a fifth
  // of them with some budget flexible), the recommendation fits every firm
  // budget whenever some option not vetoed does; an option within both
  // budgets never loses the budget row to one outside them.
  Generator g(20261201);
  int bound = 0, none_fits = 0;
  for (int n = 0; n < 2000; ++n) {
    const Decision d = decide_answers(random_answers(g));
    if (!d.recommendation) continue;
    const BudgetFirmness firm = d.cost.firm;
    const auto fits = [&](Option o) {
      const OptionCost& c = d.cost.options[index(o)];
      return (!firm.upfront || c.fits_upfront) && (!firm.monthly || c.fits_monthly);
    };
    bool some_fit = false;
    for (Option o : kOptions) some_fit = some_fit || (!d.vetoed[index(o)] && fits(o));
    INFO("profile " << n);
    if (some_fit) {
      REQUIRE(fits(*d.recommendation));
      ++bound;
    } else if (firm.any()) {
      REQUIRE(d.no_option_fits);
      ++none_fits;
    }
    for (Option a : kOptions) {
      for (Option b : kOptions) {
        const OptionCost& ca = d.cost.options[index(a)];
        const OptionCost& cb = d.cost.options[index(b)];
        if (ca.fits_upfront && ca.fits_monthly && !(cb.fits_upfront && cb.fits_monthly))
          REQUIRE(d.cost.budget_utility[index(a)] >= d.cost.budget_utility[index(b)]);
      }
    }
    // Cloud is never "within the monthly budget" above it.
    const double monthly = d.values[default_model().inputs.monthly_budget].number;
    REQUIRE(d.cost.options[index(Option::cloud)].fits_monthly ==
            (d.cost.options[index(Option::cloud)].running_monthly_usd <= monthly));
  }
  CHECK(bound > 1000);
  CHECK(none_fits > 50);
}

TEST_CASE("less money never favours the option that needs more of it", "[properties][budgets]") {
  // Lowering a budget never raises an option's budget utility; with firm
  // budgets the recommendation moves to an option that needs more of it
  // than the one before only when no option fits any more (then the scores
  // decide, as documented).
  Generator g(20261202);
  int checked = 0;
  for (int n = 0; n < 400; ++n) {
    auto answers = random_answers(g);
    for (const char* key : {"upfront_budget_usd", "monthly_budget_usd"}) {
      const Budget which =
          std::string(key) == "upfront_budget_usd" ? Budget::upfront : Budget::monthly;
      std::optional<Option> before;
      PerOption before_utility{};
      bool before_fits = false;
      for (const char* amount : {"100000000", "1000000", "100000", "10000", "1000", "0"}) {
        answers[key] = amount;
        const Decision d = decide_answers(answers);
        INFO(key << " = " << amount << " in profile " << n);
        if (before) {
          for (Option o : kOptions)
            REQUIRE(d.cost.budget_utility[index(o)] <= before_utility[index(o)]);
          if (d.recommendation && before_fits && d.recommendation != before) {
            const OptionCost& c = d.cost.options[index(*d.recommendation)];
            const OptionCost& was = d.cost.options[index(*before)];
            // The new choice needs no more of this budget than the old one.
            const double need = which == Budget::upfront ? c.upfront_usd : c.running_monthly_usd;
            const double old = which == Budget::upfront ? was.upfront_usd : was.running_monthly_usd;
            const bool old_still_fits =
                which == Budget::upfront ? was.fits_upfront : was.fits_monthly;
            if (d.cost.firm.upfront && d.cost.firm.monthly && !old_still_fits && need > old + 1e-6)
              REQUIRE(d.no_option_fits);
            ++checked;
          }
        }
        before = d.recommendation;
        before_utility = d.cost.budget_utility;
        before_fits =
            d.recommendation &&
            (which == Budget::upfront ? d.cost.options[index(*d.recommendation)].fits_upfront
                                      : d.cost.options[index(*d.recommendation)].fits_monthly);
      }
    }
  }
  CHECK(checked > 20);
}

TEST_CASE("no recommendation a legal requirement forbids, in every workload shape",
          "[properties][constraints]") {
  // Part 3: every combination of the answers the constraints read, over
  // varied other answers and budgets (firm budgets must never push the
  // choice onto a forbidden option).
  const Questionnaire& q = default_model().questionnaire;
  Generator g(20261203);
  int checked = 0;
  for (const char* residency : {"anywhere", "region", "on_premises"}) {
    for (const char* mix : {"uniform", "mixed"}) {
      for (const char* connectivity : {"online", "intermittent", "offline"}) {
        for (const char* customization : {"none", "prompting", "fine_tuning", "full_control"}) {
          for (const char* latency : {"50", "99", "100", "800"}) {
            for (int k = 0; k < 4; ++k) {
              auto answers = random_answers(g);
              answers["data_residency"] = residency;
              answers["workload_mix"] = mix;
              answers["connectivity"] = connectivity;
              answers["customization"] = customization;
              answers["latency_budget_ms"] = latency;
              const Decision d = decide_answers(answers);
              INFO(residency << " " << mix << " " << connectivity << " " << customization << " "
                             << latency);
              if (!d.recommendation) continue;
              const Option r = *d.recommendation;
              const std::string rs = residency;
              if (rs == "on_premises") REQUIRE(r != Option::cloud);
              if (rs == "on_premises" && std::string(mix) == "uniform") REQUIRE(r == Option::local);
              if (std::string(connectivity) == "offline") REQUIRE(r == Option::local);
              if (std::string(customization) == "full_control") REQUIRE(r != Option::cloud);
              if (std::stod(latency) < 100) REQUIRE(r != Option::cloud);
              for (const Constraint& c : q.constraints) {
                if (c.holds(d.values)) REQUIRE_FALSE(c.forbids[index(r)]);
              }
              ++checked;
            }
          }
        }
      }
    }
  }
  CHECK(checked > 1000);
}

TEST_CASE("win shares sum to one and the recommendation's share is the confidence",
          "[properties][confidence]") {
  Generator g(20261204);
  const auto& m = default_model();
  int checked = 0;
  for (int n = 0; n < 150; ++n) {
    auto answers = random_answers(g);
    // A few unknowns, so that draws differ.
    for (const char* key : {"workload_mix", "monthly_requests", "team_mlops"})
      if (g.below(2) == 0) answers[key] = "unknown";
    const Profile p = load_profile(profile_yaml(answers), "gen.yaml", m.questionnaire);
    EngineOptions options;
    options.samples = 500;
    options.flip_points = false;
    const Decision d = decide(m, p, options);
    if (!d.recommendation) continue;
    INFO("profile " << n);
    double sum = 0;
    for (double share : d.win_shares) sum += share;
    REQUIRE(sum == Approx(1).margin(1e-9));
    REQUIRE(d.win_shares[index(*d.recommendation)] == d.confidence);
    for (const Settler& s : d.settlers) REQUIRE(s.expected_confidence >= d.confidence + 0.05);
    // Every driver from an unknown answer is marked assumed.
    for (const Contribution& c : d.contributions) {
      if (!m.questionnaire.criteria[c.criterion].answerable()) continue;
      const Answer::Kind kind = p.answers[c.criterion].kind;
      if (kind == Answer::Kind::unknown || kind == Answer::Kind::missing)
        REQUIRE(c.basis == AnswerBasis::assumed);
    }
    ++checked;
  }
  CHECK(checked > 100);
}
