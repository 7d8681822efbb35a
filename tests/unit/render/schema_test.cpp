// SPDX-License-Identifier: MIT
// JSON Schemas generated from the definitions they describe.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "helpers.hpp"
#include "run.hpp"

using namespace aidecide;

namespace {

std::pair<int, std::string> run_cli(const std::vector<std::string>& args,
                                    std::string* err_text = nullptr) {
  const test::CliResult r = test::run_cli(args);
  if (err_text) *err_text = r.err;
  return {r.code, r.out};
}

}  // namespace

TEST_CASE("schema prints each schema and names the choices for a typo", "[cli][schema]") {
  const auto [code, out] = run_cli({"schema", "profile"});
  CHECK(code == 0);
  const auto schema = nlohmann::json::parse(out);
  CHECK(schema["properties"]["answers"]["properties"]["data_sensitivity"]["enum"].back() ==
        "unknown");
  CHECK(schema["properties"]["answers"]["required"].size() == 18);
  std::string err;
  CHECK(run_cli({"schema", "prof"}, &err).first == 2);
  CHECK(err ==
        "aidecide: error: unknown schema 'prof'; did you mean 'profile'? (schemas: profile, "
        "record, config, criteria, output)\n");
}
