// SPDX-License-Identifier: MIT
#pragma once
// `.aidecide.yaml`: per-repository settings for `aidecide check`, found by
// walking up from the working directory to the repository root.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aidecide/rules.hpp"

namespace aidecide {

struct Config {
  std::string source;  // the file
  std::string dir;     // its folder: relative paths in the file start here
  std::optional<std::string> criteria;
  std::optional<std::string> pricing;
  std::vector<std::string> paths;
  std::vector<std::string> exclude;  // glob patterns, relative to `dir`
  std::optional<Level> fail_on;      // Level::off = never
  std::vector<std::pair<std::string, Level>> rules;
  std::optional<double> low_margin_points;
};

// Validates everything; InputError with path:line:col on any problem.
Config load_config(std::string_view text, const std::string& source, const std::string& dir);

// The nearest `.aidecide.yaml` from `start` up to the folder holding `.git`;
// outside a git work tree only the one in `start`. Empty when there is none.
std::string find_config(const std::string& start);

// The folder holding `.git` above `start`, or empty.
std::string find_repository_root(const std::string& start);

}  // namespace aidecide
