// SPDX-License-Identifier: MIT
// Loads and validates a criteria file (docs/criteria.md).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "aidecide/escape.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/questionnaire.hpp"
#include "aidecide/text.hpp"
#include "load/loaders.hpp"
#include "yaml/yaml_read.hpp"

namespace aidecide {
namespace {

const std::vector<std::string> kTopKeys{
    "version", "criteria", "constraints", "hybrid_pattern_margin", "hybrid_patterns", "checklist"};
const std::vector<std::string> kCriterionKeys{
    "id",      "title",   "question", "help",   "type",    "weight",
    "unknown", "answers", "adjust",   "unit",   "minimum", "exclusive_minimum",
    "maximum", "scale",   "curve",    "signal", "ask_if",  "optional"};
const std::vector<std::string> kAnswerKeys{"id", "label", "why", "utility"};
const std::vector<std::string> kUnknownKeys{"assume", "range", "note"};
const std::vector<std::string> kAdjustKeys{"when", "why", "utility"};
const std::vector<std::string> kConstraintKeys{"id", "when", "forbids", "reason"};
const std::vector<std::string> kOptionNames{"cloud", "local", "hybrid"};

bool is_identifier(std::string_view id) {
  if (id.empty() || !std::islower(static_cast<unsigned char>(id[0]))) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

class CriteriaLoader {
 public:
  CriteriaLoader(const std::string& source) : m_sink(source) { m_q.source = source; }

  Questionnaire load(std::string_view text) { return load(parse_yaml(text, m_sink.source())); }

  Questionnaire load(const YamlNode& root) {
    expect_document(root, "a criteria file",
                    "expected a criteria file with 'version' and 'criteria'", kTopKeys,
                    "the criteria file", m_sink);
    m_q.version = read_version(root, "the criteria file", m_sink);
    const YamlNode* list = require_key(root, "criteria", "the criteria file", m_sink);
    if (list != nullptr) load_criteria(*list);
    if (const YamlNode* c = root.find("constraints")) load_constraints(*c);
    if (const YamlNode* m = root.find("hybrid_pattern_margin")) {
      const auto v = read_number(*m, "'hybrid_pattern_margin'", m_sink);
      if (v && (*v < 0 || *v > 100))
        m_sink.error(m->pos, "'hybrid_pattern_margin' must be between 0 and 100 points");
      m_q.hybrid_pattern_margin = v.value_or(5);
    }
    if (const YamlNode* p = root.find("hybrid_patterns")) load_patterns(*p);
    if (const YamlNode* c = root.find("checklist")) load_checklist(*c);
    check_weights(list);
    m_sink.throw_if_any();
    return std::move(m_q);
  }

 private:
  void load_criteria(const YamlNode& list) {
    if (!list.is_sequence() || list.items.empty()) {
      m_sink.error(list.pos, "'criteria' must be a non-empty list");
      return;
    }
    // Pass 1: the criteria themselves; pass 2: adjustments, which may refer
    // to criteria defined further down.
    for (const YamlNode& node : list.items) load_criterion(node);
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
      if (const YamlNode* adjust = m_nodes[i]->find("adjust"))
        load_adjustments(*adjust, m_q.criteria[i]);
      if (const YamlNode* ask_if = m_nodes[i]->find("ask_if"))
        load_ask_if(*ask_if, m_q.criteria[i]);
    }
  }

  // `ask_if`: the question applies only when these conditions hold. They may
  // only read questions asked before it, so `ask` knows in time.
  void load_ask_if(const YamlNode& node, Criterion& c) {
    const std::string context = concat({"'ask_if' of criterion '", c.id, "'"});
    if (!c.answerable()) {
      m_sink.error(node.pos, fmt::format("{}: a computed criterion is never asked", context));
      return;
    }
    c.ask_if = load_conditions(node, context);
    if (!node.is_mapping()) return;  // reported by load_conditions
    for (const auto& entry : node.entries) {
      const std::size_t target = m_q.index_of(entry.first.value);
      if (target == kNoIndex) continue;  // reported by load_conditions
      if (target >= c.index_in_questionnaire) {
        m_sink.error(entry.first.pos,
                     fmt::format("{} refers to '{}', which is not asked before it; conditions "
                                 "may only use earlier questions",
                                 context, m_q.criteria[target].id));
      } else if (!m_q.criteria[target].ask_if.empty()) {
        m_sink.error(entry.first.pos,
                     fmt::format("{} refers to '{}', which is conditional itself; chains of "
                                 "conditions are not supported",
                                 context, m_q.criteria[target].id));
      }
    }
  }

  void load_criterion(const YamlNode& node) {
    if (!expect_mapping(node, "a criterion", m_sink)) return;
    Criterion c;
    const YamlNode* id = require_key(node, "id", "a criterion", m_sink);
    if (id == nullptr) return;
    if (auto text = read_string(*id, "'id'", m_sink)) c.id = *text;
    if (!is_identifier(c.id)) {
      m_sink.error(id->pos,
                   fmt::format("criterion id '{}' must be lower-case letters, digits and '_'",
                               escape_for_message(c.id)));
      return;
    }
    if (m_q.index_of(c.id) != kNoIndex) {
      m_sink.error(id->pos, fmt::format("criterion '{}' is defined twice", c.id));
      return;
    }
    const std::string context = concat({"criterion '", c.id, "'"});
    check_keys(node, kCriterionKeys, context, m_sink);
    c.title = required_text(node, "title", context).value_or(c.id);
    c.question = required_text(node, "question", context).value_or("");
    if (const YamlNode* help = node.find("help"))
      c.help = read_string(*help, "'help'", m_sink).value_or("");
    if (const YamlNode* o = node.find("optional")) {
      if (o->is_scalar() && (o->value == "true" || o->value == "false")) {
        c.optional = o->value == "true";
      } else {
        m_sink.error(o->pos, "'optional' must be true or false");
      }
    }
    const std::string type = required_text(node, "type", context).value_or("");
    if (type == "choice") {
      c.kind = CriterionKind::choice;
      load_choice(node, c, context);
    } else if (type == "number") {
      c.kind = CriterionKind::number;
      load_number(node, c, context);
    } else if (type == "derived") {
      c.kind = CriterionKind::derived;
      load_derived(node, c, context);
    } else if (const YamlNode* t = node.find("type")) {
      m_sink.error(t->pos,
                   fmt::format("unknown type '{}' in {} (expected choice, number or derived)",
                               escape_for_message(type), context));
    }
    c.index_in_questionnaire = m_q.criteria.size();
    m_q.criteria.push_back(std::move(c));
    m_nodes.push_back(&node);
  }

  std::optional<std::string> required_text(const YamlNode& node, std::string_view key,
                                           const std::string& context) {
    const YamlNode* v = require_key(node, key, context, m_sink);
    if (v == nullptr) return std::nullopt;
    auto text = read_string(*v, concat({"'", key, "'"}), m_sink);
    if (text && text->empty()) {
      m_sink.error(v->pos, fmt::format("'{}' in {} must not be empty", key, context));
    }
    return text;
  }

  void load_weight(const YamlNode& node, Criterion& c, const std::string& context) {
    const YamlNode* w = require_key(node, "weight", context, m_sink);
    if (w == nullptr) return;
    if (auto value = read_number(*w, "'weight'", m_sink)) {
      if (!valid_weight(*value)) {
        m_sink.error(w->pos, fmt::format("weight of {} must be 0 or between {} and {}", context,
                                         kMinWeight, kMaxWeight));
      } else {
        c.weight = *value;
        c.scored = true;
      }
    }
  }

  std::optional<double> read_utility(const YamlNode& node) {
    auto value = read_number(node, "a utility", m_sink);
    if (value && (*value < 0 || *value > 1)) {
      m_sink.error(node.pos, fmt::format("utility {} is outside [0, 1]", format_number(*value)));
      return std::nullopt;
    }
    return value;
  }

  // {cloud: u, local: u, hybrid: u}; `partial` allows leaving options out.
  std::array<std::optional<double>, kOptionCount> read_per_option(const YamlNode& node,
                                                                  bool partial,
                                                                  const std::string& context) {
    std::array<std::optional<double>, kOptionCount> out;
    const std::string subject = concat({"the utility of ", context});
    if (!expect_mapping(node, subject, m_sink)) return out;
    check_keys(node, kOptionNames, subject, m_sink);
    for (Option o : kOptions) {
      const YamlNode* v = node.find(to_string(o));
      if (v == nullptr) {
        if (!partial) {
          m_sink.error(node.pos,
                       fmt::format("the utility of {} lacks '{}'", context, to_string(o)));
        }
        continue;
      }
      out[index(o)] = read_utility(*v);
    }
    return out;
  }

  void load_choice(const YamlNode& node, Criterion& c, const std::string& context) {
    // Without a weight, a choice is an input of the cost model only (as
    // budget_flexibility is): no utilities of its own.
    const bool weighted = node.find("weight") != nullptr;
    if (weighted) load_weight(node, c, context);
    const YamlNode* answers = require_key(node, "answers", context, m_sink);
    if (answers != nullptr) {
      if (!answers->is_sequence() || answers->items.empty()) {
        m_sink.error(answers->pos,
                     fmt::format("'answers' of {} must be a non-empty list", context));
      } else {
        for (const YamlNode& a : answers->items) load_answer(a, c, context, weighted);
      }
    }
    const YamlNode* unknown = require_key(node, "unknown", context, m_sink);
    if (unknown == nullptr || !expect_mapping(*unknown, "'unknown'", m_sink)) return;
    check_keys(*unknown, {"assume", "note"}, concat({"'unknown' of ", context}), m_sink);
    c.assumption_note = unknown->find("note")
                            ? read_string(*unknown->find("note"), "'note'", m_sink).value_or("")
                            : "";
    if (const YamlNode* assume = require_key(*unknown, "assume", context, m_sink)) {
      const std::size_t i = assume->is_scalar() ? c.answer_index(assume->value) : kNoIndex;
      if (i == kNoIndex) {
        m_sink.error(assume->pos,
                     fmt::format("'assume' of {} must be one of its answers", context));
      } else {
        c.assumption.choice = i;
      }
    }
  }

  void load_answer(const YamlNode& node, Criterion& c, const std::string& context, bool weighted) {
    const std::string subject = concat({"an answer of ", context});
    if (!expect_mapping(node, subject, m_sink)) return;
    ChoiceAnswer a;
    const YamlNode* id = require_key(node, "id", subject, m_sink);
    if (id == nullptr) return;
    a.id = read_string(*id, "'id'", m_sink).value_or("");
    if (!is_identifier(a.id)) {
      m_sink.error(id->pos, fmt::format("answer id '{}' must be lower-case letters, digits and '_'",
                                        escape_for_message(a.id)));
      return;
    }
    if (c.answer_index(a.id) != kNoIndex) {
      m_sink.error(id->pos, fmt::format("answer '{}' of {} is defined twice", a.id, context));
      return;
    }
    const std::string answer_context = concat({"answer '", a.id, "' of ", context});
    check_keys(node, kAnswerKeys, answer_context, m_sink);
    a.label = required_text(node, "label", answer_context).value_or(a.id);
    a.why = required_text(node, "why", answer_context).value_or("");
    if (!weighted) {
      if (const YamlNode* u = node.find("utility")) {
        m_sink.error(u->pos, fmt::format("{} has a utility but {} has no weight; give it a weight, "
                                         "or drop the utilities",
                                         answer_context, context));
      }
    } else if (const YamlNode* u = require_key(node, "utility", answer_context, m_sink)) {
      const auto values = read_per_option(*u, false, answer_context);
      for (Option o : kOptions) a.utility[index(o)] = values[index(o)].value_or(0);
    }
    c.answers.push_back(std::move(a));
  }

  void load_number(const YamlNode& node, Criterion& c, const std::string& context) {
    c.unit =
        node.find("unit") ? read_string(*node.find("unit"), "'unit'", m_sink).value_or("") : "";
    if (const YamlNode* m = node.find("minimum"))
      c.minimum = read_number(*m, "'minimum'", m_sink).value_or(0);
    if (const YamlNode* m = node.find("maximum")) c.maximum = read_number(*m, "'maximum'", m_sink);
    if (const YamlNode* e = node.find("exclusive_minimum")) {
      if (e->is_scalar() && (e->value == "true" || e->value == "false")) {
        c.exclusive_minimum = e->value == "true";
      } else {
        m_sink.error(e->pos, "'exclusive_minimum' must be true or false");
      }
    }
    if (const YamlNode* s = node.find("scale")) {
      if (s->is_scalar() && s->value == "log") {
        c.scale = Scale::log;
      } else if (!s->is_scalar() || s->value != "linear") {
        m_sink.error(s->pos, "'scale' must be linear or log");
      }
    }
    if (const YamlNode* curve = node.find("curve")) {
      load_weight(node, c, context);
      load_curve(*curve, c, context);
    } else if (const YamlNode* w = node.find("weight")) {
      m_sink.error(w->pos, fmt::format("{} has a weight but no curve; give it a curve, or drop the "
                                       "weight if it only feeds the cost model",
                                       context));
    }
    const YamlNode* unknown = require_key(node, "unknown", context, m_sink);
    if (unknown == nullptr || !expect_mapping(*unknown, "'unknown'", m_sink)) return;
    check_keys(*unknown, kUnknownKeys, concat({"'unknown' of ", context}), m_sink);
    if (const YamlNode* n = unknown->find("note"))
      c.assumption_note = read_string(*n, "'note'", m_sink).value_or("");
    if (const YamlNode* assume = require_key(*unknown, "assume", context, m_sink)) {
      if (auto v = read_number(*assume, "'assume'", m_sink)) {
        c.assumption.number = *v;
        if (!in_range(c, *v))
          m_sink.error(assume->pos, fmt::format("'assume' of {} is out of its range", context));
      }
    }
    if (const YamlNode* range = require_key(*unknown, "range", context, m_sink)) {
      if (!range->is_sequence() || range->items.size() != 2) {
        m_sink.error(range->pos, "'range' must be a list of two numbers, [low, high]");
      } else {
        const auto lo = read_number(range->items[0], "the range's low end", m_sink);
        const auto hi = read_number(range->items[1], "the range's high end", m_sink);
        if (lo && hi) {
          if (*lo > *hi || !in_range(c, *lo)) {
            m_sink.error(
                range->pos,
                fmt::format("'range' of {} must be [low, high] within its limits", context));
          }
          c.plausible = {*lo, *hi};
        }
      }
    }
  }

  static bool in_range(const Criterion& c, double v) {
    if (c.exclusive_minimum ? v <= c.minimum : v < c.minimum) return false;
    return !c.maximum || v <= *c.maximum;
  }

  void load_curve(const YamlNode& node, Criterion& c, const std::string& context) {
    c.curve.scale = c.scale;
    const std::string subject = concat({"the curve of ", context});
    if (!expect_mapping(node, subject, m_sink)) return;
    check_keys(node, kOptionNames, subject, m_sink);
    for (Option o : kOptions) {
      const YamlNode* pts = node.find(to_string(o));
      if (pts == nullptr) {
        m_sink.error(node.pos, fmt::format("the curve of {} lacks '{}'", context, to_string(o)));
        continue;
      }
      if (!pts->is_sequence() || pts->items.empty()) {
        m_sink.error(pts->pos, "a curve must be a non-empty list of [x, utility] points");
        continue;
      }
      auto& out = c.curve.points[index(o)];
      for (const YamlNode& p : pts->items) {
        if (!p.is_sequence() || p.items.size() != 2) {
          m_sink.error(p.pos, "a curve point must be [x, utility]");
          continue;
        }
        const auto x = read_number(p.items[0], "a curve's x", m_sink);
        const auto u = read_utility(p.items[1]);
        if (!x || !u) continue;
        if (!out.empty() && *x <= out.back().first) {
          m_sink.error(p.pos, "curve points must have strictly increasing x");
        } else if (c.scale == Scale::log && *x <= 0) {
          m_sink.error(p.pos, "a log-scale curve needs x above 0");
        } else {
          c.curve.add_point(o, *x, *u);
        }
      }
    }
  }

  void load_derived(const YamlNode& node, Criterion& c, const std::string& context) {
    load_weight(node, c, context);
    const auto signal = required_text(node, "signal", context).value_or("");
    if (signal == "cost") {
      c.signal = DerivedSignal::cost;
    } else if (signal == "budget") {
      c.signal = DerivedSignal::budget;
    } else if (const YamlNode* s = node.find("signal")) {
      m_sink.error(s->pos, fmt::format("unknown signal '{}' (expected cost or budget)",
                                       escape_for_message(signal)));
    }
  }

  // {criterion: [answers]} or {criterion: answer} or {criterion: {below: x, at_least: y}}.
  std::vector<Condition> load_conditions(const YamlNode& node, const std::string& context) {
    std::vector<Condition> out;
    if (!expect_mapping(node, concat({"'when' of ", context}), m_sink)) return out;
    if (node.entries.empty()) m_sink.error(node.pos, fmt::format("'when' of {} is empty", context));
    for (const auto& [key, value] : node.entries) {
      Condition cond;
      cond.criterion = m_q.index_of(key.value);
      if (cond.criterion == kNoIndex) {
        std::vector<std::string> ids;
        for (const auto& c : m_q.criteria) ids.push_back(c.id);
        const auto hint = did_you_mean(key.value, ids);
        m_sink.error(key.pos, fmt::format("{} refers to unknown criterion '{}'{}", context,
                                          escape_for_message(key.value),
                                          hint ? fmt::format("; did you mean '{}'?", *hint) : ""));
        continue;
      }
      const Criterion& target = m_q.criteria[cond.criterion];
      if (target.kind == CriterionKind::choice) {
        std::vector<const YamlNode*> ids;
        if (value.is_sequence()) {
          for (const auto& item : value.items) ids.push_back(&item);
        } else {
          ids.push_back(&value);
        }
        for (const YamlNode* a : ids) {
          const std::size_t i = a->is_scalar() ? target.answer_index(a->value) : kNoIndex;
          if (i == kNoIndex) {
            m_sink.error(a->pos, fmt::format("'{}' is not an answer of criterion '{}'",
                                             escape_for_message(a->value), target.id));
          } else {
            cond.answers.push_back(i);
          }
        }
      } else if (target.kind == CriterionKind::number && value.is_mapping()) {
        check_keys(value, {"below", "at_least"}, concat({"a condition on '", target.id, "'"}),
                   m_sink);
        if (const YamlNode* b = value.find("below"))
          cond.below = read_number(*b, "'below'", m_sink);
        if (const YamlNode* a = value.find("at_least"))
          cond.at_least = read_number(*a, "'at_least'", m_sink);
      } else {
        m_sink.error(value.pos, fmt::format("a condition on '{}' must be {}", target.id,
                                            target.kind == CriterionKind::number
                                                ? "{below: x} or {at_least: x}"
                                                : "about an answered criterion"));
      }
      out.push_back(std::move(cond));
    }
    return out;
  }

  void load_adjustments(const YamlNode& list, Criterion& c) {
    const std::string context = concat({"an adjustment of criterion '", c.id, "'"});
    if (c.kind != CriterionKind::choice) {
      m_sink.error(list.pos, "only choice criteria can have 'adjust'");
      return;
    }
    if (!list.is_sequence()) {
      m_sink.error(list.pos, "'adjust' must be a list");
      return;
    }
    for (const YamlNode& node : list.items) {
      if (!expect_mapping(node, context, m_sink)) continue;
      check_keys(node, kAdjustKeys, context, m_sink);
      Adjustment adj;
      if (const YamlNode* when = require_key(node, "when", context, m_sink))
        adj.when = load_conditions(*when, context);
      adj.why = required_text(node, "why", context).value_or("");
      const YamlNode* utility = require_key(node, "utility", context, m_sink);
      if (utility != nullptr && expect_mapping(*utility, "'utility'", m_sink)) {
        for (const auto& [key, value] : utility->entries) {
          const std::size_t a = c.answer_index(key.value);
          if (a == kNoIndex) {
            m_sink.error(key.pos, fmt::format("'{}' is not an answer of criterion '{}'",
                                              escape_for_message(key.value), c.id));
            continue;
          }
          adj.utilities.emplace_back(a, read_per_option(value, true, context));
        }
      }
      c.adjustments.push_back(std::move(adj));
    }
  }

  void load_constraints(const YamlNode& list) {
    if (!list.is_sequence()) {
      m_sink.error(list.pos, "'constraints' must be a list");
      return;
    }
    for (const YamlNode& node : list.items) {
      if (!expect_mapping(node, "a constraint", m_sink)) continue;
      Constraint k;
      if (const YamlNode* id = require_key(node, "id", "a constraint", m_sink)) {
        k.id = read_string(*id, "'id'", m_sink).value_or("");
        if (!is_identifier(k.id)) {
          m_sink.error(
              id->pos,
              fmt::format("constraint id '{}' must be lower-case letters, digits, '-' and '_'",
                          escape_for_message(k.id)));
        }
        for (const auto& other : m_q.constraints) {
          if (other.id == k.id)
            m_sink.error(id->pos, fmt::format("constraint '{}' is defined twice", k.id));
        }
      }
      const std::string context = concat({"constraint '", k.id, "'"});
      check_keys(node, kConstraintKeys, context, m_sink);
      if (const YamlNode* when = require_key(node, "when", context, m_sink))
        k.when = load_conditions(*when, context);
      if (const YamlNode* forbids = require_key(node, "forbids", context, m_sink)) {
        if (!forbids->is_sequence() || forbids->items.empty()) {
          m_sink.error(forbids->pos, "'forbids' must be a non-empty list of options");
        } else {
          for (const YamlNode& o : forbids->items) {
            const auto option = o.is_scalar() ? parse_option(o.value) : std::nullopt;
            if (!option) {
              m_sink.error(o.pos, fmt::format("'{}' is not an option (cloud, local or hybrid)",
                                              escape_for_message(o.value)));
            } else {
              k.forbids[index(*option)] = true;
            }
          }
        }
      }
      k.reason = required_text(node, "reason", context).value_or("");
      m_q.constraints.push_back(std::move(k));
    }
  }

  void load_patterns(const YamlNode& list) {
    if (!list.is_sequence()) {
      m_sink.error(list.pos, "'hybrid_patterns' must be a list");
      return;
    }
    for (const YamlNode& node : list.items) {
      if (!expect_mapping(node, "a hybrid pattern", m_sink)) continue;
      HybridPattern pattern;
      pattern.id = required_text(node, "id", "a hybrid pattern").value_or("");
      const std::string context = concat({"hybrid pattern '", escape_for_message(pattern.id), "'"});
      check_keys(node, {"id", "title", "when", "why"}, context, m_sink);
      pattern.title = required_text(node, "title", context).value_or("");
      pattern.why = required_text(node, "why", context).value_or("");
      if (const YamlNode* when = require_key(node, "when", context, m_sink)) {
        if (!(when->is_mapping() && when->entries.empty()))
          pattern.when = load_conditions(*when, context);
      }
      m_q.hybrid_patterns.push_back(std::move(pattern));
    }
  }

  void load_checklist(const YamlNode& list) {
    if (!list.is_sequence()) {
      m_sink.error(list.pos, "'checklist' must be a list");
      return;
    }
    for (const YamlNode& node : list.items) {
      if (!expect_mapping(node, "a checklist item", m_sink)) continue;
      const std::string context = "a checklist item";
      check_keys(node, {"for", "when", "text"}, context, m_sink);
      ChecklistItem item;
      if (const YamlNode* options = require_key(node, "for", context, m_sink)) {
        if (!options->is_sequence() || options->items.empty()) {
          m_sink.error(options->pos, "'for' must be a non-empty list of options");
        } else {
          for (const YamlNode& o : options->items) {
            const auto option = o.is_scalar() ? parse_option(o.value) : std::nullopt;
            if (!option) {
              m_sink.error(o.pos, fmt::format("'{}' is not an option (cloud, local or hybrid)",
                                              escape_for_message(o.value)));
            } else {
              item.applies[index(*option)] = true;
            }
          }
        }
      }
      if (const YamlNode* when = node.find("when")) item.when = load_conditions(*when, context);
      if (const YamlNode* text = require_key(node, "text", context, m_sink)) {
        item.text = read_string(*text, "'text'", m_sink).value_or("");
        check_placeholders(*text, item.text);
      }
      m_q.checklist.push_back(std::move(item));
    }
  }

  // Every {name} must be a criterion id or a documented placeholder.
  void check_placeholders(const YamlNode& node, const std::string& text) {
    for (std::size_t open = text.find('{'); open != std::string::npos;
         open = text.find('{', open + 1)) {
      const std::size_t close = text.find('}', open);
      if (close == std::string::npos) {
        m_sink.error(node.pos, "unclosed '{' in a checklist text");
        return;
      }
      const std::string name = text.substr(open + 1, close - open - 1);
      const bool fixed = std::find(kChecklistPlaceholders.begin(), kChecklistPlaceholders.end(),
                                   name) != kChecklistPlaceholders.end();
      const std::size_t i = m_q.index_of(name);
      if (!fixed && (i == kNoIndex || !m_q.criteria[i].answerable())) {
        m_sink.error(node.pos, fmt::format("unknown placeholder '{{{}}}' in a checklist text",
                                           escape_for_message(name)));
      }
    }
  }

  void check_weights(const YamlNode* list) {
    // Only meaningful when every weight could be read.
    if (list == nullptr || m_q.criteria.empty() || !m_sink.empty()) return;
    const bool any_positive =
        std::any_of(m_q.criteria.begin(), m_q.criteria.end(),
                    [](const Criterion& c) { return c.scored && c.weight > 0; });
    if (!any_positive) m_sink.error(list->pos, "at least one criterion must have a weight above 0");
  }

  DiagnosticSink m_sink;
  Questionnaire m_q;
  std::vector<const YamlNode*> m_nodes;
};

}  // namespace

Questionnaire load_questionnaire(std::string_view text, const std::string& source) {
  return CriteriaLoader(source).load(text);
}

Questionnaire load_questionnaire(const YamlNode& root, const std::string& source) {
  return CriteriaLoader(source).load(root);
}

}  // namespace aidecide
