// SPDX-License-Identifier: MIT
// Access to the data compiled in by cmake/EmbedData.cmake.
#include <string_view>

#include "aidecide/pricing.hpp"
#include "aidecide/questionnaire.hpp"
#include "load/loaders.hpp"
#include "yaml/yaml_tree.hpp"

namespace aidecide {
namespace embedded {
extern const std::string_view default_criteria;
extern const std::string_view default_pricing;
extern const std::string_view default_presets;
extern const std::string_view output_schema;
extern const std::string_view default_criteria_tree;
extern const std::string_view default_pricing_tree;
extern const std::string_view criteria_schema;
}  // namespace embedded

std::string_view embedded_output_schema_text() {
  return embedded::output_schema;
}
std::string_view embedded_criteria_schema_text() {
  return embedded::criteria_schema;
}

std::string_view embedded_criteria_text() {
  return embedded::default_criteria;
}
std::string_view embedded_pricing_text() {
  return embedded::default_pricing;
}
std::string_view embedded_criteria_tree() {
  return embedded::default_criteria_tree;
}
std::string_view embedded_pricing_tree() {
  return embedded::default_pricing_tree;
}
std::string_view embedded_presets_text() {
  return embedded::default_presets;
}

Questionnaire embedded_questionnaire() {
  return load_questionnaire(deserialize_yaml_tree(embedded_criteria_tree()),
                            std::string(kEmbeddedCriteriaSource));
}

Pricing embedded_pricing(const Questionnaire& q) {
  return load_pricing(deserialize_yaml_tree(embedded_pricing_tree()),
                      std::string(kEmbeddedPricingSource), q);
}

}  // namespace aidecide
