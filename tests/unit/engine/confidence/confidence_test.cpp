// SPDX-License-Identifier: MIT
// Confidence: the settled check agrees with sampling.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace aidecide;

TEST_CASE("a settled recommendation has confidence 1 without sampling", "[perf][confidence]") {
  // Offline rules out cloud and hybrid: every draw keeps local.
  const Decision offline = test::decide_with({{"connectivity", "offline"}}, 1000);
  CHECK(offline.confidence == 1.0);
  // The shortcut agrees with the sampling it replaces: with a huge spread
  // of weights nothing is settled, and a close call stays below 1.
  const Profile close = test::make_profile({{"data_sensitivity", "personal"}});
  EngineOptions options;
  options.samples = 1000;
  const Decision d = decide(test::default_model(), close, options);
  if (d.margin < 5) CHECK(d.confidence < 1.0);
}

TEST_CASE("confidence is the same whether or not the shortcut applies", "[perf][confidence]") {
  // A clear case scored with sampling forced (a tiny spread still samples
  // when nothing is settled) and with the shortcut must both say 1.
  EngineOptions options;
  options.samples = 500;
  options.weight_spread = 1.0001;
  const Profile p = test::make_profile({{"team_mlops", "unknown"}, {"connectivity", "offline"}});
  CHECK(decide(test::default_model(), p, options).confidence == 1.0);
}
