// SPDX-License-Identifier: MIT
// The scoring engine (docs/scoring.md): a normalised weighted sum of
// per-option utilities, hard constraints as vetoes, explanations.
#include "aidecide/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <mutex>

#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"
#include "engine/budgets.hpp"
#include "engine/cost_model.hpp"
#include "engine/scorer.hpp"

namespace aidecide {

// The model at the two ends of the estimates' range, made by the first
// profile that needs them (a batch's threads share them).
struct ScoringModel::EstimateEnds {
  std::once_flag made;
  std::unique_ptr<ScoringModel> ends[2];
};

ScoringModel::ScoringModel(Questionnaire q, Pricing p)
    : m_questionnaire(std::make_shared<const Questionnaire>(std::move(q))),
      questionnaire(*m_questionnaire),
      pricing(std::move(p)),
      inputs(CostInputs::resolve(questionnaire)),
      m_dependencies(std::make_shared<const Dependencies>(Dependencies::of(questionnaire, inputs))),
      m_estimate_ends(std::make_shared<EstimateEnds>()) {}

ScoringModel::ScoringModel(const ScoringModel& base, Pricing p)
    : m_questionnaire(base.m_questionnaire),
      questionnaire(*m_questionnaire),
      pricing(std::move(p)),
      inputs(base.inputs),
      m_dependencies(base.m_dependencies),
      m_estimate_ends(std::make_shared<EstimateEnds>()) {}

ScoringModel ScoringModel::with_pricing(Pricing p) const {
  return ScoringModel(*this, std::move(p));
}

const ScoringModel& ScoringModel::with_estimates_at(std::size_t end) const {
  EstimateEnds& e = *m_estimate_ends;
  std::call_once(e.made, [&] {
    for (std::size_t k = 0; k < 2; ++k) {
      const double factor = k == 0 ? 1 / kEstimateRange : kEstimateRange;
      e.ends[k] =
          std::make_unique<ScoringModel>(with_pricing(with_estimates_scaled(pricing, factor)));
    }
  });
  return *e.ends[end];
}

ScoringModel embedded_model() {
  Questionnaire q = embedded_questionnaire();
  Pricing p = embedded_pricing(q);
  return ScoringModel(std::move(q), std::move(p));
}

Dependencies Dependencies::of(const Questionnaire& q, const CostInputs& in) {
  const std::size_t n = q.criteria.size();
  Dependencies d;
  d.rows.resize(n);
  d.cost_utility.assign(n, false);
  d.budget_utility.assign(n, false);
  d.constraints.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const Criterion& c = q.criteria[i];
    if (!c.scored) continue;
    if (!c.answerable()) {
      d.derived.push_back(i);
      if (c.signal == DerivedSignal::budget) d.derived_budget.push_back(i);
      continue;
    }
    std::vector<std::size_t> reads{i};
    for (const Adjustment& a : c.adjustments) {
      for (const Condition& k : a.when) reads.push_back(k.criterion);
    }
    std::sort(reads.begin(), reads.end());
    reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
    for (std::size_t r : reads) d.rows[r].push_back(i);
  }
  // What each of the two derived utilities reads (cost_model.cpp): the
  // volume and tokens never move the budget row, the budgets and the GPUs
  // already owned never move the cost row.
  for (std::size_t i : {in.monthly_requests, in.tokens_in, in.tokens_out, in.traffic_pattern,
                        in.model_capability, in.team_mlops, in.criticality, in.workload_mix})
    d.cost_utility[i] = true;
  // Which ways to self-host are allowed (optional criteria).
  for (std::size_t i : {in.connectivity, in.data_residency, in.sites, in.project_stage,
                        in.cached_input, in.batch}) {
    if (i != kNoIndex) d.cost_utility[i] = true;
  }
  // The budget utility and the firm-budget test read every option's needs
  // and the budgets (the test also which budgets are firm).
  d.budgets.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (d.cost_utility[i]) d.budget_utility[i] = d.budgets[i] = true;
  }
  for (std::size_t i : {in.upfront_budget, in.monthly_budget, in.existing_gpus})
    d.budget_utility[i] = d.budgets[i] = true;
  if (in.budget_flexibility != kNoIndex) d.budgets[in.budget_flexibility] = true;
  d.edges.resize(n);
  for (const Constraint& k : q.constraints) {
    for (const Condition& c : k.when) {
      d.constraints[c.criterion] = true;
      if (c.below) d.edges[c.criterion].push_back(*c.below);
      if (c.at_least) d.edges[c.criterion].push_back(*c.at_least);
    }
  }
  for (std::size_t i = 0; i < n; ++i) d.one.push_back(touched_by(d, std::span(&i, 1)));
  return d;
}

namespace {

std::vector<double> effective_weights(const Questionnaire& q, const Profile& profile,
                                      const Values& values, const EngineOptions& options) {
  std::vector<double> w(q.criteria.size(), 0);
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    // A question that does not apply to this project does not count.
    if (!q.criteria[i].scored || !applies(q.criteria[i], values)) continue;
    w[i] = q.criteria[i].weight;
    if (i < options.preset_weights.size() && options.preset_weights[i])
      w[i] = *options.preset_weights[i];
    if (i < profile.weights.size() && profile.weights[i]) w[i] = *profile.weights[i];
  }
  return w;
}

PerOption criterion_utilities(const Criterion& c, const Values& values, const CostEstimate& cost) {
  if (c.kind != CriterionKind::derived) return c.utilities(values);
  return c.signal == DerivedSignal::cost ? cost.cost_utility : cost.budget_utility;
}

std::optional<Option> best_of(const PerOption& scores,
                              const std::array<bool, kOptionCount>& excluded) {
  std::optional<Option> best;
  for (Option o : kOptions) {
    if (excluded[index(o)]) continue;
    // Ties go to the earlier option (cloud, local, hybrid): the simpler architecture.
    if (!best || scores[index(o)] > scores[index(*best)] + kTieTolerance) best = o;
  }
  return best;
}

}  // namespace

std::string answer_text(const Criterion& c, const Answer& a) {
  switch (a.kind) {
    case Answer::Kind::unknown:
      return "unknown";
    case Answer::Kind::missing:
      return "(missing)";
    case Answer::Kind::choice:
      return c.answers[a.choice].id;
    case Answer::Kind::number:
      return format_number(a.low);
    case Answer::Kind::range:
      return fmt::format("[{}, {}]", format_number(a.low), format_number(a.high));
  }
  return "";
}

Decision decide_what_if(const ScoringModel& model, const Profile& profile,
                        const std::vector<std::pair<std::size_t, Answer>>& changes,
                        const EngineOptions& options) {
  EngineOptions baseline_options = options;
  baseline_options.flip_points = false;
  const Decision before = decide(model, profile, baseline_options);
  Profile changed = profile;
  WhatIf w;
  for (const auto& [i, answer] : changes) {
    const Criterion& c = model.questionnaire.criteria[i];
    w.changes.push_back({i, answer_text(c, profile.answers[i]), answer_text(c, answer)});
    changed.answers[i] = answer;
  }
  Decision after = decide(model, changed, options);
  w.scores = before.scores;
  w.recommendation = before.recommendation;
  w.confidence = before.confidence;
  w.margin = before.margin;
  for (Option o : kOptions) w.monthly_usd[index(o)] = before.cost.options[index(o)].monthly_usd;
  after.what_if = std::move(w);
  return after;
}

Scoring score_values(const ScoringModel& model, const Values& values,
                     const std::vector<double>& weights, const CostEstimate& cost) {
  const Questionnaire& q = model.questionnaire;
  Scoring s;
  double total = 0;
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    if (weights[i] <= 0) continue;
    total += weights[i];
    const PerOption u = criterion_utilities(q.criteria[i], values, cost);
    for (std::size_t o = 0; o < kOptionCount; ++o) s.scores[o] += weights[i] * u[o];
  }
  for (double& score : s.scores) score = total > 0 ? 100 * score / total : 0;
  s.vetoed = vetoes_of(q, values);
  s.ruled_out = rule_out_over_budget(s.vetoed, over_firm_budget(cost));
  s.winner = best_of(s.scores, s.ruled_out);
  return s;
}

namespace {

// The runner-up: the best other option still allowed; and the two options
// the explanation compares (failing a runner-up, the best other option at
// all, so the explanation can still compare).
void rank(Decision& d) {
  if (d.recommendation) {
    std::array<bool, kOptionCount> excluded = d.ruled_out;
    excluded[index(*d.recommendation)] = true;
    d.runner_up = best_of(d.scores, excluded);
    if (d.runner_up) d.margin = d.scores[index(*d.recommendation)] - d.scores[index(*d.runner_up)];
  }
  std::optional<Option> first = d.recommendation;
  std::optional<Option> second = d.runner_up;
  if (!first || !second) {
    std::array<bool, kOptionCount> none{};
    if (!first) first = best_of(d.scores, none);
    none[index(*first)] = true;
    second = best_of(d.scores, none);
  }
  d.versus = {*first, *second};
}

// Each scored criterion's points per option, largest separation between
// the two compared options first.
std::vector<Contribution> contributions(const Questionnaire& q, const Decision& d,
                                        const std::vector<AnswerBasis>& basis) {
  double total = 0;
  for (double w : d.weights) total += w;
  const auto [first, second] = d.versus;
  std::vector<Contribution> unsorted;
  unsorted.reserve(q.criteria.size());
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    const Criterion& c = q.criteria[i];
    if (!c.scored || d.weights[i] <= 0) continue;
    Contribution ct;
    ct.criterion = i;
    ct.weight = d.weights[i];
    ct.value_text = c.answerable() ? c.value_text(d.values[i]) : "computed";
    ct.basis = basis[i];
    ct.utility = criterion_utilities(c, d.values, d.cost);
    for (std::size_t o = 0; o < kOptionCount; ++o)
      ct.points[o] = 100 * ct.weight * ct.utility[o] / total;
    ct.separation = ct.points[index(first)] - ct.points[index(second)];
    unsorted.push_back(std::move(ct));
  }
  // Largest separation first, ties in the criteria's order: a stable
  // insertion sort of positions (a score has a few dozen criteria at most),
  // then each contribution moved once.
  std::vector<std::size_t> order(unsorted.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    std::size_t m = k;
    for (;
         m > 0 && std::fabs(unsorted[order[m - 1]].separation) < std::fabs(unsorted[k].separation);
         --m)
      order[m] = order[m - 1];
    order[m] = k;
  }
  std::vector<Contribution> sorted;
  sorted.reserve(order.size());
  for (std::size_t k : order) sorted.push_back(std::move(unsorted[k]));
  return sorted;
}

// How each answer came about: given, assumed (unknown or missing), a
// range scored at its middle, or computed (the cost model's rows).
std::vector<AnswerBasis> answer_basis(const Questionnaire& q, const Profile& profile) {
  std::vector<AnswerBasis> out(q.criteria.size(), AnswerBasis::given);
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    if (!q.criteria[i].answerable()) {
      out[i] = AnswerBasis::computed;
      continue;
    }
    const Answer::Kind kind = profile.answers[i].kind;
    if (kind == Answer::Kind::unknown || kind == Answer::Kind::missing)
      out[i] = AnswerBasis::assumed;
    else if (kind == Answer::Kind::range)
      out[i] = AnswerBasis::range_middle;
  }
  return out;
}

// What the engine assumed: unknown and missing answers, ranges scored at
// their middle, questions that do not apply.
std::vector<Assumption> assumptions(const Questionnaire& q, const Profile& profile,
                                    const Decision& d) {
  std::vector<Assumption> out;
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    const Criterion& c = q.criteria[i];
    if (!c.answerable()) continue;
    const Answer& a = profile.answers[i];
    if (!applies(c, d.values)) {
      out.push_back(
          {i, "does not apply",
           "Not asked: its ask_if conditions do not hold for this project, so it does not count "
           "in the score.",
           AnswerBasis::given});
    } else if (a.kind == Answer::Kind::unknown || a.kind == Answer::Kind::missing) {
      out.push_back({i, c.value_text(d.values[i]), c.assumption_note, AnswerBasis::assumed});
    } else if (a.kind == Answer::Kind::range) {
      out.push_back(
          {i, c.value_text(d.values[i]),
           fmt::format(
               "Scored at the middle of the range {} to {}; confidence covers the whole range.",
               format_number(a.low), format_number(a.high)),
           AnswerBasis::range_middle});
    }
  }
  return out;
}

// Monthly cost per option two decades either side of today's volume, 25 points.
std::vector<CostPoint> cost_curve(const ScoringModel& model, const Values& values) {
  std::vector<CostPoint> curve;
  const double now = values[model.inputs.monthly_requests].number;
  const double centre = now > 0 ? now : 1e5;
  Values v = values;
  for (int k = 0; k <= 24; ++k) {
    v[model.inputs.monthly_requests].number = centre * std::pow(10.0, -2 + k / 6.0);
    const CostEstimate e = estimate_costs(model.pricing, model.inputs, model.questionnaire, v);
    CostPoint point{v[model.inputs.monthly_requests].number, {}};
    for (Option o : kOptions) point.monthly_usd[index(o)] = e.options[index(o)].monthly_usd;
    curve.push_back(point);
  }
  return curve;
}

}  // namespace

namespace {

// Whether an option that may still win serves its local part at a
// throughput the catalog only estimates.
bool estimated_throughput_matters(const Decision& d) {
  for (Option o : {Option::local, Option::hybrid}) {
    const Sizing& s = d.cost.options[index(o)].sizing;
    if (s.model != nullptr && s.estimated_figure && !d.vetoed[index(o)]) return true;
  }
  return false;
}

// The decision with `model`'s tiers as they are (decide() has resolved any
// named models into `model`).
Decision decide_on(const ScoringModel& model, const Profile& profile,
                   const EngineOptions& options) {
  // Every Pricing read below (the model's, its estimate ends, a profile's
  // named models) outlives the decision and does not change.
  const CostMemoScope memo;
  const Questionnaire& q = model.questionnaire;
  Decision d;
  d.source = profile.source;
  d.name = profile.name;
  d.description = profile.description;
  d.values = resolve_values(q, profile);
  d.weights = effective_weights(q, profile, d.values, options);
  const std::vector<double> base = d.weights;
  if (!profile.stakeholders.empty()) d.weights = group_weights(profile, base);
  d.cost = estimate_costs(model.pricing, model.inputs, q, d.values);
  const Scoring s = score_values(model, d.values, d.weights, d.cost);
  d.scores = s.scores;
  d.vetoed = s.vetoed;
  d.ruled_out = s.ruled_out;
  d.recommendation = s.winner;
  for (const Constraint& k : q.constraints) {
    if (!k.holds(d.values)) continue;
    for (Option o : kOptions) {
      if (k.forbids[index(o)]) d.vetoes.push_back({o, k.id, k.reason});
    }
  }
  explain_budgets(model, d);
  const std::vector<AnswerBasis> basis = answer_basis(q, profile);
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    if (!q.criteria[i].answerable() || !applies(q.criteria[i], d.values)) continue;
    ++d.applicable_answers;
    if (basis[i] != AnswerBasis::given) ++d.assumed_answers;
  }
  rank(d);
  if (!profile.stakeholders.empty()) d.group = analyse_group(model, profile, d, base);
  // Explanations (and the flip points, which are read off them).
  if (options.explain || options.flip_points) {
    d.contributions = contributions(q, d, basis);
    d.assumptions = assumptions(q, profile, d);
  }
  d.samples = options.samples;
  ConfidenceResult c;
  if (options.samples >= 4 && estimated_throughput_matters(d)) {
    // The throughput is an estimate: a quarter of the draws at each end of
    // its range, half at its figure (the settlers are those draws').
    const std::size_t quarter = options.samples / 4;
    EngineOptions part = options;
    part.samples = options.samples - 2 * quarter;
    c = estimate_confidence(model, profile, d.values, d.cost, d.weights, d.recommendation, part);
    const auto count = [](double share, std::size_t n) { return share * static_cast<double>(n); };
    double kept = count(c.confidence, part.samples);
    PerOption wins{};
    for (Option o : kOptions) wins[index(o)] = count(c.win_shares[index(o)], part.samples);
    part.samples = quarter;
    for (std::size_t end = 0; end < 2; ++end) {
      const ScoringModel& m = model.with_estimates_at(end);
      const ConfidenceResult e = estimate_confidence(
          m, profile, d.values, estimate_costs(m.pricing, m.inputs, q, d.values), d.weights,
          d.recommendation, part);
      kept += count(e.confidence, quarter);
      for (Option o : kOptions) wins[index(o)] += count(e.win_shares[index(o)], quarter);
    }
    const auto all = static_cast<double>(options.samples);
    c.confidence = std::round(kept) / all;
    for (Option o : kOptions) c.win_shares[index(o)] = std::round(wins[index(o)]) / all;
    // A settler still raises the confidence by 5 points or more.
    std::erase_if(c.settlers, [&](const Settler& settler) {
      return !(settler.expected_confidence >= c.confidence + 0.05);
    });
  } else {
    c = estimate_confidence(model, profile, d.values, d.cost, d.weights, d.recommendation, options);
  }
  d.confidence = c.confidence;
  d.win_shares = c.win_shares;
  d.settlers = std::move(c.settlers);
  if (options.flip_points) d.flips = find_flip_points(model, d);
  if (options.advice) d.hybrid_pattern = choose_hybrid_pattern(q, d);
  if (options.cost_curve) d.cost_curve = cost_curve(model, d.values);
  if (options.advice) d.checklist = build_checklist(model, d);
  return d;
}

}  // namespace

Decision decide(const ScoringModel& model, const Profile& profile, const EngineOptions& options) {
  if (!profile.models.any()) return decide_on(model, profile, options);
  // The profile names its models: the same criteria with its tiers. The
  // decision's pointers go into `model`'s catalog, which outlives it.
  const ScoringModel named =
      model.with_pricing(with_named_models(model.pricing, profile.models, profile.source));
  Decision d = decide_on(named, profile, options);
  d.named_models = profile.models;
  return d;
}

}  // namespace aidecide
