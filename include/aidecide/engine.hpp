// SPDX-License-Identifier: MIT
#pragma once
// The scoring engine: a pure function from (model, profile, options) to a
// Decision that holds everything any report needs. Renderers compute nothing.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aidecide/cost.hpp"
#include "aidecide/names.hpp"
#include "aidecide/pricing.hpp"
#include "aidecide/profile.hpp"
#include "aidecide/questionnaire.hpp"
#include "aidecide/stakeholders.hpp"

namespace aidecide {

// Fixed seed of the confidence sampling: the same input always gives the
// same confidence (documented in docs/scoring.md).
inline constexpr std::uint64_t kDefaultSeed = 0x00A1DEC1DE2026ULL;

// Scores (0-100) closer than this are tied, so that a tie in exact
// arithmetic stays a tie whatever order the sums were added in; ties go to
// the simpler architecture (cloud, then local, then hybrid).
inline constexpr double kTieTolerance = 1e-9;

struct EngineOptions {
  std::size_t samples = 1000;         // Monte Carlo draws for `confidence`; 0 disables
  std::uint64_t seed = kDefaultSeed;  // same seed for every profile: order never matters
  double weight_spread = 2.0;         // each weight is scaled by a log-uniform factor in [1/s, s]
  bool flip_points = true;            // search for the answers and weights that change the winner
  bool cost_curve = false;            // monthly cost per option across volumes (for charts)
  bool advice = true;                 // the hybrid pattern and the checklist (reports show them)
  bool explain = true;                // contributions and assumptions (always with flip_points)
  // Weights of a preset (--preset), indexed like the criteria; a profile's
  // own weights win over these, these over the criteria file's.
  std::vector<std::optional<double>> preset_weights;
};

struct Dependencies;  // what reads each criterion: the engine's own (engine/scorer.hpp)

// Everything loaded once per process and shared read-only.
struct ScoringModel {
 private:
  // Declared first: `questionnaire` refers to it. The criteria are
  // read-only once loaded, so the models made from this one share them.
  std::shared_ptr<const Questionnaire> m_questionnaire;

 public:
  const Questionnaire& questionnaire;
  Pricing pricing;
  CostInputs inputs;

  ScoringModel(Questionnaire q, Pricing p);
  const Dependencies& dependencies() const { return *m_dependencies; }
  // The same criteria with other prices (a profile's named models): the
  // questionnaire, its cost inputs and the dependencies are shared.
  ScoringModel with_pricing(Pricing p) const;
  // This model with every estimated throughput figure at the low (0) or
  // high (1) end of its range (kEstimateRange): built on first use, once,
  // and kept with the model; it must not outlive it.
  const ScoringModel& with_estimates_at(std::size_t end) const;

 private:
  struct EstimateEnds;
  ScoringModel(const ScoringModel& base, Pricing p);
  std::shared_ptr<const Dependencies> m_dependencies;
  std::shared_ptr<EstimateEnds> m_estimate_ends;
};

// An estimated throughput may be this many times lower or higher than its
// figure: confidence draws weigh the low end, the figure and the high end
// 1 : 2 : 1 (docs/scoring.md, "Confidence"; a judgement, to replace with
// a measurement).
inline constexpr double kEstimateRange = 1.5;

// The built-in criteria and prices, from the trees compiled in at build time.
ScoringModel embedded_model();

// How the answer a contribution scored came about.
enum class AnswerBasis { given, assumed, range_middle, computed };

struct Contribution {
  std::size_t criterion = 0;
  std::string value_text;  // the answer as scored ("regulated", "1.2M requests/month")
  AnswerBasis basis = AnswerBasis::given;  // assumed or a range's middle: never read as a fact
  double weight = 0;                       // effective weight
  PerOption utility{};                     // in [0, 1]
  PerOption points{};     // weight x utility / total weight x 100: adds up to the score
  double separation = 0;  // points(winner) - points(runner-up)
};

struct Veto {
  Option option = Option::cloud;
  std::string rule;
  std::string reason;
};

struct Assumption {
  std::size_t criterion = 0;
  std::string value_text;                    // what the engine used
  std::string note;                          // why that value
  AnswerBasis basis = AnswerBasis::assumed;  // assumed, range_middle, or given (does not apply)
};

enum class Budget { upfront, monthly };
inline constexpr auto kBudgetNames = std::to_array<Named<Budget>>({
    {Budget::upfront, "upfront"},
    {Budget::monthly, "monthly"},
});
inline std::string_view to_string(Budget b) {
  return name_of(std::span<const Named<Budget>>(kBudgetNames), b);
}

// An option whose figures exceed a budget (docs/scoring.md, "Budgets").
struct OverBudget {
  Option option = Option::cloud;
  Budget budget = Budget::upfront;
  double need_usd = 0;     // upfront: hardware to buy; monthly: running cost
  double limit_usd = 0;    // the budget
  bool firm = true;        // the budget is a firm limit
  bool ruled_out = false;  // not recommended for it (a firm budget, and another option fits)
};

// A cheaper variant that fits every firm budget when no option does: one
// answer changed (a lower capability tier, fewer spare replicas).
struct BudgetVariant {
  std::size_t criterion = 0;
  std::size_t answer = 0;
  Option option = Option::cloud;
  double upfront_usd = 0;
  double monthly_usd = 0;  // running
};

// An uncertain answer and the confidence expected once it is answered (the
// draws grouped by its value, each group won by its most frequent winner).
struct Settler {
  std::size_t criterion = 0;
  double expected_confidence = 0;
};

// A weight change that makes another option win: multiply the weight by
// `factor` (below 1: less, above 1: more) and `winner` overtakes.
struct WeightFlip {
  std::size_t criterion = 0;
  double factor = 1;
  Option winner = Option::cloud;
};

// A numeric answer beyond which another option wins.
struct NumberFlip {
  std::size_t criterion = 0;
  double value = 0;   // the threshold
  bool above = true;  // `winner` wins above (true) or below (false) it
  Option winner = Option::cloud;
};

// Another answer to a choice criterion that changes the winner.
struct ChoiceFlip {
  std::size_t criterion = 0;
  std::size_t answer = 0;
  Option winner = Option::cloud;
};

struct FlipPoints {
  std::vector<WeightFlip> weights;  // smallest change first
  std::vector<NumberFlip> numbers;  // nearest threshold first
  std::vector<ChoiceFlip> choices;  // in criterion order
};

// All-in monthly cost per option at one volume (report view).
struct CostPoint {
  double requests = 0;
  PerOption monthly_usd{};
};

struct PatternAdvice {
  std::string id;
  std::string title;
  std::string why;
};

// What-if (--set): the answers changed and the decision before the change.
struct WhatIf {
  struct Change {
    std::size_t criterion = 0;
    std::string before;  // answer text as in the profile
    std::string after;
  };
  std::vector<Change> changes;
  PerOption scores{};
  std::optional<Option> recommendation;
  double confidence = 0;
  double margin = 0;
  std::array<double, kOptionCount> monthly_usd{};
};

struct Decision {
  std::string source;
  std::string name;
  std::string description;
  NamedModels named_models;                    // the profile's `models:`, as given
  PerOption scores{};                          // 0..100, every option, vetoed or not
  std::array<bool, kOptionCount> vetoed{};     // by a hard constraint
  std::array<bool, kOptionCount> ruled_out{};  // vetoed, or over a firm budget while another fits
  std::vector<Veto> vetoes;
  std::vector<OverBudget> over_budget;  // every option over a budget, in option order
  // Every option not vetoed is over a firm budget: the scores decide, and
  // the report says what it would take.
  bool no_option_fits = false;
  std::optional<Option> cheapest;               // with no_option_fits: lowest 3-year total allowed
  std::vector<BudgetVariant> fitting_variants;  // with no_option_fits
  std::size_t assumed_answers = 0;     // unknown, missing or range answers to questions that apply
  std::size_t applicable_answers = 0;  // questions that apply
  std::optional<Option> recommendation;  // empty only when all are vetoed
  std::optional<Option> runner_up;       // best other option not ruled out, if any
  double margin = 0;                     // score(recommendation) - score(runner_up)
  // The two options the explanation compares: the recommendation and the
  // runner-up, or the two best scores when vetoes leave fewer than two.
  std::array<Option, 2> versus{Option::cloud, Option::local};
  std::vector<Contribution> contributions;  // most separating first
  std::vector<Assumption> assumptions;
  double confidence = 0;   // share of perturbed draws that keep the recommendation
  PerOption win_shares{};  // share of the draws each option wins (sum 1 with a recommendation)
  std::vector<Settler> settlers;  // up to two uncertain answers that would settle most
  std::size_t samples = 0;
  CostEstimate cost;
  FlipPoints flips;
  std::optional<PatternAdvice> hybrid_pattern;  // when hybrid wins or is close
  std::vector<std::string> checklist;           // the implementation plan
  std::optional<WhatIf> what_if;                // set by decide_what_if()
  std::vector<CostPoint> cost_curve;            // with EngineOptions::cost_curve
  Values values;                                // resolved answers the scores used
  std::vector<double> weights;     // effective weights (the group's, with stakeholders)
  std::optional<GroupView> group;  // with stakeholders
};

Decision decide(const ScoringModel& model, const Profile& profile, const EngineOptions& options);

// A profile answer as the user wrote it ("regulated", "[1000, 5000]", "unknown").
std::string answer_text(const Criterion& c, const Answer& a);

// What-if: scores `profile` with `changes` applied, and records the decision
// without them in the result's `what_if`.
Decision decide_what_if(const ScoringModel& model, const Profile& profile,
                        const std::vector<std::pair<std::size_t, Answer>>& changes,
                        const EngineOptions& options);

// With stakeholders: the group's weights from the profile's effective
// weights (`base`), on the same scale; and each stakeholder's view of `d`.
std::vector<double> group_weights(const Profile& profile, const std::vector<double>& base);
GroupView analyse_group(const ScoringModel& model, const Profile& profile, const Decision& d,
                        const std::vector<double>& base);

// Scores and vetoes for fixed values and weights; the inner step shared by
// decide() and the confidence sampling.
struct Scoring {
  PerOption scores{};
  std::array<bool, kOptionCount> vetoed{};     // by a constraint
  std::array<bool, kOptionCount> ruled_out{};  // vetoed or over a firm budget while another fits
  std::optional<Option> winner;
};
Scoring score_values(const ScoringModel& model, const Values& values,
                     const std::vector<double>& weights, const CostEstimate& cost);

// The weight, numeric and choice changes that flip the recommendation
// (docs/scoring.md, "Flip points"). Exact for weights.
FlipPoints find_flip_points(const ScoringModel& model, const Decision& d);

// The hybrid pattern and the checklist for a scored decision.
std::optional<PatternAdvice> choose_hybrid_pattern(const Questionnaire& q, const Decision& d);
std::vector<std::string> build_checklist(const ScoringModel& model, const Decision& d);

// Share of perturbed draws (weights, unknown answers, ranges) whose winner is
// `recommendation`, starting from the values, weights and costs decide()
// already resolved, with the share each option wins and the uncertain
// answers that would settle most. See docs/scoring.md for the distribution.
struct ConfidenceResult {
  double confidence = 0;
  PerOption win_shares{};
  std::vector<Settler> settlers;
};
ConfidenceResult estimate_confidence(const ScoringModel& model, const Profile& profile,
                                     const Values& base, const CostEstimate& base_cost,
                                     const std::vector<double>& weights,
                                     std::optional<Option> recommendation,
                                     const EngineOptions& options);

}  // namespace aidecide
