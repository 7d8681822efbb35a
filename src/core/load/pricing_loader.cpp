// SPDX-License-Identifier: MIT
// Loads and validates criteria/pricing.yaml (docs/cost-model.md).
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <type_traits>

#include "aidecide/escape.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/pricing.hpp"
#include "aidecide/text.hpp"
#include "load/loaders.hpp"
#include "yaml/yaml_read.hpp"

namespace aidecide {
namespace {

struct FigureSpec {
  std::string_view name;
  Figure Pricing::*member;
  double minimum;
  bool exclusive;
};

const FigureSpec kFigures[] = {
    {"server_overhead", &Pricing::server_overhead, 0, false},
    {"amortisation_months", &Pricing::amortisation_months, 0, true},
    {"electricity_usd_per_kwh", &Pricing::electricity_usd_per_kwh, 0, false},
    {"pue", &Pricing::pue, 1, false},
    {"hosting_usd_per_gpu_month", &Pricing::hosting_usd_per_gpu_month, 0, false},
    {"prefill_cost_ratio", &Pricing::prefill_cost_ratio, 0, false},
    {"peak_utilisation", &Pricing::peak_utilisation, 0, true},
    {"fte_usd_per_month", &Pricing::fte_usd_per_month, 0, false},
    {"gpu_memory_utilisation", &Pricing::gpu_memory_utilisation, 0, true},
    {"runtime_overhead_gb", &Pricing::runtime_overhead_gb, 0, false},
    {"concurrent_sequences", &Pricing::concurrent_sequences, 1, false},
    {"edge_concurrent_sequences", &Pricing::edge_concurrent_sequences, 1, false},
    {"edge_box_usd", &Pricing::edge_box_usd, 0, false},
    {"edge_site_usd_per_month", &Pricing::edge_site_usd_per_month, 0, false},
    {"ops_fte_per_gpu_owned", &Pricing::ops_fte_per_gpu_owned, 0, false},
    {"ops_fte_per_gpu_rented", &Pricing::ops_fte_per_gpu_rented, 0, false},
    {"ops_fte_per_site", &Pricing::ops_fte_per_site, 0, false},
    {"ops_fte_on_call", &Pricing::ops_fte_on_call, 0, false},
    {"horizon_months", &Pricing::horizon_months, 0, true},
    {"hosted_price_change_per_year", &Pricing::hosted_price_change_per_year, -1, true},
    {"self_host_cost_change_per_year", &Pricing::self_host_cost_change_per_year, -1, true},
};

struct TableSpec {
  std::string_view name;
  std::string_view criterion;
  AnswerTable Pricing::*member;
};

const TableSpec kTables[] = {
    {"ops_fte", "team_mlops", &Pricing::ops_fte},
    {"existing_gpus", "existing_gpus", &Pricing::existing_gpus},
    {"peak_factor", "traffic_pattern", &Pricing::peak_factor},
    {"spare_replicas", "criticality", &Pricing::spare_replicas},
    {"hybrid_local_share", "workload_mix", &Pricing::hybrid_local_share},
};

class PricingLoader {
 public:
  PricingLoader(const std::string& source, const Questionnaire& q) : m_sink(source), m_q(q) {
    m_p.source = source;
  }

  Pricing load(std::string_view text) { return load(parse_yaml(text, m_sink.source())); }

  // An overlay (docs/cost-model.md, "Refreshing prices"): entries it names
  // replace the fields they name in `base`, new entries need every field,
  // everything else stays; the tiers are planned again.
  Pricing overlay(Pricing base, const YamlNode& root) {
    m_p = std::move(base);
    m_overlay = true;
    expect_document(
        root, "a pricing overlay", "expected a pricing overlay (see docs/cost-model.md)",
        {"version", "overlay", "hosted", "gpus", "models", "tiers", "figures", "tables"},
        "the pricing overlay", m_sink);
    if (read_version(root, "the pricing overlay", m_sink) != 2 && root.find("version")) {
      m_sink.error(root.find("version")->pos, "a pricing overlay must be version 2");
    }
    if (const YamlNode* o = require_key(root, "overlay", "the pricing overlay", m_sink);
        o && expect_mapping(*o, "'overlay'", m_sink)) {
      check_keys(*o, {"source", "as_of"}, "'overlay'", m_sink);
      m_overlay_provenance = provenance(*o, "'overlay'");
    }
    m_sink.throw_if_any();
    if (const YamlNode* n = root.find("hosted")) load_hosted(*n);
    if (const YamlNode* n = root.find("gpus")) load_gpus(*n);
    if (const YamlNode* n = root.find("models")) load_models(*n);
    if (const YamlNode* n = root.find("figures")) load_figures(*n);
    if (const YamlNode* n = root.find("tables")) load_tables(*n);
    const Criterion* tiers = tier_criterion(root);
    if (const YamlNode* n = root.find("tiers"); n && tiers) load_tiers(*n, *tiers);
    m_sink.throw_if_any();
    m_p.source = fmt::format("{} + {}", m_p.source, m_sink.source());
    plan_tiers();
    m_sink.throw_if_any();
    return std::move(m_p);
  }

  Pricing load(const YamlNode& root) {
    expect_document(
        root, "a pricing file", "expected a pricing file (see docs/cost-model.md)",
        {"version", "hosted", "gpus", "models", "tiers", "figures", "tables", "overlay"},
        "the pricing file", m_sink);
    if (const YamlNode* o = root.find("overlay")) {
      m_sink.error(o->pos,
                   "this is a pricing overlay, which changes a pricing file; give it to "
                   "--pricing after the file it changes, or alone to change the "
                   "built-in prices");
      m_sink.throw_if_any();
    }
    m_p.version = read_version(root, "the pricing file", m_sink);
    if (m_p.version == 1) {
      // Version 1 priced tiers directly (`cloud:`, `local:`); there is no
      // catalog to read its figures into.
      m_sink.error(root.find("version")->pos,
                   "this is a version 1 pricing file; aidecide reads version 2, which prices a "
                   "catalog of hosted models, GPUs and open models (docs/cost-model.md, "
                   "\"Migrating from version 1\")");
      m_sink.throw_if_any();
    } else if (m_p.version > 2) {
      m_sink.error(
          root.find("version")->pos,
          fmt::format("pricing version {} is newer than this aidecide reads (2)", m_p.version));
    }
    if (const YamlNode* n = require_key(root, "hosted", "the pricing file", m_sink))
      load_hosted(*n);
    if (const YamlNode* n = require_key(root, "gpus", "the pricing file", m_sink)) load_gpus(*n);
    if (const YamlNode* n = require_key(root, "models", "the pricing file", m_sink))
      load_models(*n);
    if (const YamlNode* figures = require_key(root, "figures", "the pricing file", m_sink))
      load_figures(*figures);
    if (const YamlNode* tables = require_key(root, "tables", "the pricing file", m_sink))
      load_tables(*tables);
    const Criterion* tiers = tier_criterion(root);
    if (const YamlNode* n = require_key(root, "tiers", "the pricing file", m_sink); n && tiers)
      load_tiers(*n, *tiers);
    m_sink.throw_if_any();
    plan_tiers();
    m_sink.throw_if_any();
    return std::move(m_p);
  }

 private:
  const Criterion* tier_criterion(const YamlNode& root) {
    const std::size_t i = m_q.index_of("model_capability");
    if (i == kNoIndex || m_q.criteria[i].kind != CriterionKind::choice) {
      m_sink.error(root.pos, "pricing needs a choice criterion 'model_capability' in the criteria");
      return nullptr;
    }
    return &m_q.criteria[i];
  }

  Provenance provenance(const YamlNode& node, const std::string& context) {
    // In an overlay an entry without its own source and date takes the overlay's.
    if (m_overlay && !node.find("source") && !node.find("as_of") &&
        !m_overlay_provenance.as_of.empty())
      return m_overlay_provenance;
    Provenance p;
    if (const YamlNode* s = require_key(node, "source", context, m_sink)) {
      p.source = read_string(*s, "'source'", m_sink).value_or("");
      if (p.source.empty() && s->is_scalar())
        m_sink.error(s->pos, fmt::format("'source' of {} must not be empty", context));
    }
    if (const YamlNode* d = require_key(node, "as_of", context, m_sink))
      p.as_of = read_date(*d, "'as_of'", m_sink).value_or("");
    return p;
  }

  double positive(const YamlNode& node, std::string_view key, const std::string& context,
                  bool allow_zero = false) {
    const YamlNode* v = require_key(node, key, context, m_sink);
    if (v == nullptr) return 0;
    const auto n = read_number(*v, concat({"'", key, "'"}), m_sink);
    if (n && (allow_zero ? *n < 0 : *n <= 0)) {
      m_sink.error(v->pos, fmt::format("'{}' of {} must be {}", key, context,
                                       allow_zero ? "0 or more" : "above 0"));
    }
    return n.value_or(0);
  }

  // A share in [0, 1).
  double share(const YamlNode& node, std::string_view key, const std::string& context) {
    const double x = positive(node, key, context, true);
    if (x >= 1) {
      m_sink.error(node.find(key)->pos,
                   fmt::format("'{}' of {} must be below 1 (a share)", key, context));
    }
    return x;
  }

  int whole(const YamlNode& node, std::string_view key, const std::string& context, int low,
            int high, bool required = true) {
    const YamlNode* v = required ? require_key(node, key, context, m_sink) : node.find(key);
    if (v == nullptr) return 0;
    const auto n = read_number(*v, concat({"'", key, "'"}), m_sink);
    if (!n) return 0;
    const auto w = whole_number(*n, low, high);
    if (!w) {
      m_sink.error(v->pos, fmt::format("'{}' of {} must be a whole number from {} to {}", key,
                                       context, low, high));
    }
    return w.value_or(0);
  }

  std::string text(const YamlNode& node, std::string_view key, const std::string& context) {
    const YamlNode* v = require_key(node, key, context, m_sink);
    return v ? read_string(*v, concat({"'", key, "'"}), m_sink).value_or("") : "";
  }

  Quantisation quantisation(const YamlNode& node, std::string_view key,
                            const std::string& context) {
    const YamlNode* v = require_key(node, key, context, m_sink);
    if (v == nullptr) return Quantisation::bits16;
    const std::string t = read_string(*v, concat({"'", key, "'"}), m_sink).value_or("");
    for (Quantisation q : {Quantisation::bits16, Quantisation::bits8, Quantisation::bits4}) {
      if (t == to_string(q)) return q;
    }
    if (v->is_scalar()) {
      m_sink.error(v->pos, fmt::format("'{}' of {} must be 16bit, 8bit or 4bit, not '{}'", key,
                                       context, escape_for_message(t)));
    }
    return Quantisation::bits16;
  }

  // Whether to read `key` of an entry: always in a pricing file and for an
  // entry an overlay adds; only when named for one it changes.
  bool take(const YamlNode& node, std::string_view key) const {
    return !m_partial || node.find(key) != nullptr;
  }

  static SourcePos pos_of(const YamlNode& node, std::string_view key) {
    const YamlNode* v = node.find(key);
    return v ? v->pos : node.pos;
  }

  // Starts an entry of `map`: a copy of the base's entry an overlay changes,
  // else a fresh one; reports an entry given twice in this file.
  template <typename Map>
  typename Map::mapped_type begin_entry(const Map& map, const YamlEntry& entry,
                                        const std::string& context) {
    if (!m_seen.insert(concat({context, "\n", entry.first.value})).second)
      m_sink.error(entry.first.pos, fmt::format("{} is defined twice", context));
    const auto it = map.find(entry.first.value);
    m_partial = m_overlay && it != map.end();
    return m_partial ? it->second : typename Map::mapped_type{};
  }

  // An entry named by `key` of `map`, or an error with a suggestion.
  template <typename Map>
  const typename Map::mapped_type* named(const Map& map, const YamlNode& node, std::string_view key,
                                         std::string_view what, const std::string& context) {
    const YamlNode* v = require_key(node, key, context, m_sink);
    if (v == nullptr) return nullptr;
    const std::string name = read_string(*v, concat({"'", key, "'"}), m_sink).value_or("");
    if (const auto it = map.find(name); it != map.end()) return &it->second;
    if (v->is_scalar()) m_sink.error(v->pos, not_in_catalog(map, context, what, name));
    return nullptr;
  }

  void load_hosted(const YamlNode& node) {
    if (!expect_mapping(node, "'hosted'", m_sink)) return;
    for (const auto& entry : node.entries) {
      const YamlNode& value = entry.second;
      const std::string context =
          concat({"hosted model '", escape_for_message(entry.first.value), "'"});
      if (!expect_mapping(value, context, m_sink)) continue;
      check_keys(value,
                 {"name", "input_per_mtok", "cached_input_per_mtok", "output_per_mtok",
                  "batch_discount", "provisioned", "source", "as_of"},
                 context, m_sink);
      HostedModel h = begin_entry(m_p.hosted, entry, context);
      const bool partial = m_partial;
      h.id = entry.first.value;
      if (const YamlNode* n = value.find("name")) {
        h.name = read_string(*n, "'name'", m_sink).value_or("");
      } else if (h.name.empty()) {
        h.name = h.id;  // optional: price lists key models by their API name
      }
      if (take(value, "input_per_mtok"))
        h.input_per_mtok = positive(value, "input_per_mtok", context);
      if (take(value, "cached_input_per_mtok"))
        h.cached_input_per_mtok = positive(value, "cached_input_per_mtok", context, true);
      if (take(value, "output_per_mtok"))
        h.output_per_mtok = positive(value, "output_per_mtok", context);
      if (take(value, "batch_discount")) h.batch_discount = share(value, "batch_discount", context);
      // Optional (absent: not offered); an overlay that names it replaces it whole.
      if (const YamlNode* pv = value.find("provisioned")) {
        m_partial = false;
        h.provisioned = provisioned(*pv, concat({"the provisioned capacity of ", context}));
        m_partial = partial;
      }
      h.provenance = provenance(value, context);
      if (h.cached_input_per_mtok > h.input_per_mtok) {
        m_sink.error(pos_of(value, "cached_input_per_mtok"),
                     fmt::format("the cached input price of {} is above its input price", context));
      }
      m_p.hosted.insert_or_assign(h.id, std::move(h));
    }
    m_partial = false;
  }

  ProvisionedCapacity provisioned(const YamlNode& node, const std::string& context) {
    ProvisionedCapacity c;
    if (!expect_mapping(node, context, m_sink)) return c;
    check_keys(node,
               {"input_tpm_per_unit", "output_token_weight", "min_units", "unit_increment",
                "usd_per_unit_month", "source", "as_of"},
               context, m_sink);
    c.input_tpm_per_unit = positive(node, "input_tpm_per_unit", context);
    c.output_token_weight = positive(node, "output_token_weight", context);
    c.min_units = whole(node, "min_units", context, 1, 1000000);
    c.unit_increment = whole(node, "unit_increment", context, 1, 1000000);
    c.usd_per_unit_month = positive(node, "usd_per_unit_month", context);
    c.provenance = provenance(node, context);
    return c;
  }

  void load_gpus(const YamlNode& node) {
    if (!expect_mapping(node, "'gpus'", m_sink)) return;
    for (const auto& entry : node.entries) {
      const YamlNode& value = entry.second;
      const std::string context = concat({"GPU '", escape_for_message(entry.first.value), "'"});
      if (!expect_mapping(value, context, m_sink)) continue;
      check_keys(
          value,
          {"class", "memory_gb", "bandwidth_gbs", "power_watts", "purchase_usd",
           "rent_usd_per_hour", "rent_reserved_usd_per_hour", "max_per_node", "source", "as_of"},
          context, m_sink);
      Gpu g = begin_entry(m_p.gpus, entry, context);
      g.name = entry.first.value;
      if (const YamlNode* c = value.find("class")) {
        const std::string t = read_string(*c, "'class'", m_sink).value_or("");
        if (t == "workstation" || t == "datacenter") {
          g.gpu_class = t == "workstation" ? GpuClass::workstation : GpuClass::datacenter;
        } else if (c->is_scalar()) {
          m_sink.error(c->pos, fmt::format("'class' of {} must be datacenter or workstation, not "
                                           "'{}'",
                                           context, escape_for_message(t)));
        }
      }
      if (take(value, "memory_gb")) g.memory_gb = positive(value, "memory_gb", context);
      if (take(value, "bandwidth_gbs")) g.bandwidth_gbs = positive(value, "bandwidth_gbs", context);
      if (take(value, "power_watts")) g.power_watts = positive(value, "power_watts", context, true);
      if (take(value, "purchase_usd")) g.purchase_usd = positive(value, "purchase_usd", context);
      if (take(value, "rent_usd_per_hour"))
        g.rent_usd_per_hour = positive(value, "rent_usd_per_hour", context, true);
      if (take(value, "rent_reserved_usd_per_hour")) {
        g.rent_reserved_usd_per_hour = positive(value, "rent_reserved_usd_per_hour", context, true);
      } else if (m_partial && g.rent_reserved_usd_per_hour > g.rent_usd_per_hour) {
        // A new on-demand rent below the base's reserved one: a reserved term
        // never costs more than renting on demand.
        g.rent_reserved_usd_per_hour = g.rent_usd_per_hour;
      }
      if (take(value, "max_per_node"))
        g.max_per_node = whole(value, "max_per_node", context, 1, 64);
      g.provenance = provenance(value, context);
      if (g.rent_reserved_usd_per_hour > 0 && g.rent_usd_per_hour > 0 &&
          g.rent_reserved_usd_per_hour > g.rent_usd_per_hour) {
        m_sink.error(pos_of(value, "rent_reserved_usd_per_hour"),
                     fmt::format("the reserved rent of {} is above its rent on demand", context));
      }
      m_p.gpus.insert_or_assign(g.name, std::move(g));
    }
    m_partial = false;
  }

  void load_models(const YamlNode& node) {
    if (!expect_mapping(node, "'models'", m_sink)) return;
    for (const auto& entry : node.entries) {
      const YamlNode& value = entry.second;
      const std::string context = concat({"model '", escape_for_message(entry.first.value), "'"});
      if (!expect_mapping(value, context, m_sink)) continue;
      check_keys(value,
                 {"name", "params_b", "active_params_b", "layers", "kv_heads", "head_dim",
                  "kv_latent_dim", "context", "throughput", "source", "as_of"},
                 context, m_sink);
      OpenModel m = begin_entry(m_p.models, entry, context);
      m.id = entry.first.value;
      if (take(value, "name")) m.name = text(value, "name", context);
      if (take(value, "params_b")) m.params_b = positive(value, "params_b", context);
      if (take(value, "active_params_b"))
        m.active_params_b = positive(value, "active_params_b", context);
      if (m.active_params_b > m.params_b) {
        m_sink.error(pos_of(value, "active_params_b"),
                     fmt::format("{} has more active parameters than parameters", context));
      }
      if (take(value, "layers")) m.layers = whole(value, "layers", context, 1, 10000);
      if (take(value, "kv_heads")) m.kv_heads = whole(value, "kv_heads", context, 1, 10000);
      if (take(value, "head_dim")) m.head_dim = whole(value, "head_dim", context, 1, 100000);
      if (take(value, "kv_latent_dim"))
        m.kv_latent_dim = whole(value, "kv_latent_dim", context, 1, 1000000, false);
      if (take(value, "context")) m.context = positive(value, "context", context);
      m.provenance = provenance(value, context);
      if (!take(value, "throughput")) {
        // kept from the base
      } else if (const YamlNode* t = require_key(value, "throughput", context, m_sink)) {
        m.throughput.clear();
        if (!t->is_sequence() || t->items.empty()) {
          m_sink.error(t->pos, fmt::format("'throughput' of {} must be a list of at least one "
                                           "figure",
                                           context));
        } else {
          for (const YamlNode& item : t->items) {
            const std::string fc = concat({"a throughput figure of ", context});
            if (!expect_mapping(item, fc, m_sink)) continue;
            m.throughput.push_back(throughput(item, fc));
          }
        }
      }
      m_p.models.insert_or_assign(m.id, std::move(m));
    }
    m_partial = false;
  }

  Throughput throughput(const YamlNode& item, const std::string& context) {
    check_keys(item,
               {"gpu", "quantisation", "gpus", "sequences", "output_tokens_per_second", "kind",
                "source", "as_of"},
               context, m_sink);
    Throughput t;
    if (const Gpu* g = named(m_p.gpus, item, "gpu", "GPU", context)) t.gpu = g->name;
    t.quantisation = quantisation(item, "quantisation", context);
    t.gpus = whole(item, "gpus", context, 1, 1024);
    t.sequences = whole(item, "sequences", context, 1, 100000);
    t.output_tokens_per_second = positive(item, "output_tokens_per_second", context);
    if (const YamlNode* k = require_key(item, "kind", context, m_sink)) {
      const std::string v = read_string(*k, "'kind'", m_sink).value_or("");
      bool known = false;
      for (FigureKind f : {FigureKind::measured, FigureKind::published, FigureKind::estimated}) {
        if (v == to_string(f)) t.kind = f, known = true;
      }
      if (!known && k->is_scalar()) {
        m_sink.error(k->pos, fmt::format("'kind' of {} must be measured, published or "
                                         "estimated, not '{}'",
                                         context, escape_for_message(v)));
      }
    }
    t.provenance = provenance(item, context);
    return t;
  }

  void load_tiers(const YamlNode& node, const Criterion& tiers) {
    if (!expect_mapping(node, "'tiers'", m_sink)) return;
    std::vector<std::string> ids;
    for (const auto& a : tiers.answers) ids.push_back(a.id);
    check_keys(node, ids, "'tiers'", m_sink);
    m_p.tiers.resize(tiers.answers.size());
    m_tier_nodes.assign(tiers.answers.size(), nullptr);
    m_partial = m_overlay;  // an overlay changes the fields of a tier it names
    for (std::size_t i = 0; i < tiers.answers.size(); ++i) {
      const YamlNode* entry = node.find(tiers.answers[i].id);
      const std::string context = concat({"tier '", tiers.answers[i].id, "'"});
      if (entry == nullptr && m_overlay) continue;
      if (entry == nullptr) {
        m_sink.error(node.pos, fmt::format("missing tier: 'tiers' has no entry for capability "
                                           "'{}'",
                                           tiers.answers[i].id));
        continue;
      }
      if (!expect_mapping(*entry, context, m_sink)) continue;
      m_tier_nodes[i] = entry;
      check_keys(*entry,
                 {"cloud", "local", "quantisation", "gpu", "hybrid_local", "edge_gpu",
                  "edge_quantisation", "source", "as_of"},
                 context, m_sink);
      TierDefaults& t = m_p.tiers[i];
      if (take(*entry, "cloud")) {
        if (const HostedModel* h = named(m_p.hosted, *entry, "cloud", "hosted model", context))
          t.cloud = h->id;
      }
      if (take(*entry, "local")) {
        if (const OpenModel* m = named(m_p.models, *entry, "local", "open model", context))
          t.local = m->id;
      }
      if (take(*entry, "quantisation"))
        t.quantisation = quantisation(*entry, "quantisation", context);
      if (take(*entry, "gpu")) {
        if (const Gpu* g = named(m_p.gpus, *entry, "gpu", "GPU", context)) {
          t.gpu = g->name;
          if (g->gpu_class != GpuClass::datacenter) {
            m_sink.error(entry->find("gpu")->pos,
                         fmt::format("{} must name a datacenter GPU for 'gpu'", context));
          }
        }
      }
      if (take(*entry, "hybrid_local")) {
        if (const OpenModel* m = named(m_p.models, *entry, "hybrid_local", "open model", context))
          t.hybrid_local = m->id;
      }
      if (take(*entry, "edge_gpu")) {
        if (const Gpu* g = named(m_p.gpus, *entry, "edge_gpu", "GPU", context)) {
          t.edge_gpu = g->name;
          if (g->gpu_class != GpuClass::workstation) {
            m_sink.error(entry->find("edge_gpu")->pos,
                         fmt::format("{} must name a workstation GPU for 'edge_gpu'", context));
          }
        }
      }
      if (take(*entry, "edge_quantisation"))
        t.edge_quantisation = quantisation(*entry, "edge_quantisation", context);
      t.provenance = provenance(*entry, context);
    }
    m_partial = false;
  }

  // Resolves each tier's entries into ladders; a tier whose model no GPU of
  // the catalog can hold at its full context is an error (the report would
  // otherwise show an impossible fleet).
  void plan_tiers() {
    m_p.plans.clear();
    for (std::size_t i = 0; i < m_p.tiers.size(); ++i) {
      m_p.plans.push_back(plan_tier(m_p, m_p.tiers[i]));
      const TierPlan& plan = m_p.plans.back();
      for (const auto& [ladder, what] :
           {std::pair{&plan.own_local, "local"}, std::pair{&plan.own_hybrid, "hybrid_local"}}) {
        if (holds_full_context(*ladder)) continue;
        m_sink.error(
            i < m_tier_nodes.size() && m_tier_nodes[i] ? m_tier_nodes[i]->pos : SourcePos{},
            fmt::format("tier '{}': no datacenter GPU of the catalog holds {} ({}) at "
                        "{} with one sequence of its full context, even two servers of "
                        "them; add a larger GPU",
                        m_q.criteria[m_q.index_of("model_capability")].answers[i].id,
                        escape_for_message(ladder->model->name), what,
                        to_string(ladder->quantisation)));
      }
    }
  }

  void load_figures(const YamlNode& node) {
    if (!expect_mapping(node, "'figures'", m_sink)) return;
    std::vector<std::string> names;
    for (const auto& f : kFigures) names.emplace_back(f.name);
    check_keys(node, names, "'figures'", m_sink);
    for (const auto& spec : kFigures) {
      const YamlNode* entry = node.find(spec.name);
      const std::string context = concat({"figure '", spec.name, "'"});
      if (entry == nullptr && m_overlay) continue;
      if (entry == nullptr) {
        m_sink.error(node.pos, fmt::format("missing figure '{}' in 'figures'", spec.name));
        continue;
      }
      if (!expect_mapping(*entry, context, m_sink)) continue;
      check_keys(*entry, {"value", "source", "as_of"}, context, m_sink);
      Figure f;
      if (const YamlNode* v = require_key(*entry, "value", context, m_sink)) {
        if (auto n = read_number(*v, "'value'", m_sink)) {
          if (spec.exclusive ? *n <= spec.minimum : *n < spec.minimum) {
            m_sink.error(v->pos, fmt::format("{} must be {} {}", context,
                                             spec.exclusive ? "above" : "at least",
                                             format_number(spec.minimum)));
          }
          f.value = *n;
        }
      }
      f.provenance = provenance(*entry, context);
      m_p.*(spec.member) = std::move(f);
    }
    if (m_p.peak_utilisation.value > 1) {
      m_sink.error(node.find("peak_utilisation")->pos,
                   "figure 'peak_utilisation' must be at most 1");
    }
    for (const auto& [trend, figure] :
         {std::pair{"hosted_price_change_per_year", &m_p.hosted_price_change_per_year},
          std::pair{"self_host_cost_change_per_year", &m_p.self_host_cost_change_per_year}}) {
      const YamlNode* t = node.find(trend);
      if (t != nullptr && figure->value > 1) {
        m_sink.error(t->pos,
                     fmt::format("figure '{}' must be at most 1 (a doubling a year)", trend));
      }
    }
  }

  void load_tables(const YamlNode& node) {
    if (!expect_mapping(node, "'tables'", m_sink)) return;
    std::vector<std::string> names;
    for (const auto& t : kTables) names.emplace_back(t.name);
    check_keys(node, names, "'tables'", m_sink);
    for (const auto& spec : kTables) {
      const YamlNode* entry = node.find(spec.name);
      const std::string context = concat({"table '", spec.name, "'"});
      if (entry == nullptr && m_overlay) continue;
      if (entry == nullptr) {
        m_sink.error(node.pos, fmt::format("missing table '{}' in 'tables'", spec.name));
        continue;
      }
      if (!expect_mapping(*entry, context, m_sink)) continue;
      check_keys(*entry, {"criterion", "values", "source", "as_of"}, context, m_sink);
      AnswerTable t;
      t.criterion = text(*entry, "criterion", context);
      const std::size_t ci = m_q.index_of(spec.criterion);
      if (t.criterion != spec.criterion) {
        m_sink.error(entry->pos,
                     fmt::format("{} must be keyed by criterion '{}'", context, spec.criterion));
      } else if (ci == kNoIndex || m_q.criteria[ci].kind != CriterionKind::choice) {
        m_sink.error(entry->pos, fmt::format("{} needs a choice criterion '{}' in the criteria",
                                             context, spec.criterion));
      } else if (const YamlNode* values = require_key(*entry, "values", context, m_sink);
                 values && expect_mapping(*values, concat({"'values' of ", context}), m_sink)) {
        const Criterion& c = m_q.criteria[ci];
        std::vector<std::string> ids;
        for (const auto& a : c.answers) ids.push_back(a.id);
        check_keys(*values, ids, concat({"'values' of ", context}), m_sink);
        t.by_answer.resize(c.answers.size());
        for (std::size_t i = 0; i < c.answers.size(); ++i) {
          const YamlNode* v = values->find(c.answers[i].id);
          if (v == nullptr) {
            m_sink.error(values->pos,
                         fmt::format("{} has no value for answer '{}'", context, c.answers[i].id));
            continue;
          }
          const auto n = read_number(*v, "a table value", m_sink);
          if (n && *n < 0)
            m_sink.error(v->pos, fmt::format("values of {} must be 0 or more", context));
          t.by_answer[i] = n.value_or(0);
        }
      }
      t.provenance = provenance(*entry, context);
      m_p.*(spec.member) = std::move(t);
    }
  }

  DiagnosticSink m_sink;
  const Questionnaire& m_q;
  Pricing m_p;
  std::vector<const YamlNode*> m_tier_nodes;  // for positions of plan errors
  bool m_overlay = false;                     // reading an overlay onto m_p
  bool m_partial = false;                     // the entry being read changes one of m_p's
  Provenance m_overlay_provenance;            // an overlay's own source and date
  std::set<std::string> m_seen;               // entries of this file, for "defined twice"
};

}  // namespace

// Prices age; a benchmark's throughput or a model's architecture does not in
// the same way (each throughput says how it was obtained in the report), so
// only prices and the figures around them count.
// Every price's date, oldest or newest: the staleness warning reads the
// oldest, a record's drift the newest (the last price that changed).
std::string Pricing::as_of_bound(bool newest) const {
  std::string bound = newest ? "" : "9999-12-31";
  const auto consider = [&](const Provenance& p) {
    if (!p.as_of.empty() && (newest ? p.as_of > bound : p.as_of < bound)) bound = p.as_of;
  };
  for (const auto& [id, h] : hosted) {
    consider(h.provenance);
    if (h.provisioned.offered()) consider(h.provisioned.provenance);
  }
  for (const auto& [name, g] : gpus) consider(g.provenance);
  for (const auto& spec : kFigures) consider((this->*(spec.member)).provenance);
  for (const auto& spec : kTables) consider((this->*(spec.member)).provenance);
  return bound;
}

Pricing load_pricing(std::string_view text, const std::string& source, const Questionnaire& q) {
  return PricingLoader(source, q).load(text);
}

Pricing load_pricing(const YamlNode& root, const std::string& source, const Questionnaire& q) {
  return PricingLoader(source, q).load(root);
}

Pricing load_pricing_files(const std::vector<PricingText>& files, const Questionnaire& q) {
  std::optional<Pricing> p;
  for (const PricingText& file : files) {
    const YamlNode root = parse_yaml(file.text, file.source);
    if (root.is_mapping() && root.find("overlay") != nullptr) {
      p = PricingLoader(file.source, q).overlay(p ? std::move(*p) : embedded_pricing(q), root);
    } else if (p) {
      throw InputError({Diagnostic{file.source, root.pos,
                                   "a full pricing file must come first; the files after it "
                                   "are overlays (with an 'overlay:' block) that change it"}});
    } else {
      p = PricingLoader(file.source, q).load(root);
    }
  }
  return p ? std::move(*p) : embedded_pricing(q);
}

}  // namespace aidecide
