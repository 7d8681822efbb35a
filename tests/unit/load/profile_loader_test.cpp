// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {
std::string with_answers(const std::map<std::string, std::string>& changes,
                         const std::string& extra = "") {
  auto answers = baseline_answers();
  for (const auto& [k, v] : changes) {
    if (v.empty()) {
      answers.erase(k);
    } else {
      answers[k] = v;
    }
  }
  return profile_yaml(answers, extra);
}
}  // namespace

TEST_CASE("a complete profile loads with every answer", "[profile]") {
  const Profile p = make_profile({{"monthly_requests", "[1000, 2000]"}, {"team_mlops", "unknown"}},
                                 "description: d\nowner: me\ntags: [a, b]\nx-team: anything\n");
  const auto& q = default_model().questionnaire;
  CHECK(p.name == "Test project");
  CHECK(p.owner == "me");
  CHECK(p.tags == std::vector<std::string>{"a", "b"});
  const Answer& volume = p.answers[q.index_of("monthly_requests")];
  CHECK(volume.kind == Answer::Kind::range);
  CHECK(volume.low == 1000);
  CHECK(volume.high == 2000);
  CHECK(p.answers[q.index_of("team_mlops")].kind == Answer::Kind::unknown);
  CHECK(p.answers[q.index_of("data_sensitivity")].choice == 1);
}

TEST_CASE("numbers accept digit separators", "[profile]") {
  const Profile p =
      make_profile({{"monthly_requests", "1_200_000"}, {"upfront_budget_usd", "\"250,000\""}});
  const auto& q = default_model().questionnaire;
  CHECK(p.answers[q.index_of("monthly_requests")].low == 1200000);
  CHECK(p.answers[q.index_of("upfront_budget_usd")].low == 250000);
}

TEST_CASE("a profile takes numbers and names as a prompt does", "[profile][grammar]") {
  const auto& q = default_model().questionnaire;
  const Profile p = make_profile({{"monthly_requests", "2M"},
                                  {"upfront_budget_usd", "$250k"},
                                  {"latency_budget_ms", "1.5s"},
                                  {"tokens_in_per_request", "1k-2k"},
                                  {"tokens_out_per_request", "[200, 1k]"},
                                  {"monthly_budget_usd", "\"$1,500\""},
                                  {"data_sensitivity", "Public"},
                                  {"team_mlops", "EXPERIENCED"}});
  CHECK(p.answers[q.index_of("monthly_requests")].low == 2000000);
  CHECK(p.answers[q.index_of("upfront_budget_usd")].low == 250000);
  CHECK(p.answers[q.index_of("latency_budget_ms")].low == 1500);
  const Answer& in = p.answers[q.index_of("tokens_in_per_request")];
  CHECK(in.kind == Answer::Kind::range);
  CHECK(in.low == 1000);
  CHECK(in.high == 2000);
  const Answer& out = p.answers[q.index_of("tokens_out_per_request")];
  CHECK(out.kind == Answer::Kind::range);
  CHECK(out.high == 1000);
  CHECK(p.answers[q.index_of("monthly_budget_usd")].low == 1500);
  CHECK(p.answers[q.index_of("data_sensitivity")].choice ==
        q.criteria[q.index_of("data_sensitivity")].answer_index("public"));
  CHECK(p.answers[q.index_of("team_mlops")].choice ==
        q.criteria[q.index_of("team_mlops")].answer_index("experienced"));
  // --set reads the same grammar.
  CHECK(parse_answer_text(q.at("monthly_requests"), "2M").low == 2000000);
  CHECK(parse_answer_text(q.at("data_sensitivity"), "Public").kind == Answer::Kind::choice);
  // Not a number in any form, a reversed range: errors as before.
  CHECK(profile_error(with_answers({{"monthly_requests", "2X"}})) ==
        "13:21: monthly_requests must be a number (requests/month), a range [low, high] or "
        "unknown, not '2X'");
  CHECK(profile_error(with_answers({{"monthly_requests", "2M-1M"}})) ==
        "13:21: monthly_requests must be a number (requests/month), a range [low, high] or "
        "unknown, not '2M-1M'");
  CHECK(
      profile_error(with_answers({{"latency_budget_ms", "-5s"}})).find("latency_budget_ms must") !=
      std::string::npos);
}

TEST_CASE("profile loader reports each error with its position", "[profile]") {
  SECTION("empty file") {
    CHECK(
        profile_error("") ==
        "1:1: file is empty; a profile needs 'name' and 'answers' (try 'aidecide ask --template')");
  }
  SECTION("not a mapping") {
    CHECK(profile_error("- a\n- b\n") ==
          "1:1: a profile must be a mapping of keys to values, not a list");
  }
  SECTION("missing name") {
    CHECK(profile_error("answers: {}\n")
              .starts_with("1:1: missing required key 'name' in the profile"));
  }
  SECTION("empty name") {
    CHECK(profile_error(with_answers({}, "").replace(6, 12, "\"  \"")) ==
          "1:7: 'name' must not be empty");
  }
  SECTION("name of the wrong type") {
    CHECK(profile_error("name: [a]\nanswers: {}\n")
              .starts_with("1:7: 'name' must be text, not a list"));
  }
  SECTION("unknown top-level key") {
    CHECK(profile_error(with_answers({}, "colour: red\n")) ==
          "21:1: unknown key 'colour' in the profile (expected one of: name, description, owner, "
          "tags, answers, weights, models, stakeholders)");
  }
  SECTION("misspelt top-level key") {
    CHECK(profile_error(with_answers({}, "weigths: {}\n")) ==
          "21:1: unknown key 'weigths' in the profile; did you mean 'weights'?");
  }
  SECTION("unknown criterion") {
    CHECK(
        profile_error(with_answers({{"latency_budget", "100"}})) ==
        "9:3: unknown criterion 'latency_budget' in 'answers'; did you mean 'latency_budget_ms'?");
  }
  SECTION("a derived criterion is not answered") {
    CHECK(profile_error(with_answers({{"cost", "low"}})) ==
          "4:3: 'cost' is computed by the engine and cannot be answered");
  }
  SECTION("every missing answer is named") {
    CHECK(profile_error(with_answers({{"criticality", ""}, {"team_mlops", ""}})) ==
          "3:3: missing answers (2): team_mlops, criticality; answer each, or write 'unknown'");
  }
  SECTION("one missing answer") {
    CHECK(profile_error(with_answers({{"criticality", ""}})) ==
          "3:3: missing answer (1): criticality; answer each, or write 'unknown'");
  }
  SECTION("duplicate answer") {
    CHECK(profile_error("name: n\nanswers:\n  connectivity: online\n  connectivity: offline\n") ==
          "3:3: missing answers (17): data_sensitivity, data_residency, workload_mix, "
          "monthly_requests, "
          "tokens_in_per_request, tokens_out_per_request, traffic_pattern, latency_budget_ms, "
          "upfront_budget_usd, "
          "monthly_budget_usd, team_mlops, customization, model_capability, project_stage, "
          "criticality, "
          "lock_in_tolerance, existing_gpus; answer each, or write 'unknown'");
    auto all = baseline_answers();
    const std::string text = profile_yaml(all) + "  connectivity: offline\n";
    try {
      load_profile(text, "p.yaml", default_model().questionnaire);
      FAIL("expected an error");
    } catch (const InputError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      CHECK(e.diagnostics()[0].to_string() ==
            "p.yaml:21:3: duplicate key 'connectivity' in 'answers' (first given at line 3); "
            "remove one of them");
    }
  }
  SECTION("duplicate top-level key") {
    CHECK(profile_error(with_answers({}, "name: again\n")) ==
          "21:1: duplicate key 'name' in the profile (first given at line 1); remove one of them");
  }
  SECTION("choice not among the answers") {
    CHECK(profile_error(with_answers({{"data_sensitivity", "secret"}})) ==
          "7:21: 'secret' is not an answer of data_sensitivity (expected public, internal, "
          "confidential, personal or "
          "regulated, or unknown)");
  }
  SECTION("choice close to an answer") {
    CHECK(profile_error(with_answers({{"team_mlops", "experience"}})) ==
          "15:15: 'experience' is not an answer of team_mlops; did you mean 'experienced'?");
  }
  SECTION("YAML boolean where a choice is expected") {
    CHECK(profile_error(with_answers({{"team_mlops", "no"}})) ==
          "15:15: 'no' is not an answer of team_mlops; did you mean 'none'? (note: many YAML tools "
          "read unquoted yes, no, on and off as true or false)");
  }
  SECTION("choice given as a list") {
    CHECK(profile_error(with_answers({{"team_mlops", "[basic]"}})) ==
          "15:15: team_mlops must be one of none, basic, experienced, not a list");
  }
  SECTION("empty value") {
    CHECK(profile_error(with_answers({{"team_mlops", "~"}})) ==
          "15:15: team_mlops has no value; give an answer or 'unknown'");
  }
  SECTION("number below its minimum") {
    CHECK(profile_error(with_answers({{"monthly_requests", "-5"}})) ==
          "13:21: monthly_requests must be at least 0 and at most 10,000,000,000,000, not -5");
  }
  SECTION("number at an exclusive minimum") {
    CHECK(profile_error(with_answers({{"latency_budget_ms", "0"}})) ==
          "9:22: latency_budget_ms must be above 0 and at most 10,000,000, not 0");
  }
  SECTION("text where a number is expected") {
    CHECK(profile_error(with_answers({{"monthly_requests", "lots"}})) ==
          "13:21: monthly_requests must be a number (requests/month), a range [low, high] or "
          "unknown, not 'lots'");
  }
  SECTION("infinity is not a number") {
    CHECK(profile_error(with_answers({{"monthly_requests", ".inf"}})) ==
          "13:21: monthly_requests must be a number (requests/month), a range [low, high] or "
          "unknown, not '.inf'");
  }
  SECTION("reversed range") {
    CHECK(profile_error(with_answers({{"monthly_requests", "[10, 5]"}})) ==
          "13:21: the range for monthly_requests is reversed: 10 is above 5");
  }
  SECTION("range of three") {
    CHECK(profile_error(with_answers({{"monthly_requests", "[1, 2, 3]"}})) ==
          "13:21: a range for monthly_requests must be [low, high]");
  }
  SECTION("answers not a mapping") {
    CHECK(profile_error("name: n\nanswers: [a]\n") ==
          "2:10: 'answers' must be a mapping of keys to values, not a list");
  }
  SECTION("unknown weight") {
    CHECK(
        profile_error(with_answers({}, "weights:\n  data_sensitvity: 2\n")) ==
        "22:3: unknown criterion 'data_sensitvity' in 'weights'; did you mean 'data_sensitivity'?");
  }
  SECTION("weight on a cost input") {
    CHECK(profile_error(with_answers({}, "weights:\n  monthly_requests: 2\n")) ==
          "22:3: 'monthly_requests' has no weight of its own: it feeds the cost model; weight "
          "'cost' or 'budget' instead");
  }
  SECTION("negative weight") {
    CHECK(profile_error(with_answers({}, "weights:\n  cost: -1\n")) ==
          "22:9: the weight of cost must be 0 or between 0.001 and 1000, not -1");
  }
  SECTION("weight that is not a number") {
    CHECK(profile_error(with_answers({}, "weights:\n  cost: high\n")) ==
          "22:9: the weight of cost must be a number, not 'high'");
  }
  SECTION("duplicate weight") {
    CHECK(profile_error(with_answers({}, "weights:\n  cost: 1\n  cost: 2\n")) ==
          "23:3: duplicate key 'cost' in 'weights' (first given at line 22); remove one of them");
  }
  SECTION("all weights zero") {
    std::string weights = "weights:\n";
    for (const auto& c : default_model().questionnaire.criteria) {
      if (c.scored) weights += "  " + c.id + ": 0\n";
    }
    CHECK(profile_error(with_answers({}, weights)) ==
          "22:3: every weight is 0; at least one criterion must count");
  }
  SECTION("tags must be a list") {
    CHECK(profile_error(with_answers({}, "tags: a\n")) == "21:7: 'tags' must be a list of words");
  }
}

TEST_CASE("every error of a file is reported, in file order", "[profile]") {
  const std::string text =
      with_answers({{"team_mlops", "guru"}, {"monthly_requests", "-1"}}, "colour: red\n");
  try {
    load_profile(text, "p.yaml", default_model().questionnaire);
    FAIL("expected errors");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 3);
    CHECK(e.diagnostics()[0].pos.line == 13);
    CHECK(e.diagnostics()[1].pos.line == 15);
    CHECK(e.diagnostics()[2].pos.line == 21);
  }
}

TEST_CASE("what-if values parse like profile values", "[profile]") {
  const auto& q = default_model().questionnaire;
  CHECK(parse_answer_text(q.at("monthly_requests"), "2000000").low == 2000000);
  CHECK(parse_answer_text(q.at("monthly_requests"), "[1, 5]").kind == Answer::Kind::range);
  CHECK(parse_answer_text(q.at("team_mlops"), "unknown").kind == Answer::Kind::unknown);
  CHECK_THROWS_WITH(parse_answer_text(q.at("team_mlops"), "guru"),
                    "--set team_mlops=guru: 'guru' is not an answer of team_mlops (expected none, "
                    "basic or experienced, or unknown)");
}

TEST_CASE("a weight too small to mean anything is refused", "[profile][hardening]") {
  CHECK(profile_error(with_answers({}, "weights:\n  cost: 4.9e-324\n")) ==
        "22:9: the weight of cost must be 0 or between 0.001 and 1000, not 4.94066e-324");
  CHECK(profile_error(with_answers({}, "weights:\n  cost: 0.0001\n")) ==
        "22:9: the weight of cost must be 0 or between 0.001 and 1000, not 0.0001");
  CHECK(make_profile({}, "weights:\n  cost: 0.001\n")
            .weights[default_model().questionnaire.index_of("cost")] == 0.001);
}
