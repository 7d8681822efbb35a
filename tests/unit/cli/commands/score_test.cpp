// SPDX-License-Identifier: MIT
// `aidecide score` driven in-process through run() with string streams.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aidecide/render.hpp"
#include "helpers.hpp"
#include "run.hpp"

using namespace aidecide;
namespace fs = std::filesystem;

namespace {

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

Result run_cli(const std::vector<std::string>& args, const std::string& input = "",
               const cli::Environment& env = cli::Environment{}) {
  std::vector<std::string> argv{"aidecide"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  Result r;
  r.code = cli::run(argv, in, out, err, env);
  r.out = out.str();
  r.err = err.str();
  return r;
}

cli::Environment fresh_env() {
  cli::Environment env;
  env.today = "2026-11-23";
  return env;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("the version flag prints the version", "[cli]") {
  const Result r = run_cli({"--version"});
  CHECK(r.code == 0);
  CHECK(r.out.starts_with("aidecide 0.1.0\ncriteria version 1 (embedded)\nbuilt with "));
  CHECK(r.out.find("yaml-cpp 0.7") != std::string::npos);
}

TEST_CASE("the help flag explains the commands", "[cli]") {
  const Result r = run_cli({"--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("score") != std::string::npos);
  CHECK(r.out.find("Examples:") != std::string::npos);
  const Result sub = run_cli({"score", "--help"});
  CHECK(sub.code == 0);
  CHECK(sub.out.find("--format") != std::string::npos);
}

TEST_CASE("usage errors exit 2 with a message", "[cli]") {
  SECTION("no command") {
    const Result r = run_cli({});
    CHECK(r.code == 2);
    CHECK(r.err == "aidecide: error: A subcommand is required\nRun 'aidecide --help' for usage.\n");
  }
  SECTION("unknown command with a suggestion") {
    const Result r = run_cli({"scroe"});
    CHECK(r.code == 2);
    CHECK(r.err ==
          "aidecide: error: unknown command 'scroe'; did you mean 'score'?\nCommands: ask, score, "
          "check, adr, explain, prices, validate, completion, schema, man. Run "
          "'aidecide --help' for usage.\n");
  }
  SECTION("no paths") {
    const Result r = run_cli({"score"});
    CHECK(r.code == 2);
    CHECK(r.err == "aidecide: error: paths is required\nRun 'aidecide --help' for usage.\n");
  }
  SECTION("unknown format") {
    const Result r = run_cli({"score", "--format", "xml", "profiles"});
    CHECK(r.code == 2);
    CHECK(r.err ==
          "aidecide: error: --format: xml not in {text,json,markdown,html,csv}\nRun 'aidecide "
          "--help' for usage.\n");
  }
}

TEST_CASE("score explains a single profile in full", "[cli]") {
  const Result r = run_cli({"score", "profiles/hospital-clinical-notes.yaml"}, "", fresh_env());
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(
      r.out.starts_with("Hospital clinical notes summariser  "
                        "profiles/hospital-clinical-notes.yaml\nRecommendation: local"));
  CHECK(r.out.find("cloud: The data must stay on infrastructure the organisation controls") !=
        std::string::npos);
  CHECK(r.out.find("hybrid: All traffic is equally sensitive") != std::string::npos);
  CHECK(r.out.find("Data sensitivity is regulated: favours local") != std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // not a terminal: no colour
}

TEST_CASE("score prints a summary table for a directory", "[cli]") {
  const Result r = run_cli({"score", "profiles"}, "", fresh_env());
  CHECK(r.code == 0);
  CHECK(r.out.starts_with("PROFILE"));
  CHECK(r.out.find("13 profiles: ") != std::string::npos);
  // At 80 columns the three scores make room for the names.
  CHECK(
      r.out.starts_with("PROFILE                                 RECOMMENDED    MARGIN  CONF "
                        "MONTHLY  FLAGS\n"));
  CHECK(r.out.find("\nEnterprise coding assistant             hybrid            4.4   73%  "
                   "$77.3k  $\n") != std::string::npos);
  CHECK(r.out.find("\nKey: $ over a budget; ? confidence under 70%; MARGIN points ahead of the\n"
                   "  runner-up; MONTHLY the recommendation's all-in cost a month.\n") !=
        std::string::npos);
  cli::Environment env = fresh_env();
  env.width = 100;
  const Result wide = run_cli({"score", "profiles"}, "", env);
  CHECK(wide.out.find("\nRetail bank assistant with a sensiti…  hybrid        (77.0)   86.9   91.4 "
                      "    4.5  100%  $20.6k\n") != std::string::npos);
  CHECK(wide.out.find("? confidence under 70%; (score) ruled out by a hard constraint or a") !=
        std::string::npos);
  CHECK(r.out.find("\nFlagged: 2 over a budget, 1 with confidence under 70%.\n") !=
        std::string::npos);
}

TEST_CASE("the summary counts files that could not be scored, not their messages", "[cli]") {
  // One bad file with two errors next to two good ones.
  const Result r =
      run_cli({"score", "tests/data/invalid/unknown-answer-key.yaml",
               "profiles/bank-assistant-mixed.yaml", "profiles/startup-prototype.yaml"},
              "", fresh_env());
  CHECK(r.code == 2);
  CHECK(r.err.find("missing answer (1): team_mlops") != std::string::npos);
  CHECK(r.err.find("unknown criterion 'team_mlop'") != std::string::npos);
  CHECK(r.out.find("2 profiles: 1 cloud, 0 local, 1 hybrid; 1 file could not be scored.") !=
        std::string::npos);
  const Result md =
      run_cli({"score", "--format", "markdown", "tests/data/invalid/unknown-answer-key.yaml",
               "profiles/bank-assistant-mixed.yaml", "profiles/startup-prototype.yaml"},
              "", fresh_env());
  CHECK(md.out.find(" 1 file could not be scored.") != std::string::npos);
}

TEST_CASE("colour only on a terminal without NO_COLOR, or when asked", "[cli]") {
  cli::Environment tty = fresh_env();
  tty.stdout_is_terminal = true;
  tty.dumb_terminal = false;
  CHECK(run_cli({"score", "profiles/startup-prototype.yaml"}, "", tty).out.find("\x1b[") !=
        std::string::npos);
  tty.no_color = true;
  CHECK(run_cli({"score", "profiles/startup-prototype.yaml"}, "", tty).out.find("\x1b[") ==
        std::string::npos);
  CHECK(run_cli({"--color", "always", "score", "profiles/startup-prototype.yaml"}, "", fresh_env())
            .out.find("\x1b[") != std::string::npos);
  tty.no_color = false;
  CHECK(run_cli({"--color", "never", "score", "profiles/startup-prototype.yaml"}, "", tty)
            .out.find("\x1b[") == std::string::npos);
}

TEST_CASE("score --format json follows the contract", "[cli][json]") {
  const Result r = run_cli({"score", "--format", "json", "profiles/hospital-clinical-notes.yaml",
                            "profiles/startup-prototype.yaml"},
                           "", fresh_env());
  CHECK(r.code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["tool"] == "aidecide");
  CHECK(doc["version"] == "0.1.0");
  REQUIRE(doc["results"].size() == 2);
  CHECK(doc["errors"].empty());
  const auto& h = doc["results"][0];
  CHECK(h["file"] == "profiles/hospital-clinical-notes.yaml");
  CHECK(h["name"] == "Hospital clinical notes summariser");
  CHECK(h["recommendation"] == "local");
  for (const char* o : {"cloud", "local", "hybrid"}) {
    CHECK(h["scores"][o].is_number());
    CHECK(h["scores"][o] >= 0);
    CHECK(h["scores"][o] <= 100);
  }
  REQUIRE(h["vetoed"].size() == 2);
  CHECK(h["vetoed"][0]["option"] == "cloud");
  CHECK(h["vetoed"][0]["rule"] == "residency-on-premises");
  CHECK(h["vetoed"][0]["reason"] ==
        "The data must stay on infrastructure the organisation controls, and pure cloud sends all "
        "of it to a provider, whatever the workload mix.");
  CHECK(h["vetoed"][1]["option"] == "hybrid");
  CHECK(h["vetoed"][1]["rule"] == "residency-on-premises-uniform");
  // The budgets' members (docs/formats.md).
  REQUIRE(h["over_budget"].is_array());
  CHECK(h["budgets"]["no_option_fits"].is_boolean());
  double shares = 0;
  for (const char* o : {"cloud", "local", "hybrid"}) shares += h["win_shares"][o].get<double>();
  CHECK(shares == Approx(1).margin(0.002));
  CHECK(h["win_shares"][h["recommendation"].get<std::string>()] == h["confidence"]);
  CHECK(h["confidence"] >= 0);
  CHECK(h["confidence"] <= 1);
  CHECK(doc["results"][1]["recommendation"] == "cloud");
}

TEST_CASE("a bad file is reported and the others are still scored", "[cli][json]") {
  const Result r = run_cli({"score", "--format", "json", "tests/data/invalid/bad-choice.yaml",
                            "profiles/startup-prototype.yaml", "no/such/file.yaml"},
                           "", fresh_env());
  CHECK(r.code == 2);
  const auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc["results"].size() == 1);
  CHECK(doc["results"][0]["name"] == "Startup meeting-notes prototype");
  REQUIRE(doc["errors"].size() == 2);
  nlohmann::json missing;
  missing["file"] = "no/such/file.yaml";
  missing["line"] = nullptr;
  missing["column"] = nullptr;
  missing["message"] = "cannot read: no such file or directory";
  CHECK(doc["errors"][1] == missing);
  nlohmann::json bad;
  bad["file"] = "tests/data/invalid/bad-choice.yaml";
  bad["line"] = 25;
  bad["column"] = 21;
  bad["message"] =
      "'genius' is not an answer of model_capability (expected basic, strong or frontier, or "
      "unknown)";
  CHECK(doc["errors"][0] == bad);
  CHECK(r.err ==
        "aidecide: error: tests/data/invalid/bad-choice.yaml:25:21: 'genius' is not an answer of "
        "model_capability (expected "
        "basic, strong or frontier, or unknown)\n"
        "aidecide: error: no/such/file.yaml: cannot read: no such file or directory\n");
}

TEST_CASE("score reads a profile from standard input", "[cli]") {
  const Result r = run_cli({"score", "--format", "json", "-"},
                           read_file("profiles/startup-prototype.yaml"), fresh_env());
  CHECK(r.code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["results"][0]["file"] == "<stdin>");
  CHECK(doc["results"][0]["recommendation"] == "cloud");
}

TEST_CASE("the same input gives byte-identical output", "[cli]") {
  const Result a = run_cli({"score", "--format", "json", "profiles"}, "", fresh_env());
  const Result b = run_cli({"score", "--format", "json", "profiles"}, "", fresh_env());
  CHECK(a.out == b.out);
  const Result c = run_cli({"score", "profiles"}, "", fresh_env());
  const Result d = run_cli({"score", "profiles"}, "", fresh_env());
  CHECK(c.out == d.out);
}

TEST_CASE("criteria and pricing files replace the built-in data", "[cli]") {
  SECTION("a broken criteria file stops the run with exit 2") {
    const Result r = run_cli({"score", "--criteria", "tests/data/invalid/empty.yaml", "profiles"},
                             "", fresh_env());
    CHECK(r.code == 2);
    CHECK(r.err ==
          "aidecide: error: tests/data/invalid/empty.yaml:1:1: file is empty; expected a criteria "
          "file "
          "with 'version' and 'criteria'\n");
    CHECK(r.out.empty());
  }
  SECTION("a directory where a file is expected") {
    const Result r = run_cli({"score", "--criteria", "criteria", "profiles"}, "", fresh_env());
    CHECK(r.code == 2);
    CHECK(r.err == "aidecide: error: criteria: cannot read: is a directory\n");
  }
  SECTION("a missing pricing file") {
    const Result r = run_cli({"score", "--pricing", "nope.yaml", "profiles"}, "", fresh_env());
    CHECK(r.code == 2);
    CHECK(r.err == "aidecide: error: nope.yaml: cannot read: No such file or directory\n");
  }
  SECTION("the shipped files work as given") {
    const Result r = run_cli({"score", "--criteria", "criteria/default.yaml", "--pricing",
                              "criteria/pricing.yaml", "profiles/startup-prototype.yaml"},
                             "", fresh_env());
    CHECK(r.code == 0);
  }
}

TEST_CASE("old prices draw a warning", "[cli]") {
  cli::Environment later = fresh_env();
  later.today = "2027-06-01";
  const Result r = run_cli({"score", "profiles/startup-prototype.yaml"}, "", later);
  CHECK(r.code == 0);
  CHECK(r.err ==
        "aidecide: warning: <embedded criteria/pricing.yaml>: some prices date from 2026-03-01, "
        "more than a year ago; "
        "check them and update as_of\n");
}

TEST_CASE("every invalid input gives its one-line error and exit 2", "[cli][invalid]") {
  for (const auto& entry : fs::directory_iterator("tests/data/invalid")) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string path = "tests/data/invalid/" + entry.path().filename().string();
    INFO(path);
    const Result r = run_cli({"score", path}, "", fresh_env());
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    auto expected_path = entry.path();
    expected_path.replace_extension(".err");
    CHECK(r.err == read_file(expected_path));
  }
}

TEST_CASE("generated hostile inputs fail fast with a clear error", "[cli][invalid]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-invalid-test";
  fs::create_directories(dir);
  SECTION("a directory with no profiles") {
    const fs::path empty = dir / "empty-dir";
    fs::create_directories(empty);
    const Result r = run_cli({"score", empty.string()}, "", fresh_env());
    CHECK(r.code == 2);
    CHECK(r.err ==
          "aidecide: error: " + empty.string() + ": directory holds no .yaml or .yml files\n");
  }
  SECTION("a 50 MB file") {
    const fs::path big = dir / "big.yaml";
    {
      std::ofstream out(big, std::ios::binary);
      const std::string line = "# " + std::string(1022, 'x') + "\n";
      for (int i = 0; i < 50 * 1024; ++i) out << line;
    }
    const Result r = run_cli({"score", big.string()}, "", fresh_env());
    CHECK(r.code == 2);
    CHECK(r.err == "aidecide: error: " + big.string() +
                       ":1024:2: file is too large (the limit is 1048576 bytes)\n");
  }
  SECTION("deep nesting") {
    const fs::path deep = dir / "deep.yaml";
    {
      std::ofstream out(deep);
      out << "name: " << std::string(100000, '[') << std::string(100000, ']') << "\n";
    }
    const Result r = run_cli({"score", deep.string()}, "", fresh_env());
    CHECK(r.code == 2);
    CHECK(r.err == "aidecide: error: " + deep.string() +
                       ":1:39: nesting is too deep (the limit is 32 levels)\n");
  }
  SECTION("an endless stream on standard input is cut off") {
    const Result r = run_cli({"score", "-"}, std::string(2 * 1024 * 1024, '#'), fresh_env());
    CHECK(r.code == 2);
    CHECK(r.err ==
          "aidecide: error: <stdin>:1:1048577: file is too large (the limit is 1048576 "
          "bytes)\n");
  }
  fs::remove_all(dir);
}

TEST_CASE("explain shows the model in the open", "[cli][explain]") {
  const Result all = run_cli({"explain"}, "", fresh_env());
  CHECK(all.code == 0);
  CHECK(all.out.starts_with("CRITERION"));
  CHECK(
      all.out.find("data_sensitivity         choice                                    6    15%") !=
      std::string::npos);
  CHECK(all.out.find("offline-no-cloud: rules out cloud and hybrid.") != std::string::npos);
  const Result one = run_cli({"explain", "team_mlops"}, "", fresh_env());
  CHECK(one.code == 0);
  CHECK(one.out.find("experienced        1.00   1.00   0.95") != std::string::npos);
  const Result typo = run_cli({"explain", "team_mlop"}, "", fresh_env());
  CHECK(typo.code == 2);
  CHECK(typo.err ==
        "aidecide: error: unknown criterion 'team_mlop'; did you mean 'team_mlops'?; 'aidecide "
        "explain' lists them all\n");
}

TEST_CASE("validate checks every kind of file without scoring", "[cli][validate]") {
  const Result ok = run_cli(
      {"validate", "profiles/startup-prototype.yaml", "criteria/default.yaml",
       "criteria/pricing.yaml", "criteria/presets.yaml", "docs/adr/0002-prototype-cloud.md"},
      "", fresh_env());
  CHECK(ok.code == 0);
  CHECK(ok.out ==
        "profiles/startup-prototype.yaml: valid profile\ncriteria/default.yaml: valid criteria\n"
        "criteria/pricing.yaml: valid pricing\ncriteria/presets.yaml: valid presets\n"
        "docs/adr/0002-prototype-cloud.md: valid decision records\n");
  const Result bad = run_cli({"validate", "tests/data/invalid/bad-choice.yaml", "README.md",
                              "profiles/startup-prototype.yaml"},
                             "", fresh_env());
  CHECK(bad.code == 2);
  CHECK(bad.out == "profiles/startup-prototype.yaml: valid profile\n");
  CHECK(bad.err ==
        "aidecide: error: tests/data/invalid/bad-choice.yaml:25:21: 'genius' is not an answer of "
        "model_capability "
        "(expected basic, strong or frontier, or unknown)\naidecide: error: README.md: no decision "
        "record found\n");
}

TEST_CASE("score and check give the same output for any --jobs", "[perf][cli]") {
  const std::string root = AIDECIDE_SOURCE_DIR;
  cli::Environment env;
  env.today = "2026-11-23";
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "aidecide");
    std::istringstream in;
    std::ostringstream out, err;
    const int code = cli::run(args, in, out, err, env);
    return std::pair(code, out.str() + err.str());
  };
  for (const char* format : {"json", "text", "csv"}) {
    const auto one = run({"score", "-j", "1", "--format", format, root + "/profiles",
                          root + "/tests/data/invalid/bad-choice.yaml"});
    const auto two = run({"score", "-j", "2", "--format", format, root + "/profiles",
                          root + "/tests/data/invalid/bad-choice.yaml"});
    const auto many = run({"score", "-j", "7", "--format", format, root + "/profiles",
                           root + "/tests/data/invalid/bad-choice.yaml"});
    CHECK(one.first == 2);
    CHECK(one == two);
    CHECK(one == many);
  }
  const auto one = run({"check", "-j", "1", "--format", "json", root + "/docs/adr",
                        root + "/tests/data/adr-hostile"});
  const auto two = run({"check", "-j", "2", "--format", "json", root + "/docs/adr",
                        root + "/tests/data/adr-hostile"});
  CHECK(one == two);
}
