// SPDX-License-Identifier: MIT
#include "aidecide/presets.hpp"

#include <fmt/format.h>

#include "aidecide/escape.hpp"
#include "aidecide/text.hpp"
#include "yaml/yaml_read.hpp"

namespace aidecide {

std::vector<Preset> load_presets(std::string_view text, const std::string& source,
                                 const Questionnaire& q) {
  DiagnosticSink sink(source);
  const YamlNode root = parse_yaml(text, source);
  std::vector<Preset> presets;
  expect_document(root, "a presets file", "expected a presets file with 'version' and 'presets'",
                  {"version", "presets"}, "the presets file", sink);
  read_version(root, "the presets file", sink);
  const YamlNode* list = require_key(root, "presets", "the presets file", sink);
  if (list != nullptr && expect_mapping(*list, "'presets'", sink)) {
    std::vector<std::string> weighted;
    for (const auto& c : q.criteria) {
      if (c.scored) weighted.push_back(c.id);
    }
    for (const auto& [key, value] : list->entries) {
      Preset p;
      p.name = key.value;
      p.weights.assign(q.criteria.size(), std::nullopt);
      const std::string context = fmt::format("preset '{}'", escape_for_message(p.name));
      if (!expect_mapping(value, context, sink)) continue;
      check_keys(value, {"description", "weights"}, context, sink);
      if (const YamlNode* d = require_key(value, "description", context, sink)) {
        p.description = read_string(*d, "'description'", sink).value_or("");
      }
      const YamlNode* weights = require_key(value, "weights", context, sink);
      if (weights != nullptr &&
          expect_mapping(*weights, fmt::format("'weights' of {}", context), sink)) {
        check_keys(*weights, weighted, fmt::format("'weights' of {}", context), sink);
        for (const auto& [id, w] : weights->entries) {
          const std::size_t i = q.index_of(id.value);
          if (i == kNoIndex || !q.criteria[i].scored) continue;  // reported by check_keys
          const auto n = read_number(w, fmt::format("the weight of {}", id.value), sink);
          if (n && !valid_weight(*n))
            sink.error(w.pos, fmt::format("the weight of {} must be 0 or between {} and {}",
                                          id.value, kMinWeight, kMaxWeight));
          p.weights[i] = n;
        }
      }
      presets.push_back(std::move(p));
    }
  }
  sink.throw_if_any();
  return presets;
}

}  // namespace aidecide
