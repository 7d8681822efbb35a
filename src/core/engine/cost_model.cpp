// SPDX-License-Identifier: MIT
// The cost model (docs/cost-model.md). Every GPU in use is valued at its
// amortised price, owned ones too: they could do other work, so owning them
// saves the purchase (upfront) but does not make serving free. Two views:
// - the report provisions whole GPUs;
// - the score counts the fractional fleet the peak needs, so cost per
//   request never rises with volume and more volume never counts against the
//   option with the lower unit cost.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "aidecide/cost.hpp"
#include "engine/cost_model.hpp"

namespace aidecide {
namespace {

constexpr double kHoursPerMonth = 730;
constexpr double kSecondsPerMonth = kHoursPerMonth * 3600;
// A cost 20 times the cheapest option's scores 0; twice the cheapest, 0.77.
constexpr double kCostRatioForZero = 20;

struct Inputs {
  double requests = 0;
  double tokens_in = 0;
  double tokens_out = 0;
  std::size_t traffic = 0, tier = 0, team = 0, existing = 0, criticality = 0, mix = 0;
  double upfront_budget = 0;
  double monthly_budget = 0;
};

Inputs read_inputs(const CostInputs& in, const Values& v) {
  return {v[in.monthly_requests].number, v[in.tokens_in].number,        v[in.tokens_out].number,
          v[in.traffic_pattern].choice,  v[in.model_capability].choice, v[in.team_mlops].choice,
          v[in.existing_gpus].choice,    v[in.criticality].choice,      v[in.workload_mix].choice,
          v[in.upfront_budget].number,   v[in.monthly_budget].number};
}

struct GpuMonth {
  double amortised = 0;  // purchase with server overhead, spread over the amortisation period
  double running = 0;    // power and hosting
  double purchase = 0;   // with server overhead
};

GpuMonth gpu_month(const Pricing& p, const LocalTier& tier) {
  const Gpu& g = tier.hardware;
  GpuMonth m;
  m.purchase = g.purchase_usd * (1 + p.server_overhead.value);
  m.amortised = m.purchase / p.amortisation_months.value;
  m.running =
      g.power_watts / 1000 * kHoursPerMonth * p.pue.value * p.electricity_usd_per_kwh.value +
      p.hosting_usd_per_gpu_month.value;
  return m;
}

// A small allowance added to budget and need alike, so that a budget of
// zero still tells a small overrun from a large one (a smoothing constant,
// not a price: no source to cite).
constexpr double kUpfrontAllowance = 1000;
constexpr double kMonthlyAllowance = 100;
// An option that needs this many times a budget scores 0 on it; twice the
// budget scores 0.70, within it 1.
constexpr double kOverrunForZero = 10;

// How well a budget covers a need: 1 within it, then falling with the
// logarithm of the overrun ratio (need + allowance) / (budget + allowance).
// Every option over a budget loses the same per unit of ln(budget) (at most
// 1 / ln 10), so a smaller budget never narrows the gap between an option
// over it and a needier one, until the needier one reaches 0.
double fraction_covered(double budget, double need, double allowance) {
  if (need <= budget) return 1;
  static const double log_zero = std::log(kOverrunForZero);
  return std::max(0.0, 1 - std::log((need + allowance) / (budget + allowance)) / log_zero);
}

// The local part of an option serving `share` of the traffic.
struct Fleet {
  double replicas_exact = 0;  // what the peak needs, spares included, floored at one replica
  double gpus_exact = 0;
  double gpus = 0;  // whole replicas provisioned
};

Fleet size_fleet(const Pricing& p, const LocalTier& tier, double peak_tps, double share,
                 double spares) {
  Fleet f;
  const double needed =
      peak_tps * share / (tier.output_tokens_per_second * p.peak_utilisation.value);
  f.replicas_exact = std::max(1.0, needed) + spares;
  f.gpus_exact = f.replicas_exact * tier.gpus_per_replica;
  f.gpus = (std::ceil(std::max(1.0, needed) - 1e-9) + spares) * tier.gpus_per_replica;
  return f;
}

}  // namespace

CostInputs CostInputs::resolve(const Questionnaire& q) {
  CostInputs in;
  std::vector<Diagnostic> problems;
  const auto need = [&](std::size_t& slot, std::string_view id, CriterionKind kind) {
    slot = q.index_of(id);
    if (slot == kNoIndex || q.criteria[slot].kind != kind) {
      problems.push_back({q.source,
                          {},
                          fmt::format("the cost model needs a {} criterion '{}'",
                                      kind == CriterionKind::choice ? "choice" : "number", id)});
    }
  };
  need(in.monthly_requests, "monthly_requests", CriterionKind::number);
  need(in.tokens_in, "tokens_in_per_request", CriterionKind::number);
  need(in.tokens_out, "tokens_out_per_request", CriterionKind::number);
  need(in.traffic_pattern, "traffic_pattern", CriterionKind::choice);
  need(in.model_capability, "model_capability", CriterionKind::choice);
  need(in.team_mlops, "team_mlops", CriterionKind::choice);
  need(in.existing_gpus, "existing_gpus", CriterionKind::choice);
  need(in.criticality, "criticality", CriterionKind::choice);
  need(in.workload_mix, "workload_mix", CriterionKind::choice);
  need(in.upfront_budget, "upfront_budget_usd", CriterionKind::number);
  need(in.monthly_budget, "monthly_budget_usd", CriterionKind::number);
  // Optional: a criteria file without it has firm budgets.
  if (const std::size_t i = q.index_of("budget_flexibility"); i != kNoIndex) {
    in.budget_flexibility = i;
    const Criterion& c = q.criteria[i];
    const std::vector<std::string_view> expected{"firm", "flexible_upfront", "flexible_monthly",
                                                 "flexible"};
    bool same = c.kind == CriterionKind::choice && c.answers.size() == expected.size();
    for (std::size_t k = 0; same && k < expected.size(); ++k) same = c.answers[k].id == expected[k];
    if (!same) {
      problems.push_back({q.source,
                          {},
                          "the cost model needs 'budget_flexibility' to be a choice of firm, "
                          "flexible_upfront, flexible_monthly, flexible (in that order)"});
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return in;
}

namespace {

// What both views of the cost model derive from the answers.
struct Basis {
  Inputs in;
  const LocalTier* tier = nullptr;
  GpuMonth gm;
  double spares = 0, owned = 0, ops = 0, share = 0;
  double cloud_usd_per_request = 0;
  double peak_per_request =
      0;                // output-equivalent tokens per second at the peak, per monthly request
  double gpu_cost = 0;  // one GPU per month, amortised and running
};

Basis make_basis(const Pricing& p, const CostInputs& cin, const Values& values) {
  Basis b;
  b.in = read_inputs(cin, values);
  const CloudTier& api = p.cloud[b.in.tier];
  b.tier = &p.local[b.in.tier];
  b.gm = gpu_month(p, *b.tier);
  b.spares = p.spare_replicas.by_answer[b.in.criticality];
  b.owned = p.existing_gpus.by_answer[b.in.existing];
  b.ops = p.ops_fte.by_answer[b.in.team] * p.fte_usd_per_month.value;
  b.share = p.hybrid_local_share.by_answer[b.in.mix];
  b.cloud_usd_per_request =
      (b.in.tokens_in * api.input_per_mtok + b.in.tokens_out * api.output_per_mtok) / 1e6;
  const double tokens_per_request = b.in.tokens_out + b.in.tokens_in * p.prefill_cost_ratio.value;
  b.peak_per_request =
      tokens_per_request / kSecondsPerMonth * p.peak_factor.by_answer[b.in.traffic];
  b.gpu_cost = b.gm.amortised + b.gm.running;
  return b;
}

// Scoring view: fractional fleet, every GPU at its amortised value.
double scored_cost(const Pricing& p, const Basis& b, double requests, double local_share) {
  if (local_share <= 0) return requests * b.cloud_usd_per_request;
  const Fleet f = size_fleet(p, *b.tier, requests * b.peak_per_request, local_share, b.spares);
  return f.gpus_exact * b.gpu_cost + b.ops + requests * b.cloud_usd_per_request * (1 - local_share);
}

// Budget: each option's own needs against the budgets, scored on the same
// fractional fleet as the cost row (so it moves smoothly with the budgets):
// within a budget 1, over it the share of the need the budget covers; the
// two budgets multiply. Nondecreasing in either budget (Dependencies::of and
// the flip-point search rely on it).
PerOption budget_from(const Pricing& p, const Basis& b) {
  PerOption u{};
  const double api_bill = b.in.requests * b.cloud_usd_per_request;
  u[index(Option::cloud)] = fraction_covered(b.in.monthly_budget, api_bill, kMonthlyAllowance);
  for (Option o : {Option::local, Option::hybrid}) {
    const double share = o == Option::local ? 1.0 : b.share;
    const Fleet f = size_fleet(p, *b.tier, b.in.requests * b.peak_per_request, share, b.spares);
    const double upfront = std::max(0.0, f.gpus_exact - b.owned) * b.gm.purchase;
    const double monthly = f.gpus_exact * b.gm.running + b.ops + api_bill * (1 - share);
    u[index(o)] = fraction_covered(b.in.upfront_budget, upfront, kUpfrontAllowance) *
                  fraction_covered(b.in.monthly_budget, monthly, kMonthlyAllowance);
  }
  return u;
}

PerOption cost_from(const Pricing& p, const Basis& b) {
  PerOption u{};
  const PerOption scored{scored_cost(p, b, b.in.requests, 0), scored_cost(p, b, b.in.requests, 1),
                         scored_cost(p, b, b.in.requests, b.share)};
  const double cheapest = *std::min_element(scored.begin(), scored.end());
  static const double log_ratio_for_zero = std::log(kCostRatioForZero);
  for (Option o : kOptions) {
    const double c = scored[index(o)];
    if (cheapest <= 0) {
      u[index(o)] = c <= 0 ? 1.0 : 0.0;
    } else if (c == cheapest) {
      u[index(o)] = 1.0;
    } else if (c / cheapest > kCostRatioForZero * (1 + 1e-9)) {
      // Clearly past the ratio that scores 0: the logarithm below would
      // give exactly 0 too (it is monotone to far better than 1e-9), so it
      // is not taken; often the case, and the logarithm is the dear part.
      u[index(o)] = 0.0;
    } else {
      u[index(o)] = std::max(0.0, 1 - std::log(c / cheapest) / log_ratio_for_zero);
    }
  }
  return u;
}

DerivedUtilities derived_from(const Pricing& p, const Basis& b) {
  return {cost_from(p, b), budget_from(p, b)};
}

// Break-even of the scoring view, solved exactly: local costs a constant
// (one replica plus spares) up to the volume that fills one replica, then
// grows linearly; cloud grows linearly from zero. Negative when local never
// catches up below 1e13 requests a month.
double break_even(const Pricing& p, const Basis& b) {
  constexpr double kLowest = 1, kHighest = 1e13;
  const auto local_minus_cloud = [&](double v) {
    return scored_cost(p, b, v, 1) - scored_cost(p, b, v, 0);
  };
  if (!(local_minus_cloud(kHighest) < 0)) return -1;
  if (local_minus_cloud(kLowest) <= 0) return 0;
  const double per_request = b.cloud_usd_per_request;
  const double replicas_per_request =
      b.peak_per_request / (b.tier->output_tokens_per_second * p.peak_utilisation.value);
  const double replica_cost = b.tier->gpus_per_replica * b.gpu_cost;
  // Flat part: (1 + spares) replicas.
  const double flat = ((1 + b.spares) * replica_cost + b.ops) / per_request;
  if (replicas_per_request <= 0 || flat * replicas_per_request <= 1) return flat;
  // Linear part: (v * replicas_per_request + spares) replicas.
  return (b.spares * replica_cost + b.ops) / (per_request - replicas_per_request * replica_cost);
}

}  // namespace

DerivedUtilities derived_utilities(const Pricing& p, const CostInputs& in, const Values& values) {
  return derived_from(p, make_basis(p, in, values));
}

PerOption cost_utility(const Pricing& p, const CostInputs& in, const Values& values) {
  return cost_from(p, make_basis(p, in, values));
}

PerOption budget_utility(const Pricing& p, const CostInputs& in, const Values& values) {
  return budget_from(p, make_basis(p, in, values));
}

// Every option's scored cost is a sum of non-negative terms, each constant
// or proportional to the input or max(constant, proportional) (the fleet is
// at least one replica), so d ln(cost) / d ln(x) lies in [0, 1] for each
// option and for the cheapest; ln(cost / cheapest) then moves by at most 1
// per unit of ln(x), and a cost utility 1 - ln(cost / cheapest) / ln(20),
// clamped at 0, by at most 1 / ln(20): so does the difference of two
// options' utilities (where one is clamped, only the other moves).
// Pricing figures are checked to be non-negative when they are loaded.
double cost_utility_slope() {
  return 1 / std::log(kCostRatioForZero);
}

// Each option's budget utility is a product of fraction_covered() factors in
// [0, 1], one per budget, each nonincreasing in its need: one budget moves
// its factor by at most 1 / ln 10 per unit of ln(budget), so the utility and
// the difference of two options' utilities (both nondecreasing in the
// budget) by at most that, within the stated slope of 2 / ln 10. A volume or a token
// count moves every need with d ln(need) / d ln(x) in [0, 1] when no GPU is
// owned (sums of terms constant, proportional or max(constant,
// proportional)), so each factor by at most 1 / ln 10, the product by at
// most 2 / ln 10, and the difference of two such falling utilities by no
// more: the stated slope. With GPUs owned the upfront need is the fleet less
// the owned GPUs, whose logarithm has no such bound, and no slope is claimed.
double budget_utility_slope() {
  static const double slope = 2 / std::log(kOverrunForZero);
  return slope;
}

std::pair<PerOption, PerOption> budget_utility_range() {
  return {{0.0, 0.0, 0.0}, {1.0, 1.0, 1.0}};
}

BudgetFirmness budget_firmness(const CostInputs& in, const Values& values) {
  if (in.budget_flexibility == kNoIndex) return {};
  // firm, flexible_upfront, flexible_monthly, flexible
  const std::size_t a = values[in.budget_flexibility].choice;
  return {a == 0 || a == 2, a == 0 || a == 1};
}

namespace {

// Report view of the local part serving `share` of the traffic: whole GPUs,
// what they cost to buy beyond those owned, and the cash per month.
struct WholeFleet {
  Fleet fleet;
  double upfront = 0;
  double running = 0;
};
WholeFleet whole_fleet(const Pricing& p, const Basis& b, double share, double api_bill) {
  WholeFleet w;
  w.fleet = size_fleet(p, *b.tier, b.in.requests * b.peak_per_request, share, b.spares);
  w.upfront = std::max(0.0, w.fleet.gpus - b.owned) * b.gm.purchase;
  w.running = w.fleet.gpus * b.gm.running + b.ops + api_bill * (1 - share);
  return w;
}

double local_share(const Basis& b, Option o) {
  return o == Option::local ? 1.0 : b.share;
}

// Report view, whole GPUs: what each option costs and whether it fits.
std::array<OptionCost, kOptionCount> report_costs(const Pricing& p, const Basis& b) {
  const double api_bill = b.in.requests * b.cloud_usd_per_request;
  std::array<OptionCost, kOptionCount> out{};
  OptionCost& cloud = out[index(Option::cloud)];
  cloud.monthly_usd = cloud.running_monthly_usd = api_bill;
  for (Option o : {Option::local, Option::hybrid}) {
    OptionCost& c = out[index(o)];
    const WholeFleet w = whole_fleet(p, b, local_share(b, o), api_bill);
    c.local_share = local_share(b, o);
    c.gpus = w.fleet.gpus;
    c.gpus_exact = w.fleet.gpus_exact;
    c.ops_fte = p.ops_fte.by_answer[b.in.team];
    c.ops_usd = b.ops;
    c.upfront_usd = w.upfront;
    c.running_monthly_usd = w.running;
    c.monthly_usd = c.running_monthly_usd + w.fleet.gpus * b.gm.amortised;
  }
  for (OptionCost& c : out) {
    c.tco_usd = c.monthly_usd * p.horizon_months.value;
    c.fits_upfront = c.upfront_usd <= b.in.upfront_budget;
    c.fits_monthly = c.running_monthly_usd <= b.in.monthly_budget;
  }
  return out;
}

}  // namespace

std::array<OptionCost, kOptionCount> option_costs(const Pricing& p, const CostInputs& in,
                                                  const Values& values) {
  return report_costs(p, make_basis(p, in, values));
}

bool over_firm_budget(const Pricing& p, const CostInputs& in, const Values& values, Option o) {
  const BudgetFirmness firm = budget_firmness(in, values);
  if (!firm.any()) return false;
  const Basis b = make_basis(p, in, values);
  const double api_bill = b.in.requests * b.cloud_usd_per_request;
  if (o == Option::cloud) return firm.monthly && !(api_bill <= b.in.monthly_budget);
  const WholeFleet w = whole_fleet(p, b, local_share(b, o), api_bill);
  return (firm.upfront && !(w.upfront <= b.in.upfront_budget)) ||
         (firm.monthly && !(w.running <= b.in.monthly_budget));
}

std::array<bool, kOptionCount> over_firm_budget(const CostEstimate& e) {
  std::array<bool, kOptionCount> over{};
  for (std::size_t o = 0; o < kOptionCount; ++o) {
    const OptionCost& c = e.options[o];
    over[o] = (e.firm.upfront && !c.fits_upfront) || (e.firm.monthly && !c.fits_monthly);
  }
  return over;
}

std::array<bool, kOptionCount> over_firm_budget(const Pricing& p, const CostInputs& in,
                                                const Values& values) {
  const BudgetFirmness firm = budget_firmness(in, values);
  std::array<bool, kOptionCount> over{};
  if (!firm.any()) return over;
  // The figures report_costs() compares, and only those: every confidence
  // draw and flip-point probe asks.
  const Basis b = make_basis(p, in, values);
  const double api_bill = b.in.requests * b.cloud_usd_per_request;
  over[index(Option::cloud)] = firm.monthly && !(api_bill <= b.in.monthly_budget);
  for (Option o : {Option::local, Option::hybrid}) {
    const WholeFleet w = whole_fleet(p, b, local_share(b, o), api_bill);
    over[index(o)] = (firm.upfront && !(w.upfront <= b.in.upfront_budget)) ||
                     (firm.monthly && !(w.running <= b.in.monthly_budget));
  }
  return over;
}

CostEstimate estimate_costs(const Pricing& p, const CostInputs& cin, const Questionnaire&,
                            const Values& values) {
  const Basis b = make_basis(p, cin, values);
  CostEstimate e;
  e.monthly_tokens_in = b.in.requests * b.in.tokens_in;
  e.monthly_tokens_out = b.in.requests * b.in.tokens_out;
  e.cloud_usd_per_request = b.cloud_usd_per_request;
  e.peak_output_tps = b.in.requests * b.peak_per_request;
  e.options = report_costs(p, b);
  e.horizon_months = p.horizon_months.value;
  e.firm = budget_firmness(cin, values);

  const OptionCost& cloud = e.options[index(Option::cloud)];
  const OptionCost& local = e.options[index(Option::local)];
  const double saving = cloud.running_monthly_usd - local.running_monthly_usd;
  if (saving > 0) e.payback_months = local.upfront_usd / saving;

  const DerivedUtilities u = derived_from(p, b);
  e.cost_utility = u.cost;
  e.budget_utility = u.budget;
  e.break_even_requests = break_even(p, b);
  return e;
}

}  // namespace aidecide
