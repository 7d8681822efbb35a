// SPDX-License-Identifier: MIT
// run(): the options every command shares (--quiet, --verbose).
#include <catch2/catch.hpp>

#include "aidecide/render.hpp"
#include "aidecide/text.hpp"
#include "commands.hpp"
#include "helpers.hpp"

using namespace aidecide;

TEST_CASE("quiet mode silences warnings and verbose contradicts it", "[cli]") {
  cli::Environment env;
  env.today = "2031-01-01";  // prices more than a year old: a warning
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "aidecide");
    std::istringstream in;
    std::ostringstream out, err;
    const int code = cli::run(args, in, out, err, env);
    return std::pair(code, err.str());
  };
  const std::string profile = std::string(AIDECIDE_SOURCE_DIR) + "/profiles/startup-prototype.yaml";
  CHECK(run({"score", profile}).second.find("warning") != std::string::npos);
  CHECK(run({"--quiet", "score", profile}) == std::pair(0, std::string()));
  CHECK(run({"score", "-q", profile}) == std::pair(0, std::string()));
  const auto both = run({"-q", "-v", "score", profile});
  CHECK(both.first == 2);
  CHECK(both.second.find("contradict") != std::string::npos);
}

TEST_CASE("verbose mode says what was read and how fast", "[cli]") {
  cli::Environment env;
  env.today = "2026-11-23";
  std::istringstream in;
  std::ostringstream out, err;
  const std::string profile = std::string(AIDECIDE_SOURCE_DIR) + "/profiles/startup-prototype.yaml";
  CHECK(cli::run({"aidecide", "--verbose", "score", "-j", "3", profile}, in, out, err, env) == 0);
  CHECK(err.str().starts_with(
      "aidecide: criteria <embedded criteria/default.yaml> (version 1), pricing <embedded "
      "criteria/pricing.yaml> (prices as of "));
  CHECK(err.str().find("aidecide: 1 profile in ") != std::string::npos);
  CHECK(err.str().ends_with(" on 1 thread\n"));
  CHECK(cli::verbose_summary("files", 10, 2, 2.0) ==
        "aidecide: 10 files in 2.00 s (5/s) on 2 threads\n");
}

TEST_CASE("help, validation and completion list each closed set from its table", "[cli]") {
  const auto score_help = aidecide::test::run_cli({"score", "--help"});
  CHECK(score_help.out.find("Output format: " + join_words(names_of(formats()), " or ")) !=
        std::string::npos);
  CHECK(score_help.out.find("input, score, name or confidence") != std::string::npos);
  const auto check_help = aidecide::test::run_cli({"check", "--help"});
  CHECK(check_help.out.find("text, json, github, junit, sarif or gitlab") != std::string::npos);
  CHECK(check_help.out.find("error, warning, note or never") != std::string::npos);
  const auto bad = aidecide::test::run_cli({"score", "--format", "sarif", "profiles/"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("sarif not in {text,json,markdown,html,csv}") != std::string::npos);
  const auto bash = aidecide::test::run_cli({"completion", "bash"});
  CHECK(bash.code == 0);
  CHECK(bash.out.find("'text json markdown html csv'") != std::string::npos);
  CHECK(bash.out.find("'text json github junit sarif gitlab'") != std::string::npos);
}

TEST_CASE("a command named first is set up alone and reads as when all are", "[cli]") {
  // run() sets up only the command named first; a global option first sets
  // up every command. Each command's help and its errors must not tell.
  const auto top = aidecide::test::run_cli({"--help"});
  REQUIRE(top.code == 0);
  const std::string listing = top.out.substr(top.out.find("Subcommands:\n") + 13);
  std::vector<std::string> names;
  std::istringstream lines(listing.substr(0, listing.find("\n\n")));
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    names.push_back(name);
  }
  REQUIRE(names.size() == 10);
  for (const std::string& name : names) {
    CAPTURE(name);
    const auto alone = aidecide::test::run_cli({name, "--help"});
    const auto all = aidecide::test::run_cli({"-q", name, "--help"});
    CHECK(alone.code == 0);
    CHECK(alone.out == all.out);
    CHECK(alone.out.find("Usage: aidecide " + name) != std::string::npos);
    const auto wrong = aidecide::test::run_cli({name, "--no-such-option"});
    const auto wrong_all = aidecide::test::run_cli({"-q", name, "--no-such-option"});
    CHECK(wrong.code == 2);
    CHECK(wrong.err == wrong_all.err);
  }
  // A later word that names another command is that command's operand.
  const auto operand = aidecide::test::run_cli({"score", "check"});
  CHECK(operand.code == 2);
  CHECK(operand.err.find("check") != std::string::npos);
}
