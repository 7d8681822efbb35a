// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {
std::string pricing_error(const std::string& text) {
  return first_error([&] { load_pricing(text, "p.yaml", default_model().questionnaire); });
}
const std::string kPricing(embedded_pricing_text());
}  // namespace

TEST_CASE("the built-in pricing loads with a source and date on every figure", "[pricing]") {
  const Pricing& p = default_model().pricing;
  REQUIRE(p.tiers.size() == 3);
  CHECK(p.tiers[2].cloud == "claude-sonnet-4-5");
  CHECK(p.hosted.at("claude-sonnet-4-5").input_per_mtok == 3.0);
  CHECK(p.tiers[1].gpu == "H100");
  CHECK(p.gpus.at("H100").purchase_usd == 32500);
  CHECK(p.gpus.at("H100").memory_gb == 80);
  CHECK(p.gpus.at("RTX4090").gpu_class == GpuClass::workstation);
  CHECK(p.models.at("deepseek-v3").active_params_b == 37);
  CHECK(p.oldest_as_of() == "2026-03-01");
  for (const auto& [id, h] : p.hosted) CHECK_FALSE(h.provenance.source.empty());
  for (const auto& [id, m] : p.models) {
    for (const Throughput& t : m.throughput) CHECK_FALSE(t.provenance.source.empty());
  }
  // Every tier resolves to its catalog entries.
  REQUIRE(p.plans.size() == 3);
  CHECK(p.plans[0].cloud == &p.hosted.at("gpt-4o-mini"));
  CHECK(p.plans[2].own_local.model == &p.models.at("deepseek-v3"));
  CHECK(p.plans[2].own_hybrid.model == &p.models.at("llama-3.3-70b"));
}

TEST_CASE("a missing price is an error, never a silent zero", "[pricing]") {
  SECTION("a hosted model without an output price") {
    CHECK(pricing_error(replaced(kPricing, "    output_per_mtok: 0.60\n", "")) ==
          "21:5: missing required key 'output_per_mtok' in hosted model 'gpt-4o-mini'");
  }
  SECTION("a zero price") {
    CHECK(pricing_error(replaced(kPricing, "input_per_mtok: 0.15", "input_per_mtok: 0")) ==
          "22:21: 'input_per_mtok' of hosted model 'gpt-4o-mini' must be above 0");
  }
  SECTION("a cached price above the input price") {
    CHECK(
        pricing_error(replaced(kPricing, "cached_input_per_mtok: 0.075\n    output_per_mtok: 0.60",
                               "cached_input_per_mtok: 0.2\n    output_per_mtok: 0.60")) ==
        "23:28: the cached input price of hosted model 'gpt-4o-mini' is above its input price");
  }
  SECTION("a figure without a source") {
    CHECK(pricing_error(replaced(
              kPricing, "    source: common worked example (BatchLocaLLM cost analysis)\n", "")) ==
          "220:5: missing required key 'source' in figure 'electricity_usd_per_kwh'");
  }
  SECTION("a date that is not ISO 8601") {
    CHECK(pricing_error(replaced(kPricing, "as_of: 2026-08-05", "as_of: August 2026")) ==
          "27:12: 'as_of' must be a date written YYYY-MM-DD");
  }
  SECTION("a table that misses an answer") {
    CHECK(pricing_error(replaced(kPricing, "{none: 1.0, basic: 0.5, experienced: 0.25}",
                                 "{none: 1.0, basic: 0.5}")) ==
          "301:13: table 'ops_fte' has no value for answer 'experienced'");
  }
  SECTION("a tier naming a GPU the catalog lacks, with a suggestion") {
    CHECK(pricing_error(replaced(kPricing, "    gpu: L40S\n", "    gpu: L40\n")) ==
          "183:10: tier 'basic' names GPU 'L40', which the catalog does not have; did you mean "
          "'L40S'?");
  }
  SECTION("a throughput figure with an unknown kind") {
    CHECK(pricing_error(replaced(kPricing, "kind: estimated", "kind: guessed")) ==
          "172:103: 'kind' of a throughput figure of model 'deepseek-v3' must be measured, "
          "published or estimated, not 'guessed'");
  }
  SECTION("a version 1 file gets a migration hint") {
    CHECK(pricing_error(replaced(kPricing, "version: 2", "version: 1")) ==
          "8:10: this is a version 1 pricing file; aidecide reads version 2, which prices a "
          "catalog of hosted models, GPUs and open models (docs/cost-model.md, \"Migrating from "
          "version 1\")");
  }
  SECTION("a tier whose model no GPU can hold") {
    // With H100s one to a server and the H200 no larger than an A100, the
    // most the catalog holds is two servers of 8 x 80 GB at 90 %, 1,152 GB:
    // DeepSeek-V3 at 16 bits needs 1,342 GB for its weights alone.
    std::string text = replaced(
        kPricing, "    max_per_node: 8\n    source: retail listings 2025-2026 (25,000-40,000",
        "    max_per_node: 1\n    source: retail listings 2025-2026 (25,000-40,000");
    text = replaced(text, "    local: deepseek-v3\n    quantisation: 8bit\n    gpu: H100",
                    "    local: deepseek-v3\n    quantisation: 16bit\n    gpu: H100");
    text = replaced(text, "  H200:\n    memory_gb: 141", "  H200:\n    memory_gb: 80");
    CHECK(pricing_error(text) ==
          "200:5: tier 'frontier': no datacenter GPU of the catalog holds DeepSeek-V3 (local) at "
          "16bit with one sequence of its full context, even two servers of them; add a larger "
          "GPU");
  }
}
