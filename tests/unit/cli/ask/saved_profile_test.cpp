// SPDX-License-Identifier: MIT
// Writing a resumed profile back: only what changed, everything else kept.
#include <catch2/catch.hpp>

#include "ask/saved_profile.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::cli;

namespace {

// The file as loaded (what ask would have read), then the session's answers:
// `changes` given, the rest as in the file.
struct Merge {
  SavedProfile saved;
  Profile now;
  std::vector<bool> answered;
};

Merge start(const std::string& text) {
  const Questionnaire& q = test::default_model().questionnaire;
  const PartialProfile partial = load_partial_profile(text, "p.yaml", q);
  Merge m;
  m.saved.text = text;
  m.saved.profile = partial.profile;
  m.saved.answered.assign(q.criteria.size(), false);
  for (std::size_t i = 0; i < q.criteria.size(); ++i)
    m.saved.answered[i] = partial.profile.answers[i].kind != Answer::Kind::missing;
  m.now = partial.profile;
  m.answered = m.saved.answered;
  return m;
}

void set(Merge& m, const std::string& id, const std::string& value) {
  const Questionnaire& q = test::default_model().questionnaire;
  const std::size_t i = q.index_of(id);
  m.now.answers[i] = parse_answer_text(q.criteria[i], value);
  m.answered[i] = true;
}

std::string merged(const Merge& m) {
  return merge_saved_profile(test::default_model().questionnaire, m.saved, m.now, m.answered);
}

const std::string kHead = "# my notes\nname: Shop search\nowner: web\n";

}  // namespace

TEST_CASE("a resumed profile is written back line by line", "[ask][resume][merge]") {
  SECTION("nothing changed: the text as it was") {
    const std::string text = kHead + "answers:\n  data_sensitivity: public\n";
    CHECK(merged(start(text)) == text);
  }
  SECTION("a changed value keeps its comment and the key's spelling") {
    Merge m = start(kHead +
                    "answers:\n  data_sensitivity: public  # for now\n"
                    "  monthly_requests: 2000000\n");
    set(m, "data_sensitivity", "internal");
    CHECK(merged(m) ==
          kHead +
              "x-unanswered: [data_residency, workload_mix, tokens_in_per_request, "
              "tokens_out_per_request, traffic_pattern, latency_budget_ms, connectivity, "
              "upfront_budget_usd, monthly_budget_usd, budget_flexibility, team_mlops, "
              "customization, model_capability, project_stage, criticality, "
              "lock_in_tolerance, existing_gpus, sites, cached_input_percent, "
              "batch_percent]\n"
              "answers:\n  data_sensitivity: internal  # for now\n"
              "  monthly_requests: 2000000\n");
  }
  SECTION("a value over several lines is replaced whole; comments in the block stay") {
    Merge m = start(kHead +
                    "answers:\n  # volume from the 2026 plan\n  monthly_requests:\n    - 1000000\n"
                    "    - 3000000\n  data_sensitivity: public\n");
    set(m, "monthly_requests", "2000000");
    const std::string out = merged(m);
    CHECK(out.find("  # volume from the 2026 plan\n  monthly_requests: 2000000\n  "
                   "data_sensitivity: public\n") != std::string::npos);
    CHECK(out.find("    - ") == std::string::npos);
  }
  SECTION("answers on one line are written out in full") {
    Merge m = start(kHead + "answers: {data_sensitivity: public}\n");
    set(m, "data_sensitivity", "personal");
    const std::string out = merged(m);
    CHECK(out.find("answers:\n  data_sensitivity: personal\n  data_residency: unknown\n") !=
          std::string::npos);
    CHECK(out.starts_with(kHead));
  }
  SECTION("a new name replaces the old; x-unanswered is rewritten or removed") {
    Merge m = start(kHead +
                    "x-unanswered: [data_sensitivity]\nanswers:\n  data_sensitivity: "
                    "unknown\n");
    m.now.name = "Shop search v2";
    const std::string out = merged(m);
    CHECK(out.starts_with("# my notes\nname: \"Shop search v2\"\nowner: web\n"));
    // Rewritten in place: the questions still open, in order.
    CHECK(out.find("owner: web\nx-unanswered: [data_residency, workload_mix") != std::string::npos);
  }
  SECTION("no trailing newline stays without one") {
    Merge m = start(kHead + "answers:\n  data_sensitivity: public");
    set(m, "data_sensitivity", "internal");
    CHECK(merged(m).ends_with("  data_sensitivity: internal"));
  }
}
