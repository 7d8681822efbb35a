// SPDX-License-Identifier: MIT
// A profile's models: section: read by the loaders, resolved against the
// catalog, and the decision it makes.
#include <catch2/catch.hpp>

#include <sstream>

#include "aidecide/render.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {

// The 18 answers take lines 3-20 of profile_yaml(); `models:` is line 21.
std::string models_error(const std::string& models) {
  return profile_error(profile_yaml(baseline_answers(), "models:\n" + models));
}

std::string resolve_error(const std::string& models) {
  const Profile p = make_profile({}, "models:\n" + models);
  return first_error(
      [&] { (void)with_named_models(default_model().pricing, p.models, "test.yaml"); });
}

}  // namespace

TEST_CASE("a profile's models: section is read with positions", "[named]") {
  const Profile p = make_profile({}, "models:\n  cloud: gpt-4o-mini\n  quantisation: 4bit\n");
  CHECK(p.models.any());
  CHECK(p.models.cloud.id == "gpt-4o-mini");
  CHECK(p.models.cloud.pos.line == 22);
  CHECK(p.models.cloud.pos.column == 10);
  CHECK(p.models.quantisation.id == "4bit");
  CHECK(p.models.local.id.empty());
  CHECK_FALSE(make_profile().models.any());
}

TEST_CASE("a models: section's mistakes are load errors", "[named]") {
  CHECK(models_error("  colour: red\n") ==
        "22:3: unknown key 'colour' in 'models'; did you mean 'cloud'?");
  CHECK(models_error("  quantisation: 5bit\n") ==
        "22:17: 'models.quantisation' must be 16bit, 8bit or 4bit, not '5bit'; did you mean "
        "'8bit'?");
  CHECK(models_error("  gpu: ''\n") == "22:8: 'models.gpu' must not be empty");
  CHECK(models_error("  gpu: [H100]\n") == "22:8: 'models.gpu' must be text, not a list");
  CHECK(profile_error(profile_yaml(baseline_answers(), "models: L40S\n")) ==
        "21:9: 'models' must be a mapping of keys to values, not a single value");
}

TEST_CASE("names the catalog lacks get a suggestion where they are written", "[named]") {
  CHECK(resolve_error("  cloud: gpt-4o-mni\n") ==
        "22:10: 'models.cloud' names hosted model 'gpt-4o-mni', which the catalog does not "
        "have; did you mean 'gpt-4o-mini'?");
  CHECK(resolve_error("  local: llama-3.1-70b\n") ==
        "22:10: 'models.local' names open model 'llama-3.1-70b', which the catalog does not "
        "have; did you mean 'llama-3.3-70b'?");
  CHECK(resolve_error("  hybrid_local: mistral\n") ==
        "22:17: 'models.hybrid_local' names open model 'mistral', which the catalog does not "
        "have");
  CHECK(resolve_error("  gpu: RTX4090\n") ==
        "22:8: 'models.gpu' must name a datacenter GPU; 'RTX4090' is a workstation GPU, which "
        "edge boxes use");
}

TEST_CASE("named models replace every tier's entries, hybrid's local part included", "[named]") {
  const Pricing& base = default_model().pricing;
  const Profile p =
      make_profile({},
                   "models:\n  cloud: gpt-4o-mini\n  local: llama-3.1-8b\n  quantisation: 4bit\n"
                   "  gpu: A100-80GB\n");
  const Pricing named = with_named_models(base, p.models, "test.yaml");
  REQUIRE(named.plans.size() == 3);
  for (const TierPlan& plan : named.plans) {
    CHECK(plan.cloud == &base.hosted.at("gpt-4o-mini"));
    CHECK(plan.own_local.model == &base.models.at("llama-3.1-8b"));
    CHECK(plan.own_hybrid.model == &base.models.at("llama-3.1-8b"));
    CHECK(plan.own_local.quantisation == Quantisation::bits4);
    CHECK(plan.own_local.shapes.front().gpu == &base.gpus.at("A100-80GB"));
    // The edge keeps the tier's edge GPU and precision.
    CHECK(plan.edge_local.shapes.front().gpu == &base.gpus.at("RTX4090"));
  }
  CHECK(named.pue.value == base.pue.value);
  CHECK(named.hosted.empty());  // the plans point into the base's catalog

  // Only the cloud named: the tiers keep their own local models.
  const Pricing cloud_only =
      with_named_models(base, make_profile({}, "models:\n  cloud: gpt-4o-mini\n").models, "t");
  CHECK(cloud_only.plans[2].own_local.model == &base.models.at("deepseek-v3"));
  CHECK(cloud_only.plans[2].own_hybrid.model == &base.models.at("llama-3.3-70b"));
}

TEST_CASE("a profile naming its models decides as a catalog whose tiers name them", "[named]") {
  // The same models named in the profile and in an overlay's tiers give the
  // same costs and scores.
  const std::string models = "models:\n  cloud: gpt-4o-mini\n  local: llama-3.1-8b\n  gpu: L40S\n";
  std::string overlay = "version: 2\noverlay: {source: test, as_of: 2026-11-30}\ntiers:\n";
  for (const char* tier : {"basic", "strong", "frontier"}) {
    overlay += std::string("  ") + tier +
               ": {cloud: gpt-4o-mini, local: llama-3.1-8b, hybrid_local: llama-3.1-8b, "
               "gpu: L40S}\n";
  }
  const ScoringModel tiers = default_model().with_pricing(
      load_pricing_files({{"o.yaml", overlay}}, default_model().questionnaire));
  // Other prices, the same criteria: shared, not copied.
  CHECK(&tiers.questionnaire == &default_model().questionnaire);
  EngineOptions options;
  options.samples = 200;
  const Decision named = decide(default_model(), make_profile({}, models), options);
  const Decision via_tiers = decide(tiers, make_profile(), options);
  for (Option o : kOptions) {
    CHECK(named.scores[index(o)] == via_tiers.scores[index(o)]);
    CHECK(named.cost.options[index(o)].monthly_usd == via_tiers.cost.options[index(o)].monthly_usd);
  }
  CHECK(named.cost.cloud_model->id == "gpt-4o-mini");
  CHECK(named.cost.options[index(Option::local)].sizing.gpu->name == "L40S");
  CHECK(named.confidence == via_tiers.confidence);
  CHECK(named.named_models.cloud.id == "gpt-4o-mini");
  // And differs from the tier's defaults (strong: Gemini 2.5 Flash, Llama 3.3 70B on H100s).
  const Decision plain = decide(default_model(), make_profile(), options);
  CHECK(plain.cost.options[index(Option::cloud)].monthly_usd !=
        named.cost.options[index(Option::cloud)].monthly_usd);
  CHECK_FALSE(plain.named_models.any());
}

TEST_CASE("reports say which models the profile named", "[named]") {
  EngineOptions options;
  options.samples = 0;
  const Profile p = make_profile({}, "models:\n  cloud: gpt-4o-mini\n  quantisation: 4bit\n");
  const Decision d = decide(default_model(), p, options);
  const std::vector<std::string> s = sizing_sentences(d);
  REQUIRE_FALSE(s.empty());
  CHECK(s[0] ==
        "The profile names its models (cloud gpt-4o-mini and quantisation 4bit); cloud calls "
        "OpenAI GPT-4o mini; anything not named is the capability tier's default.");
  std::ostringstream out;
  auto renderer = make_renderer(Format::json, out, default_model(), RenderOptions{});
  renderer->result(d);
  renderer->finish();
  const std::string json = out.str();
  CHECK(json.find(R"("named_models":{"cloud":"gpt-4o-mini","quantisation":"4bit"})") !=
        std::string::npos);
}
