// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {
// A minimal valid criteria file; tests append or replace parts of it.
const std::string kMinimal =
    "version: 1\n"
    "criteria:\n"
    "  - id: speed\n"
    "    title: Speed\n"
    "    question: How fast?\n"
    "    type: choice\n"
    "    weight: 1\n"
    "    unknown: {assume: fast}\n"
    "    answers:\n"
    "      - {id: fast, label: Fast, why: Quick, utility: {cloud: 1, local: 0.5, hybrid: 0.7}}\n"
    "      - {id: slow, label: Slow, why: Calm, utility: {cloud: 0.2, local: 1, hybrid: 0.6}}\n";

std::string criteria_error(const std::string& text) {
  return first_error([&] { load_questionnaire(text, "c.yaml"); });
}

}  // namespace

TEST_CASE("the built-in criteria load and cover the contract", "[criteria]") {
  const Questionnaire& q = default_model().questionnaire;
  CHECK(q.version == 1);
  for (const char* id :
       {"data_sensitivity", "data_residency", "workload_mix", "monthly_requests",
        "tokens_in_per_request", "tokens_out_per_request", "traffic_pattern", "latency_budget_ms",
        "connectivity", "upfront_budget_usd", "monthly_budget_usd", "team_mlops", "customization",
        "model_capability", "project_stage", "criticality", "lock_in_tolerance", "existing_gpus"}) {
    INFO(id);
    const std::size_t i = q.index_of(id);
    REQUIRE(i != kNoIndex);
    CHECK(q.criteria[i].answerable());
    CHECK_FALSE(q.criteria[i].help.empty());
  }
  REQUIRE(q.constraints.size() >= 2);
  CHECK(q.constraints[0].id == "offline-no-cloud");
  CHECK(q.constraints[1].id == "residency-on-premises");
  CHECK(q.at("data_sensitivity").answers.size() == 5);
}

TEST_CASE("a minimal criteria file loads", "[criteria]") {
  const Questionnaire q = load_questionnaire(kMinimal, "c.yaml");
  REQUIRE(q.criteria.size() == 1);
  CHECK(q.criteria[0].answers[1].utility[index(Option::local)] == 1);
}

TEST_CASE("criteria loader reports each error with its position", "[criteria]") {
  SECTION("empty") {
    CHECK(criteria_error("") ==
          "1:1: file is empty; expected a criteria file with 'version' and 'criteria'");
  }
  SECTION("missing version") {
    CHECK(criteria_error(replaced(kMinimal, "version: 1\n", "")) ==
          "1:1: missing required key 'version' in the criteria file");
  }
  SECTION("bad version") {
    CHECK(criteria_error(replaced(kMinimal, "version: 1", "version: 1.5")) ==
          "1:10: 'version' must be a whole number of 1 or more");
  }
  SECTION("utility out of range") {
    CHECK(criteria_error(replaced(kMinimal, "cloud: 1, local: 0.5", "cloud: 1.5, local: 0.5")) ==
          "10:62: utility 1.5 is outside [0, 1]");
  }
  SECTION("utility missing an option") {
    CHECK(criteria_error(
              replaced(kMinimal, "cloud: 1, local: 0.5, hybrid: 0.7", "cloud: 1, local: 0.5")) ==
          "10:54: the utility of answer 'fast' of criterion 'speed' lacks 'hybrid'");
  }
  SECTION("negative weight") {
    CHECK(criteria_error(replaced(kMinimal, "weight: 1", "weight: -1")) ==
          "7:13: weight of criterion 'speed' must be 0 or between 0.001 and 1000");
  }
  SECTION("all weights zero") {
    CHECK(criteria_error(replaced(kMinimal, "weight: 1", "weight: 0")) ==
          "3:3: at least one criterion must have a weight above 0");
  }
  SECTION("unknown type") {
    CHECK(
        criteria_error(replaced(kMinimal, "type: choice", "type: multiple")) ==
        "6:11: unknown type 'multiple' in criterion 'speed' (expected choice, number or derived)");
  }
  SECTION("assumption not an answer") {
    CHECK(criteria_error(replaced(kMinimal, "assume: fast", "assume: medium")) ==
          "8:23: 'assume' of criterion 'speed' must be one of its answers");
  }
  SECTION("duplicate answer id") {
    CHECK(criteria_error(replaced(kMinimal, "{id: slow", "{id: fast")) ==
          "11:14: answer 'fast' of criterion 'speed' is defined twice");
  }
  SECTION("misspelt key") {
    try {
      load_questionnaire(replaced(kMinimal, "question:", "questoin:"), "c.yaml");
      FAIL("expected errors");
    } catch (const InputError& e) {
      REQUIRE(e.diagnostics().size() == 2);
      CHECK(e.diagnostics()[0].to_string() ==
            "c.yaml:3:5: missing required key 'question' in criterion 'speed'");
      CHECK(e.diagnostics()[1].to_string() ==
            "c.yaml:5:5: unknown key 'questoin' in criterion 'speed'; did you mean 'question'?");
    }
  }
  SECTION("constraint on an unknown criterion") {
    CHECK(
        criteria_error(
            kMinimal +
            "constraints:\n  - {id: no-go, when: {sped: [fast]}, forbids: [cloud], reason: R}\n") ==
        "13:24: constraint 'no-go' refers to unknown criterion 'sped'; did you mean 'speed'?");
  }
  SECTION("constraint on an unknown answer") {
    CHECK(criteria_error(kMinimal + "constraints:\n  - {id: no-go, when: {speed: [rapid]}, "
                                    "forbids: [cloud], reason: R}\n") ==
          "13:32: 'rapid' is not an answer of criterion 'speed'");
  }
  SECTION("constraint forbidding an unknown option") {
    CHECK(
        criteria_error(
            kMinimal +
            "constraints:\n  - {id: no-go, when: {speed: [fast]}, forbids: [edge], reason: R}\n") ==
        "13:50: 'edge' is not an option (cloud, local or hybrid)");
  }
  SECTION("constraint without a reason") {
    CHECK(criteria_error(
              kMinimal +
              "constraints:\n  - {id: no-go, when: {speed: [fast]}, forbids: [cloud]}\n") ==
          "13:5: missing required key 'reason' in constraint 'no-go'");
  }
  SECTION("number with a weight but no curve") {
    CHECK(criteria_error(kMinimal + "  - {id: volume, title: V, question: Q, type: number, weight: "
                                    "2, unknown: {assume: 1, range: [0, 2]}}\n") ==
          "12:63: criterion 'volume' has a weight but no curve; give it a curve, or drop the "
          "weight if it only feeds the "
          "cost model");
  }
  SECTION("curve with decreasing x") {
    CHECK(criteria_error(
              kMinimal +
              "  - {id: volume, title: V, question: Q, type: number, weight: 2, unknown: {assume: "
              "1, range: [0, 2]},\n"
              "     curve: {cloud: [[2, 1], [1, 0]], local: [[1, 1]], hybrid: [[1, 1]]}}\n") ==
          "13:30: curve points must have strictly increasing x");
  }
  SECTION("assumption outside the number's range") {
    CHECK(criteria_error(kMinimal + "  - {id: volume, title: V, question: Q, type: number, "
                                    "unknown: {assume: -1, range: [0, 2]}}\n") ==
          "12:73: 'assume' of criterion 'volume' is out of its range");
  }
  SECTION("criterion defined twice") {
    CHECK(criteria_error(
              kMinimal +
              "  - {id: speed, title: S, question: Q, type: derived, signal: cost, weight: 1}\n") ==
          "12:10: criterion 'speed' is defined twice");
  }
}

TEST_CASE("huge whole numbers are refused before any conversion", "[criteria][limits]") {
  // Found by the fuzzer: 1e300 passed the whole-number check and overflowed int.
  CHECK(criteria_error(replaced(kMinimal, "version: 1", "version: 1e300")) ==
        "1:10: 'version' must be a whole number of 1 or more");
  try {
    load_pricing("version: 1e300\n", "p.yaml", default_model().questionnaire);
    FAIL("expected errors");
  } catch (const InputError& e) {
    const auto& d = e.diagnostics();
    CHECK(std::any_of(d.begin(), d.end(), [](const Diagnostic& x) {
      return x.to_string() == "p.yaml:1:10: 'version' must be a whole number of 1 or more";
    }));
  }
  CHECK(profile_error(profile_yaml([] {
          auto a = baseline_answers();
          a["monthly_requests"] = "1e300";
          return a;
        }()))
            .ends_with(
                "monthly_requests must be at least 0 and at most 10,000,000,000,000, not 1e+300"));
}

TEST_CASE("a choice without a weight is an input, and optional criteria may be left out",
          "[criteria]") {
  const std::string input =
      "  - id: flexibility\n"
      "    title: Flexibility\n"
      "    question: Firm?\n"
      "    type: choice\n"
      "    optional: true\n"
      "    unknown: {assume: firm}\n"
      "    answers:\n"
      "      - {id: firm, label: Firm, why: A limit}\n"
      "      - {id: loose, label: Loose, why: A target}\n";
  const Questionnaire q = load_questionnaire(kMinimal + input, "c.yaml");
  const Criterion& c = q.at("flexibility");
  CHECK_FALSE(c.scored);
  CHECK(c.optional);
  CHECK(c.answers.size() == 2);
  CHECK_FALSE(q.at("speed").optional);
  // A utility needs a weight to mean anything.
  CHECK(criteria_error(kMinimal + replaced(input, "why: A target}",
                                           "why: A target, utility: {cloud: 1, local: 1, "
                                           "hybrid: 1}}")) ==
        "20:59: answer 'loose' of criterion 'flexibility' has a utility but criterion "
        "'flexibility' has no weight; give it a weight, or drop the utilities");
  CHECK(criteria_error(kMinimal + replaced(input, "optional: true", "optional: maybe")) ==
        "16:15: 'optional' must be true or false");
  // Left out of a profile: its assumption, as for unknown.
  const Profile p = load_profile("name: P\nanswers:\n  speed: fast\n", "p.yaml", q);
  CHECK(p.answers[q.index_of("flexibility")].kind == Answer::Kind::missing);
  CHECK(resolve_values(q, p)[q.index_of("flexibility")].choice == 0);
}
