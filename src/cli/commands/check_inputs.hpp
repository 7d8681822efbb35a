// SPDX-License-Identifier: MIT
#pragma once
// Which Markdown files `aidecide check` reads: the paths given, else the
// configuration's, else the usual ADR folders; less what the configuration
// excludes and what .gitignore ignores (docs/check.md).

#include <string>
#include <vector>

#include "aidecide/config.hpp"
#include "aidecide/diagnostic.hpp"

namespace aidecide::cli {

struct CheckInputs {
  std::vector<std::string> files;      // in order: each root's files sorted
  std::vector<Diagnostic> unreadable;  // roots that do not exist
};

// A path of the configuration file, relative to the working directory.
std::string from_config(const Config& config, const std::string& path);

CheckInputs find_check_inputs(const std::vector<std::string>& paths, const Config& config);

}  // namespace aidecide::cli
