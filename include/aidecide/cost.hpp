// SPDX-License-Identifier: MIT
#pragma once
// The cost model: monthly, upfront and 3-year cost of each option for one set
// of answers. Pure arithmetic over Pricing; see docs/cost-model.md.

#include "aidecide/names.hpp"
#include "aidecide/pricing.hpp"
#include "aidecide/questionnaire.hpp"

namespace aidecide {

// Indices of the criteria the cost model reads, resolved once per process.
struct CostInputs {
  std::size_t monthly_requests = kNoIndex;
  std::size_t tokens_in = kNoIndex;
  std::size_t tokens_out = kNoIndex;
  std::size_t traffic_pattern = kNoIndex;
  std::size_t model_capability = kNoIndex;
  std::size_t team_mlops = kNoIndex;
  std::size_t existing_gpus = kNoIndex;
  std::size_t criticality = kNoIndex;
  std::size_t workload_mix = kNoIndex;
  std::size_t upfront_budget = kNoIndex;
  std::size_t monthly_budget = kNoIndex;
  // Optional (kNoIndex: both budgets firm): which budgets may be exceeded.
  std::size_t budget_flexibility = kNoIndex;

  // Throws InputError naming the first criterion the questionnaire lacks.
  static CostInputs resolve(const Questionnaire& q);
};

struct OptionCost {
  double upfront_usd = 0;  // hardware to buy now (GPUs beyond those already owned)
  double monthly_usd = 0;  // all-in per month: running cost plus amortisation of every GPU in use
  double running_monthly_usd = 0;  // cash per month: API bills, power, hosting, staff
  double tco_usd = 0;              // all-in over the horizon: monthly_usd x horizon
  double gpus = 0;                 // whole GPUs provisioned (local part)
  double gpus_exact = 0;           // fractional GPUs the peak needs (for smooth scoring)
  double local_share = 0;          // share of traffic served locally
  double ops_fte = 0;              // operations staff (full-time equivalents), local part
  double ops_usd = 0;              // their cost per month (part of running_monthly_usd)
  bool fits_upfront = true;        // upfront_usd <= the upfront budget
  bool fits_monthly = true;        // running_monthly_usd <= the monthly budget
};

// Which budgets are firm limits (budget_flexibility): an option over a firm
// budget is ruled out while another option not vetoed fits (engine.hpp).
struct BudgetFirmness {
  bool upfront = true;
  bool monthly = true;
  bool any() const { return upfront || monthly; }
};
BudgetFirmness budget_firmness(const CostInputs& in, const Values& values);

// Per option, whether it is over a firm budget (report view: whole GPUs),
// without the rest of the estimate: what every confidence draw and
// flip-point probe needs to apply the budgets.
std::array<bool, kOptionCount> over_firm_budget(const Pricing& p, const CostInputs& in,
                                                const Values& values);
// The same for one option: what a confidence draw asks of the option that
// wins it on the scores (the rule only matters when that one is over).
bool over_firm_budget(const Pricing& p, const CostInputs& in, const Values& values, Option o);
// The report view of each option alone (whole GPUs, budget fit), as in
// estimate_costs() but without the utilities and break-even.
std::array<OptionCost, kOptionCount> option_costs(const Pricing& p, const CostInputs& in,
                                                  const Values& values);

struct CostEstimate {
  std::array<OptionCost, kOptionCount> options;
  double monthly_tokens_in = 0;
  double monthly_tokens_out = 0;
  double peak_output_tps = 0;  // output-equivalent tokens per second at the peak
  double cloud_usd_per_request = 0;
  // Volume (requests per month) where local and cloud cost the same per
  // month, amortisation included; negative when local never catches up.
  double break_even_requests = -1;
  // Months until local's hardware pays for itself out of the monthly saving
  // against cloud (running costs only); negative when it never does.
  double payback_months = -1;
  double horizon_months = 0;  // the write-off horizon the 3-year total uses
  BudgetFirmness firm;
  // Utilities in [0, 1] for the derived criteria.
  PerOption cost_utility{};
  PerOption budget_utility{};
};

CostEstimate estimate_costs(const Pricing& p, const CostInputs& in, const Questionnaire& q,
                            const Values& values);

// Per option, whether it is over a firm budget, read off an estimate already
// made (its fits and firmness): what over_firm_budget() computes afresh.
std::array<bool, kOptionCount> over_firm_budget(const CostEstimate& e);

}  // namespace aidecide
