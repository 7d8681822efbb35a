// SPDX-License-Identifier: MIT
// The pieces that make batch scoring fast must not change what it computes:
// the streaming JSON writer, the closed-form break-even, the confidence
// shortcut, and parallel scoring.
#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aidecide/render.hpp"
#include "commands.hpp"
#include "engine/scorer.hpp"
#include "helpers.hpp"
#include "io/parallel.hpp"
#include "io/progress.hpp"
#include "render/json_writer.hpp"
#include "run.hpp"

using namespace aidecide;

TEST_CASE("the JSON writer writes numbers exactly as nlohmann::json does", "[perf]") {
  std::vector<double> values{0,     -0.0,      1,      -1,   0.1,  1.0 / 3, 77.0,
                             1e13,  1e15,      1e16,   1e17, 1e-5, 1.5e-7,  123456.789,
                             2e300, -2.5e-300, 5e-324, 0.97, 100};
  test::add_random_doubles(values, 12345, 2000, 0.5, 40, -20);
  for (const double v : values) {
    std::string text;
    JsonWriter w(text);
    w.number(v);
    INFO(v);
    w.finish();
    CHECK(text == nlohmann::json(v).dump());
  }
  std::string text;
  JsonWriter w(text);
  w.begin_array();
  w.number(-0.0001, 2);
  w.number(1.23456, 3);
  w.number(std::nan(""));
  w.end_array();
  w.finish();
  CHECK(text == "[0.0,1.235,null]");
}

TEST_CASE("rounded numbers are written exactly as nlohmann::json writes the rounded value",
          "[perf]") {
  // The fast path for 0 to 3 decimals against the library, near the edges
  // of its reach (10^15) and across magnitudes; 4 decimals take the slow path.
  std::vector<double> values{0,       -0.0,
                             0.0004,  -0.0004,
                             0.0005,  -0.0005,
                             0.05,    0.5,
                             1.005,   2.675,
                             -2.675,  9.995,
                             99.5,    999999.9995,
                             1e14,    1e15,
                             -1e15,   999999999999999.0,
                             1e16,    123456789012.345,
                             4.35e-3, 368231.06};
  test::add_random_doubles(values, 777, 20000, 0.3, 19, -3);
  for (const double v : values) {
    for (int decimals = 0; decimals <= 4; ++decimals) {
      std::string text;
      JsonWriter w(text);
      w.number(v, decimals);
      INFO(v << " at " << decimals << " decimals");
      w.finish();
      CHECK(text == nlohmann::json(round_to(v, decimals)).dump());
    }
  }
}

TEST_CASE("the JSON writer escapes strings exactly as nlohmann::json does", "[perf]") {
  const std::vector<std::string> strings{"plain",
                                         "quote \" and \\\\ backslash",
                                         "line\nbreak\ttab\r",
                                         std::string("nul\0byte", 8),
                                         "\x1b[31mred\x1b[0m",
                                         "caf\xc3\xa9 \xe2\x80\xae rtl \xf0\x9f\x98\x80",
                                         "bad \xff\xfe utf-8 \xc3",
                                         "del \x7f"};
  for (const std::string& s : strings) {
    std::string text;
    JsonWriter w(text);
    w.string(s);
    w.finish();
    CHECK(text == nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
  }
}

TEST_CASE("every byte at every place of a string is escaped as nlohmann::json does", "[perf]") {
  // The plain-text check reads eight bytes at a time, then the rest one by
  // one: each byte value at each of 17 places covers both.
  for (int byte = 0; byte < 256; ++byte) {
    for (std::size_t at = 0; at < 17; ++at) {
      std::string s(17, 'a');
      s[at] = static_cast<char>(byte);
      std::string text;
      JsonWriter w(text);
      w.string(s);
      INFO("byte " << byte << " at " << at);
      w.finish();
      REQUIRE(text ==
              nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    }
  }
}

TEST_CASE("objects and arrays get their commas and colons", "[perf]") {
  std::string text;
  JsonWriter w(text);
  w.begin_object();
  w.key("a");
  w.begin_array();
  w.integer(1);
  w.boolean(true);
  w.null();
  w.begin_object();
  w.end_object();
  w.end_array();
  w.key("b");
  w.string("x");
  w.end_object();
  w.finish();
  CHECK(text == R"({"a":[1,true,null,{}],"b":"x"})");
  // Written after what the string held, growing past its room as needed;
  // finish() leaves exactly what was written, also when called twice.
  std::string appended = ",\n";
  JsonWriter more(appended);
  more.begin_array();
  const std::string long_text(10000, 'y');
  for (int i = 0; i < 3; ++i) more.string(long_text);
  more.end_array();
  more.finish();
  more.finish();
  CHECK(appended == ",\n[\"" + long_text + "\",\"" + long_text + "\",\"" + long_text + "\"]");
}

TEST_CASE("the break-even volume is where local and cloud cost the same", "[perf][cost]") {
  const ScoringModel& m = test::default_model();
  int crossings = 0;
  for (const char* tier : {"basic", "strong", "frontier"}) {
    for (const char* tokens : {"200", "1000", "6000"}) {
      for (const char* team : {"none", "basic", "experienced"}) {
        const Profile p = test::make_profile(
            {{"model_capability", tier}, {"tokens_in_per_request", tokens}, {"team_mlops", team}});
        Values v = resolve_values(m.questionnaire, p);
        const CostEstimate e = estimate_costs(m.pricing, m.inputs, m.questionnaire, v);
        if (e.break_even_requests <= 0) continue;
        ++crossings;
        // Just below the break-even local costs more than cloud, just above less.
        const auto local_minus_cloud = [&](double requests) {
          v[m.inputs.monthly_requests].number = requests;
          const CostEstimate at = estimate_costs(m.pricing, m.inputs, m.questionnaire, v);
          return at.cost_utility[index(Option::cloud)] - at.cost_utility[index(Option::local)];
        };
        INFO(tier << " " << tokens << " " << team << " " << e.break_even_requests);
        CHECK(local_minus_cloud(e.break_even_requests * 0.999) > 0);
        CHECK(local_minus_cloud(e.break_even_requests * 1.001) < 0);
      }
    }
  }
  CHECK(crossings > 5);
}

TEST_CASE("a settled recommendation has confidence 1 without sampling", "[perf][confidence]") {
  // Offline rules out cloud and hybrid: every draw keeps local.
  const Decision offline = test::decide_with({{"connectivity", "offline"}}, 1000);
  CHECK(offline.confidence == 1.0);
  // The shortcut agrees with the sampling it replaces: with a huge spread
  // of weights nothing is settled, and a close call stays below 1.
  const Profile close = test::make_profile({{"data_sensitivity", "personal"}});
  EngineOptions options;
  options.samples = 1000;
  const Decision d = decide(test::default_model(), close, options);
  if (d.margin < 5) CHECK(d.confidence < 1.0);
}

TEST_CASE("confidence is the same whether or not the shortcut applies", "[perf][confidence]") {
  // A clear case scored with sampling forced (a tiny spread still samples
  // when nothing is settled) and with the shortcut must both say 1.
  EngineOptions options;
  options.samples = 500;
  options.weight_spread = 1.0001;
  const Profile p = test::make_profile({{"team_mlops", "unknown"}, {"connectivity", "offline"}});
  CHECK(decide(test::default_model(), p, options).confidence == 1.0);
}

TEST_CASE("ordered_parallel hands results over in input order for any number of jobs",
          "[perf][parallel]") {
  for (std::size_t jobs : {1, 2, 3, 8}) {
    std::vector<std::size_t> seen;
    cli::ordered_parallel<std::size_t>(
        1000, jobs, [](std::size_t i) { return i * i; },
        [&](std::size_t i, std::size_t& r) {
          CHECK(r == i * i);
          seen.push_back(i);
        });
    REQUIRE(seen.size() == 1000);
    for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == i);
  }
}

TEST_CASE("ordered_parallel passes a worker's exception to the caller", "[perf][parallel]") {
  const auto fails = [] {
    cli::ordered_parallel<int>(
        100, 4,
        [](std::size_t i) {
          if (i == 37) throw std::runtime_error("boom");
          return static_cast<int>(i);
        },
        [](std::size_t, int&) {});
  };
  CHECK_THROWS_WITH(fails(), "boom");
}

TEST_CASE("ordered_parallel consumes one result at a time, and stops on a consumer's exception",
          "[perf][parallel]") {
  // Workers hand results over themselves: the calls must never overlap, and
  // results before a failing one are all consumed, none after it.
  std::atomic<int> inside{0};
  std::size_t consumed = 0;
  bool overlapped = false;
  const auto fails = [&] {
    cli::ordered_parallel<std::size_t>(
        500, 4, [](std::size_t i) { return i; },
        [&](std::size_t i, std::size_t& r) {
          if (inside.fetch_add(1) != 0) overlapped = true;
          if (i == 300) {
            inside.fetch_sub(1);
            throw std::runtime_error("disk full");
          }
          CHECK(r == consumed);
          ++consumed;
          inside.fetch_sub(1);
        });
  };
  CHECK_THROWS_WITH(fails(), "disk full");
  CHECK_FALSE(overlapped);
  CHECK(consumed == 300);
}

TEST_CASE("the progress line shows done, total, rate and time left", "[perf][progress]") {
  CHECK(cli::Progress::line(250, 1000, 2.0, "profiles") ==
        "[######..................] 250/1,000 profiles  125/s  6s left");
  CHECK(cli::Progress::line(1000, 1000, 4.0, "files") ==
        "[########################] 1,000/1,000 files  250/s  -- left");
  std::ostringstream err;
  {
    cli::Progress p(err, true, 3, "files", std::chrono::seconds(0));
    const auto t = cli::Progress::Clock::now() + std::chrono::seconds(1);
    p.tick(t);
    p.tick(t + std::chrono::seconds(1));
    p.tick(t + std::chrono::seconds(2));
  }
  CHECK(err.str().find("3/3 files") != std::string::npos);
  CHECK(err.str().ends_with("\r\x1b[K"));  // erased at the end
  std::ostringstream quiet;
  {
    cli::Progress p(quiet, false, 3, "files", std::chrono::seconds(0));
    p.tick();
  }
  CHECK(quiet.str().empty());
}

TEST_CASE("JSON results leave in writes of 64 KiB, all of them by the end", "[perf][json]") {
  // One write per result cost a system call per profile; results now wait
  // until 64 KiB are ready (memory stays bounded), and finish() writes the rest.
  std::ostringstream out;
  RenderOptions options;
  auto json = make_renderer(Format::json, out, test::default_model(), options);
  const std::size_t header = out.str().size();
  const std::string result = "{\"file\":\"" + std::string(1000, 'a') + "\"}";
  for (int i = 0; i < 60; ++i) json->result_text(result);
  CHECK(out.str().size() == header);  // 60 x 1 KB wait
  for (int i = 0; i < 10; ++i) json->result_text(result);
  const std::size_t written = out.str().size() - header;
  CHECK(written >= 64 * 1024);
  CHECK(written < 64 * 1024 + result.size() + 2);
  json->finish();
  const auto document = nlohmann::json::parse(out.str());
  REQUIRE(document["results"].size() == 70);
  CHECK(document["results"][69]["file"] == std::string(1000, 'a'));
}

TEST_CASE("score and check give the same output for any --jobs", "[perf][cli]") {
  const std::string root = AIDECIDE_SOURCE_DIR;
  cli::Environment env;
  env.today = "2026-11-23";
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "aidecide");
    std::istringstream in;
    std::ostringstream out, err;
    const int code = cli::run(args, in, out, err, env);
    return std::pair(code, out.str() + err.str());
  };
  for (const char* format : {"json", "text", "csv"}) {
    const auto one = run({"score", "-j", "1", "--format", format, root + "/profiles",
                          root + "/tests/data/invalid/bad-choice.yaml"});
    const auto two = run({"score", "-j", "2", "--format", format, root + "/profiles",
                          root + "/tests/data/invalid/bad-choice.yaml"});
    const auto many = run({"score", "-j", "7", "--format", format, root + "/profiles",
                           root + "/tests/data/invalid/bad-choice.yaml"});
    CHECK(one.first == 2);
    CHECK(one == two);
    CHECK(one == many);
  }
  const auto one = run({"check", "-j", "1", "--format", "json", root + "/docs/adr",
                        root + "/tests/data/adr-hostile"});
  const auto two = run({"check", "-j", "2", "--format", "json", root + "/docs/adr",
                        root + "/tests/data/adr-hostile"});
  CHECK(one == two);
}

TEST_CASE("quiet mode silences warnings and verbose contradicts it", "[cli]") {
  cli::Environment env;
  env.today = "2031-01-01";  // prices more than a year old: a warning
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "aidecide");
    std::istringstream in;
    std::ostringstream out, err;
    const int code = cli::run(args, in, out, err, env);
    return std::pair(code, err.str());
  };
  const std::string profile = std::string(AIDECIDE_SOURCE_DIR) + "/profiles/startup-prototype.yaml";
  CHECK(run({"score", profile}).second.find("warning") != std::string::npos);
  CHECK(run({"--quiet", "score", profile}) == std::pair(0, std::string()));
  CHECK(run({"score", "-q", profile}) == std::pair(0, std::string()));
  const auto both = run({"-q", "-v", "score", profile});
  CHECK(both.first == 2);
  CHECK(both.second.find("contradict") != std::string::npos);
}

TEST_CASE("verbose mode says what was read and how fast", "[cli]") {
  cli::Environment env;
  env.today = "2026-11-23";
  std::istringstream in;
  std::ostringstream out, err;
  const std::string profile = std::string(AIDECIDE_SOURCE_DIR) + "/profiles/startup-prototype.yaml";
  CHECK(cli::run({"aidecide", "--verbose", "score", "-j", "3", profile}, in, out, err, env) == 0);
  CHECK(err.str().starts_with(
      "aidecide: criteria <embedded criteria/default.yaml> (version 1), pricing <embedded "
      "criteria/pricing.yaml> (prices as of "));
  CHECK(err.str().find("aidecide: 1 profile in ") != std::string::npos);
  CHECK(err.str().ends_with(" on 1 thread\n"));
  CHECK(cli::verbose_summary("files", 10, 2, 2.0) ==
        "aidecide: 10 files in 2.00 s (5/s) on 2 threads\n");
}
