// SPDX-License-Identifier: MIT
// Conditional questions (`ask_if` in the criteria file): the loader checks
// them, a profile need not answer a question that does not apply, the score
// leaves it out, and `ask` skips it with an honest progress count, asking it
// when an edit makes it apply.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include <unistd.h>

#include "helpers.hpp"
#include "run.hpp"

using namespace aidecide;
namespace fs = std::filesystem;

namespace {

// The default criteria with one conditional question: existing GPUs are
// asked about only when the team has some MLOps skills.
std::string conditional_criteria(
    const std::string& condition = "{team_mlops: [basic, experienced]}") {
  std::string text(embedded_criteria_text());
  const std::string anchor = "  - id: existing_gpus\n";
  const auto at = text.find(anchor);
  REQUIRE(at != std::string::npos);
  text.insert(at + anchor.size(), "    ask_if: " + condition + "\n");
  return text;
}

// One file per test and process (CTest runs the tests in parallel), removed
// when the test ends.
struct CriteriaFile {
  explicit CriteriaFile(const std::string& text) {
    static int count = 0;
    path = fs::temp_directory_path() / ("aidecide-ask-if-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(++count) + ".yaml");
    std::ofstream(path) << text;
  }
  ~CriteriaFile() {
    std::error_code ignored;
    fs::remove(path, ignored);
  }
  CriteriaFile(const CriteriaFile&) = delete;
  CriteriaFile& operator=(const CriteriaFile&) = delete;
  std::string string() const { return path.string(); }
  fs::path path;
};

std::string load_error(const std::string& text) {
  try {
    (void)load_questionnaire(text, "c.yaml");
  } catch (const InputError& e) {
    return e.diagnostics().front().to_string();
  }
  return "";
}

using test::run_cli;

}  // namespace

TEST_CASE("ask_if conditions may only use earlier, unconditional questions", "[ask_if]") {
  CHECK(load_error(conditional_criteria()).empty());
  CHECK(load_error(conditional_criteria("{criticality: [business]}")).empty());
  // existing_gpus is the last question: everything is earlier. Make an
  // earlier question depend on a later one instead.
  std::string text(embedded_criteria_text());
  const std::string anchor = "  - id: team_mlops\n";
  text.insert(text.find(anchor) + anchor.size(), "    ask_if: {existing_gpus: [none]}\n");
  CHECK(load_error(text).find("'ask_if' of criterion 'team_mlops' refers to 'existing_gpus', "
                              "which is not asked before it") != std::string::npos);
  std::string chain = conditional_criteria();
  chain.insert(chain.find(anchor) + anchor.size(), "    ask_if: {connectivity: [online]}\n");
  CHECK(load_error(chain).find("refers to 'team_mlops', which is conditional itself") !=
        std::string::npos);
  CHECK(load_error(conditional_criteria("{team_mlops: [sometimes]}")).find("'sometimes'") !=
        std::string::npos);
}

TEST_CASE("a question that does not apply needs no answer and does not count", "[ask_if]") {
  const Questionnaire q = load_questionnaire(conditional_criteria(), "c.yaml");
  const ScoringModel model(q, load_pricing(embedded_pricing_text(), "p.yaml", q));
  auto answers = test::baseline_answers();
  answers.erase("existing_gpus");
  answers["team_mlops"] = "none";
  const Profile p = load_profile(test::profile_yaml(answers), "p.yaml", model.questionnaire);
  const Decision d = decide(model, p, EngineOptions{});
  const std::size_t gpus = q.index_of("existing_gpus");
  CHECK(d.weights[gpus] == 0);
  CHECK(std::none_of(d.contributions.begin(), d.contributions.end(),
                     [&](const Contribution& c) { return c.criterion == gpus; }));
  const auto skipped = std::find_if(d.assumptions.begin(), d.assumptions.end(),
                                    [&](const Assumption& a) { return a.criterion == gpus; });
  REQUIRE(skipped != d.assumptions.end());
  CHECK(skipped->value_text == "does not apply");

  // When it applies, the answer is required again.
  answers["team_mlops"] = "basic";
  try {
    (void)load_profile(test::profile_yaml(answers), "p.yaml", model.questionnaire);
    FAIL("a missing answer to a question that applies must be an error");
  } catch (const InputError& e) {
    CHECK(e.diagnostics().front().message ==
          "missing answer (1): existing_gpus; answer each, or write 'unknown'");
  }
}

TEST_CASE("ask skips a question that does not apply and counts honestly", "[ask_if][ask]") {
  const CriteriaFile criteria(conditional_criteria());
  // Team MLOps (question 13) answered "none": existing GPUs is not asked.
  const std::string answers =
      "3\n2\n1\n1.2M\n1500\n300\n1\n1.5s\n1\n$250k\n20k\n1\n1\n3\n2\n3\n2\n1\n";
  const test::CliResult r =
      run_cli({"ask", "--criteria", criteria.string(), "--format", "json"}, answers);
  CHECK(r.code == 0);
  CHECK(r.err.find("[13/22] Team MLOps") != std::string::npos);
  CHECK(r.err.find("[14/21]") != std::string::npos);
  CHECK(r.err.find("Existing GPUs") == std::string::npos);
  const auto doc = nlohmann::json::parse(r.out);
  bool skipped = false;
  for (const auto& a : doc["results"][0]["assumptions"])
    skipped = skipped || (a["criterion"] == "existing_gpus" && a["value"] == "does not apply");
  CHECK(skipped);

  // The end of input with it still open is fine; the missing list leaves it out.
  const test::CliResult partial =
      run_cli({"ask", "--criteria", criteria.string()}, answers.substr(0, answers.size() - 2));
  CHECK(partial.code == 2);
  CHECK(partial.err.find("existing_gpus") == std::string::npos);
}

TEST_CASE("an edit that makes a question apply asks it", "[ask_if][ask]") {
  const CriteriaFile criteria(conditional_criteria());
  // At question 18, review, change Team MLOps (13th in the review) to basic,
  // answer question 18, then existing GPUs is asked as the 19th.
  const std::string answers =
      "3\n2\n1\n1.2M\n1500\n300\n1\n1.5s\n1\n$250k\n20k\n1\n1\n3\n2\n3\n2\nr\n13\n2\n1\n2\n";
  const test::CliResult r =
      run_cli({"ask", "--criteria", criteria.string(), "--format", "json"}, answers);
  CHECK(r.code == 0);
  CHECK(r.err.find("[19/22] Existing GPUs") != std::string::npos);
  const auto doc = nlohmann::json::parse(r.out);
  std::map<std::string, std::string> given;
  for (const auto& d : doc["results"][0]["drivers"]) given[d["criterion"]] = d["answer"];
  CHECK(given["team_mlops"] == "basic");
  CHECK(given["existing_gpus"] == "some");
}

TEST_CASE("explain and the schema know about conditional questions", "[ask_if]") {
  const CriteriaFile criteria(conditional_criteria());
  const test::CliResult explained =
      run_cli({"explain", "existing_gpus", "--criteria", criteria.string()});
  CHECK(explained.code == 0);
  CHECK(explained.out.find("Asked only when team_mlops is basic or experienced; otherwise it "
                           "does not count.") != std::string::npos);
  const test::CliResult schema = run_cli({"schema", "profile", "--criteria", criteria.string()});
  const auto required = nlohmann::json::parse(schema.out)["properties"]["answers"]["required"];
  CHECK(required.size() == 17);
  CHECK(std::find(required.begin(), required.end(), "existing_gpus") == required.end());
}
