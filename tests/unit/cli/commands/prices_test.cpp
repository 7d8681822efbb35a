// SPDX-License-Identifier: MIT
// `aidecide prices import` through run(), and its overlays read by --pricing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "helpers.hpp"

using namespace aidecide;
namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(AIDECIDE_SOURCE_DIR) + "/tests/data/import/";
const std::string kProfile =
    std::string(AIDECIDE_SOURCE_DIR) + "/profiles/voice-kiosk-latency.yaml";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("aidecide-prices-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

double rent_monthly(const std::string& json) {
  const auto j = nlohmann::json::parse(json);
  for (const auto& way : j["results"][0]["cost"]["options"]["local"]["ways"]) {
    if (way["deployment"] == "rent" && way["rent_term"] == "on_demand") return way["monthly_usd"];
  }
  return -1;
}

}  // namespace

TEST_CASE("prices import writes an overlay that score reads", "[cli][import]") {
  TempDir dir;
  const std::string overlay = (dir.path / "rent.yaml").string();
  const test::CliResult r =
      test::run_cli({"prices", "import", "skypilot", kData + "skypilot-small.csv", "-o", overlay,
                     "--as-of", "2026-11-30"});
  REQUIRE(r.code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.find("warning: " + kData +
                   "skypilot-small.csv: left out accelerator 'A10G' (1 offer)") !=
        std::string::npos);
  CHECK(r.err.find("skypilot-small.csv: 3 GPUs priced from 9 rows\n") != std::string::npos);
  CHECK(r.err.ends_with("aidecide: wrote " + overlay + "\n"));
  CHECK(read_file(overlay).find("  as_of: 2026-11-30\n") != std::string::npos);

  // The kiosk rents L40S on demand: the overlay's median rent (1.9805 an
  // hour instead of 0.99) raises that way's monthly cost, nothing else moves.
  const test::CliResult before = test::run_cli({"score", "--format", "json", kProfile});
  const test::CliResult after =
      test::run_cli({"score", "--format", "json", "--pricing", overlay, kProfile});
  REQUIRE(before.code == 0);
  REQUIRE(after.code == 0);
  CHECK(rent_monthly(after.out) > rent_monthly(before.out));

  // Refuses to replace the overlay without --force.
  const test::CliResult again =
      test::run_cli({"prices", "import", "skypilot", kData + "skypilot-small.csv", "-o", overlay});
  CHECK(again.code == 2);
  CHECK(again.err == "aidecide: error: " + overlay + " exists; add --force to replace it\n");
}

TEST_CASE("a bad price list writes nothing", "[cli][import]") {
  TempDir dir;
  const fs::path out = dir.path / "hosted.yaml";
  for (const std::string file : {"litellm-bad-number.json", "litellm-truncated.json"}) {
    const test::CliResult r =
        test::run_cli({"prices", "import", "litellm", kData + file, "-o", out.string()});
    INFO(file);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.starts_with("aidecide: error: " + kData + file + ":"));
    CHECK_FALSE(fs::exists(out));
  }
  const test::CliResult bad =
      test::run_cli({"prices", "import", "skypilot", kData + "skypilot-bad.csv"});
  CHECK(bad.code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err ==
        "aidecide: error: " + kData + "skypilot-bad.csv:3:1: a quoted cell is not closed\n");
}

TEST_CASE("prices import refuses options that do not fit", "[cli][import]") {
  const std::string litellm = kData + "litellm-small.json";
  CHECK(test::run_cli({"prices", "import", "litellm", litellm, "--as", "A=B"}).err ==
        "aidecide: error: --as applies to skypilot imports\n");
  CHECK(test::run_cli({"prices", "import", "skypilot", litellm, "--provider", "openai"}).err ==
        "aidecide: error: --provider applies to litellm imports\n");
  CHECK(test::run_cli({"prices", "import", "litellm", litellm, "--as-of", "30/11/2026"}).err ==
        "aidecide: error: --as-of 30/11/2026: expected a date written YYYY-MM-DD\n");
  CHECK(test::run_cli({"prices", "export", "litellm", litellm}).code == 2);
  CHECK(test::run_cli({"prices", "import", "openrouter", litellm}).code == 2);
  const test::CliResult as =
      test::run_cli({"prices", "import", "skypilot", kData + "skypilot-small.csv", "--as", "A10G"});
  CHECK(as.err == "aidecide: error: --as A10G: expected NAME=GPU\n");
}

TEST_CASE("the LiteLLM import keeps the providers asked for, to standard output", "[cli][import]") {
  const test::CliResult r =
      test::run_cli({"prices", "import", "litellm", kData + "litellm-small.json", "--provider",
                     "openai", "--as-of", "2026-11-30", "--quiet"});
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  CHECK(
      r.out.ends_with("hosted:\n"
                      "  \"gpt-4o-mini\":\n"
                      "    input_per_mtok: 0.15\n"
                      "    cached_input_per_mtok: 0.075\n"
                      "    output_per_mtok: 0.6\n"
                      "    batch_discount: 0.5\n"));
}

TEST_CASE("validate knows a pricing overlay", "[cli][import]") {
  TempDir dir;
  const fs::path overlay = dir.path / "o.yaml";
  std::ofstream(overlay) << "version: 2\noverlay:\n  source: test\n  as_of: 2026-11-30\n"
                            "gpus:\n  H100:\n    rent_usd_per_hour: 2.0\n";
  const test::CliResult r = test::run_cli({"validate", overlay.string()});
  CHECK(r.code == 0);
  CHECK(r.out == overlay.string() + ": valid pricing overlay\n");
}

TEST_CASE("no trends: the horizon costed at today's prices", "[cli][trends]") {
  const std::string bot =
      std::string(AIDECIDE_SOURCE_DIR) + "/profiles/support-bot-high-volume.yaml";
  const test::CliResult with = test::run_cli({"score", bot});
  const test::CliResult without = test::run_cli({"score", "--no-trends", bot});
  REQUIRE(with.code == 0);
  REQUIRE(without.code == 0);
  CHECK(with.out.find("    with price trends         $883,911") != std::string::npos);
  CHECK(with.out.find("rises from about 9.6M to 42.7M requests/month by month 36") !=
        std::string::npos);
  CHECK(without.out.find("with price trends") == std::string::npos);
  CHECK(without.out.find("Price trends") == std::string::npos);
  const test::CliResult json = test::run_cli({"score", "--no-trends", "--format", "json", bot});
  const auto cost = nlohmann::json::parse(json.out)["results"][0]["cost"];
  CHECK(cost["trends"]["hosted_price_change_per_year"] == 0.0);
  CHECK(cost["trends"]["break_even_end_requests_per_month"] ==
        cost["break_even_requests_per_month"]);
  for (const auto& [name, option] : cost["options"].items())
    CHECK(option["tco_with_trends_usd"] == option["tco_usd"]);
}
