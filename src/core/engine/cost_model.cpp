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
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>

#include "aidecide/cost.hpp"
#include "engine/cost_model.hpp"
#include "util/remembered_log.hpp"

namespace aidecide {

std::string_view to_string(Deployment d) {
  switch (d) {
    case Deployment::api:
      return "api";
    case Deployment::reserved:
      return "reserved";
    case Deployment::own:
      return "own";
    case Deployment::rent:
      return "rent";
    case Deployment::edge:
      break;
  }
  return "edge";
}

std::string_view deployment_label(Deployment way, bool reserved_term) {
  switch (way) {
    case Deployment::api:
      return "API";
    case Deployment::reserved:
      return "reserved API";
    case Deployment::own:
      return "own GPUs";
    case Deployment::rent:
      return reserved_term ? "reserved GPUs" : "rented GPUs";
    case Deployment::edge:
      break;
  }
  return "edge boxes";
}

std::string_view deployment_label(const OptionCost& c) {
  return deployment_label(c.deployment, c.reserved_term);
}

namespace {

constexpr double kHoursPerMonth = 730;
constexpr double kSecondsPerMonth = kHoursPerMonth * 3600;
constexpr double kMinutesPerMonth = kHoursPerMonth * 60;
// A cost 20 times the cheapest option's scores 0; twice the cheapest, 0.77.
constexpr double kCostRatioForZero = 20;

// No default member initialisers here or in Basis: read_inputs() and
// make_basis() set every field, and zeroing them first (a `rep stos` on every
// draw and probe) cost more than the reading.
struct Inputs {
  double requests;
  double tokens_in;
  double tokens_out;
  std::size_t traffic, tier, team, existing, criticality, mix;
  double upfront_budget;
  double monthly_budget;
  double sites;
  bool online;       // connectivity: online
  bool on_premises;  // data_residency: on_premises
  bool production;   // project_stage: production (a reservation's year is safe)
  double cached;     // share of input tokens read from a prompt cache
  double batch;      // share of the work through a batch API
};

// A percent answer as a share in [0, 1]; 0 without the criterion.
double share_answer(std::size_t i, const Values& v) {
  return i != kNoIndex ? std::clamp(v[i].number / 100, 0.0, 1.0) : 0.0;
}

// Written field by field into the basis: a whole Inputs built on the stack
// and copied in was read back wider than written (a store-forwarding stall
// on every draw, an eighth of the scoring time).
void read_inputs(const CostInputs& in, const Values& v, Inputs& r) {
  r.requests = v[in.monthly_requests].number;
  r.tokens_in = v[in.tokens_in].number;
  r.tokens_out = v[in.tokens_out].number;
  r.traffic = v[in.traffic_pattern].choice;
  r.tier = v[in.model_capability].choice;
  r.team = v[in.team_mlops].choice;
  r.existing = v[in.existing_gpus].choice;
  r.criticality = v[in.criticality].choice;
  r.mix = v[in.workload_mix].choice;
  r.upfront_budget = v[in.upfront_budget].number;
  r.monthly_budget = v[in.monthly_budget].number;
  // Whole sites: 2.5 ships need servers on three. A whole number of them
  // (nearly always) is taken as it is: std::ceil is a library call here.
  r.sites = 1.0;
  if (in.sites != kNoIndex) {
    const double x = v[in.sites].number;
    r.sites = x >= 1 && x <= 1e15 && x == static_cast<double>(static_cast<std::int64_t>(x))
                  ? x
                  : std::max(1.0, std::ceil(x - 1e-9));
  }
  r.online = in.connectivity == kNoIndex || v[in.connectivity].choice == in.online_answer;
  r.on_premises =
      in.data_residency != kNoIndex && v[in.data_residency].choice == in.on_premises_answer;
  r.cached = share_answer(in.cached_input, v);
  r.batch = share_answer(in.batch, v);
  r.production = in.project_stage == kNoIndex || v[in.project_stage].choice == in.production_answer;
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
  const double ratio = (need + allowance) / (budget + allowance);
  // Clearly past the overrun that scores 0 (a fifth of the calls): the
  // logarithm would give exactly 0 too, as in cost_utilities().
  if (ratio > kOverrunForZero * (1 + 1e-9)) return 0;
  static const double log_zero = std::log(kOverrunForZero);
  return std::max(0.0, 1 - remembered_log(ratio) / log_zero);
}

// A replica's shape at one context: the first of the ladder's shapes that
// holds the design number of sequences, else its fallback with as many as
// fit (throughput in proportion). No shape when not one sequence fits.
// No default member initialisers here or in Way: a Basis holds eight Ways
// and is made for every confidence draw and flip probe; zeroing them field
// by field first (a `rep stos` per Way) cost more than the arithmetic.
struct Shape {
  const ReplicaShape* shape;
  double sequences;
  double tps;
  bool fewer;
};

Shape resolve(const ReplicaLadder& ladder, double context) {
  if (ladder.empty()) return {nullptr, 0, 0, false};
  const double kv_per_sequence = ladder.kv_gb_per_token * context;
  const double want = ladder.design_sequences;
  for (const ReplicaShape& s : ladder.shapes) {
    if (s.free_gb >= want * kv_per_sequence) return {&s, want, s.output_tokens_per_second, false};
  }
  const ReplicaShape& f = ladder.shapes[ladder.fallback];
  const double fit = std::floor(f.free_gb / kv_per_sequence);
  if (!(fit >= 1)) return {nullptr, 0, 0, false};
  return {&f, fit, f.output_tokens_per_second * fit / want, true};
}

// One way to run a local part, as a function of the units it provisions
// (replicas, or boxes at the edge): units = max(n, v x k) + n x spares at a
// volume v (requests a month), fractional for the score and whole in the
// report. Every cost is a sum of terms constant or proportional to units.
struct Way {
  bool allowed;
  std::string_view why_not;
  Deployment deployment;
  bool reserved;
  Shape shape;
  double k;       // units per monthly request at the share served (at the peak)
  double n;       // locations: one unit at least at each
  double spares;  // per location
  double unit_gpus;
  double gpu_purchase;  // per GPU bought
  double box_purchase;  // per unit, besides its GPUs (an edge workstation)
  double owned;         // GPUs already owned that this way uses
  double unit_amortised;
  double unit_running;  // power, hosting, rent, upkeep per unit and month
  double unit_fte;
  double fixed_fte;
  double fte_usd;

  double units_exact(double v) const { return std::max(n, v * k) + n * spares; }
  // n is whole already (read_inputs() rounds the sites up).
  double units_whole(double v) const {
    return n * (std::ceil(std::max(1.0, v * k / n) - 1e-9) + spares);
  }
  double upfront(double units) const {
    return std::max(0.0, units * unit_gpus - owned) * gpu_purchase + units * box_purchase;
  }
  double fte(double units) const { return fixed_fte + units * unit_gpus * unit_fte; }
  double running(double units) const { return units * unit_running + fte(units) * fte_usd; }
};

using Ways = std::array<Way, kWayCount>;  // own, rent on demand, rent reserved, edge

// The ways of both self-hosted parts: the whole workload, hybrid's local part.
struct Fleet {
  Ways local;
  Ways hybrid;  // k already times the share
};

// What both views of the cost model derive from the answers.
struct Basis {
  Inputs in;
  const TierPlan* plan;
  double context;  // tokens per sequence, at most the model's context
  double cloud_usd_per_request;
  double peak_per_request;  // output-equivalent tokens per second at the peak, per monthly request
  double share;             // hybrid's local share
  // Reserved hosted capacity (reserved_unit_usd 0: not offered): units the
  // peak needs per monthly request sent to the cloud, the smallest
  // deployment and step, and the batch share's bill per request (batch work
  // stays on the batch API).
  double reserved_k;
  double reserved_min;
  double reserved_step;
  double reserved_unit_usd;
  double batch_usd_per_request;
  const Fleet* fleet;  // in the caller's room or the memo (FleetMemo)
};

double gpu_power_month(const Pricing& p, const Gpu& g) {
  return g.power_watts / 1000 * kHoursPerMonth * p.pue.value * p.electricity_usd_per_kwh.value;
}

// A way that is not allowed, every field set (see Shape).
Way not_allowed(Deployment d, bool reserved, std::string_view why) {
  return {false, why, d, reserved, {nullptr, 0, 0, false}, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
}

// A part's replica shapes at the basis's context: the own ladder's, and the
// edge ladder's where the edge way is considered at all.
struct PartShapes {
  Shape own;
  Shape edge;
  bool edge_read;
};

// The edge way is considered for sites that are offline, intermittent or
// several: only then are the edge box's ladders read.
bool reads_edge(const Inputs& in) {
  return !(in.online && in.sites < 2);
}

PartShapes resolve_part(const Basis& b, const ReplicaLadder& own_ladder,
                        const ReplicaLadder& edge_ladder) {
  PartShapes s{resolve(own_ladder, std::min(b.context, own_ladder.context)),
               {nullptr, 0, 0, false},
               reads_edge(b.in)};
  if (s.edge_read) s.edge = resolve(edge_ladder, std::min(b.context, edge_ladder.context));
  return s;
}

bool same_shape(const Shape& a, const Shape& b) {
  return a.shape == b.shape &&
         std::bit_cast<std::uint64_t>(a.sequences) == std::bit_cast<std::uint64_t>(b.sequences) &&
         std::bit_cast<std::uint64_t>(a.tps) == std::bit_cast<std::uint64_t>(b.tps) &&
         a.fewer == b.fewer;
}

bool same_shapes(const PartShapes& a, const PartShapes& b) {
  return same_shape(a.own, b.own) && same_shape(a.edge, b.edge) && a.edge_read == b.edge_read;
}

// Units per monthly request of a way on shape `s`: the one figure of a way
// that moves with the token counts and the traffic's peak.
double units_per_request(const Pricing& p, const Basis& b, const Shape& s, double share) {
  return b.peak_per_request * share / (s.tps * p.peak_utilisation.value);
}

// Sets every way's units per request for the basis's peak, the shapes as they are.
void set_units_per_request(Ways& w, const Pricing& p, const Basis& b, const PartShapes& shapes,
                           double share) {
  if (shapes.own.shape != nullptr) {
    const double k = units_per_request(p, b, shapes.own, share);
    w[0].k = w[1].k = w[2].k = k;
  }
  if (shapes.edge.shape != nullptr) w[3].k = units_per_request(p, b, shapes.edge, share);
}

// Fills `w` in place (a copy of four Ways per part was a `rep movs` per draw).
void make_ways(Ways& w, const Pricing& p, const Basis& b, const PartShapes& shapes, double share) {
  w[0] = not_allowed(Deployment::own, false, "the model fits none of its GPUs");
  w[1] = not_allowed(Deployment::rent, false, "the model fits none of its GPUs");
  w[2] = not_allowed(Deployment::rent, true, "the model fits none of its GPUs");
  w[3] = not_allowed(Deployment::edge, false, "the model fits none of its GPUs");
  const Inputs& in = b.in;
  const double spares = p.spare_replicas.by_answer[in.criticality];
  const double base_fte =
      p.ops_fte.by_answer[in.team] + (spares > 0 ? p.ops_fte_on_call.value : 0.0);
  const auto common = [&](Way& x, const Shape& s) {
    x.shape = s;
    x.spares = spares;
    x.unit_gpus = s.shape->gpus;
    x.fte_usd = p.fte_usd_per_month.value;
    x.fixed_fte = base_fte;
    x.k = units_per_request(p, b, s, share);
  };
  const Shape& own = shapes.own;
  if (own.shape != nullptr) {
    const Gpu& g = *own.shape->gpu;
    const double bought = g.purchase_usd * (1 + p.server_overhead.value);
    // Own: datacentre GPUs bought and hosted; offline or intermittent sites
    // each need their own servers.
    Way& o = w[0];
    common(o, own);
    o.allowed = true;
    o.n = in.online ? 1.0 : in.sites;
    o.gpu_purchase = bought;
    o.owned = p.existing_gpus.by_answer[in.existing];
    o.unit_amortised = o.unit_gpus * bought / p.amortisation_months.value;
    o.unit_running = o.unit_gpus * (gpu_power_month(p, g) + p.hosting_usd_per_gpu_month.value);
    o.unit_fte = p.ops_fte_per_gpu_owned.value;
    o.fixed_fte += o.n * p.ops_fte_per_site.value;
    // Rent: the same replicas on cloud GPUs by the hour; only online and
    // where the data may leave the premises.
    const bool may_rent = in.online && !in.on_premises;
    for (bool reserved : {false, true}) {
      Way& r = w[reserved ? 2 : 1];
      const double rate = reserved ? g.rent_reserved_usd_per_hour : g.rent_usd_per_hour;
      common(r, own);
      r.allowed = may_rent && rate > 0 && (!reserved || in.production);
      r.why_not = !in.online       ? "the site is not always online"
                  : in.on_premises ? "the data must stay on premises"
                  : rate <= 0      ? "the catalog has no such rent for the GPU"
                                   : "a one-year reservation suits a production workload only";
      // Both sized for the peak: GPUs must be there whether or not they are
      // busy; pricing busy hours only flatters self-hosting (llm-d #1646).
      r.unit_running = r.unit_gpus * rate * kHoursPerMonth;
      r.unit_fte = p.ops_fte_per_gpu_rented.value;
    }
  }
  // Edge: one workstation per site, for sites that are offline, intermittent
  // or several (the ladder is only read then).
  if (!shapes.edge_read) {
    w[3].why_not = "one site that is always online";
    return;
  }
  const Shape& edge = shapes.edge;
  if (edge.shape == nullptr) {
    w[3].why_not = "the model does not fit an edge box";
  } else {
    const Gpu& g = *edge.shape->gpu;
    Way& e = w[3];
    common(e, edge);
    e.allowed = true;
    e.n = in.sites;
    e.gpu_purchase = g.purchase_usd;
    e.box_purchase = p.edge_box_usd.value;
    e.unit_amortised =
        (e.unit_gpus * g.purchase_usd + e.box_purchase) / p.amortisation_months.value;
    e.unit_running = e.unit_gpus * gpu_power_month(p, g) + p.edge_site_usd_per_month.value;
    e.unit_fte = 0;  // a box's care is in the per-site figure
    e.fixed_fte += e.n * p.ops_fte_per_site.value;
  }
}

// What one request costs at the hosted model's prices: input tokens from the
// prompt cache at the cached price, the batch share at the batch discount.
// At list price, before the batch discount.
double api_list_usd_per_request(const HostedModel& api, const Inputs& in, double cached) {
  const double input =
      in.tokens_in * ((1 - cached) * api.input_per_mtok + cached * api.cached_input_per_mtok);
  return (input + in.tokens_out * api.output_per_mtok) / 1e6;
}

double api_usd_per_request(const HostedModel& api, const Inputs& in, double cached) {
  return api_list_usd_per_request(api, in, cached) * (1 - in.batch * api.batch_discount);
}

// Every answer and price make_ways() reads but the token counts and the
// peak: the pricing and plan by address, which a CostMemoScope keeps fixed
// while it lives.
struct FleetKey {
  const Pricing* pricing;
  const TierPlan* plan;
  double share, sites;
  std::size_t team, existing, criticality;
  bool online, on_premises, production;
  bool operator==(const FleetKey&) const = default;
};

// Confidence draws and flip probes mostly move the volume, the budgets or
// the weights, which the ways do not read: they are remembered per thread
// while a CostMemoScope is open (a third of a decision's time went to them).
// Token counts and the peak move only the shapes (a step function of the
// context) and each way's units per request: with the shapes unchanged a
// remembered fleet takes the new units per request, not a rebuild.
class FleetMemo {
 public:
  const Fleet& find(const Pricing& p, const Basis& b) {
    const FleetKey key{&p,
                       b.plan,
                       b.share,
                       b.in.sites,
                       b.in.team,
                       b.in.existing,
                       b.in.criticality,
                       b.in.online,
                       b.in.on_premises,
                       b.in.production};
    std::uint64_t h = 0;
    for (double x : {key.share, key.sites})
      h = (h ^ std::bit_cast<std::uint64_t>(x)) * 0x9E3779B97F4A7C15ULL;
    h ^= ((key.team * 31 + key.existing) * 31 + key.criticality) * 4 + key.online * 2 +
         key.on_premises + reinterpret_cast<std::uintptr_t>(key.plan);
    h *= 0x9E3779B97F4A7C15ULL;
    std::unique_ptr<Slot>& slot = m_slots[(h ^ (h >> 29)) % kSlots];
    if (!slot) slot = std::make_unique<Slot>();
    Slot& s = *slot;
    const bool same_key = s.used && s.key == key;
    const bool same_context = same_key && s.context == b.context;
    if (same_context && s.peak == b.peak_per_request) return s.fleet;
    // The shapes read the context alone: at the same context they hold.
    PartShapes local = s.local, hybrid = s.hybrid;
    if (!same_context) {
      local = resolve_part(b, b.plan->own_local, b.plan->edge_local);
      hybrid = resolve_part(b, b.plan->own_hybrid, b.plan->edge_hybrid);
    }
    if (same_key && same_shapes(local, s.local) && same_shapes(hybrid, s.hybrid)) {
      set_units_per_request(s.fleet.local, p, b, local, 1.0);
      set_units_per_request(s.fleet.hybrid, p, b, hybrid, b.share);
    } else {
      make_ways(s.fleet.local, p, b, local, 1.0);
      make_ways(s.fleet.hybrid, p, b, hybrid, b.share);
      s.key = key;
      s.local = local;
      s.hybrid = hybrid;
      s.used = true;
    }
    s.context = b.context;
    s.peak = b.peak_per_request;
    return s.fleet;
  }
  bool active() const { return m_depth > 0; }
  void enter() {
    if (m_depth++ == 0)
      for (auto& s : m_slots)
        if (s) s->used = false;
  }
  void leave() { --m_depth; }

 private:
  static constexpr std::size_t kSlots = 32;
  struct Slot {
    bool used = false;
    FleetKey key{};
    double context = 0, peak = 0;
    PartShapes local{}, hybrid{};
    Fleet fleet;
  };
  // Made on first use: 32 slots in place would be 48 KiB of thread-local
  // storage that every thread and every process start clears.
  std::array<std::unique_ptr<Slot>, kSlots> m_slots;
  int m_depth = 0;
};

thread_local FleetMemo t_fleets;

// The hosted figures of a basis whose inputs and plan are set: all that
// the cache and batch shares move.
void set_hosted(Basis& b, const Pricing& p) {
  const HostedModel& api = *b.plan->cloud;
  b.cloud_usd_per_request = api_usd_per_request(api, b.in, b.in.cached);
  if (const ProvisionedCapacity& pc = api.provisioned; pc.offered()) {
    // Interactive work on the units, sized for its peak; tokens read from
    // the prompt cache do not count against them.
    const double weighted =
        b.in.tokens_in * (1 - b.in.cached) + b.in.tokens_out * pc.output_token_weight;
    b.reserved_k = weighted * (1 - b.in.batch) / kMinutesPerMonth *
                   p.peak_factor.by_answer[b.in.traffic] / pc.input_tpm_per_unit;
    b.reserved_min = pc.min_units;
    b.reserved_step = pc.unit_increment;
    b.reserved_unit_usd = pc.usd_per_unit_month;
    b.batch_usd_per_request =
        api_list_usd_per_request(api, b.in, b.in.cached) * b.in.batch * (1 - api.batch_discount);
  } else {
    b.reserved_k = b.reserved_min = b.reserved_unit_usd = b.batch_usd_per_request = 0;
    b.reserved_step = 1;
  }
}

Basis make_basis(const Pricing& p, const CostInputs& cin, const Values& values, Fleet& room) {
  Basis b;
  read_inputs(cin, values, b.in);
  b.plan = &p.plans[b.in.tier];
  b.share = p.hybrid_local_share.by_answer[b.in.mix];
  set_hosted(b, p);
  const double tokens_per_request = b.in.tokens_out + b.in.tokens_in * p.prefill_cost_ratio.value;
  b.peak_per_request =
      tokens_per_request / kSecondsPerMonth * p.peak_factor.by_answer[b.in.traffic];
  b.context = b.in.tokens_in + b.in.tokens_out;
  if (t_fleets.active()) {
    b.fleet = &t_fleets.find(p, b);
  } else {
    make_ways(room.local, p, b, resolve_part(b, b.plan->own_local, b.plan->edge_local), 1.0);
    make_ways(room.hybrid, p, b, resolve_part(b, b.plan->own_hybrid, b.plan->edge_hybrid), b.share);
    b.fleet = &room;
  }
  return b;
}

const Ways& ways_of(const Basis& b, Option o) {
  return o == Option::local ? b.fleet->local : b.fleet->hybrid;
}

double local_share(const Basis& b, Option o) {
  return o == Option::local ? 1.0 : o == Option::hybrid ? b.share : 0.0;
}

// What `volume` requests a month cost hosted: on the API, or on reserved
// capacity when that costs less. Fractional units for the score (max(minimum,
// v x k): the slope argument holds), whole steps for the report.
HostedCost hosted_bill(const Basis& b, double volume, bool whole) {
  HostedCost h;
  h.api_monthly_usd = volume * b.cloud_usd_per_request;
  h.offered = b.reserved_unit_usd > 0 && volume > 0;
  if (!h.offered) return h;
  const double need = volume * b.reserved_k;
  h.units = whole ? std::ceil(need / b.reserved_step - 1e-9) * b.reserved_step : need;
  h.units = std::max(b.reserved_min, h.units);
  h.reserved_monthly_usd = h.units * b.reserved_unit_usd + volume * b.batch_usd_per_request;
  h.reserved = h.reserved_monthly_usd < h.api_monthly_usd;
  return h;
}

double hosted_usd(const HostedCost& h) {
  return h.reserved ? h.reserved_monthly_usd : h.api_monthly_usd;
}

// The hosted bill of the share an option sends to the cloud.
double api_part(const Basis& b, Option o, bool whole) {
  // Local sends nothing: hosted_bill() of a zero volume is its API line,
  // this very product, and each pass asks for it twice.
  if (o == Option::local) return b.in.requests * 0.0 * b.cloud_usd_per_request;
  return hosted_usd(hosted_bill(b, b.in.requests * (1 - local_share(b, o)), whole));
}

// The cost utilities from each option's scored cost: the cheapest scores
// 1, one costing kCostRatioForZero times as much 0, on a log scale between.
PerOption cost_utilities(const PerOption& scored) {
  PerOption u{};
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
      u[index(o)] = std::max(0.0, 1 - remembered_log(c / cheapest) / log_ratio_for_zero);
    }
  }
  return u;
}

// The scoring view's two rows, as asked, from one walk over the options and
// their ways (each way's units and running cost serve both rows).
//
// Cost: the cheapest allowed way, fractional units, every GPU at its
// amortised value. A minimum of costs each a sum of terms constant or
// proportional to the inputs keeps the slope argument of
// cost_utility_slope().
//
// Budget: each option's own needs against the budgets, scored on the same
// fractional units as the cost row (so it moves smoothly with the
// budgets): within a budget 1, over it falling with the overrun; the two
// budgets multiply; the best allowed way counts. Nondecreasing in either
// budget (Dependencies::of and the flip-point search rely on it).
DerivedUtilities utilities_from(const Basis& b, bool cost, bool budget) {
  DerivedUtilities u;
  PerOption scored{};
  const double cloud = api_part(b, Option::cloud, false);
  scored[index(Option::cloud)] = cloud;
  if (budget)
    u.budget[index(Option::cloud)] =
        fraction_covered(b.in.monthly_budget, cloud, kMonthlyAllowance);
  for (Option o : {Option::local, Option::hybrid}) {
    const double hosted = api_part(b, o, false);
    double cheapest = std::numeric_limits<double>::infinity();
    double best = 0;
    for (const Way& w : ways_of(b, o)) {
      if (!w.allowed) continue;
      const double units = w.units_exact(b.in.requests);
      const double running = w.running(units);
      // All in: running, and every unit at its amortised price.
      if (cost) cheapest = std::min(cheapest, running + units * w.unit_amortised);
      if (!budget) continue;
      // Each factor is at most 1, so a way whose first factor is no more
      // than the best so far cannot raise it: its second (a logarithm when
      // over) is not taken.
      const double upfront =
          fraction_covered(b.in.upfront_budget, w.upfront(units), kUpfrontAllowance);
      if (!(upfront > best)) continue;
      best = std::max(best, upfront * fraction_covered(b.in.monthly_budget, running + hosted,
                                                       kMonthlyAllowance));
    }
    scored[index(o)] = cheapest + hosted;
    u.budget[index(o)] = best;
  }
  if (cost) {
    u.scored = scored;
    u.cost = cost_utilities(scored);
  }
  return u;
}

// Break-even of the scoring view, solved exactly way by way: a way costs
// F + H x max(n, v x k) at volume v (F: fixed staff and spares, H: one
// unit's month), cloud costs c x v. Each way catches up from one volume on
// (or never: F >= 0 and the flat part only loses ground), so the lowest of
// those volumes is where local first costs no more than cloud. Negative
// when no way ever does. With reserved capacity c is the lower of the API's
// and the capacity's price per request above its minimum: local at or below
// that line costs no more than cloud either way (exact past the minimum).
double break_even(const Basis& b) {
  double c = b.cloud_usd_per_request;
  if (b.reserved_unit_usd > 0)
    c = std::min(c, b.reserved_k * b.reserved_unit_usd + b.batch_usd_per_request);
  double best = -1;
  if (!(c > 0)) return best;
  for (const Way& w : b.fleet->local) {
    if (!w.allowed) continue;
    const double h = w.unit_running + w.unit_amortised + w.unit_gpus * w.unit_fte * w.fte_usd;
    const double f = w.fixed_fte * w.fte_usd + h * w.n * w.spares;
    double v = (f + h * w.n) / c;  // on the flat part
    if (!(v * w.k <= w.n)) {
      if (!(c > h * w.k)) continue;
      v = f / (c - h * w.k);
    }
    if (best < 0 || v < best) best = v;
  }
  return best;
}

}  // namespace

CostMemoScope::CostMemoScope() {
  t_fleets.enter();
}
CostMemoScope::~CostMemoScope() {
  t_fleets.leave();
}

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
  // Optional: without them every site is online, one, and may rent.
  const auto optional_answer = [&](std::size_t& slot, std::size_t& answer, std::string_view id,
                                   std::string_view answer_id) {
    const std::size_t i = q.index_of(id);
    if (i == kNoIndex) return;
    const Criterion& c = q.criteria[i];
    if (c.kind == CriterionKind::choice) {
      for (std::size_t a = 0; a < c.answers.size(); ++a) {
        if (c.answers[a].id == answer_id) slot = i, answer = a;
      }
    }
    if (slot == kNoIndex) {
      problems.push_back({q.source,
                          {},
                          fmt::format("the cost model needs '{}' to be a choice with an answer "
                                      "'{}'",
                                      id, answer_id)});
    }
  };
  optional_answer(in.connectivity, in.online_answer, "connectivity", "online");
  optional_answer(in.data_residency, in.on_premises_answer, "data_residency", "on_premises");
  optional_answer(in.project_stage, in.production_answer, "project_stage", "production");
  for (const auto& [slot, id] : {std::pair{&in.cached_input, "cached_input_percent"},
                                 std::pair{&in.batch, "batch_percent"}}) {
    const std::size_t i = q.index_of(id);
    if (i == kNoIndex) continue;
    if (q.criteria[i].kind == CriterionKind::number)
      *slot = i;
    else
      problems.push_back(
          {q.source, {}, fmt::format("the cost model needs '{}' to be a number criterion", id)});
  }
  if (const std::size_t i = q.index_of("sites"); i != kNoIndex) {
    if (q.criteria[i].kind == CriterionKind::number)
      in.sites = i;
    else
      problems.push_back({q.source, {}, "the cost model needs 'sites' to be a number criterion"});
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return in;
}

PerOption cost_utility(const Pricing& p, const CostInputs& in, const Values& values) {
  return derived_utilities(p, in, values, true, false, nullptr).cost;
}

PerOption budget_utility(const Pricing& p, const CostInputs& in, const Values& values) {
  return derived_utilities(p, in, values, false, true, nullptr).budget;
}

// Every way's scored cost is a sum of non-negative terms, each constant or
// proportional to the input or max(constant, proportional) (at least one
// unit per location), with the replica's shape fixed, so d ln(cost) /
// d ln(x) lies in [0, 1] for each way, for their minimum and for the
// cheapest option; ln(cost / cheapest) then moves by at most 1 per unit of
// ln(x), and a cost utility 1 - ln(cost / cheapest) / ln(20), clamped at 0,
// by at most 1 / ln(20): so does the difference of two options' utilities
// (where one is clamped, only the other moves). The shape changes with the
// tokens at sizing_edges(), which the flip-point walk never skips across.
// Pricing figures are checked to be non-negative when they are loaded.
double cost_utility_slope() {
  return 1 / std::log(kCostRatioForZero);
}

// Each option's budget utility is the best way's product of
// fraction_covered() factors in [0, 1], one per budget, each nonincreasing
// in its need: one budget moves its factor by at most 1 / ln 10 per unit of
// ln(budget), so the utility and the difference of two options' utilities
// (both nondecreasing in the budget) by at most that, within the stated
// slope of 2 / ln 10. A volume or a token count moves every need with d
// ln(need) / d ln(x) in [0, 1] when no GPU is owned (sums of terms constant,
// proportional or max(constant, proportional)), so each factor by at most
// 1 / ln 10, the product by at most 2 / ln 10, the best of the ways and the
// difference of two such falling utilities by no more: the stated slope.
// With GPUs owned the upfront need is the fleet less the owned GPUs, whose
// logarithm has no such bound, and no slope is claimed.
double budget_utility_slope() {
  static const double slope = 2 / std::log(kOverrunForZero);
  return slope;
}

std::pair<PerOption, PerOption> budget_utility_range() {
  return {{0.0, 0.0, 0.0}, {1.0, 1.0, 1.0}};
}

// An option's cost utility falls as its own cost rises and rises with the
// cheapest option's (cost_utilities()): lowest at its highest cost against
// the others at their lowest, highest the other way round. Widened by
// 1e-9 against rounding.
std::pair<PerOption, PerOption> cost_utility_bounds(const PerOption& low, const PerOption& high) {
  PerOption lo{}, hi{};
  hi.fill(1);
  for (std::size_t o = 0; o < kOptionCount; ++o) {
    if (!(low[o] > 0 && std::isfinite(low[o]) && !(high[o] < low[o]))) return {lo, hi};
  }
  static const double log_ratio_for_zero = std::log(kCostRatioForZero);
  const auto utility = [](double ratio) {
    if (!(ratio > 1)) return 1.0;
    if (!(ratio <= kCostRatioForZero * (1 + 1e-9))) return 0.0;
    return std::max(0.0, 1 - std::log(ratio) / log_ratio_for_zero);
  };
  for (std::size_t o = 0; o < kOptionCount; ++o) {
    double others_low = std::numeric_limits<double>::infinity(), others_high = others_low;
    for (std::size_t r = 0; r < kOptionCount; ++r) {
      if (r == o) continue;
      others_low = std::min(others_low, low[r]);
      others_high = std::min(others_high, high[r]);
    }
    lo[o] = std::max(0.0, utility(high[o] / std::min(high[o], others_low)) - 1e-9);
    hi[o] = std::min(1.0, utility(low[o] / std::min(low[o], others_high)) + 1e-9);
  }
  return {lo, hi};
}

BudgetFirmness budget_firmness(const CostInputs& in, const Values& values) {
  if (in.budget_flexibility == kNoIndex) return {};
  // firm, flexible_upfront, flexible_monthly, flexible
  const std::size_t a = values[in.budget_flexibility].choice;
  return {a == 0 || a == 2, a == 0 || a == 1};
}

namespace {

std::vector<double> ladder_edges(const Pricing& p, const CostInputs& in, const Values& values,
                                 std::size_t i, double from, double to, bool takeovers_only) {
  std::vector<double> edges;
  if (i != in.tokens_in && i != in.tokens_out) return edges;
  const double other =
      i == in.tokens_in ? values[in.tokens_out].number : values[in.tokens_in].number;
  const double a = std::min(from, to), b = std::max(from, to);
  const TierPlan& plan = p.plans[values[in.model_capability].choice];
  const auto add = [&](double context) {
    // The shape changes just above the context that still fits: a value at
    // it and one a hair above (past any rounding of context - other).
    const double x = context - other;
    if (x > a && x <= b) edges.insert(edges.end(), {x, x * (1 + 4e-9)});
  };
  // Takeovers: the edge box's ladders only where resolve_part() reads them.
  bool edge_read = true;
  if (takeovers_only) {
    Inputs read;
    read_inputs(in, values, read);
    edge_read = reads_edge(read);
  }
  for (const ReplicaLadder* l :
       {&plan.own_local, &plan.own_hybrid, &plan.edge_local, &plan.edge_hybrid}) {
    if (l->empty()) continue;
    if (!edge_read && (l == &plan.edge_local || l == &plan.edge_hybrid)) continue;
    const double longest = l->context;
    if (!takeovers_only) add(longest);  // past it the context is clipped
    // resolve() takes the first shape whose free memory holds the design
    // sequences: the shape changes only where one with more free memory
    // than every shape before it takes over.
    double most = -1;
    for (const ReplicaShape& s : l->shapes) {
      if (!(s.free_gb > most)) continue;
      if (most > 0) {
        const double c = most / (l->design_sequences * l->kv_gb_per_token);
        if (c < longest) add(c);
      }
      most = s.free_gb;
    }
    if (takeovers_only) continue;
    // Past the last of them the fallback (the most free memory) holds the
    // design sequences, then one fewer at a time.
    const ReplicaShape& f = l->shapes[l->fallback];
    for (double m = l->design_sequences; m >= 1; --m) {
      const double c = f.free_gb / (m * l->kv_gb_per_token);
      if (c >= longest) break;
      add(c);
    }
  }
  std::sort(edges.begin(), edges.end());
  return edges;
}

}  // namespace

std::vector<double> sizing_edges(const Pricing& p, const CostInputs& in, const Values& values,
                                 std::size_t i, double from, double to) {
  return ladder_edges(p, in, values, i, from, to, false);
}

std::vector<double> shape_takeovers(const Pricing& p, const CostInputs& in, const Values& values,
                                    std::size_t i, double from, double to) {
  return ladder_edges(p, in, values, i, from, to, true);
}

namespace {

// The report view of one way: whole units.
WayCost way_cost(const Basis& b, const Way& w, Option o) {
  WayCost c;
  c.way = w.deployment;
  c.reserved_term = w.reserved;
  c.allowed = w.allowed;
  c.why_not = w.allowed ? std::string_view() : w.why_not;
  if (!w.allowed) return c;
  const double units = w.units_whole(b.in.requests);
  c.gpus = units * w.unit_gpus;
  c.upfront_usd = w.upfront(units);
  c.running_monthly_usd = w.running(units) + api_part(b, o, true);
  c.monthly_usd = c.running_monthly_usd + units * w.unit_amortised;
  c.ops_fte = w.fte(units);
  c.fits_upfront = c.upfront_usd <= b.in.upfront_budget;
  c.fits_monthly = c.running_monthly_usd <= b.in.monthly_budget;
  return c;
}

// The way the report runs: the cheapest allowed among those within both
// budgets, else within the firm ones, else overall. Cheapest in cash over
// the horizon (upfront + running): GPUs already owned are paid for, so a
// team with a cluster runs on it rather than renting at the same all-in
// price (the cost row still values them, utilities_from()).
std::size_t chosen_way(const std::array<WayCost, kWayCount>& ways, BudgetFirmness firm,
                       double horizon) {
  std::size_t best = kWayCount;
  int best_tier = 3;
  double best_cash = 0;
  for (std::size_t k = 0; k < kWayCount; ++k) {
    const WayCost& w = ways[k];
    if (!w.allowed) continue;
    const bool fits_firm = (!firm.upfront || w.fits_upfront) && (!firm.monthly || w.fits_monthly);
    const int tier = w.fits_upfront && w.fits_monthly ? 0 : fits_firm ? 1 : 2;
    const double cash = w.upfront_usd + w.running_monthly_usd * horizon;
    if (tier < best_tier || (tier == best_tier && cash < best_cash))
      best = k, best_tier = tier, best_cash = cash;
  }
  return best;
}

Sizing sizing_of(const Basis& b, const Way& w, const ReplicaLadder& ladder) {
  Sizing s;
  const ReplicaShape& shape = *w.shape.shape;
  s.model = ladder.model;
  s.gpu = shape.gpu;
  s.quantisation = ladder.quantisation;
  s.gpus_per_replica = shape.gpus;
  s.replicas = w.units_whole(b.in.requests);
  s.sequences = w.shape.sequences;
  s.context = std::min(b.context, ladder.model->context);
  s.context_clipped = b.context > ladder.model->context;
  s.memory.weights = shape.weights_gb;
  s.memory.kv_cache = s.sequences * s.context * ladder.model->kv_bytes_per_token() / 1e9;
  s.memory.overhead = shape.overhead_gb;
  s.memory.total = s.memory.weights + s.memory.kv_cache + s.memory.overhead;
  s.memory.available = shape.available_gb;
  s.output_tokens_per_second = w.shape.tps;
  s.throughput_kind = w.shape.fewer ? FigureKind::estimated : shape.kind;
  s.estimated_figure = shape.kind == FigureKind::estimated;
  s.larger_gpu = shape.larger_gpu;
  s.two_nodes = shape.two_nodes;
  s.fewer_sequences = w.shape.fewer;
  return s;
}

// The mean over the horizon's months m = 0 .. H-1 of (1 + r)^(m / 12): what a
// price changing by r a year averages to (docs/cost-model.md, "Trends").
double trend_mean(double r, double horizon) {
  if (r == 0 || !(horizon > 0)) return 1;
  const double g = std::pow(1 + r, 1.0 / 12);
  return (std::pow(g, horizon) - 1) / (horizon * (g - 1));
}

// The basis as prices will be at the end of the horizon: hosted prices moved
// by their trend, and a self-hosted request needing that much less hardware
// (models of equal capability faster, GPU-hours cheaper); a unit's price and
// the staff stay as they are.
Basis at_horizon_end(const Pricing& p, const Basis& b, Fleet& room) {
  const double years = p.horizon_months.value / 12;
  const double hosted = std::pow(1 + p.hosted_price_change_per_year.value, years);
  const double self = std::pow(1 + p.self_host_cost_change_per_year.value, years);
  Basis end = b;
  end.cloud_usd_per_request *= hosted;
  end.reserved_unit_usd *= hosted;
  end.batch_usd_per_request *= hosted;
  room = *b.fleet;
  for (Ways* ways : {&room.local, &room.hybrid}) {
    for (Way& w : *ways) w.k *= self;
  }
  end.fleet = &room;
  return end;
}

// Report view, whole units: what each option costs the way it runs, and
// whether it fits.
std::array<OptionCost, kOptionCount> report_costs(const Pricing& p, const Basis& b,
                                                  BudgetFirmness firm) {
  std::array<OptionCost, kOptionCount> out{};
  OptionCost& cloud = out[index(Option::cloud)];
  cloud.hosted = hosted_bill(b, b.in.requests * (1 - local_share(b, Option::cloud)), true);
  const double api_bill = hosted_usd(cloud.hosted);
  cloud.deployment = cloud.hosted.reserved ? Deployment::reserved : Deployment::api;
  cloud.monthly_usd = cloud.running_monthly_usd = api_bill;
  const double horizon = p.horizon_months.value;
  const double hosted_mean = trend_mean(p.hosted_price_change_per_year.value, horizon);
  // Rented GPUs follow the self-hosting trend month by month; bought ones
  // were paid for at today's price.
  const double rent_mean = trend_mean(p.self_host_cost_change_per_year.value, horizon);
  cloud.tco_usd = api_bill * horizon;
  cloud.tco_with_trends_usd = cloud.tco_usd * hosted_mean;
  cloud.fits_monthly = api_bill <= b.in.monthly_budget;
  cloud.fits_upfront = 0 <= b.in.upfront_budget;
  for (Option o : {Option::local, Option::hybrid}) {
    OptionCost& c = out[index(o)];
    const Ways& ways = ways_of(b, o);
    for (std::size_t k = 0; k < kWayCount; ++k) c.ways[k] = way_cost(b, ways[k], o);
    const std::size_t k = chosen_way(c.ways, firm, p.horizon_months.value);
    const WayCost& w = c.ways[k];
    c.deployment = w.way;
    c.reserved_term = w.reserved_term;
    c.local_share = local_share(b, o);
    c.gpus = w.gpus;
    c.gpus_exact = ways[k].units_exact(b.in.requests) * ways[k].unit_gpus;
    c.ops_fte = w.ops_fte;
    c.ops_usd = w.ops_fte * p.fte_usd_per_month.value;
    c.upfront_usd = w.upfront_usd;
    c.running_monthly_usd = w.running_monthly_usd;
    c.monthly_usd = w.monthly_usd;
    c.tco_usd = c.monthly_usd * horizon;
    // Across the horizon the API part follows hosted prices and rented GPUs
    // the self-hosting trend; bought hardware, power and staff stay as they are.
    const double rent = ways[k].deployment == Deployment::rent
                            ? ways[k].units_whole(b.in.requests) * ways[k].unit_running
                            : 0.0;
    if (o == Option::hybrid) c.hosted = hosted_bill(b, b.in.requests * (1 - c.local_share), true);
    c.tco_with_trends_usd = c.tco_usd + (hosted_mean - 1) * hosted_usd(c.hosted) * horizon +
                            (rent_mean - 1) * rent * horizon;
    c.fits_upfront = w.fits_upfront;
    c.fits_monthly = w.fits_monthly;
    const bool edge = w.way == Deployment::edge;
    const ReplicaLadder& ladder = o == Option::local
                                      ? (edge ? b.plan->edge_local : b.plan->own_local)
                                      : (edge ? b.plan->edge_hybrid : b.plan->own_hybrid);
    c.sizing = sizing_of(b, ways[k], ladder);
  }
  return out;
}

// Whether some allowed way of the option fits every firm budget: what the
// report's choice and the firm rule agree on.
bool any_way_fits(const Basis& b, const Ways& ways, Option o, BudgetFirmness firm) {
  const double hosted = api_part(b, o, true);  // the same for every way
  for (const Way& w : ways) {
    if (!w.allowed) continue;
    const double units = w.units_whole(b.in.requests);
    if ((!firm.upfront || w.upfront(units) <= b.in.upfront_budget) &&
        (!firm.monthly || w.running(units) + hosted <= b.in.monthly_budget))
      return true;
  }
  return false;
}

bool over(const Basis& b, Option o, BudgetFirmness firm) {
  if (o == Option::cloud) return firm.monthly && !(api_part(b, o, true) <= b.in.monthly_budget);
  return !any_way_fits(b, ways_of(b, o), o, firm);
}

}  // namespace

namespace {

// One pass of the cost model on a basis made for `values`: the rows asked
// for and, with `over_firm`, which options are over a firm budget.
DerivedUtilities derived_from(const Basis& b, const CostInputs& in, const Values& values, bool cost,
                              bool budget, std::array<bool, kOptionCount>* over_firm) {
  if (over_firm != nullptr) {
    const BudgetFirmness firm = budget_firmness(in, values);
    for (Option o : kOptions) (*over_firm)[index(o)] = firm.any() && over(b, o, firm);
  }
  if (!cost && !budget) return {};
  return utilities_from(b, cost, budget);
}

}  // namespace

DerivedUtilities derived_utilities(const Pricing& p, const CostInputs& in, const Values& values,
                                   bool cost, bool budget,
                                   std::array<bool, kOptionCount>* over_firm,
                                   const CostBase* base) {
  if (base != nullptr) return base->derived(values, cost, budget, over_firm);
  Fleet room;
  return derived_from(make_basis(p, in, values, room), in, values, cost, budget, over_firm);
}

DerivedUtilities derived_utilities(const Pricing& p, const CostInputs& in, const Values& values,
                                   std::array<bool, kOptionCount>* over_firm) {
  return derived_utilities(p, in, values, true, true, over_firm);
}

struct CostBase::State {
  const Pricing* pricing;
  const CostInputs* in;
  Basis basis;  // its fleet: the one below
  Fleet fleet;
};

CostBase::CostBase(const Pricing& p, const CostInputs& in, const Values& values)
    : m_state(std::make_unique<State>()) {
  Fleet room;
  m_state->pricing = &p;
  m_state->in = &in;
  m_state->basis = make_basis(p, in, values, room);
  m_state->fleet = *m_state->basis.fleet;  // out of the memo, whose slots change
  m_state->basis.fleet = &m_state->fleet;
}

CostBase::~CostBase() = default;

bool CostBase::allows(const CostInputs& in, std::size_t i) {
  return i == in.monthly_requests || i == in.upfront_budget || i == in.monthly_budget ||
         i == in.budget_flexibility || i == in.cached_input || i == in.batch;
}

namespace {

// The base's basis with the volume, the budgets and the cache and batch
// shares of `values`, read as read_inputs() reads them: besides themselves
// only the hosted figures read them, and those are worked out again when
// a share moved.
Basis patched(const Basis& base, const Pricing& p, const CostInputs& in, const Values& values) {
  Basis b = base;
  b.in.requests = values[in.monthly_requests].number;
  b.in.upfront_budget = values[in.upfront_budget].number;
  b.in.monthly_budget = values[in.monthly_budget].number;
  const double cached = share_answer(in.cached_input, values);
  const double batch = share_answer(in.batch, values);
  if (!(cached == b.in.cached && batch == b.in.batch)) {
    b.in.cached = cached;
    b.in.batch = batch;
    set_hosted(b, p);
  }
  return b;
}

}  // namespace

DerivedUtilities CostBase::derived(const Values& values, bool cost, bool budget,
                                   std::array<bool, kOptionCount>* over_firm) const {
  return derived_from(patched(m_state->basis, *m_state->pricing, *m_state->in, values),
                      *m_state->in, values, cost, budget, over_firm);
}

std::array<bool, kOptionCount> CostBase::over_firm(const Values& values) const {
  std::array<bool, kOptionCount> out{};
  derived(values, false, false, &out);
  return out;
}

bool CostBase::over_firm(const Values& values, Option o) const {
  const BudgetFirmness firm = budget_firmness(*m_state->in, values);
  return firm.any() &&
         over(patched(m_state->basis, *m_state->pricing, *m_state->in, values), o, firm);
}

std::array<OptionCost, kOptionCount> option_costs(const Pricing& p, const CostInputs& in,
                                                  const Values& values) {
  Fleet room;
  return report_costs(p, make_basis(p, in, values, room), budget_firmness(in, values));
}

bool over_firm_budget(const Pricing& p, const CostInputs& in, const Values& values, Option o) {
  const BudgetFirmness firm = budget_firmness(in, values);
  if (!firm.any()) return false;
  Fleet room;
  return over(make_basis(p, in, values, room), o, firm);
}

std::array<bool, kOptionCount> over_firm_budget(const CostEstimate& e) {
  std::array<bool, kOptionCount> out{};
  for (std::size_t o = 0; o < kOptionCount; ++o) {
    const OptionCost& c = e.options[o];
    out[o] = (e.firm.upfront && !c.fits_upfront) || (e.firm.monthly && !c.fits_monthly);
  }
  return out;
}

std::array<bool, kOptionCount> over_firm_budget(const Pricing& p, const CostInputs& in,
                                                const Values& values) {
  const BudgetFirmness firm = budget_firmness(in, values);
  std::array<bool, kOptionCount> out{};
  if (!firm.any()) return out;
  // The figures report_costs() compares, and only those: every confidence
  // draw and flip-point probe asks.
  Fleet room;
  const Basis b = make_basis(p, in, values, room);
  for (Option o : kOptions) out[index(o)] = over(b, o, firm);
  return out;
}

std::array<bool, kOptionCount> over_firm_budget(const Pricing& p, const CostInputs& in,
                                                const Values& values, const CostBase* base) {
  return base != nullptr ? base->over_firm(values) : over_firm_budget(p, in, values);
}

bool over_firm_budget(const Pricing& p, const CostInputs& in, const Values& values, Option o,
                      const CostBase* base) {
  return base != nullptr ? base->over_firm(values, o) : over_firm_budget(p, in, values, o);
}

CostEstimate estimate_costs(const Pricing& p, const CostInputs& cin, const Questionnaire&,
                            const Values& values) {
  Fleet room;
  const Basis b = make_basis(p, cin, values, room);
  CostEstimate e;
  e.monthly_tokens_in = b.in.requests * b.in.tokens_in;
  e.monthly_tokens_out = b.in.requests * b.in.tokens_out;
  e.cloud_usd_per_request = b.cloud_usd_per_request;
  e.peak_output_tps = b.in.requests * b.peak_per_request;
  e.firm = budget_firmness(cin, values);
  e.options = report_costs(p, b, e.firm);
  e.horizon_months = p.horizon_months.value;
  e.cloud_model = b.plan->cloud;
  e.cached_input_share = b.in.cached;
  e.batch_share = b.in.batch;
  {
    Inputs list = b.in;
    list.batch = 0;
    e.cloud_list_usd = b.in.requests * api_usd_per_request(*b.plan->cloud, list, 0);
    e.half_cache_saving_usd = b.in.requests * (api_usd_per_request(*b.plan->cloud, b.in, 0) -
                                               api_usd_per_request(*b.plan->cloud, b.in, 0.5));
  }

  if (b.reserved_unit_usd > 0) {
    // Where the smallest deployment costs what the API's interactive work
    // does; past it the units cost less per request only if their slope does.
    const double interactive = b.cloud_usd_per_request - b.batch_usd_per_request;
    if (b.reserved_k * b.reserved_unit_usd < interactive)
      e.reserved_break_even_requests = b.reserved_min * b.reserved_unit_usd / interactive;
  }

  const DerivedUtilities rows = utilities_from(b, true, true);
  e.cost_utility = rows.cost;
  e.budget_utility = rows.budget;
  e.break_even_requests = break_even(b);

  // Payback only where there is one: local saves money each month, costs
  // no more than cloud all-in at some volume, and repays its hardware
  // within the write-off (a payback past it repays nothing: the hardware is
  // written off first). The cost note says which of these fails.
  const OptionCost& cloud = e.options[index(Option::cloud)];
  const OptionCost& local = e.options[index(Option::local)];
  const double saving = cloud.running_monthly_usd - local.running_monthly_usd;
  if (saving > 0 && e.break_even_requests >= 0) {
    const double months = local.upfront_usd / saving;
    if (months <= e.horizon_months) e.payback_months = months;
  }
  e.hosted_price_change_per_year = p.hosted_price_change_per_year.value;
  e.self_host_cost_change_per_year = p.self_host_cost_change_per_year.value;
  Fleet end_room;
  if (e.hosted_price_change_per_year != 0 || e.self_host_cost_change_per_year != 0)
    e.break_even_end_requests = break_even(at_horizon_end(p, b, end_room));
  else
    e.break_even_end_requests = e.break_even_requests;
  return e;
}

}  // namespace aidecide
