// SPDX-License-Identifier: MIT
// Helper of tests/bench/bench.sh: writes synthetic profiles and ADRs, and
// measures the parse floor (reading the same files and parsing them with
// yaml-cpp, nothing else) with the same number of threads as aidecide.
//
//   bench_tool profiles N DIR     N valid profiles with varied answers
//   bench_tool adrs N DIR         N MADR records, each with a decision record
//   bench_tool floor JOBS DIR     read + parse every .yaml/.yml/.md file in DIR
#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <chrono>
#include "aidecide/check.hpp"
#include "aidecide/engine.hpp"
#include "aidecide/record.hpp"
#include "aidecide/render.hpp"
#include "load/loaders.hpp"
#include "yaml/yaml_tree.hpp"

namespace {

using namespace aidecide;

// splitmix64: the generator's own deterministic stream (fixed seed 1).
class Stream {
 public:
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  std::size_t below(std::size_t n) {
    return static_cast<std::size_t>(uniform() * static_cast<double>(n));
  }

 private:
  std::uint64_t m_state = 1;
};

std::string number_text(const Criterion& c, double x) {
  if (c.scale == Scale::log || x >= 10) return fmt::format("{}", static_cast<long long>(x));
  return fmt::format("{:.1f}", x);
}

double pick_number(Stream& s, const Criterion& c) {
  const double lo = std::max(c.plausible.first, c.exclusive_minimum ? 1.0 : c.minimum);
  const double hi = std::max(c.plausible.second, lo);
  if (c.scale == Scale::log && lo > 0) return lo * std::pow(hi / lo, s.uniform());
  return lo + (hi - lo) * s.uniform();
}

// The answers block of one synthetic project: mostly firm answers, some
// "unknown" and some ranges, as real portfolios have.
std::string answers_block(Stream& s, const Questionnaire& q, const std::string& indent) {
  std::string out;
  for (const Criterion& c : q.criteria) {
    if (!c.answerable()) continue;
    const double roll = s.uniform();
    std::string value;
    if (roll < 0.05) {
      value = "unknown";
    } else if (c.kind == CriterionKind::choice) {
      value = c.answers[s.below(c.answers.size())].id;
    } else if (roll < 0.10) {
      double a = pick_number(s, c), b = pick_number(s, c);
      if (a > b) std::swap(a, b);
      if (a == b) b = a + 1;
      value = fmt::format("[{}, {}]", number_text(c, a), number_text(c, b));
    } else {
      value = number_text(c, pick_number(s, c));
    }
    out += fmt::format("{}{}: {}\n", indent, c.id, value);
  }
  return out;
}

const ScoringModel& model() {
  static const ScoringModel m = embedded_model();
  return m;
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) throw std::runtime_error("cannot write " + path.string());
}

void generate(bool adrs, std::size_t n, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const Questionnaire& q = model().questionnaire;
  Stream s;
  static const char* const kOptionsText[] = {"cloud", "local", "hybrid"};
  for (std::size_t i = 0; i < n; ++i) {
    const std::string name = fmt::format("Project {:06}", i);
    if (!adrs) {
      std::string text = fmt::format(
          "name: {}\ndescription: Synthetic project {} of the benchmark.\nowner: team-{}\n"
          "tags: [bench, group-{}]\nanswers:\n",
          name, i, i % 37, i % 11);
      text += answers_block(s, q, "  ");
      write(dir / fmt::format("p{:06}.yaml", i), text);
    } else {
      // Most records hold (the declared option is what the criteria
      // recommend); one in ten has drifted, as in a real repository.
      const std::string answers = answers_block(s, q, "  ");
      const Profile p = load_profile("name: generated\nanswers:\n" + answers, "generated", q);
      EngineOptions quick;
      quick.samples = 0;
      quick.flip_points = false;
      const auto rec = decide(model(), p, quick).recommendation;
      const bool drifted = s.uniform() < 0.1 || !rec;
      const char* declared = drifted ? kOptionsText[s.below(3)] : kOptionsText[index(*rec)];
      std::string text = fmt::format(
          "# {}. Where {} runs its models\n\n- Status: accepted\n- Date: 2026-{:02}-{:02}\n\n"
          "## Context and problem statement\n\nA synthetic decision of the benchmark, "
          "with a paragraph of context\nlike a real record has, and a list of options.\n\n"
          "## Decision outcome\n\n```yaml aidecide\ndecision: {}\ncriteria_version: 1\n"
          "answers:\n",
          i + 1, name, 1 + i % 12, 1 + i % 28, declared);
      text += answers;
      text += "```\n\n## Consequences\n\n- We revisit this when the answers change.\n";
      write(dir / fmt::format("{:06}-decision.md", i + 1), text);
    }
  }
}

// Accepts every event and keeps nothing: the cheapest complete parse.
class NullHandler : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string& value) override {
    m_bytes += value.size();
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
  std::size_t m_bytes = 0;
};

// The YAML of a file: the whole file, or for Markdown the aidecide fence.
std::string yaml_of(const std::string& path, const std::string& text) {
  if (!path.ends_with(".md")) return text;
  const auto open = text.find("```yaml aidecide\n");
  if (open == std::string::npos) return {};
  const auto body = open + 17;
  const auto close = text.find("\n```", body);
  return text.substr(body, close == std::string::npos ? std::string::npos : close - body + 1);
}

int floor(std::size_t jobs, const std::filesystem::path& dir, bool nodes) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    const auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".md"))
      files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  std::atomic<std::size_t> next{0}, scalars{0};
  const auto work = [&] {
    NullHandler handler;
    for (std::size_t i = next++; i < files.size(); i = next++) {
      std::ifstream f(files[i], std::ios::binary);
      std::ostringstream text;
      text << f.rdbuf();
      const std::string yaml = yaml_of(files[i], text.str());
      if (nodes) {
        handler.m_bytes += YAML::Load(yaml).size();
        continue;
      }
      std::istringstream in(yaml);
      YAML::Parser parser(in);
      while (parser.HandleNextDocument(handler)) {
      }
    }
    scalars += handler.m_bytes;
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  std::cout << fmt::format("{} files, {} bytes of scalars\n", files.size(), scalars.load());
  return 0;
}

// Microseconds per file of each stage of `aidecide score`, one thread: where
// the time goes; with `each`, per profile, in the order the folder lists them.
int stages(const std::filesystem::path& dir, const std::string& only) {
  std::vector<std::string> texts, names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const auto ext = e.path().extension();
    if (ext != ".yaml" && ext != ".md") continue;  // not the generator's marker file
    std::ifstream f(e.path(), std::ios::binary);
    std::ostringstream text;
    text << f.rdbuf();
    texts.push_back(text.str());
    names.push_back(e.path().string());
  }
  const auto time = [&](const char* what, auto&& step) {
    // Every stage needs the profiles; rendering needs the decisions too.
    const bool needed = std::string(what) == "load_profile" ||
                        (only == "render json" && std::string(what) == "decide, default");
    if (!only.empty() && only != what && !needed) return;
    if (names.empty()) return;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < texts.size(); ++i) step(i);
    const std::chrono::duration<double, std::micro> d = std::chrono::steady_clock::now() - start;
    if (only != "each")  // the profiles' lines alone
      std::cout << fmt::format("{:<28} {:8.2f} us/file\n", what,
                               d.count() / static_cast<double>(texts.size()));
  };
  NullHandler handler;
  if (names.front().ends_with(".md")) {
    // ADRs: the record's YAML alone, then the whole scan and check.
    std::vector<std::string> blocks;
    for (std::size_t i = 0; i < texts.size(); ++i) blocks.push_back(yaml_of(names[i], texts[i]));
    time("yaml-cpp events (block)", [&](std::size_t i) {
      std::istringstream in(blocks[i]);
      YAML::Parser parser(in);
      while (parser.HandleNextDocument(handler)) {
      }
    });
    time("parse_yaml (block)", [&](std::size_t i) { (void)parse_yaml(blocks[i], names[i]); });
    time("scan_markdown",
         [&](std::size_t i) { (void)scan_markdown(texts[i], names[i], model().questionnaire); });
    CheckOptions options;
    options.today = "2026-11-23";
    options.engine.samples = 200;
    options.engine.flip_points = false;
    options.engine.advice = false;
    options.engine.explain = false;
    time("check_markdown",
         [&](std::size_t i) { (void)check_markdown(model(), texts[i], names[i], options); });
    return 0;
  }
  time("yaml-cpp events", [&](std::size_t i) {
    std::istringstream in(texts[i]);
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(handler)) {
    }
  });
  time("yaml-cpp nodes", [&](std::size_t i) { (void)YAML::Load(texts[i]); });
  time("parse_yaml (tree)", [&](std::size_t i) { (void)parse_yaml(texts[i], names[i]); });
  std::vector<Profile> profiles;
  time("load_profile", [&](std::size_t i) {
    profiles.push_back(load_profile(texts[i], names[i], model().questionnaire));
  });
  EngineOptions bare;
  bare.samples = 0;
  bare.flip_points = false;
  time("decide, no samples/flips",
       [&](std::size_t i) { (void)decide(model(), profiles[i], bare); });
  EngineOptions flips = bare;
  flips.flip_points = true;
  time("decide, flips", [&](std::size_t i) { (void)decide(model(), profiles[i], flips); });
  EngineOptions sampled;
  sampled.flip_points = false;
  time("decide, confidence", [&](std::size_t i) { (void)decide(model(), profiles[i], sampled); });
  EngineOptions full;
  std::vector<Decision> decisions;
  time("decide, default",
       [&](std::size_t i) { decisions.push_back(decide(model(), profiles[i], full)); });
  if (only == "each") {
    // Per profile, in the folder's order: microseconds of the decision
    // with flip points alone and with confidence alone (the mean of three
    // runs each), to find the profiles a stage spends its time on.
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      const auto mean_of = [&](const EngineOptions& options) {
        const auto start = std::chrono::steady_clock::now();
        for (int r = 0; r < 3; ++r) (void)decide(model(), profiles[i], options);
        const std::chrono::duration<double, std::micro> d =
            std::chrono::steady_clock::now() - start;
        return d.count() / 3;
      };
      const double f = mean_of(flips), c = mean_of(sampled);
      std::cout << fmt::format("{} {:.1f} {:.1f}\n", names[i], f, c);
    }
    return 0;
  }
  std::ostringstream out;
  RenderOptions render;
  auto json = make_renderer(Format::json, out, model(), render);
  time("render json", [&](std::size_t i) {
    json->result(decisions[i]);
    out.str("");  // what a pipe would have taken: the stream does not grow
  });
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 3 && (args[0] == "profiles" || args[0] == "adrs")) {
      generate(args[0] == "adrs", std::stoul(args[1]), args[2]);
      return 0;
    }
    if (args.size() == 1 && args[0] == "model") {
      // Start-up: what loading the embedded model costs, in microseconds.
      const auto time = [](const char* what, auto&& step) {
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < 200; ++i) step();
        const std::chrono::duration<double, std::micro> d =
            std::chrono::steady_clock::now() - start;
        std::cout << fmt::format("{:<28} {:8.1f} us\n", what, d.count() / 200);
      };
      time("parse_yaml criteria", [] { (void)parse_yaml(embedded_criteria_text(), "c"); });
      time("load_questionnaire", [] { (void)load_questionnaire(embedded_criteria_text(), "c"); });
      const Questionnaire q = load_questionnaire(embedded_criteria_text(), "c");
      time("load_pricing", [&] { (void)load_pricing(embedded_pricing_text(), "p", q); });
      time("criteria from the tree",
           [] { (void)load_questionnaire(deserialize_yaml_tree(embedded_criteria_tree()), "c"); });
      time("pricing from the tree",
           [&] { (void)load_pricing(deserialize_yaml_tree(embedded_pricing_tree()), "p", q); });
      return 0;
    }
    if ((args.size() == 2 || args.size() == 3) && args[0] == "stages")
      return stages(args[1], args.size() == 3 ? args[2] : "");
    if ((args.size() == 3 || args.size() == 4) && args[0] == "floor")
      return floor(std::stoul(args[1]), args[2], args.size() == 4 && args[3] == "nodes");
  } catch (const std::exception& e) {
    std::cerr << "bench_tool: " << e.what() << "\n";
    return 2;
  }
  std::cerr << "usage: bench_tool profiles|adrs N DIR | bench_tool floor JOBS DIR [nodes] | "
               "bench_tool stages DIR [STAGE|each]\n";
  return 2;
}
