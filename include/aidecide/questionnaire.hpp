// SPDX-License-Identifier: MIT
#pragma once
// The questionnaire: criteria, their answers and per-option utilities, and the
// hard constraints. Loaded once per process from YAML (criteria/default.yaml is
// embedded in the binary) and shared read-only by every scoring call.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aidecide/diagnostic.hpp"
#include "aidecide/names.hpp"

namespace aidecide {

inline constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);
// Weights are relative; a cap keeps sums finite (no inf or NaN scores).
inline constexpr double kMaxWeight = 1000;
// A weight is 0 (does not count) or from kMinWeight to kMaxWeight: a tiny
// weight (4.9e-324) would make scores and their confidence meaningless.
inline constexpr double kMinWeight = 0.001;
inline bool valid_weight(double w) {
  return w == 0 || (w >= kMinWeight && w <= kMaxWeight);
}

enum class CriterionKind { choice, number, derived };
enum class Scale { linear, log };
// What a derived criterion is computed from (see cost.hpp).
enum class DerivedSignal { cost, budget };

// A resolved answer: the choice index for choice criteria, the number for
// numeric ones. Derived criteria have no value.
struct Value {
  std::size_t choice = 0;
  double number = 0;
};
using Values = std::vector<Value>;  // indexed like Questionnaire::criteria

// Piecewise-linear utility over a number, one polyline per option; flat
// beyond the first and last points. With Scale::log the interpolation runs
// over log10(x), because volumes and budgets span orders of magnitude.
struct Curve {
  Scale scale = Scale::linear;
  std::array<std::vector<std::pair<double, double>>, kOptionCount> points;  // (x, utility)

  void add_point(Option o, double x, double utility);
  double eval(Option o, double x) const;
  // eval() for every option, with log10(x) taken once.
  PerOption eval_all(double x) const;

 private:
  double eval_at(std::size_t o, double x, double log10_x) const;
};

struct ChoiceAnswer {
  std::string id;
  std::string label;
  std::string why;
  PerOption utility{};
};

// `criterion` has one of `answers` (choice), or its number is below/above.
struct Condition {
  std::size_t criterion = kNoIndex;
  std::vector<std::size_t> answers;
  std::optional<double> below;
  std::optional<double> at_least;
  bool holds(const Values& values) const;
};

// Conditional utilities: when every condition holds, the listed answers use
// other utilities (e.g. sensitive data is less of a problem for hybrid when
// the workload splits into a sensitive and a general part).
struct Adjustment {
  std::vector<Condition> when;
  std::string why;
  std::vector<std::pair<std::size_t, std::array<std::optional<double>, kOptionCount>>> utilities;
};

struct Criterion {
  std::string id;
  std::size_t index_in_questionnaire = 0;
  std::string title;
  std::string question;
  std::string help;
  CriterionKind kind = CriterionKind::choice;
  double weight = 0;    // default weight; 0 with `scored == false`
  bool scored = false;  // has utilities of its own (inputs of the cost model do not)
  // A profile may leave it out (`optional: true`): then its assumption is
  // used and listed, as for `unknown`. Keys added after the first contract
  // are optional, so older profiles and records stay valid.
  bool optional = false;
  // choice
  std::vector<ChoiceAnswer> answers;
  std::vector<Adjustment> adjustments;
  // number
  std::string unit;
  double minimum = 0;
  bool exclusive_minimum = false;
  std::optional<double> maximum;
  Scale scale = Scale::linear;
  Curve curve;
  std::pair<double, double> plausible{0, 0};  // range sampled when unknown
  // derived
  DerivedSignal signal = DerivedSignal::cost;
  // The question applies only when all of these hold (`ask_if`; empty:
  // always). A question that does not apply is not asked, needs no answer
  // and does not count in the score.
  std::vector<Condition> ask_if;
  // what `unknown` means
  Value assumption;
  std::string assumption_note;

  bool answerable() const { return kind != CriterionKind::derived; }
  std::size_t answer_index(std::string_view answer_id) const;  // kNoIndex if absent
  // The utility of option `o` for this criterion given all resolved values.
  // Not for derived criteria (the engine supplies those).
  double utility(Option o, const Values& values) const;
  // utility() for every option at once (each condition tested once).
  PerOption utilities(const Values& values) const;
  std::string value_text(const Value& v) const;  // "regulated", "1,200,000 requests/month"
};

struct Constraint {
  std::string id;
  std::vector<Condition> when;
  std::array<bool, kOptionCount> forbids{};
  std::string reason;
  bool holds(const Values& values) const;
};

// One of the framework's hybrid approaches, named when hybrid wins or is close.
struct HybridPattern {
  std::string id;
  std::string title;
  std::string why;
  std::vector<Condition> when;  // empty: always applies (a fallback)
};

// One item of the implementation plan. `text` may hold {placeholders}.
struct ChecklistItem {
  std::array<bool, kOptionCount> applies{};
  std::vector<Condition> when;
  std::string text;
};

struct Questionnaire {
  int version = 0;
  std::string source;
  std::vector<Criterion> criteria;
  std::vector<Constraint> constraints;
  double hybrid_pattern_margin = 5;
  std::vector<HybridPattern> hybrid_patterns;  // first match wins
  std::vector<ChecklistItem> checklist;

  std::size_t index_of(std::string_view id) const;  // kNoIndex if absent
  // The same, trying position `guess` first: files usually list criteria in
  // the criteria file's order, so the next key is most often the next one.
  std::size_t index_of(std::string_view id, std::size_t guess) const;
  const Criterion& at(std::string_view id) const;  // throws Error if absent
};

// Validates everything (types, ranges, ids, self-consistency) and reports all
// problems of the file at once as InputError.
Questionnaire load_questionnaire(std::string_view text, const std::string& source);
// The criteria compiled into the binary (parsed at build time, so loading
// them skips YAML parsing).
Questionnaire embedded_questionnaire();
inline constexpr std::string_view kEmbeddedCriteriaSource = "<embedded criteria/default.yaml>";

// The files compiled into the binary, as text.
std::string_view embedded_criteria_text();
std::string_view embedded_pricing_text();
std::string_view embedded_presets_text();

// The placeholders checklist texts may use besides criterion ids.
inline constexpr std::array<std::string_view, 8> kChecklistPlaceholders{
    "cloud_cost",    "local_gpus", "local_gpu",          "local_model",
    "local_upfront", "local_way",  "local_quantisation", "cache_advice"};

// A number in a criterion's unit, compact: "38M requests/month", "150 ms".
std::string describe_value(const Criterion& c, double value);

// Conditions shared by constraints, patterns and checklist items.
bool all_hold(const std::vector<Condition>& conditions, const Values& values);

// Whether criterion `c` applies (its `ask_if` holds) for these values.
inline bool applies(const Criterion& c, const Values& values) {
  return c.ask_if.empty() || all_hold(c.ask_if, values);
}

}  // namespace aidecide
