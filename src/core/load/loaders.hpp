// SPDX-License-Identifier: MIT
#pragma once
// The loaders' entry points from a parsed tree, for the load layer and the
// layers above it (decision records read their body with load_answer_body).

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "aidecide/escape.hpp"
#include "aidecide/text.hpp"

#include "aidecide/pricing.hpp"
#include "aidecide/profile.hpp"
#include "aidecide/questionnaire.hpp"
#include "yaml/yaml_tree.hpp"

namespace aidecide {

Questionnaire load_questionnaire(const YamlNode& root, const std::string& source);
Pricing load_pricing(const YamlNode& root, const std::string& source, const Questionnaire& q);

// Loads `answers:` and `weights:` mappings into `profile` (profiles and
// decision records).
void load_answer_body(const YamlNode* answers, const YamlNode* weights, const Questionnaire& q,
                      Profile& profile, DiagnosticSink& sink,
                      const AnswerBodyOptions& options = {});

// Loads a `models:` mapping into `profile` (profiles and decision records);
// the names are checked against the catalog when the profile is scored.
void load_named_models(const YamlNode& node, Profile& profile, DiagnosticSink& sink);
// A profile's or a record's `stakeholders:` (docs/stakeholders.md).
void load_stakeholders(const YamlNode& node, const Questionnaire& q, Profile& profile,
                       DiagnosticSink& sink);

// "<subject> names <what> '<name>', which the catalog does not have", with
// the closest of `map`'s keys suggested: the pricing loader's tiers and a
// profile's models: share it.
template <typename Map>
std::string not_in_catalog(const Map& map, std::string_view subject, std::string_view what,
                           std::string_view name) {
  std::vector<std::string> names;
  for (const auto& entry : map) names.push_back(entry.first);
  const auto hint = did_you_mean(name, names);
  return fmt::format(
      "{} names {} '{}', which the catalog does not have{}", subject, what,
      escape_for_message(name),
      hint ? fmt::format("; did you mean '{}'?", escape_for_message(*hint)) : std::string());
}

// The embedded criteria and prices as trees parsed at build time
// (serialize_yaml_tree).
std::string_view embedded_criteria_tree();
std::string_view embedded_pricing_tree();

}  // namespace aidecide
