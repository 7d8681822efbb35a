// SPDX-License-Identifier: MIT
// The catalog's arithmetic that does not depend on any answer: a model's
// bytes per parameter and KV cache per token, and the shapes a replica can
// take on the catalog's GPUs (docs/cost-model.md, "Sizing").
#include <algorithm>
#include <cmath>
#include <tuple>

#include <fmt/format.h>

#include "aidecide/escape.hpp"
#include "aidecide/pricing.hpp"
#include "aidecide/profile.hpp"
#include "aidecide/text.hpp"
#include "load/loaders.hpp"

namespace aidecide {

std::string_view to_string(FigureKind k) {
  switch (k) {
    case FigureKind::measured:
      return "measured";
    case FigureKind::published:
      return "published";
    case FigureKind::estimated:
      break;
  }
  return "estimated";
}

std::string_view to_string(Quantisation q) {
  switch (q) {
    case Quantisation::bits16:
      return "16bit";
    case Quantisation::bits8:
      return "8bit";
    case Quantisation::bits4:
      break;
  }
  return "4bit";
}

// 4-bit as AWQ/GPTQ store it (llmfit: 0.5 byte a parameter); GGUF's
// Q4_K_M needs about 0.58.
double bytes_per_parameter(Quantisation q) {
  switch (q) {
    case Quantisation::bits16:
      return 2;
    case Quantisation::bits8:
      return 1;
    case Quantisation::bits4:
      break;
  }
  return 0.5;
}

// The KV cache is kept at 16 bits whatever the weights' precision (vLLM's
// default): keys and values for every layer and KV head, or one latent per
// layer for multi-head latent attention.
double OpenModel::kv_bytes_per_token() const {
  constexpr double kBytes = 2;
  if (kv_latent_dim > 0) return double(layers) * kv_latent_dim * kBytes;
  return 2.0 * layers * kv_heads * head_dim * kBytes;
}

namespace {

// The catalog's figure nearest to the shape (same GPU first, then the same
// precision, then the same group) and how far it must be scaled: decode
// reads every weight per token, so throughput follows memory bandwidth and
// the bytes read; more GPUs in a group help less than in proportion (the
// square root of the group: LambdaLabs' 70B FP8 runs 1.30 times as fast on
// 4 H100s as on 2, 1.49 times on 8); fewer sequences than the figure's
// serve proportionally fewer tokens, more are not counted on. Anything but
// the figure itself at its sequences or more is an estimate.
std::pair<double, FigureKind> throughput_of(const Pricing& p, const OpenModel& m, const Gpu& gpu,
                                            int gpus, Quantisation q, double sequences) {
  const Throughput* best = nullptr;
  int best_rank = 0;
  for (const Throughput& t : m.throughput) {
    const int rank = (t.gpu != gpu.name) * 4 + (t.quantisation != q) * 2 + (t.gpus != gpus);
    if (best == nullptr || rank < best_rank) best = &t, best_rank = rank;
  }
  if (best == nullptr) return {0, FigureKind::estimated};
  const Gpu& ref = p.gpus.at(best->gpu);
  const double tps = best->output_tokens_per_second * (gpu.bandwidth_gbs / ref.bandwidth_gbs) *
                     std::sqrt(double(gpus) / best->gpus) *
                     (bytes_per_parameter(best->quantisation) / bytes_per_parameter(q)) *
                     std::min(1.0, sequences / best->sequences);
  const bool exact = best_rank == 0 && sequences >= best->sequences;
  return {tps, exact ? best->kind : FigureKind::estimated};
}

}  // namespace

ReplicaLadder build_ladder(const Pricing& p, const OpenModel& model, Quantisation q,
                           const Gpu& preferred, double design_sequences) {
  ReplicaLadder ladder;
  ladder.model = &model;
  ladder.quantisation = q;
  ladder.design_sequences = design_sequences;
  ladder.kv_gb_per_token = model.kv_bytes_per_token() / 1e9;
  ladder.context = model.context;
  // The preferred GPU, then every larger one of its class, smallest first.
  std::vector<const Gpu*> order{&preferred};
  for (const auto& [name, g] : p.gpus) {
    if (&g != &preferred && g.gpu_class == preferred.gpu_class && g.memory_gb > preferred.memory_gb)
      order.push_back(&g);
  }
  std::sort(order.begin() + 1, order.end(), [](const Gpu* a, const Gpu* b) {
    return a->memory_gb != b->memory_gb ? a->memory_gb < b->memory_gb : a->name < b->name;
  });
  const double weights = model.params_b * bytes_per_parameter(q);
  const auto add = [&](const Gpu& g, int gpus, bool two_nodes) {
    ReplicaShape s;
    s.gpu = &g;
    s.gpus = gpus;
    s.available_gb = gpus * g.memory_gb * p.gpu_memory_utilisation.value;
    s.weights_gb = weights;
    s.overhead_gb = gpus * p.runtime_overhead_gb.value;
    s.free_gb = s.available_gb - s.weights_gb - s.overhead_gb;
    if (!(s.free_gb > 0)) return;
    std::tie(s.output_tokens_per_second, s.kind) =
        throughput_of(p, model, g, gpus, q, design_sequences);
    s.larger_gpu = &g != &preferred;
    s.two_nodes = two_nodes;
    ladder.shapes.push_back(s);
  };
  for (const Gpu* g : order) {
    for (int n = 1; n <= g->max_per_node; n *= 2) add(*g, n, false);
  }
  // Two servers only for datacentre GPUs: an edge box is one workstation.
  if (preferred.gpu_class == GpuClass::datacenter) {
    for (const Gpu* g : order) add(*g, 2 * g->max_per_node, true);
  }
  for (std::size_t i = 1; i < ladder.shapes.size(); ++i) {
    if (ladder.shapes[i].free_gb > ladder.shapes[ladder.fallback].free_gb) ladder.fallback = i;
  }
  return ladder;
}

TierPlan plan_tier(const Pricing& p, const TierDefaults& t) {
  TierPlan plan;
  plan.cloud = &p.hosted.at(t.cloud);
  const Gpu& gpu = p.gpus.at(t.gpu);
  const Gpu& edge = p.gpus.at(t.edge_gpu);
  const double seqs = p.concurrent_sequences.value;
  const double edge_seqs = p.edge_concurrent_sequences.value;
  const OpenModel& local = p.models.at(t.local);
  const OpenModel& hybrid = p.models.at(t.hybrid_local);
  plan.own_local = build_ladder(p, local, t.quantisation, gpu, seqs);
  plan.own_hybrid = build_ladder(p, hybrid, t.quantisation, gpu, seqs);
  plan.edge_local = build_ladder(p, local, t.edge_quantisation, edge, edge_seqs);
  plan.edge_hybrid = build_ladder(p, hybrid, t.edge_quantisation, edge, edge_seqs);
  return plan;
}

bool holds_full_context(const ReplicaLadder& l) {
  return !l.empty() && l.shapes[l.fallback].free_gb >= l.kv_gb_per_token * l.context;
}

namespace {

// The entry of `map` a profile names, or an error with a suggestion.
template <typename Map>
const typename Map::mapped_type* named_entry(const Map& map, const NamedModels::Name& name,
                                             std::string_view key, std::string_view what,
                                             DiagnosticSink& sink) {
  if (const auto it = map.find(name.id); it != map.end()) return &it->second;
  sink.error(name.pos, not_in_catalog(map, fmt::format("'models.{}'", key), what, name.id));
  return nullptr;
}

}  // namespace

Pricing with_estimates_scaled(const Pricing& base, double factor) {
  Pricing p;
  static_cast<PricingFigures&>(p) = base;
  p.source = base.source;
  p.version = base.version;
  p.tiers = base.tiers;
  p.plans = base.plans;
  for (TierPlan& t : p.plans) {
    for (ReplicaLadder* l : {&t.own_local, &t.own_hybrid, &t.edge_local, &t.edge_hybrid}) {
      for (ReplicaShape& s : l->shapes) {
        if (s.kind == FigureKind::estimated) s.output_tokens_per_second *= factor;
      }
    }
  }
  return p;
}

Pricing with_named_models(const Pricing& base, const NamedModels& named,
                          const std::string& source) {
  DiagnosticSink sink(source);
  Pricing p;
  static_cast<PricingFigures&>(p) = base;
  p.source = base.source;
  p.version = base.version;
  p.tiers = base.tiers;
  TierDefaults change;
  if (!named.cloud.id.empty()) {
    if (const HostedModel* h = named_entry(base.hosted, named.cloud, "cloud", "hosted model", sink))
      change.cloud = h->id;
  }
  if (!named.local.id.empty()) {
    if (const OpenModel* m = named_entry(base.models, named.local, "local", "open model", sink))
      change.local = m->id;
  }
  if (!named.hybrid_local.id.empty()) {
    if (const OpenModel* m =
            named_entry(base.models, named.hybrid_local, "hybrid_local", "open model", sink))
      change.hybrid_local = m->id;
  } else {
    change.hybrid_local = change.local;  // hybrid's local part runs the named local model
  }
  if (!named.gpu.id.empty()) {
    if (const Gpu* g = named_entry(base.gpus, named.gpu, "gpu", "GPU", sink)) {
      change.gpu = g->name;
      if (g->gpu_class != GpuClass::datacenter) {
        sink.error(named.gpu.pos,
                   fmt::format("'models.gpu' must name a datacenter GPU; '{}' is a workstation "
                               "GPU, which edge boxes use",
                               escape_for_message(g->name)));
      }
    }
  }
  sink.throw_if_any();
  for (TierDefaults& t : p.tiers) {
    if (!change.cloud.empty()) t.cloud = change.cloud;
    if (!change.local.empty()) t.local = change.local;
    if (!change.hybrid_local.empty()) t.hybrid_local = change.hybrid_local;
    if (!change.gpu.empty()) t.gpu = change.gpu;
    for (Quantisation q : {Quantisation::bits16, Quantisation::bits8, Quantisation::bits4}) {
      if (named.quantisation.id == to_string(q)) t.quantisation = q;
    }
    p.plans.push_back(plan_tier(base, t));
  }
  // A named model no GPU can hold is the profile's mistake, said where it is
  // named (a tier's own models were checked when the pricing loaded).
  const TierPlan& plan = p.plans.front();
  for (const auto& [ladder, name, key] :
       {std::tuple{&plan.own_local, &named.local, "local"},
        std::tuple{&plan.own_hybrid, &named.hybrid_local, "hybrid_local"}}) {
    const NamedModels::Name& at = !name->id.empty()         ? *name
                                  : !named.local.id.empty() ? named.local
                                  : !named.gpu.id.empty()   ? named.gpu
                                                            : named.quantisation;
    if (at.id.empty() || holds_full_context(*ladder)) continue;
    sink.error(at.pos, fmt::format("no datacenter GPU of the catalog holds {} ({}) at {} with one "
                                   "sequence of its full context, even two servers of them",
                                   escape_for_message(ladder->model->name), key,
                                   to_string(ladder->quantisation)));
  }
  sink.throw_if_any();
  return p;
}

}  // namespace aidecide
