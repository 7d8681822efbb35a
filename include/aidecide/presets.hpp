// SPDX-License-Identifier: MIT
#pragma once
// Weight presets for typical organisations (criteria/presets.yaml).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/questionnaire.hpp"

namespace aidecide {

struct Preset {
  std::string name;
  std::string description;
  std::vector<std::optional<double>> weights;  // indexed like the criteria
};

// Validates every weight against the questionnaire. Throws InputError.
std::vector<Preset> load_presets(std::string_view text, const std::string& source,
                                 const Questionnaire& q);

}  // namespace aidecide
