// SPDX-License-Identifier: MIT
// .aidecide.yaml, excludes, .gitignore and glob patterns.
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

namespace {
void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

std::string config_error(const std::string& text) {
  return first_error([&] { load_config(text, ".aidecide.yaml", "."); });
}

// Runs the CLI in `dir`, restoring the working directory afterwards.
std::tuple<int, std::string, std::string> run_in(const fs::path& dir,
                                                 std::vector<std::string> args) {
  const fs::path previous = fs::current_path();
  fs::current_path(dir);
  args.insert(args.begin(), "aidecide");
  std::istringstream in;
  std::ostringstream out, err;
  cli::Environment env;
  env.today = "2026-11-23";
  const int code = cli::run(args, in, out, err, env);
  fs::current_path(previous);
  return {code, out.str(), err.str()};
}
}  // namespace

TEST_CASE("glob patterns", "[glob]") {
  CHECK(glob_match("*.md", "a.md"));
  CHECK_FALSE(glob_match("*.md", "dir/a.md"));
  CHECK(glob_match("**/*.md", "dir/sub/a.md"));
  CHECK(glob_match("**/*.md", "a.md"));
  CHECK(glob_match("docs/**", "docs/a/b.md"));
  CHECK(glob_match("docs/*/x?.md", "docs/adr/x1.md"));
  CHECK_FALSE(glob_match("docs/*/x?.md", "docs/adr/sub/x1.md"));
  CHECK(glob_match("**/x*/y", "a/x1/b/x2/y"));
}

TEST_CASE("gitignore rules", "[glob]") {
  const IgnoreRules rules = IgnoreRules::from_gitignore(
      "# comment\n\nbuild/\n/drafts\n*.tmp.md\n!keep.md\ndocs/old/*.md\n");
  CHECK(rules.ignored("build", true));
  CHECK_FALSE(rules.ignored("build", false));
  CHECK(rules.ignored("drafts", true));
  CHECK_FALSE(rules.ignored("docs/drafts", true));
  CHECK(rules.ignored("docs/adr/x.tmp.md", false));
  CHECK(rules.ignored("docs/old/1.md", false));
  CHECK_FALSE(rules.ignored("keep.md", false));
}

TEST_CASE("config loader reports each error with its position", "[config]") {
  CHECK(config_error("check:\n  paths: docs\n") == "2:10: 'paths' must be a list");
  CHECK(config_error("check:\n  fail-on: warning\n") ==
        "2:3: unknown key 'fail-on' in 'check'; did you mean 'fail_on'?");
  CHECK(config_error("check:\n  fail_on: sometimes\n") ==
        "2:12: 'fail_on' must be error, warning, note or never");
  CHECK(config_error("check:\n  rules:\n    low-margn: off\n") ==
        "3:5: unknown key 'low-margn' in 'rules'; did you mean 'low-margin'?");
  CHECK(config_error("check:\n  rules:\n    low-margin: loud\n") ==
        "3:17: the level of rule 'low-margin' must be error, warning, note or off");
  CHECK(config_error("chek: {}\n") ==
        "1:1: unknown key 'chek' in .aidecide.yaml; did you mean 'check'?");
  const Config c =
      load_config("check:\n  paths: [docs/adr]\n  fail_on: never\n  rules: {low-margin: off}\n",
                  "c.yaml", "/repo");
  CHECK(c.paths == std::vector<std::string>{"docs/adr"});
  CHECK(c.fail_on == Level::off);
  REQUIRE(c.rules.size() == 1);
  CHECK(c.rules[0].second == Level::off);
}

TEST_CASE("check finds .aidecide.yaml up to the repository root and applies it",
          "[config][check]") {
  const fs::path repo = fs::temp_directory_path() / "aidecide-config-test";
  fs::remove_all(repo);
  fs::create_directories(repo / ".git");
  const std::string adr = read_text_file("docs/adr/0004-support-bot-override.md");
  write(repo / "architecture" / "0004.md", adr);
  write(repo / "architecture" / "drafts" / "0005.md", "```aidecide\ndecision: [broken\n```\n");
  write(repo / "architecture" / "generated" / "0006.md", "```aidecide\ndecision: [broken\n```\n");
  write(repo / ".gitignore", "generated/\n");
  write(repo / ".aidecide.yaml",
        "check:\n  paths: [architecture]\n  exclude: [\"architecture/drafts/**\"]\n  fail_on: "
        "note\n");
  fs::create_directories(repo / "sub" / "dir");
  SECTION("from a subfolder, with the config's paths, excludes and fail_on") {
    const auto [code, out, err] = run_in(repo / "sub" / "dir", {"check"});
    CHECK(code == 1);  // the override note fails at fail_on: note
    CHECK(out.find("../../architecture/0004.md:17:14: note:") != std::string::npos);
    CHECK(out.find("drafts") == std::string::npos);
    CHECK(out.find("generated") == std::string::npos);
    CHECK(out.ends_with("Checked 1 record in 1 file: 0 errors, 0 warnings, 1 note.\n"));
  }
  SECTION("excludes and .gitignore hold for a folder reached through a symbolic link") {
    const fs::path link = fs::temp_directory_path() / "aidecide-config-test-link";
    fs::remove(link);
    fs::create_directory_symlink(repo, link);
    const auto [code, out, err] = run_in(repo, {"check", (link / "architecture").string()});
    fs::remove(link);
    CHECK(code == 1);
    CHECK(out.find("drafts") == std::string::npos);
    CHECK(out.find("generated") == std::string::npos);
    CHECK(out.ends_with("Checked 1 record in 1 file: 0 errors, 0 warnings, 1 note.\n"));
  }
  SECTION("the command line wins over the config") {
    CHECK(std::get<0>(run_in(repo, {"check", "--fail-on", "error"})) == 0);
    CHECK(std::get<0>(run_in(repo, {"check", "--no-config", "architecture"})) ==
          1);  // drafts now included: broken
  }
  SECTION("a broken config is exit 2 with its position") {
    write(repo / ".aidecide.yaml", "check:\n  fail_on: [x]\n");
    const auto [code, out, err] = run_in(repo, {"check"});
    CHECK(code == 2);
    CHECK(err.find(".aidecide.yaml:2:12: 'fail_on' must be error, warning, note or never") !=
          std::string::npos);
  }
  fs::remove_all(repo);
}

TEST_CASE("check finds the ADR folder of log4brains and adr-tools", "[config][check]") {
  const fs::path repo = fs::temp_directory_path() / "aidecide-discovery-test";
  fs::remove_all(repo);
  fs::create_directories(repo / ".git");
  write(repo / "decisions" / "0004.md", read_text_file("docs/adr/0004-support-bot-override.md"));
  write(repo / ".log4brains.yml", "project:\n  name: x\n  adrFolder: ./decisions\n");
  CHECK(std::get<1>(run_in(repo, {"check"}))
            .ends_with("Checked 1 record in 1 file: 0 errors, 0 warnings, 1 note.\n"));
  fs::remove(repo / ".log4brains.yml");
  write(repo / ".adr-dir", "decisions\n");
  CHECK(std::get<0>(run_in(repo, {"check"})) == 0);
  fs::remove(repo / ".adr-dir");
  const auto [code, out, err] = run_in(repo, {"check"});
  CHECK(code == 2);
  CHECK(err.find("no paths given and no ADR folder found") != std::string::npos);
  fs::remove_all(repo);
}

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
