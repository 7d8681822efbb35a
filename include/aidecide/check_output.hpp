// SPDX-License-Identifier: MIT
#pragma once
// Output formats of `aidecide check`: text, json, GitHub workflow commands,
// JUnit, SARIF and GitLab Code Quality.

#include <memory>
#include <ostream>
#include <span>

#include "aidecide/check.hpp"

namespace aidecide {

// The output formats of `check`; the table in check/output/output.cpp names them.
enum class CheckFormat { text, json, github, junit, sarif, gitlab };
std::span<const Named<CheckFormat>> check_formats();
std::optional<CheckFormat> parse_check_format(std::string_view text);

struct CheckSummary {
  std::size_t files = 0;
  std::size_t records = 0;
  std::array<std::size_t, 3> by_level{};  // error, warning, note
};

class CheckRenderer {
 public:
  virtual ~CheckRenderer() = default;
  virtual void file(const FileCheck& check) = 0;
  virtual void error(const Diagnostic& diagnostic) = 0;  // a file that could not be read
  virtual void finish(const CheckSummary& summary) = 0;
};

struct CheckRenderOptions {
  bool color = false;
  std::string step_summary_path;  // GitHub: $GITHUB_STEP_SUMMARY, if set
  Level fail_on = Level::error;   // JUnit: a test case fails exactly when its finding fails the run
};

std::unique_ptr<CheckRenderer> make_check_renderer(CheckFormat format, std::ostream& out,
                                                   const ScoringModel& model,
                                                   const CheckRenderOptions& options);

}  // namespace aidecide
