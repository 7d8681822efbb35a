// SPDX-License-Identifier: MIT
#pragma once
// What a YAML file is, for `aidecide validate`: from its name and top-level keys.

#include <string>
#include <string_view>

namespace aidecide {

// "configuration", "criteria", "presets", "pricing" or "profile". Throws
// InputError (path:line:col) when the text is not YAML.
std::string_view yaml_file_kind(std::string_view text, const std::string& path);

}  // namespace aidecide
