// SPDX-License-Identifier: MIT
#pragma once
// Price, hardware and operations figures for the cost model
// (criteria/pricing.yaml). Every figure carries its source and date.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/diagnostic.hpp"
#include "aidecide/questionnaire.hpp"

namespace aidecide {

struct Provenance {
  std::string source;
  std::string as_of;  // ISO date, YYYY-MM-DD
};

// How a figure was obtained (llmfit's labels): a measurement of the
// project's own, a published benchmark, or an estimate to replace.
enum class FigureKind { measured, published, estimated };
std::string_view to_string(FigureKind k);

// Weight precision of a self-hosted model.
enum class Quantisation { bits16, bits8, bits4 };
std::string_view to_string(Quantisation q);  // "16bit", "8bit", "4bit"
double bytes_per_parameter(Quantisation q);  // 2, 1, 0.5

// Hosted capacity reserved by the month (Azure OpenAI's provisioned
// throughput units, Vertex AI's scale units): units serve a number of input
// tokens a minute, an output token using as much as `output_token_weight`
// input tokens and a token read from the prompt cache none; the peak must fit
// in the units bought (docs/cost-model.md, "Reserved capacity").
struct ProvisionedCapacity {
  double input_tpm_per_unit = 0;   // input tokens a minute one unit serves
  double output_token_weight = 1;  // one output token counts as this many input tokens
  double min_units = 0;            // the smallest deployment
  double unit_increment = 1;       // units are bought in steps of this many
  double usd_per_unit_month = 0;   // 0: not offered
  Provenance provenance;
  bool offered() const { return usd_per_unit_month > 0 && input_tpm_per_unit > 0; }
};

// A hosted model's list prices (catalog `hosted:`).
struct HostedModel {
  std::string id;
  std::string name;
  double input_per_mtok = 0;         // USD per million input tokens
  double cached_input_per_mtok = 0;  // USD per million input tokens read from a prompt cache
  double output_per_mtok = 0;        // USD per million output tokens
  double batch_discount = 0;         // share taken off through the batch API (0.5 = half price)
  ProvisionedCapacity provisioned;   // reserved capacity, when the provider sells it
  Provenance provenance;
};

enum class GpuClass { datacenter, workstation };

// A GPU (catalog `gpus:`): what it holds, draws and costs.
struct Gpu {
  std::string name;
  double memory_gb = 0;
  double bandwidth_gbs = 0;  // memory bandwidth, GB/s
  double power_watts = 0;
  double purchase_usd = 0;
  double rent_usd_per_hour = 0;           // on demand, per GPU; 0: not rented
  double rent_reserved_usd_per_hour = 0;  // reserved (one-year term), per GPU; 0: none
  GpuClass gpu_class = GpuClass::datacenter;
  int max_per_node = 8;  // GPUs one server (or workstation) holds
  Provenance provenance;
};

// A published or measured serving throughput of one open-weight model.
struct Throughput {
  std::string gpu;
  Quantisation quantisation = Quantisation::bits16;
  int gpus = 1;                         // tensor-parallel group it was measured on
  int sequences = 1;                    // concurrent sequences it was measured at
  double output_tokens_per_second = 0;  // aggregate over the concurrent sequences
  FigureKind kind = FigureKind::estimated;
  Provenance provenance;
};

// An open-weight model (catalog `models:`): what its memory sizing reads.
struct OpenModel {
  std::string id;
  std::string name;
  double params_b = 0;         // total parameters, billions
  double active_params_b = 0;  // per token (mixture of experts: fewer than total)
  int layers = 0;
  int kv_heads = 0;
  int head_dim = 0;
  // Multi-head latent attention (DeepSeek-V3): the KV cache holds one latent
  // of this many values per layer and token instead of keys and values per
  // head. 0: ordinary (grouped-query) attention.
  int kv_latent_dim = 0;
  double context = 0;  // longest context the model serves, tokens
  std::vector<Throughput> throughput;
  Provenance provenance;

  // Bytes of KV cache per token in flight at 16 bits.
  double kv_bytes_per_token() const;
};

// What one capability tier means (catalog `tiers:`): catalog entries by name.
struct TierDefaults {
  std::string cloud;  // hosted model id
  std::string local;  // open model id for self-hosting the whole workload
  Quantisation quantisation = Quantisation::bits16;
  std::string gpu;           // preferred datacentre GPU
  std::string hybrid_local;  // open model id for hybrid's local (sensitive) part
  std::string edge_gpu;      // workstation GPU of one edge box
  Quantisation edge_quantisation = Quantisation::bits4;
  Provenance provenance;
};

struct Figure {
  double value = 0;
  Provenance provenance;
};

// A table keyed by the answer ids of one criterion (e.g. team_mlops).
struct AnswerTable {
  std::string criterion;
  std::vector<double> by_answer;  // indexed like the criterion's answers
  Provenance provenance;
};

// One shape a replica of an open model can take (a GPU and a group of it),
// worked out once when the catalog is loaded: what is left for the KV
// cache, and the throughput at the design number of sequences.
struct ReplicaShape {
  const Gpu* gpu = nullptr;  // into Pricing::gpus
  int gpus = 0;
  double available_gb = 0;  // gpus x memory x usable share
  double weights_gb = 0;
  double overhead_gb = 0;
  double free_gb = 0;                   // for the KV cache: available - weights - overhead
  double output_tokens_per_second = 0;  // at the design number of sequences
  FigureKind kind = FigureKind::estimated;
  bool larger_gpu = false;  // not the preferred GPU
  bool two_nodes = false;
};

// How one open model at one precision is hosted on one class of GPU, as
// the context grows: the first shape whose free memory holds the design
// number of sequences at that context; past every shape, `fallback` (the
// one with the most free memory) with fewer sequences. Empty: the model
// fits no GPU of the class.
struct ReplicaLadder {
  const OpenModel* model = nullptr;  // into Pricing::models
  Quantisation quantisation = Quantisation::bits16;
  double design_sequences = 0;
  double kv_gb_per_token = 0;  // model->kv_bytes_per_token() / 1e9, worked out once
  double context = 0;          // model->context
  std::vector<ReplicaShape> shapes;
  std::size_t fallback = 0;
  bool empty() const { return shapes.empty(); }
};

// The catalog entries one capability tier resolves to, with their ladders.
struct TierPlan {
  const HostedModel* cloud = nullptr;
  ReplicaLadder own_local;    // the whole workload on datacentre GPUs
  ReplicaLadder own_hybrid;   // hybrid's local part on datacentre GPUs
  ReplicaLadder edge_local;   // the whole workload on one edge box per site
  ReplicaLadder edge_hybrid;  // hybrid's local part at the edge
};

// The figures and tables of a pricing file: plain values, copied freely.
struct PricingFigures {
  Figure server_overhead;      // share of GPU price for chassis, CPU, network
  Figure amortisation_months;  // hardware written off over this many months
  Figure electricity_usd_per_kwh;
  Figure pue;
  Figure hosting_usd_per_gpu_month;
  Figure prefill_cost_ratio;  // one input token costs this share of an output token
  Figure peak_utilisation;    // fleet sized so the peak runs at this utilisation
  Figure fte_usd_per_month;
  Figure gpu_memory_utilisation;     // share of GPU memory the server may use (vLLM default)
  Figure runtime_overhead_gb;        // per GPU: CUDA context, workspace, activations
  Figure concurrent_sequences;       // sequences a datacentre replica serves at once
  Figure edge_concurrent_sequences;  // same, one edge box
  Figure edge_box_usd;               // workstation around the GPUs of one edge box
  Figure edge_site_usd_per_month;    // upkeep of one edge box on site (space, spares, visits)
  Figure ops_fte_per_gpu_owned;      // operations staff per GPU owned and run
  Figure ops_fte_per_gpu_rented;     // per GPU rented (no hardware to keep)
  Figure ops_fte_per_site;           // per edge site or per site with its own servers
  Figure ops_fte_on_call;            // 24x7 on-call for mission-critical serving
  AnswerTable ops_fte;               // by team_mlops: base staff, before the fleet's increments
  AnswerTable existing_gpus;         // by existing_gpus: GPUs already owned
  AnswerTable peak_factor;           // by traffic_pattern: peak rate / average rate
  AnswerTable spare_replicas;        // by criticality: replicas kept for redundancy
  AnswerTable hybrid_local_share;    // by workload_mix: share of traffic served locally
  Figure horizon_months;             // total cost of ownership horizon
  // Yearly change across the horizon of hosted per-token prices and of what a
  // self-hosted token costs at equal capability (-0.3: 30 % lower each
  // year); bought hardware keeps its price.
  Figure hosted_price_change_per_year;
  Figure self_host_cost_change_per_year;
};

struct Pricing : PricingFigures {
  Pricing() = default;
  // Plans point into the catalog maps: moving keeps them valid, copying would not.
  Pricing(Pricing&&) = default;
  Pricing& operator=(Pricing&&) = default;
  Pricing(const Pricing&) = delete;
  Pricing& operator=(const Pricing&) = delete;

  std::string source;
  int version = 0;
  std::map<std::string, HostedModel> hosted;
  std::map<std::string, Gpu> gpus;
  std::map<std::string, OpenModel> models;
  std::vector<TierDefaults> tiers;  // indexed like model_capability's answers
  std::vector<TierPlan> plans;      // same: resolved by the loader

  // The oldest as_of date of the prices (hosted models, GPUs, figures and
  // tables; not benchmarks or model architectures): the staleness warning
  // and "prices as of" in reports.
  std::string oldest_as_of() const { return as_of_bound(false); }
  // The newest: the date of the last price that changed (a record's drift).
  std::string newest_as_of() const { return as_of_bound(true); }

 private:
  std::string as_of_bound(bool newest) const;
};

// The tiers with a profile's named models (docs/cost-model.md, "Named
// models"): a pricing with `base`'s figures and new tiers and plans that
// point into `base`'s catalog; its own catalog maps are empty, so it must
// not outlive `base`. Throws InputError at the names' positions in `source`
// for a name the catalog lacks (with a suggestion), a GPU of the wrong class
// or a model no GPU can hold.
struct NamedModels;
Pricing with_named_models(const Pricing& base, const NamedModels& named, const std::string& source);
// `base`'s figures and plans with every throughput figure that is an
// estimate (FigureKind::estimated) multiplied by `factor`: what the
// confidence draws try (docs/scoring.md, "Confidence"). Like
// with_named_models(), its plans point into `base`'s catalog.
Pricing with_estimates_scaled(const Pricing& base, double factor);
// A tier's ladders from its catalog entries.
TierPlan plan_tier(const Pricing& p, const TierDefaults& t);
// Whether some shape of the ladder holds one sequence of its model's full context.
bool holds_full_context(const ReplicaLadder& ladder);

// Validates the file against the questionnaire (every table covers every
// answer of its criterion, every tier names known catalog entries, no
// missing price, every tier's model fits some GPU of the catalog).
Pricing load_pricing(std::string_view text, const std::string& source, const Questionnaire& q);
// A pricing file's text and the name its messages carry.
struct PricingText {
  std::string source;
  std::string text;
};
// Pricing files in order (docs/cost-model.md, "Refreshing prices"): the first
// may be a full pricing file, every other is an overlay (`overlay:`) that
// replaces only the entries and fields it names; overlays without a full
// file change the built-in prices. No files: the built-in prices.
Pricing load_pricing_files(const std::vector<PricingText>& files, const Questionnaire& q);
// The shapes a replica of `model` can take on GPUs of `gpu_class`, the
// preferred GPU first (docs/cost-model.md, "Sizing").
ReplicaLadder build_ladder(const Pricing& p, const OpenModel& model, Quantisation q,
                           const Gpu& preferred, double design_sequences);
// The prices compiled into the binary (parsed at build time).
Pricing embedded_pricing(const Questionnaire& q);
inline constexpr std::string_view kEmbeddedPricingSource = "<embedded criteria/pricing.yaml>";

}  // namespace aidecide
