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

namespace aidecide {
namespace {

constexpr double kHoursPerMonth = 730;
constexpr double kSecondsPerMonth = kHoursPerMonth * 3600;
// A cost 20 times the cheapest option's scores 0; twice the cheapest, 0.77.
constexpr double kCostRatioForZero = 20;
// A hybrid can start cloud-only and buy hardware later (the "start in the
// cloud, then invest" pattern), so a budget shortfall costs it half as much.
constexpr double kHybridDeferral = 0.5;

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
  const Gpu& g = p.gpus.at(tier.gpu);
  GpuMonth m;
  m.purchase = g.purchase_usd * (1 + p.server_overhead.value);
  m.amortised = m.purchase / p.amortisation_months.value;
  m.running =
      g.power_watts / 1000 * kHoursPerMonth * p.pue.value * p.electricity_usd_per_kwh.value +
      p.hosting_usd_per_gpu_month.value;
  return m;
}

double fraction_covered(double budget, double need) {
  return need <= 0 ? 1 : std::min(1.0, budget / need);
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
  if (!problems.empty()) throw InputError(std::move(problems));
  return in;
}

CostEstimate estimate_costs(const Pricing& p, const CostInputs& cin, const Questionnaire&,
                            const Values& values) {
  const Inputs in = read_inputs(cin, values);
  const CloudTier& api = p.cloud[in.tier];
  const LocalTier& tier = p.local[in.tier];
  const GpuMonth gm = gpu_month(p, tier);
  const double spares = p.spare_replicas.by_answer[in.criticality];
  const double owned = p.existing_gpus.by_answer[in.existing];
  const double ops = p.ops_fte.by_answer[in.team] * p.fte_usd_per_month.value;
  const double share = p.hybrid_local_share.by_answer[in.mix];
  const double horizon = p.horizon_months.value;

  CostEstimate e;
  e.monthly_tokens_in = in.requests * in.tokens_in;
  e.monthly_tokens_out = in.requests * in.tokens_out;
  const double api_bill = e.monthly_tokens_in / 1e6 * api.input_per_mtok +
                          e.monthly_tokens_out / 1e6 * api.output_per_mtok;
  e.cloud_usd_per_request =
      (in.tokens_in * api.input_per_mtok + in.tokens_out * api.output_per_mtok) / 1e6;
  const double tokens_per_request = in.tokens_out + in.tokens_in * p.prefill_cost_ratio.value;
  const double peak_per_request =
      tokens_per_request / kSecondsPerMonth * p.peak_factor.by_answer[in.traffic];
  e.peak_output_tps = in.requests * peak_per_request;

  // Report view, whole GPUs.
  const auto local_part = [&](double local_share, double cloud_share, OptionCost& c) {
    const Fleet f = size_fleet(p, tier, e.peak_output_tps, local_share, spares);
    c.local_share = local_share;
    c.gpus = f.gpus;
    c.gpus_exact = f.gpus_exact;
    c.upfront_usd = std::max(0.0, f.gpus - owned) * gm.purchase;
    c.running_monthly_usd = f.gpus * gm.running + ops + api_bill * cloud_share;
    c.monthly_usd = c.running_monthly_usd + f.gpus * gm.amortised;
  };
  OptionCost& cloud = e.options[index(Option::cloud)];
  cloud.monthly_usd = cloud.running_monthly_usd = api_bill;
  local_part(1.0, 0.0, e.options[index(Option::local)]);
  local_part(share, 1.0 - share, e.options[index(Option::hybrid)]);
  for (auto& c : e.options) {
    c.tco_usd = c.monthly_usd * horizon;
    c.fits_upfront = c.upfront_usd <= in.upfront_budget;
    c.fits_monthly = c.running_monthly_usd <= in.monthly_budget;
  }

  const OptionCost& local = e.options[index(Option::local)];
  const double saving = cloud.running_monthly_usd - local.running_monthly_usd;
  if (saving > 0) e.payback_months = local.upfront_usd / saving;

  // Scoring view: fractional fleet, every GPU at its amortised value.
  const double gpu_cost = gm.amortised + gm.running;
  const auto scored_cost = [&](double requests, double local_share) {
    if (local_share <= 0) return requests * e.cloud_usd_per_request;
    const Fleet f = size_fleet(p, tier, requests * peak_per_request, local_share, spares);
    return f.gpus_exact * gpu_cost + ops + requests * e.cloud_usd_per_request * (1 - local_share);
  };
  const PerOption scored{scored_cost(in.requests, 0), scored_cost(in.requests, 1),
                         scored_cost(in.requests, share)};
  const double cheapest = *std::min_element(scored.begin(), scored.end());
  for (Option o : kOptions) {
    const double c = scored[index(o)];
    e.cost_utility[index(o)] =
        cheapest <= 0 ? (c <= 0 ? 1.0 : 0.0)
                      : std::max(0.0, 1 - std::log(c / cheapest) / std::log(kCostRatioForZero));
  }

  // Break-even: the scoring view's local/cloud ratio falls with volume, so
  // there is at most one crossing; bisect over log volume.
  const auto local_minus_cloud = [&](double v) { return scored_cost(v, 1) - scored_cost(v, 0); };
  double lo = 1, hi = 1e13;
  if (local_minus_cloud(hi) < 0) {
    if (local_minus_cloud(lo) <= 0) {
      e.break_even_requests = 0;
    } else {
      for (int i = 0; i < 200 && hi / lo > 1 + 1e-9; ++i) {
        const double mid = std::sqrt(lo * hi);
        (local_minus_cloud(mid) > 0 ? lo : hi) = mid;
      }
      e.break_even_requests = hi;
    }
  }

  // Budget: can the budgets start and run a minimal deployment at all?
  const double min_gpus = (1 + spares) * tier.gpus_per_replica;
  const double start_upfront = std::max(0.0, min_gpus - owned) * gm.purchase;
  const double floor_monthly = ops + min_gpus * gm.running;
  const double local_fit = fraction_covered(in.upfront_budget, start_upfront) *
                           fraction_covered(in.monthly_budget, floor_monthly);
  e.budget_utility = {1.0, local_fit, kHybridDeferral + (1 - kHybridDeferral) * local_fit};
  return e;
}

}  // namespace aidecide
