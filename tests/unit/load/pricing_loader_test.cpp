// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {
std::string pricing_error(const std::string& text) {
  return first_error([&] { load_pricing(text, "p.yaml", default_model().questionnaire); });
}
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}
const std::string kPricing(embedded_pricing_text());
}  // namespace

TEST_CASE("the built-in pricing loads with a source and date on every figure", "[pricing]") {
  const Pricing& p = default_model().pricing;
  REQUIRE(p.cloud.size() == 3);
  CHECK(p.cloud[2].input_per_mtok == 3.0);
  CHECK(p.local[1].gpu == "H100");
  CHECK(p.gpus.at("H100").purchase_usd == 32500);
  CHECK(p.oldest_as_of() == "2026-04-01");
  for (const auto& t : p.cloud) CHECK_FALSE(t.provenance.source.empty());
}

TEST_CASE("a missing price is an error, never a silent zero", "[pricing]") {
  SECTION("a capability tier without a cloud price") {
    const auto start = kPricing.find("  frontier:\n    model: Anthropic");
    const auto end = kPricing.find("gpus:");
    std::string text = kPricing;
    text.erase(start, end - start);
    CHECK(pricing_error(text) ==
          "13:3: missing price: 'cloud' has no entry for capability 'frontier'");
  }
  SECTION("an output price left out") {
    CHECK(pricing_error(replaced(kPricing, "    output_per_mtok: 0.60\n", "")) ==
          "14:5: missing required key 'output_per_mtok' in cloud tier 'basic'");
  }
  SECTION("a zero price") {
    CHECK(pricing_error(replaced(kPricing, "input_per_mtok: 0.15", "input_per_mtok: 0")) ==
          "15:21: 'input_per_mtok' of cloud tier 'basic' must be above 0");
  }
  SECTION("a figure without a source") {
    CHECK(pricing_error(replaced(
              kPricing, "    source: common worked example (BatchLocaLLM cost analysis)\n", "")) ==
          "79:5: missing required key 'source' in figure 'electricity_usd_per_kwh'");
  }
  SECTION("a date that is not ISO 8601") {
    CHECK(pricing_error(replaced(kPricing, "as_of: 2026-08-05", "as_of: August 2026")) ==
          "18:12: 'as_of' must be a date written YYYY-MM-DD");
  }
  SECTION("a table that misses an answer") {
    CHECK(pricing_error(replaced(kPricing, "{none: 1.0, basic: 0.5, experienced: 0.25}",
                                 "{none: 1.0, basic: 0.5}")) ==
          "110:13: table 'ops_fte' has no value for answer 'experienced'");
  }
  SECTION("a tier on an unpriced GPU") {
    CHECK(pricing_error(replaced(kPricing, "gpu: L40S", "gpu: B200")) ==
          "49:10: local tier 'basic' uses GPU 'B200', which 'gpus' does not price");
  }
}
