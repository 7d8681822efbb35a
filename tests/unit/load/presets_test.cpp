// SPDX-License-Identifier: MIT
// Weight presets (src/core/load/presets.cpp) and their order of precedence.
#include <catch2/catch.hpp>

#include "aidecide/presets.hpp"
#include "aidecide/render.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

TEST_CASE("presets replace default weights, profiles replace presets", "[presets]") {
  const auto& m = default_model();
  const auto presets = load_presets(embedded_presets_text(), "presets.yaml", m.questionnaire);
  REQUIRE(presets.size() == 3);
  CHECK(presets[0].name == "startup");
  CHECK(presets[2].name == "regulated");
  EngineOptions options;
  options.samples = 0;
  options.preset_weights = presets[2].weights;
  const std::size_t ds = m.questionnaire.index_of("data_sensitivity");
  CHECK(decide(m, make_profile(), options).weights[ds] == 8);
  CHECK(decide(m, make_profile({}, "weights:\n  data_sensitivity: 1\n"), options).weights[ds] == 1);
  CHECK(decide(m, make_profile(), EngineOptions{}).weights[ds] == 6);
  CHECK_THROWS_WITH(
      load_presets(
          "version: 1\npresets:\n  x:\n    description: d\n    weights: {data_sensitivty: 2}\n",
          "p.yaml", m.questionnaire),
      "p.yaml:5:15: unknown key 'data_sensitivty' in 'weights' of preset 'x'; did you mean "
      "'data_sensitivity'?");
}

TEST_CASE("a presets file starts like every data file", "[presets]") {
  const auto& q = default_model().questionnaire;
  const auto load = [&](const std::string& text) {
    return first_error([&] { load_presets(text, "presets.yaml", q); });
  };
  CHECK(load("") == "1:1: file is empty; expected a presets file with 'version' and 'presets'");
  CHECK(load("- a\n") == "1:1: a presets file must be a mapping of keys to values, not a list");
  CHECK(load("version: 0\npresets: []\n") == "1:10: 'version' must be a whole number of 1 or more");
  CHECK(load("version: 1\npresets: {}\nextra: 1\n") ==
        "3:1: unknown key 'extra' in the presets file (expected one of: version, presets)");
}
