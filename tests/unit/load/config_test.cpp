// SPDX-License-Identifier: MIT
// .aidecide.yaml (src/core/load/config.cpp): every error with its position.
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
std::string config_error(const std::string& text) {
  return first_error([&] { load_config(text, ".aidecide.yaml", "."); });
}

}  // namespace

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
