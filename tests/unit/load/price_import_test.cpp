// SPDX-License-Identifier: MIT
// Pricing overlays from LiteLLM's price map and SkyPilot's GPU catalogs, and
// overlays applied to a pricing file.
#include <catch2/catch.hpp>

#include "aidecide/price_import.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {

PriceImportOptions options(std::string source = "prices.json") {
  PriceImportOptions o;
  o.source = std::move(source);
  o.as_of = "2026-11-30";
  return o;
}

const std::string kHeader =
    "# A pricing overlay written by `aidecide prices import litellm`: give it to --pricing\n"
    "# (after a pricing file, or alone to change the built-in prices). It replaces only\n"
    "# the entries and fields below; docs/cost-model.md, \"Refreshing prices\".\n"
    "version: 2\n"
    "overlay:\n"
    "  source: \"prices.json\"\n"
    "  as_of: 2026-11-30\n";

// Two chat models in LiteLLM's shape (USD per token), an embedding model and
// the file's own sample_spec entry.
const std::string kLiteLlm = R"({
  "sample_spec": {"input_cost_per_token": 0.0, "mode": "one of: chat, embedding",
                  "output_cost_per_token": 0.0},
  "claude-sonnet-4-5": {"cache_read_input_token_cost": 3e-07, "input_cost_per_token": 3e-06,
      "input_cost_per_token_batches": 1.5e-06, "litellm_provider": "anthropic",
      "mode": "chat", "output_cost_per_token": 1.5e-05,
      "output_cost_per_token_batches": 7.5e-06, "supports_vision": true},
  "bedrock/eu.meta.llama3:0": {"input_cost_per_token": 2.2e-07, "litellm_provider": "bedrock",
      "mode": "chat", "output_cost_per_token": 2.2e-07,
      "input_cost_per_token_batches": 1.65e-07, "output_cost_per_token_batches": 1.1e-07},
  "text-embedding-3-small": {"input_cost_per_token": 2e-08, "litellm_provider": "openai",
      "mode": "embedding", "output_cost_per_token": 0.0}
})";

std::string litellm_error(const std::string& text) {
  return first_error([&] { import_litellm(text, options()); });
}

}  // namespace

TEST_CASE("a LiteLLM price map becomes hosted entries per million tokens", "[import]") {
  const PriceImport r = import_litellm(kLiteLlm, options());
  CHECK(r.overlay == kHeader +
                         "hosted:\n"
                         "  \"claude-sonnet-4-5\":\n"
                         "    input_per_mtok: 3\n"
                         "    cached_input_per_mtok: 0.3\n"
                         "    output_per_mtok: 15\n"
                         "    batch_discount: 0.5\n"
                         // Batch input 25 % off, output 50 % off: the smaller discount.
                         "  \"bedrock/eu.meta.llama3:0\":\n"
                         "    input_per_mtok: 0.22\n"
                         "    cached_input_per_mtok: 0.22\n"
                         "    output_per_mtok: 0.22\n"
                         "    batch_discount: 0.25\n");
  CHECK(r.entries == 2);
  CHECK(r.left_out.empty());
  REQUIRE(r.summaries.size() == 1);
  CHECK(r.summaries[0] == "2 chat models priced; 2 entries of other modes ignored");
}

TEST_CASE("a LiteLLM import keeps the providers asked for", "[import]") {
  PriceImportOptions o = options();
  o.providers = {"anthropic"};
  const PriceImport r = import_litellm(kLiteLlm, o);
  CHECK(r.entries == 1);
  CHECK(r.overlay.find("claude-sonnet-4-5") != std::string::npos);
  CHECK(r.overlay.find("bedrock") == std::string::npos);
  CHECK(r.summaries[0] ==
        "1 chat model priced; 2 entries of other modes ignored, 1 of other providers");
  o.providers = {"mistral"};
  CHECK(first_error([&] { import_litellm(kLiteLlm, o); }) ==
        "1:1: no chat model of the providers asked for has an input and an output price");
}

TEST_CASE("a LiteLLM entry that cannot be priced is left out and said so", "[import]") {
  const PriceImport r = import_litellm(R"({
  "free": {"mode": "chat", "input_cost_per_token": 0, "output_cost_per_token": 0},
  "odd-cache": {"mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                "cache_read_input_token_cost": 2e-06},
  "odd-batch": {"mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                "input_cost_per_token_batches": 3e-06},
  "fine": {"mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}
})",
                                       options());
  CHECK(r.entries == 1);
  REQUIRE(r.left_out.size() == 3);
  CHECK(r.left_out[0].to_string() == "prices.json:2:3: left out 'free': no input or output price");
  CHECK(r.left_out[1].to_string() ==
        "prices.json:3:3: left out 'odd-cache': its cached input price is above its input price");
  CHECK(r.left_out[2].to_string() ==
        "prices.json:5:3: left out 'odd-batch': its batch price is not below its price or is "
        "free");
}

TEST_CASE("a malformed LiteLLM file is an error with its position", "[import]") {
  CHECK(litellm_error("{\n  \"m\": {\"mode\": \"chat\", \"input_cost_per_token\": \"cheap\"}\n}") ==
        "2:49: 'input_cost_per_token' must be a number, not 'cheap'");
  CHECK(litellm_error("{\n  \"m\": {\"mode\": \"chat\", \"input_cost_per_token\": -1e-06}\n}") ==
        "2:49: 'input_cost_per_token' must be from 0 to 1 (USD per token)");
  CHECK(litellm_error("{\n  \"m\": [1, 2]\n}") == "2:8: model 'm' must be a JSON object of prices");
  CHECK(litellm_error("{\n  \"m\": {},\n  \"m\": {}\n}") ==
        "3:3: model 'm' is given twice (first at line 2)");
  CHECK(litellm_error("[1, 2]") == "1:1: expected LiteLLM's price map: a JSON object of models");
  CHECK(litellm_error("{\n  \"m\": {\"mode\": \"chat\",\n") ==
        "3:1: not valid JSON: end of map flow not found");
  CHECK(litellm_error("{\"m\": {\"mode\": \"embedding\"}}") ==
        "1:1: no chat model with an input and an output price");
}

TEST_CASE("an overlay's names are quoted for YAML", "[import]") {
  const PriceImport r = import_litellm(
      "{\"a\\\"b\\\\c\": {\"mode\": \"chat\", \"input_cost_per_token\": 1e-06, "
      "\"output_cost_per_token\": 2e-06}}",
      options());
  CHECK(r.overlay.find("  \"a\\\"b\\\\c\":\n") != std::string::npos);
  // And it loads as an overlay naming that model.
  const Pricing p = load_pricing_files({{"o.yaml", r.overlay}}, default_model().questionnaire);
  CHECK(p.hosted.at("a\"b\\c").input_per_mtok == 1);
  CHECK(p.hosted.at("a\"b\\c").name == "a\"b\\c");
  CHECK(p.hosted.at("a\"b\\c").provenance.source == "prices.json");
  CHECK(p.hosted.at("a\"b\\c").provenance.as_of == "2026-11-30");
}

namespace {

const std::string kSkyPilot =
    "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,Price,Region,SpotPrice\n"
    "m6i.large,,,2,8,0.096,us-east-1,0.03\n"
    "p5.48xlarge,H100,8,192,2048,98.32,us-east-1,40.00\n"
    "p5.48xlarge,H100,8,192,2048,108.00,eu-west-1,44.00\n"
    "a3-highgpu-8g,H100,8,208,1872,88.49,us-central1,\n"
    "a3-highgpu-1g,H100,1,26,234,11.06,us-central1,\n"
    "g6e.xlarge,l40s,1,4,32,1.861,us-east-1,0.60\n"
    "g6e.xlarge,L40S,1,4,32,2.10,eu-west-1,0.70\r\n"
    "\"g5.xlarge\",A10G,1,4,16,1.006,us-east-1,0.35\n"
    "g5.12xlarge,A10G,4,48,192,,us-east-1,\n";

std::string skypilot_error(const std::string& text, PriceImportOptions o = options("vms.csv")) {
  return first_error([&] { import_skypilot(text, o, default_model().pricing); });
}

}  // namespace

TEST_CASE("a SkyPilot catalog gives each GPU the median of its regions' cheapest offers",
          "[import]") {
  const PriceImport r = import_skypilot(kSkyPilot, options("vms.csv"), default_model().pricing);
  // H100 per GPU: us-east-1 98.32/8 = 12.29, eu-west-1 13.5, us-central1
  // min(88.49/8, 11.06) = 11.06; median 12.29. L40S: (1.861 + 2.10) / 2.
  CHECK(r.overlay.substr(r.overlay.find("gpus:")) ==
        "gpus:\n"
        "  \"H100\":\n"
        "    # 4 offers in 3 regions; spot median 5.25 an hour, not costed (spot capacity can be "
        "taken back)\n"
        "    rent_usd_per_hour: 12.29\n"
        "  \"L40S\":\n"
        "    # 2 offers in 2 regions; spot median 0.65 an hour, not costed (spot capacity can be "
        "taken back)\n"
        "    rent_usd_per_hour: 1.9805\n");
  CHECK(r.entries == 2);
  REQUIRE(r.left_out.size() == 1);
  CHECK(r.left_out[0].to_string() ==
        "vms.csv: left out accelerator 'A10G' (1 offer): the catalog has no GPU of that name; "
        "map it with --as A10G=GPU");
  CHECK(r.summaries[0] == "2 GPUs priced from 9 rows");
}

TEST_CASE("a SkyPilot import maps accelerators the user names", "[import]") {
  PriceImportOptions o = options("vms.csv");
  o.aliases = {{"a10g", "L40S"}};
  const PriceImport r = import_skypilot(kSkyPilot, o, default_model().pricing);
  CHECK(r.left_out.empty());
  CHECK(r.overlay.find("    # 3 offers in 2 regions;") != std::string::npos);
  o.aliases = {{"A10G", "L40"}};
  CHECK_THROWS_WITH(import_skypilot(kSkyPilot, o, default_model().pricing),
                    "--as A10G=L40: the catalog has no GPU 'L40'; did you mean 'L40S'?");
}

TEST_CASE("a malformed SkyPilot catalog is an error with its position", "[import]") {
  CHECK(skypilot_error("InstanceType,AcceleratorName,AcceleratorCount,Region\n") ==
        "1:1: the header has no column 'Price' (a SkyPilot catalog has AcceleratorName, "
        "AcceleratorCount, Price, SpotPrice and Region)");
  CHECK(skypilot_error("AcceleratorName,AcceleratorCount,Price,Region\nH100,8,n/a,us-east-1\n") ==
        "2:8: Price must be a number from 0 to 1e9, not 'n/a'");
  CHECK(skypilot_error("AcceleratorName,AcceleratorCount,Price,Region\nH100,0,10,us-east-1\n") ==
        "2:6: AcceleratorCount must be from 0.01 to 1024");
  CHECK(skypilot_error("AcceleratorName,AcceleratorCount,Price,Region\nH100,8\n") ==
        "2:6: row 2 has 2 cells; the header has 4");
  CHECK(skypilot_error("AcceleratorName,AcceleratorCount,Price,Region\n\"H100,8,1,x\n") ==
        "2:1: a quoted cell is not closed");
  CHECK(skypilot_error("AcceleratorName,AcceleratorCount,Price,Region\nT4,1,0.5,x\n") ==
        "no accelerator of the file is in the catalog; map one with --as NAME=GPU "
        "(docs/cost-model.md, \"Refreshing prices\")");
  CHECK(skypilot_error("") == "empty file; expected a SkyPilot catalog CSV with a header row");
  CHECK(skypilot_error("a,b\n\x01") ==
        "2:1: control character U+0001 is not allowed; is this a binary file?");
}

// --- overlays ------------------------------------------------------------

namespace {

const Questionnaire& questions() {
  return default_model().questionnaire;
}

std::string overlay_error(const std::string& overlay) {
  return first_error([&] { load_pricing_files({{"o.yaml", overlay}}, questions()); });
}

const std::string kOverlayTop = "version: 2\noverlay:\n  source: test\n  as_of: 2026-11-30\n";

}  // namespace

TEST_CASE("an overlay replaces only the fields it names", "[import][pricing]") {
  const Pricing& base = default_model().pricing;
  const Pricing p = load_pricing_files(
      {{"o.yaml", kOverlayTop + "hosted:\n  gpt-4o-mini:\n    output_per_mtok: 0.4\n"
                                "gpus:\n  H100:\n    rent_usd_per_hour: 1.5\n"
                                "figures:\n  pue:\n    value: 1.2\n    source: s\n    as_of: "
                                "2026-10-01\n"}},
      questions());
  const HostedModel& mini = p.hosted.at("gpt-4o-mini");
  CHECK(mini.output_per_mtok == 0.4);
  CHECK(mini.input_per_mtok == base.hosted.at("gpt-4o-mini").input_per_mtok);
  CHECK(mini.name == "OpenAI GPT-4o mini");
  CHECK(mini.provenance.source == "test");
  const Gpu& h100 = p.gpus.at("H100");
  CHECK(h100.rent_usd_per_hour == 1.5);
  CHECK(h100.memory_gb == 80);
  // The base's reserved rent (1.89) was above the new on-demand one.
  CHECK(h100.rent_reserved_usd_per_hour == 1.5);
  CHECK(p.pue.value == 1.2);
  CHECK(p.pue.provenance.as_of == "2026-10-01");
  CHECK(p.electricity_usd_per_kwh.value == base.electricity_usd_per_kwh.value);
  CHECK(p.source == "<embedded criteria/pricing.yaml> + o.yaml");
  // The plans point into the merged catalog.
  CHECK(p.plans[0].cloud == &p.hosted.at("gpt-4o-mini"));
  CHECK(p.plans[1].own_local.shapes.front().gpu == &p.gpus.at("H100"));
}

TEST_CASE("overlays apply in order over a pricing file", "[import][pricing]") {
  const std::string first = kOverlayTop + "gpus:\n  L40S:\n    rent_usd_per_hour: 1.2\n";
  const std::string second = kOverlayTop +
                             "gpus:\n  L40S:\n    rent_usd_per_hour: 1.1\n"
                             "tiers:\n  basic:\n    gpu: H100\n";
  const Pricing p = load_pricing_files(
      {{"base.yaml", std::string(embedded_pricing_text())}, {"a.yaml", first}, {"b.yaml", second}},
      questions());
  CHECK(p.gpus.at("L40S").rent_usd_per_hour == 1.1);
  CHECK(p.tiers[0].gpu == "H100");
  CHECK(p.tiers[0].local == default_model().pricing.tiers[0].local);
  CHECK(p.plans[0].own_local.shapes.front().gpu == &p.gpus.at("H100"));
  CHECK(p.source == "base.yaml + a.yaml + b.yaml");
}

TEST_CASE("an overlay's mistakes point into the overlay", "[import][pricing]") {
  // A new entry needs every field.
  CHECK(overlay_error(kOverlayTop + "hosted:\n  new-model:\n    input_per_mtok: 1\n") ==
        "7:5: missing required key 'cached_input_per_mtok' in hosted model 'new-model'");
  CHECK(overlay_error(kOverlayTop + "gpus:\n  H100:\n    rent_reserved_usd_per_hour: 9\n") ==
        "7:33: the reserved rent of GPU 'H100' is above its rent on demand");
  CHECK(overlay_error(kOverlayTop + "tiers:\n  basic:\n    cloud: gpt-4o-mni\n") ==
        "7:12: tier 'basic' names hosted model 'gpt-4o-mni', which the catalog does not have; "
        "did you mean 'gpt-4o-mini'?");
  CHECK(overlay_error(kOverlayTop + "models:\n  llama-3.3-70b:\n    params_b: 5000\n") ==
        "tier 'strong': no datacenter GPU of the catalog holds Llama 3.3 70B (local) "
        "at 8bit with one sequence of its full context, even two servers of them; add a larger "
        "GPU");
  CHECK(overlay_error("version: 2\noverlay:\n  source: test\n") ==
        "3:3: missing required key 'as_of' in 'overlay'");
  CHECK(overlay_error(kOverlayTop + "gpus:\n  H100: {rent_usd_per_hour: 1}\n"
                                    "  H100: {rent_usd_per_hour: 2}\n") ==
        "7:3: GPU 'H100' is defined twice");
  // A full pricing file after an overlay.
  CHECK(first_error([&] {
          load_pricing_files({{"o.yaml", kOverlayTop}, {"full.yaml", "version: 2\n"}}, questions());
        }) ==
        "1:1: a full pricing file must come first; the files after it are overlays (with "
        "an 'overlay:' block) that change it");
  // An overlay given where a full file is read.
  CHECK(first_error([&] { load_pricing(kOverlayTop, "o.yaml", questions()); }) ==
        "3:3: this is a pricing overlay, which changes a pricing file; give it to --pricing "
        "after the file it changes, or alone to change the built-in prices");
}

TEST_CASE("reserved capacity in an overlay: replaced whole, checked where written",
          "[import][pricing][reserved]") {
  const Pricing& base = default_model().pricing;
  REQUIRE(base.hosted.at("gpt-4o-mini").provisioned.offered());
  SECTION("an overlay's block replaces the base's whole, with the overlay's date") {
    const Pricing p =
        load_pricing_files({{"o.yaml", kOverlayTop + "hosted:\n  gpt-4o-mini:\n    provisioned:\n"
                                                     "      input_tpm_per_unit: 40000\n"
                                                     "      output_token_weight: 4\n"
                                                     "      min_units: 1\n"
                                                     "      unit_increment: 1\n"
                                                     "      usd_per_unit_month: 200\n"}},
                           questions());
    const ProvisionedCapacity& c = p.hosted.at("gpt-4o-mini").provisioned;
    CHECK(c.input_tpm_per_unit == 40000);
    CHECK(c.output_token_weight == 4);
    CHECK(c.min_units == 1);
    CHECK(c.unit_increment == 1);
    CHECK(c.usd_per_unit_month == 200);
    CHECK(c.provenance.as_of == "2026-11-30");
    // The list prices stay.
    CHECK(p.hosted.at("gpt-4o-mini").input_per_mtok ==
          base.hosted.at("gpt-4o-mini").input_per_mtok);
  }
  SECTION("an overlay that does not name it keeps the base's") {
    const Pricing p = load_pricing_files(
        {{"o.yaml", kOverlayTop + "hosted:\n  gpt-4o-mini:\n    output_per_mtok: 0.4\n"}},
        questions());
    CHECK(p.hosted.at("gpt-4o-mini").provisioned.usd_per_unit_month == 260);
  }
  SECTION("a new hosted model without it has none") {
    const Pricing p = load_pricing_files(
        {{"o.yaml", kOverlayTop + "hosted:\n  m1:\n    input_per_mtok: 1\n"
                                  "    output_per_mtok: 2\n    cached_input_per_mtok: 0.5\n"
                                  "    batch_discount: 0.5\n"}},
        questions());
    CHECK_FALSE(p.hosted.at("m1").provisioned.offered());
  }
  const std::string head = kOverlayTop + "hosted:\n  gpt-4o-mini:\n    provisioned:\n";
  const std::string full =
      "      input_tpm_per_unit: 40000\n      output_token_weight: 4\n      min_units: 1\n"
      "      unit_increment: 1\n      usd_per_unit_month: 200\n";
  SECTION("a missing figure") {
    CHECK(overlay_error(head + replaced(full, "      output_token_weight: 4\n", "")) ==
          "8:7: missing required key 'output_token_weight' in the provisioned capacity of hosted "
          "model 'gpt-4o-mini'");
  }
  SECTION("a price of zero") {
    CHECK(
        overlay_error(head + replaced(full, "usd_per_unit_month: 200", "usd_per_unit_month: 0")) ==
        "12:27: 'usd_per_unit_month' of the provisioned capacity of hosted model 'gpt-4o-mini' "
        "must be above 0");
  }
  SECTION("a fractional minimum") {
    CHECK(overlay_error(head + replaced(full, "min_units: 1", "min_units: 1.5")) ==
          "10:18: 'min_units' of the provisioned capacity of hosted model 'gpt-4o-mini' must be a "
          "whole number from 1 to 1000000");
  }
  SECTION("an unknown key, with a suggestion") {
    CHECK(overlay_error(head + full + "      usd_per_unit_mnth: 150\n") ==
          "13:7: unknown key 'usd_per_unit_mnth' in the provisioned capacity of hosted model "
          "'gpt-4o-mini'; did you mean 'usd_per_unit_month'?");
  }
}
