// SPDX-License-Identifier: MIT
// Which files `aidecide check` reads: .aidecide.yaml and the ADR folders
// of log4brains and adr-tools (src/cli/commands/check_inputs.cpp).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

#include "aidecide/config.hpp"
#include "aidecide/files.hpp"
#include "aidecide/glob.hpp"
#include "helpers.hpp"
#include "run.hpp"

using namespace aidecide;
using namespace aidecide::test;
namespace fs = std::filesystem;

namespace {
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

TEST_CASE("a record's named models are recorded by adr and held by check", "[check][named]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-check-models";
  fs::remove_all(dir);
  std::string profile = read_text_file("profiles/startup-prototype.yaml");
  profile += "models:\n  cloud: gpt-4o-mini\n  gpu: L40S\n";
  write(dir / "named.yaml", profile);
  const auto [adr_code, adr_out, adr_err] =
      run_in(dir, {"adr", "named.yaml", "--date", "2026-11-23", "-o", "0001-named.md"});
  REQUIRE(adr_code == 0);
  const std::string record = read_text_file((dir / "0001-named.md").string());
  CHECK(record.find("models:\n  cloud: \"gpt-4o-mini\"\n  gpu: \"L40S\"\nrecorded:\n") !=
        std::string::npos);
  const auto [code, out, err] = run_in(dir, {"check", "0001-named.md"});
  CHECK(code == 0);
  // A name the catalog lacks is the record's problem, with its position.
  std::string broken = record;
  broken.replace(broken.find("gpt-4o-mini"), 11, "gpt-4o-mni");
  write(dir / "0002-broken.md", broken);
  const auto [bad_code, bad_out, bad_err] = run_in(dir, {"check", "0002-broken.md"});
  CHECK(bad_code == 1);
  CHECK(bad_out.find("0002-broken.md:") != std::string::npos);
  CHECK(bad_out.find(": error: 'models.cloud' names hosted model 'gpt-4o-mni', which the catalog "
                     "does not have; did you mean 'gpt-4o-mini'? [malformed-record]") !=
        std::string::npos);
  const auto [v_code, v_out, v_err] = run_in(dir, {"validate", "0002-broken.md"});
  CHECK(v_code == 2);
  CHECK(v_err.find("'models.cloud' names hosted model 'gpt-4o-mni'") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("check writes reports without following planted files, never over an input",
          "[check][hardening]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "aidecide-check-writes";
  fs::remove_all(dir);
  fs::create_directories(dir / "repo");
  const fs::path outside = dir / "outside.txt";
  { std::ofstream(outside) << "keep me\n"; }
  const fs::path record = dir / "repo" / "0001-choice.md";
  fs::copy_file("docs/adr/0001-clinical-notes-local.md", record);
  const std::string report = (dir / "repo" / "report.json").string();
  // The names the temporary file had: <target>.tmp-<pid>, planted as symlinks.
  fs::create_symlink(outside, report + ".tmp-" + std::to_string(::getpid()));
  const CliResult r =
      run_cli({"check", "--today", "2026-11-23", "--format", "json=" + report, record.string()});
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(read_text_file(outside.string()) == "keep me\n");
  CHECK(read_text_file(report).starts_with("{"));
  CHECK((fs::status(report).permissions() & fs::perms::others_write) == fs::perms::none);
  // A report over the record it checks.
  const std::string before = read_text_file(record.string());
  const CliResult over = run_cli(
      {"check", "--today", "2026-11-23", "--format", "json=" + record.string(), record.string()});
  CHECK(over.code == 2);
  CHECK(over.err.find("is one of the files checked; write the report elsewhere") !=
        std::string::npos);
  CHECK(read_text_file(record.string()) == before);
  fs::remove_all(dir);
}

TEST_CASE("a record's status is read only where ADR formats put it", "[check][hardening][status]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "aidecide-check-status";
  fs::remove_all(dir);
  fs::create_directories(dir);
  // The hospital's record declaring cloud, which its on-premises data rules out.
  const std::string vetoed = replaced(read_text_file("docs/adr/0001-clinical-notes-local.md"),
                                      "decision: local", "decision: cloud");
  const auto check_text = [&](const std::string& text) {
    const std::string file = (dir / "0001-x.md").string();
    write_file_atomically(file, text);
    return run_cli({"check", "--today", "2026-11-23", file});
  };
  SECTION("a status hidden in an HTML comment does not switch the check off") {
    const CliResult r = check_text(replaced(vetoed, "- Status: accepted\n",
                                            "<!-- - Status: rejected -->\n- Status: accepted\n"));
    CHECK(r.code == 1);
    CHECK(r.out.find("[vetoed-decision]") != std::string::npos);
    const CliResult multi = check_text(replaced(
        vetoed, "- Status: accepted\n", "<!--\n- Status: rejected\n-->\n- Status: accepted\n"));
    CHECK(multi.code == 1);
  }
  SECTION("nor one in a code block") {
    const CliResult r =
        check_text(replaced(vetoed, "- Status: accepted\n", "```\n- Status: rejected\n```\n"));
    CHECK(r.code == 1);
    CHECK(r.out.find("[vetoed-decision]") != std::string::npos);
  }
  SECTION("a real status that no longer holds is a note, not silence") {
    const CliResult r =
        check_text(replaced(vetoed, "- Status: accepted\n", "- Status: superseded by 0002\n"));
    CHECK(r.code == 0);
    CHECK(r.out.find("status 'superseded by 0002': the decision no longer holds, so it is not "
                     "checked against the criteria [not-held]") != std::string::npos);
  }
  fs::remove_all(dir);
}

TEST_CASE("check stays in the repository under review", "[check][hardening][boundary]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-check-boundary";
  fs::remove_all(dir);
  const fs::path repo = dir / "repo";
  fs::create_directories(repo / ".git");
  const std::string secret = "```aidecide\nghp_secret_token: 1\n```\n";
  write(dir / "outside" / "0001-secret.md", secret);
  const std::string record = read_text_file("docs/adr/0001-clinical-notes-local.md");
  const auto leaked = [](const std::string& text) {
    return text.find("ghp_secret_token") != std::string::npos;
  };
  SECTION("a usual ADR folder that is a link out of the repository") {
    fs::create_directories(repo / "docs");
    fs::create_directory_symlink(dir / "outside", repo / "docs" / "adr");
    const auto [code, out, err] = run_in(repo, {"check"});
    CHECK(code == 2);
    CHECK(err.find("docs/adr: not read: it leads outside the repository (through a symbolic "
                   "link)") != std::string::npos);
    CHECK_FALSE(leaked(out + err));
    // Named on the command line, the same folder is refused too: it lies in
    // the repository and leads out of it.
    const auto [named_code, named_out, named_err] = run_in(repo, {"check", "docs/adr"});
    CHECK(named_code == 2);
    CHECK_FALSE(leaked(named_out + named_err));
  }
  SECTION("a link to the root of the file system") {
    fs::create_directories(repo / "docs");
    fs::create_directory_symlink("/", repo / "docs" / "decisions");
    const auto [code, out, err] = run_in(repo, {"check"});
    CHECK(code == 2);
    CHECK(err.find("docs/decisions: not read: it leads outside the repository") !=
          std::string::npos);
  }
  SECTION("an .adr-dir or log4brains folder outside the repository") {
    write(repo / ".adr-dir", "../outside\n");
    const auto [code, out, err] = run_in(repo, {"check"});
    CHECK(code == 2);
    CHECK(err.find("../outside: not read: it lies outside the repository") != std::string::npos);
    CHECK_FALSE(leaked(out + err));
    fs::remove(repo / ".adr-dir");
    write(repo / ".log4brains.yml", "project:\n  adrFolder: /\n");
    const auto [l_code, l_out, l_err] = run_in(repo, {"check"});
    CHECK(l_code == 2);
    CHECK(l_err.find("/: not read: it lies outside the repository") != std::string::npos);
  }
  SECTION("settings files that are links, pipes or endless are not read") {
    fs::create_symlink("/dev/zero", repo / ".adr-dir");
    const auto [code, out, err] = run_in(repo, {"check"});
    CHECK(code == 2);
    CHECK(err.find(".adr-dir: not read: a symbolic link (settings are read from plain files "
                   "only)") != std::string::npos);
    fs::remove(repo / ".adr-dir");
    REQUIRE(::mkfifo((repo / ".log4brains.yml").c_str(), 0600) == 0);
    const auto [p_code, p_out, p_err] = run_in(repo, {"check"});  // returns: no blocking open
    CHECK(p_code == 2);
    CHECK(p_err.find(".log4brains.yml: not read: not a regular file") != std::string::npos);
    fs::remove(repo / ".log4brains.yml");
    write(repo / ".adr-dir", std::string(100 * 1024, 'a'));
    const auto [b_code, b_out, b_err] = run_in(repo, {"check"});
    CHECK(b_code == 2);
    CHECK(b_err.find(".adr-dir:1:65537: file is too large (the limit is 65536 bytes)") !=
          std::string::npos);
    fs::remove(repo / ".adr-dir");
    fs::create_symlink("/dev/zero", repo / ".gitignore");
    write(repo / "decisions" / "0001.md", record);
    const auto [g_code, g_out, g_err] =
        run_in(repo, {"check", "--today", "2026-11-23", "decisions"});
    CHECK(g_code == 2);
    CHECK(g_err.find(".gitignore: not read: a symbolic link") != std::string::npos);
  }
  SECTION("a NUL in .adr-dir names no other folder (it looped over the tree forever)") {
    write(repo / ".adr-dir", std::string(".\0\0\0\n", 5));
    const auto [code, out, err] = run_in(repo, {"check"});
    CHECK(code == 2);
    CHECK(err.find(".adr-dir:1:2: control character U+0000 is not allowed") != std::string::npos);
  }
  SECTION("links, pipes and special files in an ADR folder are reported, not read") {
    write(repo / "decisions" / "0001.md", record);
    fs::create_symlink(dir / "outside" / "0001-secret.md", repo / "decisions" / "0002-link.md");
    fs::create_directory_symlink(dir / "outside", repo / "decisions" / "more");
    REQUIRE(::mkfifo((repo / "decisions" / "0003-pipe.md").c_str(), 0600) == 0);
    const auto [code, out, err] = run_in(repo, {"check", "--today", "2026-11-23", "decisions"});
    CHECK(code == 2);  // the record checked, and three inputs not read
    CHECK(out.find("Checked 1 record in 1 file") != std::string::npos);
    CHECK(err.find("decisions/0002-link.md: skipped: a symbolic link (links in a folder are not "
                   "followed; name the file or folder it points to)") != std::string::npos);
    CHECK(err.find("decisions/more: skipped: a symbolic link") != std::string::npos);
    CHECK(err.find("decisions/0003-pipe.md: skipped: a named pipe, not a regular file") !=
          std::string::npos);
    CHECK_FALSE(leaked(out + err));
  }
  SECTION("settings and model files the configuration names stay in the repository") {
    write(repo / "decisions" / "0001.md", record);
    write(repo / ".aidecide.yaml", "pricing: ../outside/prices.yaml\n");
    const auto [code, out, err] = run_in(repo, {"check", "decisions"});
    CHECK(code == 2);
    CHECK(err.find("not read: it lies outside the repository") != std::string::npos);
    fs::remove(repo / ".aidecide.yaml");
    fs::create_symlink(dir / "outside" / "0001-secret.md", repo / ".aidecide.yaml");
    const auto [l_code, l_out, l_err] = run_in(repo, {"check", "decisions"});
    CHECK(l_code == 2);
    CHECK(l_err.find(".aidecide.yaml: not read: a symbolic link") != std::string::npos);
    CHECK_FALSE(leaked(l_out + l_err));
  }
  fs::remove_all(dir);
}

TEST_CASE("outside a repository, .aidecide.yaml is read from the working folder only",
          "[check][hardening][config]") {
  // A settings file left in a shared parent (a temporary folder) must not
  // turn a failing check green.
  const fs::path dir = fs::temp_directory_path() / "aidecide-check-parent-config";
  fs::remove_all(dir);
  REQUIRE(find_repository_root(dir.parent_path().string()).empty());
  write(dir / ".aidecide.yaml", "check:\n  fail_on: never\n");
  const std::string vetoed = replaced(read_text_file("docs/adr/0001-clinical-notes-local.md"),
                                      "decision: local", "decision: cloud");
  write(dir / "work" / "0001.md", vetoed);
  const auto [code, out, err] = run_in(dir / "work", {"check", "--today", "2026-11-23", "0001.md"});
  CHECK(code == 1);
  CHECK(find_config((dir / "work").string()).empty());
  CHECK(find_config(dir.string()) == (dir / ".aidecide.yaml").string());
  // In a repository it is found up to the root, as before.
  fs::create_directories(dir / ".git");
  CHECK(find_config((dir / "work").string()) == (dir / ".aidecide.yaml").string());
  CHECK(std::get<0>(run_in(dir / "work", {"check", "--today", "2026-11-23", "0001.md"})) == 0);
  fs::remove_all(dir);
}
