// SPDX-License-Identifier: MIT
#pragma once
// Shared set-up for the unit tests: the default model loaded once, and a
// baseline profile that tests change one answer at a time.

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "aidecide/engine.hpp"
#include "aidecide/files.hpp"
#include "aidecide/profile.hpp"
#include "run.hpp"

namespace aidecide::test {

// One run of the command line in-process, with string streams and a fixed
// date: what a user would see on stdout and stderr, and the exit code.
struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

// The environment run_cli() runs in: a fixed date, no terminal, no state folder.
inline cli::Environment test_env() {
  cli::Environment env;
  env.today = "2026-11-23";
  return env;
}

inline CliResult run_cli(std::vector<std::string> args, const std::string& input,
                         const cli::Environment& env) {
  args.insert(args.begin(), "aidecide");
  std::istringstream in(input);
  std::ostringstream out, err;
  const int code = cli::run(args, in, out, err, env);
  return {code, out.str(), err.str()};
}

inline CliResult run_cli(std::vector<std::string> args, const std::string& input = "") {
  return run_cli(std::move(args), input, test_env());
}

inline const ScoringModel& default_model() {
  static const ScoringModel model = embedded_model();
  return model;
}

// A neutral mid-sized project; tests override what they study.
inline std::map<std::string, std::string> baseline_answers() {
  return {{"data_sensitivity", "internal"},  {"data_residency", "anywhere"},
          {"workload_mix", "uniform"},       {"monthly_requests", "1000000"},
          {"tokens_in_per_request", "1000"}, {"tokens_out_per_request", "300"},
          {"traffic_pattern", "steady"},     {"latency_budget_ms", "1000"},
          {"connectivity", "online"},        {"upfront_budget_usd", "100000"},
          {"monthly_budget_usd", "20000"},   {"team_mlops", "basic"},
          {"customization", "prompting"},    {"model_capability", "strong"},
          {"project_stage", "production"},   {"criticality", "business"},
          {"lock_in_tolerance", "medium"},   {"existing_gpus", "none"}};
}

// `text` with the first `from` replaced by `to` (which must be there).
// Writes `text` to `p`, making its folders first.
inline void write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

inline std::string profile_yaml(const std::map<std::string, std::string>& answers,
                                const std::string& extra = "") {
  std::string text = "name: Test project\nanswers:\n";
  for (const auto& [k, v] : answers) text += "  " + k + ": " + v + "\n";
  return text + extra;
}

inline Profile make_profile(const std::map<std::string, std::string>& changes = {},
                            const std::string& extra = "") {
  auto answers = baseline_answers();
  for (const auto& [k, v] : changes) answers[k] = v;
  return load_profile(profile_yaml(answers, extra), "test.yaml", default_model().questionnaire);
}

inline Decision decide_with(const std::map<std::string, std::string>& changes,
                            std::size_t samples = 200, const std::string& extra = "") {
  EngineOptions options;
  options.samples = samples;
  return decide(default_model(), make_profile(changes, extra), options);
}

inline double score(const Decision& d, Option o) {
  return d.scores[index(o)];
}

// The first error message a loader reports for `text`, as "line:col: message".
template <typename Load>
std::string first_error(Load load) {
  try {
    load();
  } catch (const InputError& e) {
    const auto& d = e.diagnostics().front();
    return d.pos.line > 0
               ? std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " + d.message
               : d.message;
  }
  return "no error";
}

inline std::string profile_error(const std::string& text) {
  return first_error([&] { load_profile(text, "p.yaml", default_model().questionnaire); });
}

// Appends `count` doubles of many magnitudes, for number-format tests:
// (u - shift) x 10^(k mod spread + lowest), u and k from a fixed-seed
// linear congruential sequence.
inline void add_random_doubles(std::vector<double>& values, std::uint64_t seed, int count,
                               double shift, int spread, int lowest) {
  std::uint64_t x = seed;
  for (int i = 0; i < count; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const double mantissa = static_cast<double>(x >> 11) * 0x1.0p-53;
    const int exponent = static_cast<int>(x % static_cast<std::uint64_t>(spread)) + lowest;
    values.push_back((mantissa - shift) * std::pow(10.0, exponent));
  }
}

}  // namespace aidecide::test
