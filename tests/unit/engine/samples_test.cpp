// SPDX-License-Identifier: MIT
// Pins each sample profile's recommendation, as its description argues it.
#include <catch2/catch.hpp>

#include "aidecide/files.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

TEST_CASE("every sample profile gets the recommendation its description argues", "[samples]") {
  const std::map<std::string, Option> expected{
      {"bank-assistant-mixed.yaml", Option::hybrid},
      {"code-assistant-enterprise.yaml", Option::hybrid},
      {"ecommerce-search-spiky.yaml", Option::cloud},
      {"factory-line-airgapped.yaml", Option::local},
      {"hospital-clinical-notes.yaml", Option::local},
      {"insurance-claims-unsure.yaml", Option::cloud},
      {"legal-review-pilot.yaml", Option::cloud},
      {"marketing-copy-generator.yaml", Option::cloud},
      {"research-assistant-frontier.yaml", Option::cloud},
      {"ship-fleet-intermittent.yaml", Option::cloud},
      {"startup-prototype.yaml", Option::cloud},
      {"support-bot-high-volume.yaml", Option::local},
      {"voice-kiosk-latency.yaml", Option::local},
  };
  const auto inputs = expand_inputs({"profiles"});
  REQUIRE(inputs.size() == expected.size());
  std::array<int, kOptionCount> wins{};
  bool any_veto = false;
  for (const InputFile& file : inputs) {
    const std::string base = file.name.substr(file.name.find_last_of('/') + 1);
    INFO(base);
    const Profile p =
        load_profile(read_text_file(file.name), file.name, default_model().questionnaire);
    CHECK_FALSE(p.description.empty());
    const Decision d = decide(default_model(), p, EngineOptions{});
    REQUIRE(expected.count(base) == 1);
    CHECK(d.recommendation == expected.at(base));
    if (d.recommendation) ++wins[index(*d.recommendation)];
    any_veto = any_veto || !d.vetoes.empty();
  }
  // The samples show every option winning and at least one veto.
  for (int w : wins) CHECK(w >= 2);
  CHECK(any_veto);
}
