// SPDX-License-Identifier: MIT
#include "aidecide/schema.hpp"

#include <nlohmann/json.hpp>

#include "aidecide/rules.hpp"

namespace aidecide {

std::string_view embedded_output_schema_text();
std::string_view embedded_criteria_schema_text();

namespace {

using Json = nlohmann::ordered_json;
constexpr std::string_view kDraft = "http://json-schema.org/draft-07/schema#";

Json number_schema(const Criterion& c) {
  Json n = {{"type", "number"}};
  if (c.exclusive_minimum) {
    n["exclusiveMinimum"] = c.minimum;
  } else {
    n["minimum"] = c.minimum;
  }
  if (c.maximum) n["maximum"] = *c.maximum;
  return n;
}

std::string describe(const Criterion& c) {
  std::string text = c.question;
  if (!c.help.empty()) text += "\n\n" + c.help;
  return text;
}

// One answer: a choice id, a number or a range [low, high], or "unknown".
Json answer_schema(const Criterion& c) {
  Json a = {{"title", c.title}, {"description", describe(c)}};
  if (c.kind == CriterionKind::choice) {
    Json ids = Json::array();
    for (const ChoiceAnswer& answer : c.answers) ids.push_back(answer.id);
    ids.push_back("unknown");
    a["enum"] = ids;
  } else {
    // Numbers also as people write them (2M, $250k, 1.5s, 100k-2M); the
    // loader checks their limits.
    const std::string human = R"(\$?[0-9][0-9,_]*(\.[0-9]+)?\s*([kKmMbB]|ms|s)?)";
    const Json written = {{"type", "string"},
                          {"pattern", "^\\s*" + human + "(\\s*(-|to)\\s*" + human + ")?\\s*$"}};
    const Json n = number_schema(c);
    const Json bound = Json::object({{"anyOf", Json::array({n, written})}});
    a["anyOf"] = Json::array(
        {n, written,
         Json::object({{"type", "array"}, {"items", bound}, {"minItems", 2}, {"maxItems", 2}}),
         Json::object({{"const", "unknown"}})});
  }
  return a;
}

Json answers_schema(const Questionnaire& q, bool all_required) {
  Json properties = Json::object();
  Json required = Json::array();
  for (const Criterion& c : q.criteria) {
    if (!c.answerable()) continue;
    properties[c.id] = answer_schema(c);
    // A conditional question may go unanswered; the loader knows when.
    // An optional one (added after the first contract) may be left out.
    if (c.ask_if.empty() && !c.optional) required.push_back(c.id);
  }
  Json s = {{"type", "object"},
            {"description", "One answer per criterion: `aidecide explain` lists them."},
            {"properties", properties},
            {"additionalProperties", false}};
  if (all_required) s["required"] = required;
  return s;
}

Json weights_schema(const Questionnaire& q) {
  Json properties = Json::object();
  for (const Criterion& c : q.criteria) {
    if (!c.scored) continue;
    properties[c.id] = {{"type", "number"},
                        {"minimum", 0},
                        {"maximum", kMaxWeight},
                        {"description", "Weight of " + c.title + " (default " +
                                            nlohmann::json(c.weight).dump() + ")"}};
  }
  return {{"type", "object"},
          {"description", "Weights that replace the criteria file's for this project."},
          {"properties", properties},
          {"additionalProperties", false}};
}

// A profile's `models:` (docs/cost-model.md, "Named models"). Names are
// checked against the pricing in use when scored (overlays add entries), so
// the schema does not list them.
Json models_schema() {
  const auto name = [](const char* what) {
    return Json{{"type", "string"}, {"minLength", 1}, {"description", what}};
  };
  return {{"type", "object"},
          {"description",
           "Catalog entries that replace the model_capability tier's defaults (`aidecide "
           "explain models` lists them)."},
          {"properties",
           {{"cloud", name("Hosted model id (pricing `hosted`), e.g. gpt-4o-mini")},
            {"local", name("Open model id (pricing `models`) served when self-hosting")},
            {"hybrid_local", name("Open model id for hybrid's local part (default: local)")},
            {"quantisation", {{"enum", {"16bit", "8bit", "4bit"}}}},
            {"gpu", name("Preferred datacenter GPU (pricing `gpus`), e.g. L40S")}}},
          {"additionalProperties", false}};
}

// A profile's `stakeholders:` (docs/stakeholders.md).
Json stakeholders_schema(const Questionnaire& q) {
  std::vector<std::string> ids;
  for (const Criterion& c : q.criteria)
    if (c.scored) ids.push_back(c.id);
  const Json judgement = {
      {"type", "array"},
      {"description",
       "[more, less, ratio]: the first criterion matters ratio (1 to 9) times as "
       "much as the second"},
      {"prefixItems",
       {{{"enum", ids}}, {{"enum", ids}}, {{"type", "number"}, {"minimum", 1}, {"maximum", 9}}}},
      {"minItems", 3},
      {"maxItems", 3}};
  const Json person = {
      {"type", "object"},
      {"required", {"name"}},
      {"properties",
       {{"name", {{"type", "string"}, {"minLength", 1}}},
        {"role", {{"type", "string"}}},
        {"influence", {{"type", "number"}, {"exclusiveMinimum", 0}, {"maximum", 100}}},
        {"weights", weights_schema(q)},
        {"pairwise", {{"type", "array"}, {"minItems", 1}, {"items", judgement}}}}},
      {"oneOf", {{{"required", {"weights"}}}, {{"required", {"pairwise"}}}}},
      {"additionalProperties", false}};
  return {
      {"type", "array"},
      {"description", "Several people's priorities over the same answers (docs/stakeholders.md)."},
      {"maxItems", 50},
      {"items", person}};
}

Json profile_schema(const Questionnaire& q) {
  return {{"$schema", kDraft},
          {"$id", "https://aidecide.invalid/schema/profile.schema.json"},
          {"title", "aidecide project profile"},
          {"description", "A project's answers to the aidecide questionnaire (docs/formats.md)."},
          {"type", "object"},
          {"required", {"name", "answers"}},
          {"properties",
           {{"name", {{"type", "string"}, {"minLength", 1}}},
            {"description", {{"type", "string"}}},
            {"owner", {{"type", "string"}}},
            {"tags", {{"type", "array"}, {"items", {{"type", "string"}}}}},
            {"answers", answers_schema(q, true)},
            {"weights", weights_schema(q)},
            {"models", models_schema()},
            {"stakeholders", stakeholders_schema(q)}}},
          {"additionalProperties", false}};
}

// What `adr` recorded of the result (docs/check.md, "Drift").
Json recorded_schema() {
  const Json per_option = {{"type", "object"},
                           {"required", {"cloud", "local", "hybrid"}},
                           {"properties",
                            {{"cloud", {{"type", "number"}}},
                             {"local", {{"type", "number"}}},
                             {"hybrid", {{"type", "number"}}}}},
                           {"additionalProperties", false}};
  return {{"type", "object"},
          {"description", "The result when the record was written, for drift (docs/check.md)."},
          {"required", {"scores", "monthly_usd"}},
          {"properties",
           {{"aidecide", {{"type", "string"}}},
            {"criteria_version", {{"type", "integer"}, {"minimum", 1}}},
            {"prices_as_of", {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}},
            {"answers", {{"type", "string"}}},
            {"scores", per_option},
            {"monthly_usd", per_option}}},
          {"additionalProperties", false}};
}

Json record_schema(const Questionnaire& q) {
  return {{"$schema", kDraft},
          {"$id", "https://aidecide.invalid/schema/record.schema.json"},
          {"title", "aidecide decision record"},
          {"description",
           "The ```aidecide block (or front matter) of an ADR that `aidecide check` re-scores "
           "(docs/check.md)."},
          {"type", "object"},
          {"required", {"decision", "answers"}},
          {"properties",
           {{"decision", {{"enum", {"cloud", "local", "hybrid"}}}},
            {"criteria_version", {{"type", "integer"}, {"minimum", 1}}},
            {"answers", answers_schema(q, false)},
            {"weights", weights_schema(q)},
            {"models", models_schema()},
            {"override",
             {{"type", "object"},
              {"required", {"reason"}},
              {"properties",
               {{"reason", {{"type", "string"}}},
                {"until", {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}}}},
              {"additionalProperties", false}}},
            {"recorded", recorded_schema()}}},
          {"additionalProperties", false}};
}

Json config_schema() {
  Json rules = Json::object();
  for (const RuleSpec& r : check_rules())
    rules[std::string(r.id)] = {{"enum", {"error", "warning", "note", "off"}}};
  return {
      {"$schema", kDraft},
      {"$id", "https://aidecide.invalid/schema/config.schema.json"},
      {"title", "aidecide configuration (.aidecide.yaml)"},
      {"type", "object"},
      {"properties",
       {{"criteria", {{"type", "string"}}},
        {"pricing", {{"type", "string"}}},
        {"check",
         {{"type", "object"},
          {"properties",
           {{"paths", {{"type", "array"}, {"items", {{"type", "string"}}}}},
            {"exclude", {{"type", "array"}, {"items", {{"type", "string"}}}}},
            {"fail_on", {{"enum", {"error", "warning", "note", "never"}}}},
            {"rules", {{"type", "object"}, {"properties", rules}, {"additionalProperties", false}}},
            {"low_margin_points", {{"type", "number"}, {"minimum", 0}, {"maximum", 100}}}}},
          {"additionalProperties", false}}}}},
      {"additionalProperties", false}};
}

}  // namespace

namespace {

struct SchemaRow {
  std::string_view name;
  std::string (*text)(const Questionnaire& q);
};

const auto kSchemas = std::to_array<SchemaRow>({
    {"profile", [](const Questionnaire& q) { return profile_schema(q).dump(2) + "\n"; }},
    {"record", [](const Questionnaire& q) { return record_schema(q).dump(2) + "\n"; }},
    {"config", [](const Questionnaire&) { return config_schema().dump(2) + "\n"; }},
    {"criteria", [](const Questionnaire&) { return std::string(embedded_criteria_schema_text()); }},
    {"output", [](const Questionnaire&) { return std::string(embedded_output_schema_text()); }},
});

}  // namespace

std::vector<std::string> schema_names() {
  std::vector<std::string> names;
  for (const SchemaRow& row : kSchemas) names.emplace_back(row.name);
  return names;
}

std::optional<std::string> schema_text(std::string_view name, const Questionnaire& q) {
  for (const SchemaRow& row : kSchemas) {
    if (row.name == name) return row.text(q);
  }
  return std::nullopt;
}

}  // namespace aidecide
