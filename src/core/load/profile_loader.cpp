// SPDX-License-Identifier: MIT
// Loads and validates project profiles (contract section 2).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "aidecide/escape.hpp"
#include "aidecide/human_input.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/profile.hpp"
#include "aidecide/text.hpp"
#include "load/loaders.hpp"
#include "yaml/yaml_read.hpp"

namespace aidecide {

namespace {
double midpoint(const Criterion& c, double lo, double hi) {
  // Volumes and budgets span orders of magnitude: the middle of [1k, 1M] is 31.6k, not 500k.
  if (c.scale == Scale::log && lo > 0) return std::sqrt(lo * hi);
  return (lo + hi) / 2;
}
}  // namespace

Values resolve_values(const Questionnaire& q, const Profile& profile) {
  Values values(q.criteria.size());
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    const Criterion& c = q.criteria[i];
    if (!c.answerable()) continue;
    const Answer& a = profile.answers[i];
    switch (a.kind) {
      case Answer::Kind::choice:
        values[i].choice = a.choice;
        break;
      case Answer::Kind::number:
        values[i].number = a.low;
        break;
      case Answer::Kind::range:
        values[i].number = midpoint(c, a.low, a.high);
        break;
      case Answer::Kind::unknown:
      case Answer::Kind::missing:
        values[i] = c.assumption;
        break;
    }
  }
  return values;
}

namespace {

const std::vector<std::string> kProfileKeys{"name",    "description", "owner",  "tags",
                                            "answers", "weights",     "models", "stakeholders"};

// At most this many criteria in one stakeholder's pairwise round (Saaty's
// random indices, and a round a person can answer, end there).
constexpr std::size_t kMaxCompared = 10;

std::size_t criterion_index(const Questionnaire& q, const YamlNode& node, std::string_view where,
                            DiagnosticSink& sink) {
  if (!node.is_scalar()) {
    sink.error(node.pos, fmt::format("{}: expected a criterion id", where));
    return kNoIndex;
  }
  const std::size_t i = q.index_of(node.value);
  if (i == kNoIndex || !q.criteria[i].scored) {
    std::vector<std::string> scored;
    for (const auto& c : q.criteria)
      if (c.scored) scored.push_back(c.id);
    std::string message = fmt::format("{}: '{}' is not a criterion with a weight", where,
                                      escape_for_message(node.value));
    if (auto hint = did_you_mean(node.value, scored))
      message += fmt::format("; did you mean '{}'?", *hint);
    sink.error(node.pos, message);
    return kNoIndex;
  }
  return i;
}

void load_stakeholder(const YamlNode& node, const Questionnaire& q, Stakeholder& s,
                      DiagnosticSink& sink) {
  s.pos = node.pos;
  if (!expect_mapping(node, "a stakeholder", sink)) return;
  check_keys(node, {"name", "role", "influence", "weights", "pairwise"}, "a stakeholder", sink);
  if (const YamlNode* n = require_key(node, "name", "a stakeholder", sink))
    s.name = read_string(*n, "a stakeholder's name", sink).value_or("");
  if (const YamlNode* r = node.find("role")) s.role = read_string(*r, "'role'", sink).value_or("");
  if (const YamlNode* f = node.find("influence")) {
    if (auto v = read_number(*f, "'influence'", sink)) {
      if (*v > 0 && *v <= 100)
        s.influence = *v;
      else
        sink.error(f->pos,
                   fmt::format("'influence' must be above 0 and at most 100, not {:g}", *v));
    }
  }
  s.weights.assign(q.criteria.size(), std::nullopt);
  const YamlNode* w = node.find("weights");
  const YamlNode* p = node.find("pairwise");
  if ((w == nullptr) == (p == nullptr)) {
    sink.error(node.pos, fmt::format("stakeholder '{}' needs either 'weights' or 'pairwise'",
                                     escape_for_message(s.name)));
    return;
  }
  if (w != nullptr) {
    if (!expect_mapping(*w, "'weights'", sink)) return;
    bool any = false, bad = false;
    for (const auto& [key, value] : w->entries) {
      if (key.value.starts_with("x-")) continue;
      const std::size_t i = criterion_index(q, key, "'weights'", sink);
      bad = bad || i == kNoIndex;
      if (i == kNoIndex) continue;
      auto v = read_number(value, fmt::format("the weight of {}", key.value), sink);
      if (v && !valid_weight(*v)) {
        sink.error(value.pos,
                   fmt::format("the weight of {} must be 0 or between {} and {}, not {:g}",
                               key.value, kMinWeight, kMaxWeight, *v));
        continue;
      }
      if (v && s.weights[i]) {
        sink.error(key.pos, fmt::format("'{}' is weighted twice for this stakeholder", key.value));
        continue;
      }
      s.weights[i] = v;
      any = any || (v && *v > 0);
    }
    if (!any && !bad)
      sink.error(w->pos, "every weight is 0 or missing; at least one criterion must count");
    return;
  }
  if (!p->is_sequence() || p->items.empty()) {
    sink.error(p->pos, "'pairwise' must be a list of [more, less, ratio], like [cost, latency, 3]");
    return;
  }
  std::vector<std::size_t> compared;
  for (const YamlNode& item : p->items) {
    if (!item.is_sequence() || item.items.size() != 3) {
      sink.error(item.pos,
                 "a judgement is [more, less, ratio]: the first criterion matters ratio "
                 "times as much as the second (1 to 9)");
      continue;
    }
    Stakeholder::Judgement j;
    j.pos = item.pos;
    j.more = criterion_index(q, item.items[0], "'pairwise'", sink);
    j.less = criterion_index(q, item.items[1], "'pairwise'", sink);
    const auto r = read_number(item.items[2], "a ratio", sink);
    if (j.more == kNoIndex || j.less == kNoIndex || !r) continue;
    if (*r < 1 || *r > 9) {
      sink.error(item.items[2].pos,
                 fmt::format("a ratio is from 1 to 9 (Saaty's scale), not {:g}; to say the second "
                             "matters more, swap the two",
                             *r));
      continue;
    }
    if (j.more == j.less) {
      sink.error(item.pos, "a criterion compared with itself");
      continue;
    }
    const bool again = std::any_of(s.pairwise.begin(), s.pairwise.end(), [&](const auto& o) {
      return (o.more == j.more && o.less == j.less) || (o.more == j.less && o.less == j.more);
    });
    if (again) {
      sink.error(item.pos, fmt::format("{} and {} are compared twice", q.criteria[j.more].id,
                                       q.criteria[j.less].id));
      continue;
    }
    j.ratio = *r;
    s.pairwise.push_back(j);
    for (std::size_t c : {j.more, j.less})
      if (std::find(compared.begin(), compared.end(), c) == compared.end()) compared.push_back(c);
  }
  if (compared.size() > kMaxCompared) {
    sink.error(p->pos, fmt::format("at most {} criteria in one pairwise round, not {}",
                                   kMaxCompared, compared.size()));
    return;
  }
  // Every pair of the criteria compared must be judged (a complete matrix).
  for (std::size_t a = 0; a < compared.size(); ++a) {
    for (std::size_t b = a + 1; b < compared.size(); ++b) {
      const bool judged = std::any_of(s.pairwise.begin(), s.pairwise.end(), [&](const auto& o) {
        return (o.more == compared[a] && o.less == compared[b]) ||
               (o.more == compared[b] && o.less == compared[a]);
      });
      if (!judged)
        sink.error(p->pos, fmt::format("{} and {} are not compared; every pair of the criteria in "
                                       "a pairwise round needs a judgement",
                                       q.criteria[compared[a]].id, q.criteria[compared[b]].id));
    }
  }
}

}  // namespace

void load_stakeholders(const YamlNode& node, const Questionnaire& q, Profile& profile,
                       DiagnosticSink& sink) {
  if (!node.is_sequence()) {
    sink.error(node.pos,
               "'stakeholders' must be a list (each with name, role and weights or "
               "pairwise)");
    return;
  }
  if (node.items.size() > 50) {
    sink.error(node.pos, fmt::format("at most 50 stakeholders, not {}", node.items.size()));
    return;
  }
  for (const YamlNode& item : node.items) {
    Stakeholder s;
    load_stakeholder(item, q, s, sink);
    const bool twice = std::any_of(profile.stakeholders.begin(), profile.stakeholders.end(),
                                   [&](const Stakeholder& o) { return o.name == s.name; });
    if (twice && !s.name.empty())
      sink.error(item.pos,
                 fmt::format("stakeholder '{}' is listed twice", escape_for_message(s.name)));
    profile.stakeholders.push_back(std::move(s));
  }
}

namespace {

std::vector<std::string> answer_ids(const Criterion& c) {
  std::vector<std::string> ids;
  for (const auto& a : c.answers) ids.push_back(a.id);
  return ids;
}

std::string range_text(const Criterion& c) {
  std::string text =
      fmt::format("{} {}", c.exclusive_minimum ? "above" : "at least", format_number(c.minimum));
  if (c.maximum) text += fmt::format(" and at most {}", format_number(*c.maximum));
  return text;
}

bool number_in_range(const Criterion& c, double v) {
  if (c.exclusive_minimum ? v <= c.minimum : v < c.minimum) return false;
  return !c.maximum || v <= *c.maximum;
}

// The message for a choice value that is not one of the answers.
std::string bad_choice_message(const Criterion& c, std::string_view value) {
  const auto ids = answer_ids(c);
  std::string message = fmt::format("'{}' is not an answer of {}", escape_for_message(value), c.id);
  if (auto hint = did_you_mean(value, ids)) {
    message += fmt::format("; did you mean '{}'?", *hint);
  } else {
    message += fmt::format(" (expected {}, or unknown)", join_words(ids, " or "));
  }
  return message;
}

Answer read_answer(const Criterion& c, const YamlNode& node, DiagnosticSink& sink) {
  const DiagnosticSink::CodeScope scope(sink, "invalid-answer");
  Answer a;
  a.pos = node.pos;
  if (node.is_null()) {
    sink.error(node.pos, fmt::format("{} has no value; give an answer or 'unknown'", c.id));
    return a;
  }
  if (node.is_scalar() && node.value == "unknown") {
    a.kind = Answer::Kind::unknown;
    return a;
  }
  if (c.kind == CriterionKind::choice) {
    if (!node.is_scalar()) {
      sink.error(node.pos, fmt::format("{} must be one of {}, not {}", c.id,
                                       join_words(answer_ids(c), ", "), describe(node)));
      return a;
    }
    a.choice = c.answer_index(node.value);
    if (a.choice == kNoIndex) {
      // The same names as a prompt takes, in any case ("Public").
      for (std::size_t i = 0; i < c.answers.size() && a.choice == kNoIndex; ++i) {
        if (equal_ignoring_case(c.answers[i].id, node.value)) a.choice = i;
      }
    }
    if (a.choice == kNoIndex) {
      std::string message = bad_choice_message(c, node.value);
      // Many YAML readers turn unquoted yes/no/on/off into booleans.
      if (node.plain && looks_like_yaml_boolean(node.value))
        message += " (note: many YAML tools read unquoted yes, no, on and off as true or false)";
      sink.error(node.pos, std::move(message));
      return a;
    }
    a.kind = Answer::Kind::choice;
    return a;
  }
  // A number, or a range [low, high]: plain, or in the forms a prompt takes
  // (2M, 250k, $250k, 1,500, 1.5s, 800ms), each scalar parsed once.
  const auto number_of = [&](const YamlNode& n) -> std::optional<double> {
    if (!n.is_scalar()) return std::nullopt;
    if (auto v = parse_plain_number(n.value)) return v;
    return parse_human_number(n.value, c).value;
  };
  const auto read_bound = [&](const YamlNode& n, std::optional<double> v) -> std::optional<double> {
    if (!v) {
      sink.error(n.pos,
                 fmt::format("{} must be a number ({}), a range [low, high] or unknown, not {}",
                             c.id, c.unit.empty() ? "a number" : c.unit,
                             n.is_scalar() ? fmt::format("'{}'", escape_for_message(n.value))
                                           : std::string(describe(n))));
      return std::nullopt;
    }
    if (!number_in_range(c, *v)) {
      sink.error(n.pos,
                 fmt::format("{} must be {}, not {}", c.id, range_text(c), format_number(*v)));
      return std::nullopt;
    }
    return v;
  };
  if (node.is_sequence()) {
    if (node.items.size() != 2) {
      sink.error(node.pos, fmt::format("a range for {} must be [low, high]", c.id));
      return a;
    }
    const auto lo = read_bound(node.items[0], number_of(node.items[0]));
    const auto hi = read_bound(node.items[1], number_of(node.items[1]));
    if (!lo || !hi) return a;
    if (*lo > *hi) {
      sink.error(node.pos, fmt::format("the range for {} is reversed: {} is above {}", c.id,
                                       format_number(*lo), format_number(*hi)));
      return a;
    }
    a.kind = *lo == *hi ? Answer::Kind::number : Answer::Kind::range;
    a.low = *lo;
    a.high = *hi;
    return a;
  }
  const std::optional<double> number = number_of(node);
  if (!number && node.is_scalar()) {
    // A range written as a prompt takes it: "100k-2M", "1s to 3s".
    const HumanAnswer h = parse_human_answer(node.value, c);
    if (h.answer && h.answer->kind == Answer::Kind::range) {
      a.kind = Answer::Kind::range;
      a.low = h.answer->low;
      a.high = h.answer->high;
      return a;
    }
  }
  if (auto v = read_bound(node, number)) {
    a.kind = Answer::Kind::number;
    a.low = a.high = *v;
  }
  return a;
}

}  // namespace

void load_answer_body(const YamlNode* answers, const YamlNode* weights, const Questionnaire& q,
                      Profile& profile, DiagnosticSink& sink, const AnswerBodyOptions& options) {
  profile.answers.assign(q.criteria.size(), Answer{});
  profile.weights.assign(q.criteria.size(), std::nullopt);
  // The ids a misspelt key may have meant, gathered only when one is.
  const auto ids = [&q](bool (*keep)(const Criterion&)) {
    std::vector<std::string> out;
    for (const auto& c : q.criteria) {
      if (keep(c)) out.push_back(c.id);
    }
    return out;
  };
  const auto answerable = [](const Criterion& c) { return c.answerable(); };
  const auto weighted = [](const Criterion& c) { return c.scored; };
  if (answers != nullptr && expect_mapping(*answers, "'answers'", sink)) {
    std::vector<bool> seen(q.criteria.size(), false);
    std::size_t guess = 0;  // where the next key most likely is
    for (const auto& [key, value] : answers->entries) {
      if (key.value.starts_with("x-")) continue;
      const std::size_t i = q.index_of(key.value, guess);
      guess = i + 1;
      if (i != kNoIndex && seen[i]) {
        sink.error(
            key.pos,
            fmt::format(
                "duplicate key '{}' in 'answers' (first given at line {}); remove one of them",
                key.value, profile.answers[i].pos.line),
            "duplicate-key");
        continue;
      }
      if (i == kNoIndex || !q.criteria[i].answerable()) {
        std::string message =
            i != kNoIndex
                ? fmt::format("'{}' is computed by the engine and cannot be answered", key.value)
                : fmt::format("unknown criterion '{}' in 'answers'", escape_for_message(key.value));
        if (i == kNoIndex) {
          if (auto hint = did_you_mean(key.value, ids(answerable)))
            message += fmt::format("; did you mean '{}'?", *hint);
        }
        sink.error(key.pos, std::move(message), "unknown-key");
        continue;
      }
      seen[i] = true;
      profile.answers[i] = read_answer(q.criteria[i], value, sink);
      profile.answers[i].pos = value.is_null() ? key.pos : value.pos;
    }
    if (options.require_all) {
      // A question whose ask_if does not hold needs no answer.
      const Values values = resolve_values(q, profile);
      std::vector<std::string> missing;
      for (std::size_t i = 0; i < q.criteria.size(); ++i) {
        if (q.criteria[i].answerable() && !q.criteria[i].optional && !seen[i] &&
            applies(q.criteria[i], values))
          missing.push_back(q.criteria[i].id);
      }
      if (!missing.empty()) {
        sink.error(answers->pos,
                   fmt::format("missing {} ({}): {}; answer each, or write 'unknown'",
                               missing.size() == 1 ? "answer" : "answers", missing.size(),
                               join_words(missing, ", ")),
                   "missing-answer");
      }
    }
  }
  if (weights == nullptr || !expect_mapping(*weights, "'weights'", sink)) return;
  std::vector<SourcePos> first_weight(q.criteria.size());
  std::size_t guess = 0;
  for (const auto& [key, value] : weights->entries) {
    if (key.value.starts_with("x-")) continue;
    const std::size_t i = q.index_of(key.value, guess);
    guess = i + 1;
    if (i != kNoIndex && first_weight[i].line > 0) {
      sink.error(key.pos,
                 fmt::format(
                     "duplicate key '{}' in 'weights' (first given at line {}); remove one of them",
                     key.value, first_weight[i].line),
                 "duplicate-key");
      continue;
    }
    if (i != kNoIndex) first_weight[i] = key.pos;
    if (i == kNoIndex) {
      std::string message =
          fmt::format("unknown criterion '{}' in 'weights'", escape_for_message(key.value));
      if (auto hint = did_you_mean(key.value, ids(weighted)))
        message += fmt::format("; did you mean '{}'?", *hint);
      sink.error(key.pos, std::move(message), "unknown-key");
      continue;
    }
    const DiagnosticSink::CodeScope scope(sink, "invalid-answer");
    if (!q.criteria[i].scored) {
      sink.error(key.pos, fmt::format("'{}' has no weight of its own: it feeds the cost model; "
                                      "weight 'cost' or 'budget' instead",
                                      key.value));
      continue;
    }
    auto w = read_number(value, fmt::format("the weight of {}", key.value), sink);
    if (w && !valid_weight(*w)) {
      sink.error(value.pos,
                 fmt::format("the weight of {} must be 0 or between {} and {}, not {}", key.value,
                             kMinWeight, kMaxWeight, fmt::format("{:g}", *w)));
      continue;
    }
    profile.weights[i] = w;
  }
  bool any_positive = false;
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    const double w = profile.weights[i].value_or(q.criteria[i].weight);
    if (q.criteria[i].scored && w > 0) any_positive = true;
  }
  if (!any_positive)
    sink.error(weights->pos, "every weight is 0; at least one criterion must count");
}

Profile load_profile(std::string_view text, const std::string& source, const Questionnaire& q) {
  DiagnosticSink sink(source);
  const YamlNode root = parse_yaml(text, source);
  Profile profile;
  profile.source = source;
  expect_document(root, "a profile",
                  "a profile needs 'name' and 'answers' (try 'aidecide ask --template')",
                  kProfileKeys, "the profile", sink);
  if (const YamlNode* name = require_key(root, "name", "the profile", sink)) {
    profile.name_pos = name->pos;
    if (auto t = read_string(*name, "'name'", sink)) {
      if (t->find_first_not_of(" \t") == std::string::npos) {
        sink.error(name->pos, "'name' must not be empty");
      }
      profile.name = *t;
    }
  }
  if (const YamlNode* d = root.find("description"))
    profile.description = read_string(*d, "'description'", sink).value_or("");
  if (const YamlNode* o = root.find("owner"))
    profile.owner = read_string(*o, "'owner'", sink).value_or("");
  if (const YamlNode* tags = root.find("tags")) {
    if (!tags->is_sequence()) {
      sink.error(tags->pos, "'tags' must be a list of words");
    } else {
      for (const auto& t : tags->items) {
        if (auto s = read_string(t, "a tag", sink)) profile.tags.push_back(*s);
      }
    }
  }
  const YamlNode* answers = require_key(root, "answers", "the profile", sink);
  load_answer_body(answers, root.find("weights"), q, profile, sink);
  if (const YamlNode* m = root.find("models")) load_named_models(*m, profile, sink);
  if (const YamlNode* st = root.find("stakeholders")) load_stakeholders(*st, q, profile, sink);
  sink.throw_if_any();
  return profile;
}

void load_named_models(const YamlNode& node, Profile& profile, DiagnosticSink& sink) {
  if (!expect_mapping(node, "'models'", sink)) return;
  check_keys(node, {"cloud", "local", "hybrid_local", "quantisation", "gpu"}, "'models'", sink);
  NamedModels& m = profile.models;
  for (const auto& [key, named] : named_model_fields(m)) {
    const YamlNode* v = node.find(key);
    if (v == nullptr) continue;
    NamedModels::Name& field = *named;
    field.pos = v->pos;
    field.id = read_string(*v, fmt::format("'models.{}'", key), sink).value_or("");
    if (field.id.empty() && v->is_scalar())
      sink.error(v->pos, fmt::format("'models.{}' must not be empty", key));
  }
  const std::string& q = m.quantisation.id;
  if (!q.empty() && q != "16bit" && q != "8bit" && q != "4bit") {
    const auto hint = did_you_mean(q, {"16bit", "8bit", "4bit"});
    sink.error(m.quantisation.pos,
               fmt::format("'models.quantisation' must be 16bit, 8bit or 4bit, not '{}'{}",
                           escape_for_message(q),
                           hint ? fmt::format("; did you mean '{}'?", *hint) : std::string()));
  }
}

PartialProfile load_partial_profile(std::string_view text, const std::string& source,
                                    const Questionnaire& q) {
  const YamlNode root = parse_yaml(text, source);
  if (!root.is_mapping())
    throw InputError({{source, root.pos, "expected a profile (a mapping with name and answers)"}});
  PartialProfile partial;
  Profile& profile = partial.profile;
  profile.source = source;
  if (const YamlNode* name = root.find("name"); name && name->is_scalar())
    profile.name = name->value;
  if (const YamlNode* d = root.find("description"); d && d->is_scalar())
    profile.description = d->value;
  DiagnosticSink sink(source);
  load_answer_body(root.find("answers"), root.find("weights"), q, profile, sink,
                   AnswerBodyOptions{false});
  if (const YamlNode* m = root.find("models")) load_named_models(*m, profile, sink);
  if (const YamlNode* u = root.find("x-unanswered"); u && u->is_sequence()) {
    for (const auto& item : u->items) partial.unanswered.push_back(item.value);
  }
  try {
    sink.throw_if_any();
  } catch (const InputError& e) {
    partial.problems = e.diagnostics();
  }
  return partial;
}

std::string saved_answer_text(const Criterion& c, const Answer& a) {
  switch (a.kind) {
    case Answer::Kind::unknown:
    case Answer::Kind::missing:
      return "unknown";
    case Answer::Kind::choice:
      return c.answers[a.choice].id;
    case Answer::Kind::number:
      return fmt::format("{:.15g}", a.low);
    case Answer::Kind::range:
      return fmt::format("[{:.15g}, {:.15g}]", a.low, a.high);
  }
  return "unknown";
}

std::string answers_fingerprint(const Questionnaire& q, const Profile& profile) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  const auto add = [&](std::string_view text) {
    for (const char c : text) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ULL;
    }
  };
  for (const Criterion& c : q.criteria) {
    if (!c.answerable()) continue;
    add(c.id);
    add("=");
    add(saved_answer_text(c, profile.answers[c.index_in_questionnaire]));
    if (const auto& w = profile.weights[c.index_in_questionnaire])
      add(fmt::format(" weight {:.15g}", *w));
    add("\n");
  }
  return fmt::format("{:016x}", h);
}

Answer parse_answer_text(const Criterion& c, std::string_view text) {
  // Reuse the YAML path so `--set` accepts exactly what a profile accepts.
  YamlNode node;
  const std::string source = fmt::format("--set {}", c.id);
  try {
    node = parse_yaml(text, source);
  } catch (const InputError&) {
    throw UsageError(fmt::format("--set {}={}: not a valid value", c.id, escape_for_message(text)));
  }
  DiagnosticSink sink(source);
  Answer a = read_answer(c, node, sink);
  try {
    sink.throw_if_any();
  } catch (const InputError& e) {
    throw UsageError(fmt::format("--set {}={}: {}", c.id, escape_for_message(text),
                                 e.diagnostics().front().message));
  }
  return a;
}

}  // namespace aidecide
