// SPDX-License-Identifier: MIT
#pragma once
// Which Markdown files `aidecide check` reads: the paths given, else the
// configuration's, else the usual ADR folders; less what the configuration
// excludes and what .gitignore ignores (docs/check.md).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "aidecide/config.hpp"
#include "aidecide/diagnostic.hpp"

namespace aidecide::cli {

struct CheckInputs {
  std::vector<std::string> files;  // in order: each root's files sorted
  // Roots that do not exist or leave the repository, settings files not
  // read, and links, special files and folders the walk could not take.
  std::vector<Diagnostic> unreadable;
};

// A path of the configuration file, relative to the working directory.
std::string from_config(const Config& config, const std::string& path);

// Where `check` reads without being named a path: the repository (the
// nearest folder up with .git), or the working folder outside one
// (docs/security.md, "What a pull request controls").
std::filesystem::path review_boundary();
// Why `path` is not read: it resolves outside `boundary`. A path `named` on
// the command line may lie outside the repository; one inside must stay.
std::optional<Diagnostic> leaves_boundary(const std::string& path,
                                          const std::filesystem::path& boundary, bool named);

CheckInputs find_check_inputs(const std::vector<std::string>& paths, const Config& config);

}  // namespace aidecide::cli
