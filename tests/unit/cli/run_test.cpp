// SPDX-License-Identifier: MIT
// run(): the options every command shares (--quiet, --verbose).
#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aidecide/render.hpp"
#include "commands.hpp"
#include "engine/scorer.hpp"
#include "helpers.hpp"
#include "io/parallel.hpp"
#include "io/progress.hpp"
#include "render/json_writer.hpp"
#include "run.hpp"

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
