// SPDX-License-Identifier: MIT
// `ask --stakeholder NAME --resume FILE` (src/cli/ask/stakeholder_round.cpp):
// one person's points written into the profile, every other byte kept.
#include <catch2/catch.hpp>

#include <filesystem>

#include "aidecide/files.hpp"
#include "ask/stakeholder_round.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::cli;
using namespace aidecide::test;
namespace fs = std::filesystem;

namespace {

const std::string kSample = "docs/examples/stakeholders-code-assistant.yaml";

fs::path scratch_copy(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / "aidecide-stakeholder-round";
  fs::create_directories(dir);
  const fs::path file = dir / name;
  write(file, read_text_file(kSample));
  return file;
}

// Enter for every criterion, then `last` for the final one (Budget fit).
std::string keys(const std::string& last, std::size_t enters = 14) {
  std::string k;
  for (std::size_t i = 0; i < enters; ++i) k += "\n";
  return k + last + "\n";
}

}  // namespace

TEST_CASE("a new stakeholder goes after the last one, nothing else moves", "[ask][stakeholders]") {
  const fs::path file = scratch_copy("new.yaml");
  const auto r = run_cli({"ask", "--resume", file.string(), "--stakeholder", "Ops"}, keys("0"));
  CHECK(r.code == 0);
  CHECK(r.err.find("wrote Ops's priorities into") != std::string::npos);
  const std::string before = read_text_file(kSample), after = read_text_file(file.string());
  const std::string entry =
      "  - name: \"Ops\"\n    weights: {data_sensitivity: 6, data_residency: 4, workload_mix: 2, "
      "traffic_pattern: 1.5, latency_budget_ms: 3, connectivity: 4, team_mlops: 3, customization: "
      "2, model_capability: 4, project_stage: 2, criticality: 2, lock_in_tolerance: 1.5, "
      "existing_gpus: 1, cost: 3, budget: 0}\n";
  CHECK(after == before + entry);
  // It scores, with four people now.
  const Profile p = load_profile(after, "x.yaml", default_model().questionnaire);
  CHECK(p.stakeholders.size() == 4);
}

TEST_CASE("an existing stakeholder's entry is replaced in place", "[ask][stakeholders]") {
  const fs::path file = scratch_copy("replace.yaml");
  const auto r = run_cli({"ask", "--resume", file.string(), "--stakeholder", "Finance"},
                         "1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n1\n20\n10\n");
  CHECK(r.code == 0);
  const std::string before = read_text_file(kSample), after = read_text_file(file.string());
  const std::string old_entry =
      "  - name: Finance\n    role: CFO\n    weights: {cost: 12, budget: 10, team_mlops: 4}\n";
  const std::string new_entry =
      "  - name: \"Finance\"\n    role: \"CFO\"\n    weights: {data_sensitivity: 1, "
      "data_residency: "
      "1, workload_mix: 1, traffic_pattern: 1, latency_budget_ms: 1, connectivity: 1, team_mlops: "
      "1, customization: 1, model_capability: 1, project_stage: 1, criticality: 1, "
      "lock_in_tolerance: 1, existing_gpus: 1, cost: 20, budget: 10}\n";
  REQUIRE(before.find(old_entry) != std::string::npos);
  CHECK(after == replaced(before, old_entry, new_entry));
  // The comment before Product stays where it was.
  CHECK(after.find(new_entry + "  # Product wants") != std::string::npos);
}

TEST_CASE("a stakeholder round that fails writes nothing", "[ask][stakeholders]") {
  const fs::path file = scratch_copy("fail.yaml");
  const std::string before = read_text_file(file.string());
  const auto bad = run_cli({"ask", "--resume", file.string(), "--stakeholder", "Z"}, "abc\n");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("<stdin>:1: data_sensitivity: 'abc' is not a weight: type 0, or a number "
                     "from 0.001 to 1,000; nothing written") != std::string::npos);
  const auto short_input = run_cli({"ask", "--resume", file.string(), "--stakeholder", "Z"}, "3\n");
  CHECK(short_input.code == 2);
  CHECK(
      short_input.err.find("the input ended with 14 of 15 criteria unanswered; nothing written") !=
      std::string::npos);
  const auto zero = run_cli({"ask", "--resume", file.string(), "--stakeholder", "Z"},
                            "0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n");
  CHECK(zero.code == 2);
  CHECK(zero.err.find("every weight is 0") != std::string::npos);
  const auto quit = run_cli({"ask", "--resume", file.string(), "--stakeholder", "Z"}, "2\nq\n");
  CHECK(quit.code == 130);
  CHECK(read_text_file(file.string()) == before);
  const auto no_file = run_cli({"ask", "--stakeholder", "Z"}, "");
  CHECK(no_file.code == 2);
  CHECK(no_file.err.find("--stakeholder needs --resume FILE") != std::string::npos);
}

TEST_CASE("with_stakeholder starts a block when the profile has none", "[ask][stakeholders]") {
  const std::string text = read_text_file("profiles/hospital-clinical-notes.yaml");
  const Profile p = load_profile(text, "h.yaml", default_model().questionnaire);
  const std::string out =
      with_stakeholder(text, p, "A", "  - name: \"A\"\n    weights: {cost: 1}\n");
  CHECK(out == text + "stakeholders:\n  - name: \"A\"\n    weights: {cost: 1}\n");
  CHECK(load_profile(out, "h.yaml", default_model().questionnaire).stakeholders.size() == 1);
}

TEST_CASE("a pairwise round writes the judgements and reports their consistency",
          "[ask][stakeholders]") {
  const fs::path file = scratch_copy("pairwise.yaml");
  const std::string before = read_text_file(file.string());
  const auto r = run_cli({"ask", "--resume", file.string(), "--stakeholder", "Legal", "--pairwise",
                          "data_residency,cost,lock_in_tolerance"},
                         "a 5\nb 3\n=\n");
  CHECK(r.code == 0);
  // Residency 5x cost, lock-in 3x residency, yet cost = lock-in: contradictory.
  CHECK(r.err.find("Consistency ratio 0.75: above 0.1, the judgements contradict each other") !=
        std::string::npos);
  CHECK(read_text_file(file.string()) ==
        before +
            "  - name: \"Legal\"\n    pairwise:\n      - [data_residency, cost, 5]\n"
            "      - [lock_in_tolerance, data_residency, 3]\n"
            "      - [cost, lock_in_tolerance, 1]\n");
  const auto consistent = run_cli({"ask", "--resume", file.string(), "--stakeholder", "Legal",
                                   "--pairwise", "data_residency,cost,lock_in_tolerance"},
                                  "a 4\na 2\nb 2\n");
  CHECK(consistent.code == 0);
  CHECK(consistent.err.find("Their shares: Data residency 57%, Long-term cost 14%, Lock-in "
                            "tolerance 29%.") != std::string::npos);
  CHECK(consistent.err.find("Consistency ratio 0.00\n") != std::string::npos);
  // Replaced in place: one Legal entry.
  const std::string after = read_text_file(file.string());
  CHECK(after.find("name: \"Legal\"") == after.rfind("name: \"Legal\""));
}

TEST_CASE("a pairwise round refuses what it cannot use, writing nothing", "[ask][stakeholders]") {
  const fs::path file = scratch_copy("pairwise-bad.yaml");
  const std::string before = read_text_file(file.string());
  const auto run = [&](const std::string& ids, const std::string& input) {
    return run_cli({"ask", "--resume", file.string(), "--stakeholder", "Legal", "--pairwise", ids},
                   input);
  };
  const auto typo = run("data_residency,cots", "");
  CHECK(typo.code == 2);
  CHECK(typo.err.find("'cots' is not a criterion with a weight; did you mean 'cost'?") !=
        std::string::npos);
  CHECK(run("cost", "").err.find("takes 2 to 10 different criteria, not 1") != std::string::npos);
  const auto bad = run("cost,budget", "c 3\n");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("<stdin>:1: 'c 3' is not a judgement") != std::string::npos);
  CHECK(run("cost,budget", "a 12\n").err.find("'a 12' is not a judgement") != std::string::npos);
  CHECK(run("cost,budget,team_mlops", "a 2\n")
            .err.find("the input ended with 2 of 3 pairs unjudged") != std::string::npos);
  CHECK(read_text_file(file.string()) == before);
  const auto alone = run_cli({"ask", "--pairwise", "cost,budget"}, "");
  CHECK(alone.code == 2);
  CHECK(alone.err.find("--pairwise needs --stakeholder NAME") != std::string::npos);
}
