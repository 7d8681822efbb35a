// SPDX-License-Identifier: MIT
// The hybrid pattern and the tailored checklist (src/core/engine/advice.cpp).
#include <catch2/catch.hpp>

#include "aidecide/presets.hpp"
#include "aidecide/render.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

TEST_CASE("each hybrid pattern is chosen where it fits", "[patterns]") {
  SECTION("a mixed workload: sensitive local, general in the cloud") {
    const Decision d = decide_with({{"data_sensitivity", "personal"},
                                    {"workload_mix", "mixed"},
                                    {"team_mlops", "experienced"}},
                                   0);
    REQUIRE(d.recommendation == Option::hybrid);
    REQUIRE(d.hybrid_pattern.has_value());
    CHECK(d.hybrid_pattern->id == "sensitive-local-general-cloud");
  }
  SECTION("an early project: start in the cloud, then invest") {
    const Decision d = decide_with({{"data_sensitivity", "regulated"},
                                    {"project_stage", "pilot"},
                                    {"data_residency", "region"}},
                                   0);
    REQUIRE(d.hybrid_pattern.has_value());
    CHECK(d.hybrid_pattern->id == "cloud-first-then-local");
  }
  SECTION("production that must be local: develop in the cloud, serve locally") {
    const Decision d = decide_with({{"data_sensitivity", "confidential"},
                                    {"latency_budget_ms", "200"},
                                    {"team_mlops", "basic"},
                                    {"lock_in_tolerance", "low"},
                                    {"criticality", "mission_critical"},
                                    {"upfront_budget_usd", "1000000"}},
                                   0);
    CHECK(d.recommendation == Option::local);
    REQUIRE(d.hybrid_pattern.has_value());
    CHECK(d.hybrid_pattern->id == "develop-cloud-serve-local");
  }
  SECTION("no pattern when hybrid is far behind") {
    const Decision d = decide_with({{"data_sensitivity", "public"},
                                    {"team_mlops", "none"},
                                    {"project_stage", "prototype"},
                                    {"monthly_requests", "1000"}},
                                   0);
    CHECK(d.recommendation == Option::cloud);
    CHECK_FALSE(d.hybrid_pattern.has_value());
  }
  SECTION("no pattern when hybrid is ruled out") {
    const Decision d = decide_with({{"connectivity", "offline"}}, 0);
    CHECK_FALSE(d.hybrid_pattern.has_value());
  }
}

TEST_CASE("the checklist is tailored to the recommendation and answers", "[checklist]") {
  SECTION("cloud for a business-critical prototype") {
    const Decision d = decide_with({{"data_sensitivity", "public"},
                                    {"team_mlops", "none"},
                                    {"project_stage", "prototype"},
                                    {"monthly_requests", "1000"}},
                                   0);
    REQUIRE(d.recommendation == Option::cloud);
    REQUIRE(d.checklist.size() == 5);
    CHECK(d.checklist[0].starts_with("Design for switching vendors"));
    // The prompt-engineering advice quotes what caching half the input would
    // save: 1,000 requests x 1,000 tokens x 0.5 x ($0.30 - $0.075) / 10^6.
    CHECK(d.checklist[1].find("($1.05 a month at today's volume; serving half the input tokens "
                              "from the prompt cache would save about $0.11 a month)") !=
          std::string::npos);
    CHECK(d.checklist[2].starts_with("Use an enterprise offering"));
    CHECK(d.checklist[3].starts_with("Future-proof the choice"));
    CHECK(d.checklist[4].starts_with("Revisit the decision if "));
  }
  SECTION("local with the fleet from the cost model") {
    const Decision d = decide_with({{"connectivity", "offline"}, {"team_mlops", "basic"}}, 0);
    REQUIRE(d.recommendation == Option::local);
    REQUIRE(d.checklist.size() == 6);
    CHECK(d.checklist[0] ==
          "Provision hardware for the model's needs: about 2 x H100 (own GPUs) for Llama 3.3 70B "
          "at 8bit at the expected peak ($81,250 up front).");
    CHECK(d.checklist[1] ==
          "Plan scaling and redundancy (spare replicas, failover) for a business workload.");
    CHECK(d.checklist[4] ==
          "Build or hire serving skills before production; the team's experience is basic today.");
  }
}
