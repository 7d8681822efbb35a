// SPDX-License-Identifier: MIT
// "Did you mean" suggestions for mistyped ids, answers and commands.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "aidecide/text.hpp"

using aidecide::did_you_mean;

TEST_CASE("did_you_mean suggests the nearest candidate within a third of the word", "[text]") {
  const std::vector<std::string> ids{"data_sensitivity", "monthly_requests", "latency_slo"};
  CHECK(did_you_mean("data_sensitivty", ids) == "data_sensitivity");
  CHECK(did_you_mean("monthly_request", ids) == "monthly_requests");
  CHECK(did_you_mean("latency", ids) == "latency_slo");  // a prefix counts as one edit
  CHECK(did_you_mean("budget", ids) == std::nullopt);
  CHECK(did_you_mean("", ids) == std::nullopt);
  const std::vector<std::string> answers{"cloud", "local", "hybrid"};
  CHECK(did_you_mean("clod", answers) == "cloud");
  CHECK(did_you_mean("hybird", answers) == "hybrid");
  CHECK(did_you_mean("x", answers) == std::nullopt);
}

TEST_CASE("did_you_mean on a very long word still finds a prefix, and nothing else", "[text]") {
  const std::vector<std::string> ids{"data_sensitivity", "latency_slo"};
  CHECK(did_you_mean(std::string(1'000'000, 'a'), ids) == std::nullopt);
  CHECK(did_you_mean("latency_slo" + std::string(100'000, 'x'), ids) == "latency_slo");
}
