// SPDX-License-Identifier: MIT
// The check output formats (src/core/check/output/): GitHub's job summary.
#include <catch2/catch.hpp>

#include <chrono>
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

TEST_CASE("a megabyte of records or findings is reported in linear time in every format",
          "[check][hardening][linear]") {
  // Numbering findings per file and rule (SARIF, GitLab) and looking up the
  // status per record once took quadratic time (1 MiB: 75 s and 921 MB for
  // SARIF). Two worst cases: 25,000 records in one document (only the first
  // is read, the others reported), and one record of 7,000 unknown keys
  // (a finding each).
  const fs::path records = fs::temp_directory_path() / "aidecide-many-records.md";
  const fs::path keys = fs::temp_directory_path() / "aidecide-many-keys.md";
  {
    std::ofstream out(records);
    out << "# Many\n\n- Status: accepted\n\n";
    for (int i = 0; i < 25000; ++i) out << "```aidecide\ndecision: [x\n```\n";
  }
  {
    std::ofstream out(keys);
    out << "# Keys\n\n- Status: accepted\n\n```aidecide\n";
    for (int i = 0; i < 7000; ++i) out << "k" << i << ": 1\n";
    out << "```\n";
  }
  REQUIRE(fs::file_size(records) < 1024 * 1024);
  for (const std::string format : {"sarif", "gitlab", "github", "junit", "json", "text"}) {
    INFO(format);
    const auto start = std::chrono::steady_clock::now();
    const CliResult many = run_cli({"check", "--format", format, records.string()});
    const CliResult unknown = run_cli({"check", "--format", format, keys.string()});
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    CHECK(many.code == 1);
    CHECK(unknown.code == 1);
    CHECK(unknown.out.find("k6999") != std::string::npos);
    // Linear: a few tenths of a second in a release build, a few seconds
    // under sanitizers; quadratic: minutes.
    CHECK(took.count() < 20.0);
  }
  const CliResult text = run_cli({"check", records.string()});
  CHECK(text.out.find(":38:1: error: 24989 more decision records from here on; keep one record "
                      "per document [multiple-records]") != std::string::npos);
  CHECK(text.out.ends_with("Checked 1 record in 1 file: 12 errors, 0 warnings, 0 notes.\n"));
  fs::remove(records);
  fs::remove(keys);
}

TEST_CASE("findings past GitHub's annotation cap never start a workflow command",
          "[check][hardening][github]") {
  // Lines past the cap start with the path; a path may start with "::".
  const fs::path dir = fs::temp_directory_path() / "aidecide-github-lines";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "::stop-commands::tok.md";
  {
    std::ofstream out(file);
    out << "# Keys\n\n```aidecide\n";
    for (int i = 0; i < 30; ++i) out << "k" << i << ": 1\n";
    out << "```\n";
  }
  const fs::path previous = fs::current_path();
  fs::current_path(dir);
  const CliResult r = run_cli({"check", "--format", "github", "::stop-commands::tok.md"});
  fs::current_path(previous);
  CHECK(r.code == 1);
  std::istringstream lines(r.out);
  std::size_t plain = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("./::stop-commands::tok.md:")) ++plain;
    if (!line.starts_with("::")) continue;
    const bool allowed = line.starts_with("::error ") || line.starts_with("::warning ") ||
                         line.starts_with("::notice ") || line.starts_with("::group::") ||
                         line == "::endgroup::";
    INFO(line);
    CHECK(allowed);
  }
  CHECK(plain > 0);
  fs::remove_all(dir);
}
