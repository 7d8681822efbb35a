// SPDX-License-Identifier: MIT
#include "aidecide/file_kind.hpp"

#include <filesystem>

#include "yaml/yaml_tree.hpp"

namespace aidecide {

std::string_view yaml_file_kind(std::string_view text, const std::string& path) {
  const YamlNode root = parse_yaml(text, path);
  if (std::filesystem::path(path).filename() == ".aidecide.yaml" || root.find("check"))
    return "configuration";
  if (root.find("criteria")) return "criteria";
  if (root.find("overlay")) return "pricing overlay";
  if (root.find("presets")) return "presets";
  if (root.find("gpus") || root.find("tables")) return "pricing";
  return "profile";
}

}  // namespace aidecide
