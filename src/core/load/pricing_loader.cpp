// SPDX-License-Identifier: MIT
// Loads and validates criteria/pricing.yaml (docs/cost-model.md).
#include <fmt/format.h>

#include <algorithm>
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
    {"horizon_months", &Pricing::horizon_months, 0, true},
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

  Pricing load(const YamlNode& root) {
    expect_document(root, "a pricing file", "expected a pricing file (see docs/cost-model.md)",
                    {"version", "cloud", "gpus", "local", "figures", "tables"}, "the pricing file",
                    m_sink);
    m_p.version = read_version(root, "the pricing file", m_sink);
    const Criterion* tiers = tier_criterion(root);
    if (const YamlNode* gpus = require_key(root, "gpus", "the pricing file", m_sink))
      load_gpus(*gpus);
    if (const YamlNode* cloud = require_key(root, "cloud", "the pricing file", m_sink);
        cloud && tiers) {
      load_tiers<CloudTier>(
          *cloud, *tiers, "cloud",
          [&](const YamlNode& n, const std::string& ctx) { return cloud_tier(n, ctx); });
    }
    if (const YamlNode* local = require_key(root, "local", "the pricing file", m_sink);
        local && tiers) {
      load_tiers<LocalTier>(
          *local, *tiers, "local",
          [&](const YamlNode& n, const std::string& ctx) { return local_tier(n, ctx); });
    }
    if (const YamlNode* figures = require_key(root, "figures", "the pricing file", m_sink))
      load_figures(*figures);
    if (const YamlNode* tables = require_key(root, "tables", "the pricing file", m_sink))
      load_tables(*tables);
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
    const auto n = read_number(*v, fmt::format("'{}'", key), m_sink);
    if (n && (allow_zero ? *n < 0 : *n <= 0)) {
      m_sink.error(v->pos, fmt::format("'{}' of {} must be {}", key, context,
                                       allow_zero ? "0 or more" : "above 0"));
    }
    return n.value_or(0);
  }

  std::string text(const YamlNode& node, std::string_view key, const std::string& context) {
    const YamlNode* v = require_key(node, key, context, m_sink);
    return v ? read_string(*v, fmt::format("'{}'", key), m_sink).value_or("") : "";
  }

  void load_gpus(const YamlNode& node) {
    if (!expect_mapping(node, "'gpus'", m_sink)) return;
    for (const auto& [key, value] : node.entries) {
      const std::string context = fmt::format("GPU '{}'", escape_for_message(key.value));
      if (!expect_mapping(value, context, m_sink)) continue;
      check_keys(value, {"purchase_usd", "power_watts", "source", "as_of"}, context, m_sink);
      Gpu g;
      g.name = key.value;
      g.purchase_usd = positive(value, "purchase_usd", context);
      g.power_watts = positive(value, "power_watts", context, true);
      g.provenance = provenance(value, context);
      if (m_p.gpus.count(g.name))
        m_sink.error(key.pos, fmt::format("{} is defined twice", context));
      m_p.gpus[g.name] = std::move(g);
    }
  }

  CloudTier cloud_tier(const YamlNode& value, const std::string& context) {
    check_keys(value, {"model", "input_per_mtok", "output_per_mtok", "source", "as_of"}, context,
               m_sink);
    CloudTier t;
    t.model = text(value, "model", context);
    t.input_per_mtok = positive(value, "input_per_mtok", context);
    t.output_per_mtok = positive(value, "output_per_mtok", context);
    t.provenance = provenance(value, context);
    return t;
  }

  LocalTier local_tier(const YamlNode& value, const std::string& context) {
    check_keys(value,
               {"model", "gpu", "gpus_per_replica", "output_tokens_per_second", "source", "as_of"},
               context, m_sink);
    LocalTier t;
    t.model = text(value, "model", context);
    t.gpu = text(value, "gpu", context);
    if (const auto gpu = m_p.gpus.find(t.gpu); gpu != m_p.gpus.end()) {
      t.hardware = gpu->second;
    } else if (!t.gpu.empty()) {
      m_sink.error(value.find("gpu")->pos,
                   fmt::format("{} uses GPU '{}', which 'gpus' does not price", context,
                               escape_for_message(t.gpu)));
    }
    t.gpus_per_replica = positive(value, "gpus_per_replica", context);
    t.output_tokens_per_second = positive(value, "output_tokens_per_second", context);
    t.provenance = provenance(value, context);
    return t;
  }

  template <typename Tier, typename Read>
  void load_tiers(const YamlNode& node, const Criterion& tiers, std::string_view section,
                  Read read) {
    if (!expect_mapping(node, fmt::format("'{}'", section), m_sink)) return;
    std::vector<std::string> ids;
    for (const auto& a : tiers.answers) ids.push_back(a.id);
    check_keys(node, ids, fmt::format("'{}'", section), m_sink);
    std::vector<Tier> out(tiers.answers.size());
    for (std::size_t i = 0; i < tiers.answers.size(); ++i) {
      const YamlNode* entry = node.find(tiers.answers[i].id);
      const std::string context = fmt::format("{} tier '{}'", section, tiers.answers[i].id);
      if (entry == nullptr) {
        m_sink.error(node.pos, fmt::format("missing price: '{}' has no entry for capability '{}'",
                                           section, tiers.answers[i].id));
        continue;
      }
      if (expect_mapping(*entry, context, m_sink)) out[i] = read(*entry, context);
    }
    if constexpr (std::is_same_v<Tier, CloudTier>)
      m_p.cloud = std::move(out);
    else
      m_p.local = std::move(out);
  }

  void load_figures(const YamlNode& node) {
    if (!expect_mapping(node, "'figures'", m_sink)) return;
    std::vector<std::string> names;
    for (const auto& f : kFigures) names.emplace_back(f.name);
    check_keys(node, names, "'figures'", m_sink);
    for (const auto& spec : kFigures) {
      const YamlNode* entry = node.find(spec.name);
      const std::string context = fmt::format("figure '{}'", spec.name);
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
  }

  void load_tables(const YamlNode& node) {
    if (!expect_mapping(node, "'tables'", m_sink)) return;
    std::vector<std::string> names;
    for (const auto& t : kTables) names.emplace_back(t.name);
    check_keys(node, names, "'tables'", m_sink);
    for (const auto& spec : kTables) {
      const YamlNode* entry = node.find(spec.name);
      const std::string context = fmt::format("table '{}'", spec.name);
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
                 values &&
                 expect_mapping(*values, fmt::format("'values' of {}", context), m_sink)) {
        const Criterion& c = m_q.criteria[ci];
        std::vector<std::string> ids;
        for (const auto& a : c.answers) ids.push_back(a.id);
        check_keys(*values, ids, fmt::format("'values' of {}", context), m_sink);
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
};

}  // namespace

std::string Pricing::oldest_as_of() const {
  std::string oldest = "9999-12-31";
  const auto consider = [&](const Provenance& p) {
    if (!p.as_of.empty() && p.as_of < oldest) oldest = p.as_of;
  };
  for (const auto& t : cloud) consider(t.provenance);
  for (const auto& t : local) consider(t.provenance);
  for (const auto& [name, g] : gpus) consider(g.provenance);
  for (const auto& spec : kFigures) consider((this->*(spec.member)).provenance);
  for (const auto& spec : kTables) consider((this->*(spec.member)).provenance);
  return oldest;
}

Pricing load_pricing(std::string_view text, const std::string& source, const Questionnaire& q) {
  return PricingLoader(source, q).load(text);
}

Pricing load_pricing(const YamlNode& root, const std::string& source, const Questionnaire& q) {
  return PricingLoader(source, q).load(root);
}

}  // namespace aidecide
