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
  // Which ways to self-host the answers allow (kNoIndex: one site, online,
  // data may go to a provider's region).
  std::size_t connectivity = kNoIndex;
  std::size_t data_residency = kNoIndex;
  std::size_t sites = kNoIndex;          // optional number: sites each needing their own servers
  std::size_t online_answer = kNoIndex;  // connectivity's `online`
  std::size_t on_premises_answer = kNoIndex;  // data_residency's `on_premises`
  std::size_t cached_input =
      kNoIndex;                  // optional: percent of input tokens read from a prompt cache
  std::size_t batch = kNoIndex;  // optional: percent of the work sent through a batch API
  std::size_t project_stage = kNoIndex;  // optional: reservations only in production
  std::size_t production_answer = kNoIndex;

  // Throws InputError naming the first criterion the questionnaire lacks.
  static CostInputs resolve(const Questionnaire& q);
};

// How an option runs its models: hosted (api; `reserved` is hosted
// capacity bought by the month) or self-hosted: own (buy and amortise
// datacentre GPUs), rent (cloud GPUs by the hour), edge (one workstation
// box per site).
enum class Deployment { api, reserved, own, rent, edge };
std::string_view to_string(Deployment d);

// Memory of one replica, GB (docs/cost-model.md, "Sizing").
struct MemoryBreakdown {
  double weights = 0;
  double kv_cache = 0;  // context x concurrent sequences x KV bytes per token
  double overhead = 0;  // runtime overhead per GPU x GPUs
  double total = 0;
  double available = 0;  // GPUs x memory x usable share
};

// What one replica (or one edge box) of a self-hosted part looks like.
struct Sizing {
  const OpenModel* model = nullptr;  // into Pricing; null for no self-hosted part
  const Gpu* gpu = nullptr;
  Quantisation quantisation = Quantisation::bits16;
  int gpus_per_replica = 0;
  double replicas = 0;   // whole replicas (boxes) provisioned, spares included
  double sequences = 0;  // concurrent sequences per replica
  double context = 0;    // tokens per sequence (input + output, at most the model's context)
  MemoryBreakdown memory;
  double output_tokens_per_second = 0;  // per replica, at `sequences`
  FigureKind throughput_kind = FigureKind::estimated;
  bool estimated_figure = false;  // the catalog's figure is an estimate (confidence widens)
  bool larger_gpu = false;        // the tier's GPU cannot hold it: a larger one is used
  bool two_nodes = false;         // no single server holds it: a replica spans two
  bool fewer_sequences = false;   // long requests: fewer sequences fit than the design batch
  bool context_clipped = false;   // requests are longer than the model's context
};

// One way to self-host an option's local part, as the report shows it.
struct WayCost {
  Deployment way = Deployment::own;
  bool reserved_term = false;  // rent: a one-year reservation rather than on demand
  bool allowed = false;        // the answers allow it and the model fits its hardware
  std::string_view why_not;    // when not allowed: the reason, a sentence fragment
  double upfront_usd = 0;
  double running_monthly_usd = 0;
  double monthly_usd = 0;  // all-in, amortisation included
  double gpus = 0;
  double ops_fte = 0;
  bool fits_upfront = true;
  bool fits_monthly = true;
};
// own, rent on demand, rent reserved, edge: in that order.
inline constexpr std::size_t kWayCount = 4;

// The hosted part of an option (cloud's whole traffic, hybrid's cloud
// share): on the API, or on reserved capacity bought by the month when that
// costs less (docs/cost-model.md, "Reserved capacity").
struct HostedCost {
  bool offered = false;             // the hosted model has reserved capacity in the catalog
  bool reserved = false;            // and it costs less than the API: the part runs on it
  double units = 0;                 // whole units the peak needs (at least the minimum deployment)
  double reserved_monthly_usd = 0;  // units x price, plus the batch share on the batch API
  double api_monthly_usd = 0;       // the same traffic on the API
};

struct OptionCost {
  double upfront_usd = 0;  // hardware to buy now (GPUs beyond those already owned)
  double monthly_usd = 0;  // all-in per month: running cost plus amortisation of every GPU in use
  double running_monthly_usd = 0;  // cash per month: API bills, power, hosting, staff
  double tco_usd = 0;              // all-in over the horizon: monthly_usd x horizon
  // The same with hosted prices and rented GPUs following their yearly
  // trends (docs/cost-model.md, "Trends"); tco_usd when they are off.
  double tco_with_trends_usd = 0;
  double gpus = 0;           // whole GPUs provisioned (local part)
  double gpus_exact = 0;     // fractional GPUs the peak needs (for smooth scoring)
  double local_share = 0;    // share of traffic served locally
  double ops_fte = 0;        // operations staff (full-time equivalents), local part
  double ops_usd = 0;        // their cost per month (part of running_monthly_usd)
  bool fits_upfront = true;  // upfront_usd <= the upfront budget
  bool fits_monthly = true;  // running_monthly_usd <= the monthly budget
  // How it runs: api or reserved for cloud; the way chosen for the local part otherwise
  // (the cheapest allowed way within the budgets, else within the firm ones,
  // else the cheapest).
  Deployment deployment = Deployment::api;
  bool reserved_term = false;             // rent: reserved rather than on demand
  Sizing sizing;                          // the local part's replica (model null for cloud)
  HostedCost hosted;                      // the hosted part (none for local)
  std::array<WayCost, kWayCount> ways{};  // every way, allowed or not (local part)
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

// "API", "own GPUs", "rented GPUs", "reserved GPUs", "edge boxes".
std::string_view deployment_label(Deployment way, bool reserved_term);
std::string_view deployment_label(const OptionCost& c);

struct CostEstimate {
  std::array<OptionCost, kOptionCount> options;
  double monthly_tokens_in = 0;
  double monthly_tokens_out = 0;
  double peak_output_tps = 0;  // output-equivalent tokens per second at the peak
  double cloud_usd_per_request = 0;
  // Volume (requests per month) where local and cloud cost the same per
  // month, amortisation included; negative when local never catches up.
  double break_even_requests = -1;
  // The same at the end of the horizon, hosted prices and rents moved by
  // their yearly trends (equal to break_even_requests without trends).
  double break_even_end_requests = -1;
  double hosted_price_change_per_year = 0;
  double self_host_cost_change_per_year = 0;
  // Months until local's hardware pays for itself out of the monthly saving
  // against cloud (running costs only); negative when it does not within
  // the write-off (horizon_months), or local never costs less all-in.
  double payback_months = -1;
  double horizon_months = 0;                 // the write-off horizon the 3-year total uses
  const HostedModel* cloud_model = nullptr;  // the hosted model the cloud part uses
  double cached_input_share = 0;             // of input tokens, at the cached price
  double batch_share = 0;                    // of the work, at the batch discount
  // What the API bill would be at list price (no cache, no batch), and what
  // serving half the input tokens from the cache would save a month.
  double cloud_list_usd = 0;
  double half_cache_saving_usd = 0;
  // Volume (requests per month) above which reserved capacity costs cloud
  // less than the API (fractional units); negative when it never does or is
  // not offered.
  double reserved_break_even_requests = -1;
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
