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

struct CloudTier {
  std::string model;
  double input_per_mtok = 0;   // USD per million input tokens
  double output_per_mtok = 0;  // USD per million output tokens
  Provenance provenance;
};

struct Gpu {
  std::string name;
  double purchase_usd = 0;
  double power_watts = 0;
  Provenance provenance;
};

struct LocalTier {
  std::string model;
  std::string gpu;
  Gpu hardware;  // the entry of `gpus` named by `gpu`, resolved by the loader
  double gpus_per_replica = 1;
  double output_tokens_per_second = 0;  // aggregate, per replica, conservative
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

struct Pricing {
  std::string source;
  int version = 0;
  std::vector<CloudTier> cloud;  // indexed like model_capability's answers
  std::vector<LocalTier> local;  // same
  std::map<std::string, Gpu> gpus;
  Figure server_overhead;      // share of GPU price for chassis, CPU, network
  Figure amortisation_months;  // hardware written off over this many months
  Figure electricity_usd_per_kwh;
  Figure pue;
  Figure hosting_usd_per_gpu_month;
  Figure prefill_cost_ratio;  // one input token costs this share of an output token
  Figure peak_utilisation;    // fleet sized so the peak runs at this utilisation
  Figure fte_usd_per_month;
  AnswerTable ops_fte;             // by team_mlops
  AnswerTable existing_gpus;       // by existing_gpus: GPUs already owned
  AnswerTable peak_factor;         // by traffic_pattern: peak rate / average rate
  AnswerTable spare_replicas;      // by criticality: replicas kept for redundancy
  AnswerTable hybrid_local_share;  // by workload_mix: share of traffic served locally
  Figure horizon_months;           // total cost of ownership horizon

  // The oldest as_of date of all figures (for the staleness warning).
  std::string oldest_as_of() const;
};

// Validates the file against the questionnaire (every table covers every
// answer of its criterion, every tier names a known GPU, no missing price).
Pricing load_pricing(std::string_view text, const std::string& source, const Questionnaire& q);
// The prices compiled into the binary (parsed at build time).
Pricing embedded_pricing(const Questionnaire& q);
inline constexpr std::string_view kEmbeddedPricingSource = "<embedded criteria/pricing.yaml>";

}  // namespace aidecide
