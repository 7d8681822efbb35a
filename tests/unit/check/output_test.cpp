// SPDX-License-Identifier: MIT
// The check output formats (src/core/check/output/): GitHub's job summary.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "aidecide/config.hpp"
#include "aidecide/glob.hpp"
#include "helpers.hpp"
#include "run.hpp"

using namespace aidecide;
using namespace aidecide::test;
namespace fs = std::filesystem;

namespace {}  // namespace

TEST_CASE("GitHub output writes the full table to the job summary", "[check]") {
  const fs::path summary = fs::temp_directory_path() / "aidecide-step-summary.md";
  fs::remove(summary);
  std::istringstream in;
  std::ostringstream out, err;
  cli::Environment env;
  env.today = "2026-11-23";
  env.github_step_summary = summary.string();
  CHECK(cli::run({"aidecide", "check", "--format", "github", "docs/adr"}, in, out, err, env) == 0);
  const std::string text = read_text_file(summary.string());
  CHECK(text.starts_with(
      "## aidecide check\n\nChecked 4 records in 4 files: 0 errors, 0 warnings, 1 note.\n"));
  CHECK(text.find("| note | decision-mismatch | docs/adr/0004-support-bot-override.md | 17 |") !=
        std::string::npos);
  fs::remove(summary);
}
