// SPDX-License-Identifier: MIT
// aidecide check: record extraction, positions, every rule, output formats.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "aidecide/check_output.hpp"
#include "aidecide/escape.hpp"
#include "helpers.hpp"
#include "run.hpp"

using namespace aidecide;
using namespace aidecide::test;
namespace fs = std::filesystem;

namespace {

// The answers block of a profile, indented for a record.
std::string record_answers(const std::map<std::string, std::string>& changes = {},
                           const std::string& indent = "  ") {
  auto answers = baseline_answers();
  for (const auto& [k, v] : changes) {
    if (v.empty()) {
      answers.erase(k);
    } else {
      answers[k] = v;
    }
  }
  std::string text;
  for (const auto& [k, v] : answers) text += indent + k + ": " + v + "\n";
  return text;
}

// What the baseline is recommended: the record below declares it.
std::string baseline_winner() {
  return std::string(to_string(*decide_with({}, 200).recommendation));
}

std::string fenced(const std::string& decision, const std::string& extra = "",
                   const std::map<std::string, std::string>& changes = {}) {
  return "# Title\n\nSome prose.\n\n```yaml aidecide\ndecision: " + decision + "\n" + extra +
         "answers:\n" + record_answers(changes) + "```\n";
}

CheckOptions options_for_tests() {
  CheckOptions o;
  o.today = "2026-11-23";
  o.engine.samples = 200;
  return o;
}

FileCheck run_check(const std::string& text, CheckOptions options = options_for_tests()) {
  return check_markdown(default_model(), text, "adr.md", options);
}

std::vector<std::string> rules_of(const FileCheck& c) {
  std::vector<std::string> rules;
  for (const auto& f : c.findings) rules.push_back(f.rule);
  return rules;
}

}  // namespace

TEST_CASE("a matching record passes with no finding", "[check]") {
  const FileCheck c = run_check(fenced(baseline_winner()));
  REQUIRE(c.records.size() == 1);
  CHECK(c.records[0].record.title == "Title");
  CHECK(c.findings.empty());
  REQUIRE(c.records[0].decision.has_value());
}

TEST_CASE("decision-mismatch points at the decision value", "[check][rules]") {
  const std::string other = baseline_winner() == "local" ? "cloud" : "local";
  const FileCheck c = run_check(fenced(other));
  REQUIRE(c.findings.size() == 1);
  CHECK(c.findings[0].rule == "decision-mismatch");
  CHECK(c.findings[0].level == Level::error);
  CHECK(c.findings[0].pos.line == 6);
  CHECK(c.findings[0].pos.column == 11);
  CHECK(c.findings[0].message.starts_with("declared " + other +
                                          ", but the criteria now recommend " + baseline_winner()));
}

TEST_CASE("an override with a reason turns a mismatch into a note until it expires",
          "[check][rules]") {
  const std::string other = baseline_winner() == "local" ? "cloud" : "local";
  const FileCheck ok =
      run_check(fenced(other, "override:\n  reason: Contract until 2027.\n  until: 2027-01-31\n"));
  REQUIRE(ok.findings.size() == 1);
  CHECK(ok.findings[0].level == Level::note);
  CHECK(ok.findings[0].message.ends_with("accepted by override: Contract until 2027."));
  const FileCheck expired =
      run_check(fenced(other, "override:\n  reason: Contract until 2025.\n  until: 2025-01-31\n"));
  CHECK(rules_of(expired) == std::vector<std::string>{"decision-mismatch", "override-expired"});
  CHECK(expired.findings[0].level == Level::error);
  CHECK(expired.findings[1].pos.line == 9);
  const FileCheck no_reason = run_check(fenced(other, "override:\n  until: 2027-01-31\n"));
  CHECK(rules_of(no_reason) ==
        std::vector<std::string>{"decision-mismatch", "override-without-reason"});
}

TEST_CASE("vetoed-decision when a hard constraint forbids the declared option", "[check][rules]") {
  const FileCheck c = run_check(fenced("cloud", "", {{"connectivity", "offline"}}));
  REQUIRE(c.findings.size() == 1);
  CHECK(c.findings[0].rule == "vetoed-decision");
  CHECK(c.findings[0].message ==
        "declared cloud, which a hard constraint rules out: Inference runs without a network "
        "connection, so no hosted "
        "API can be reached. (offline-no-cloud); change the decision");
}

TEST_CASE("answer problems map to their rules and positions", "[check][rules]") {
  SECTION("missing-answer") {
    const FileCheck c = run_check(fenced("cloud", "", {{"team_mlops", ""}}));
    REQUIRE(c.findings.size() == 1);
    CHECK(c.findings[0].rule == "missing-answer");
    CHECK(c.findings[0].message ==
          "missing answer (1): team_mlops; answer each, or write 'unknown'");
  }
  SECTION("invalid-answer") {
    const FileCheck c = run_check(fenced("cloud", "", {{"team_mlops", "guru"}}));
    REQUIRE(c.findings.size() == 1);
    CHECK(c.findings[0].rule == "invalid-answer");
    CHECK(c.findings[0].pos.line == 20);
    CHECK(c.findings[0].pos.column == 15);
  }
  SECTION("unknown-key") {
    const FileCheck c = run_check(fenced("cloud", "colour: blue\n"));
    REQUIRE(c.findings.size() == 1);
    CHECK(c.findings[0].rule == "unknown-key");
    CHECK(c.findings[0].pos.line == 7);
  }
  SECTION("duplicate-key") {
    const FileCheck c = run_check(fenced("cloud", "decision: local\n"));
    REQUIRE(c.findings.size() == 1);
    CHECK(c.findings[0].rule == "duplicate-key");
  }
  SECTION("malformed-record: broken YAML") {
    const FileCheck c = run_check("# T\n\n```aidecide\ndecision: [cloud\n```\n");
    REQUIRE(c.findings.size() == 1);
    CHECK(c.findings[0].rule == "malformed-record");
    CHECK(c.findings[0].pos.line == 5);
  }
  SECTION("malformed-record: not an option") {
    const FileCheck c = run_check(fenced("edge"));
    REQUIRE(c.findings.size() == 1);
    CHECK(c.findings[0].rule == "malformed-record");
    CHECK(c.findings[0].message == "'decision' must be cloud, local or hybrid, not 'edge'");
  }
}

TEST_CASE("multiple-records flags every record after the first", "[check][rules]") {
  // Only the first record is read and checked; the others are reported.
  const FileCheck c = run_check(fenced(baseline_winner()) + "\n" + fenced(baseline_winner()));
  REQUIRE(c.records.size() == 1);
  REQUIRE(c.findings.size() == 1);
  CHECK(c.findings[0].rule == "multiple-records");
  CHECK(c.findings[0].pos.line == 32);
  // Past ten, one finding says how many more (a broken one is not parsed).
  std::string many = fenced(baseline_winner());
  for (int i = 0; i < 14; ++i) many += "\n```aidecide\ndecision: [x\n```\n";
  const FileCheck m = run_check(many);
  REQUIRE(m.records.size() == 1);
  REQUIRE(m.findings.size() == 11);
  CHECK(rules_of(m) == std::vector<std::string>(11, "multiple-records"));
  CHECK(m.findings[10].message ==
        "4 more decision records from here on; keep one record per document");
}

TEST_CASE("stale-criteria and low-margin are warnings", "[check][rules]") {
  const FileCheck stale = run_check(fenced(baseline_winner(), "criteria_version: 0\n"));
  CHECK(rules_of(stale) == std::vector<std::string>{"malformed-record"});  // 0 is not a version
  const FileCheck old = run_check(fenced(baseline_winner(), "criteria_version: 7\n"));
  REQUIRE(rules_of(old) == std::vector<std::string>{"stale-criteria"});
  CHECK(old.findings[0].level == Level::warning);
  CheckOptions strict = options_for_tests();
  strict.low_margin_points = 100;
  const FileCheck narrow = run_check(fenced(baseline_winner()), strict);
  REQUIRE(rules_of(narrow) == std::vector<std::string>{"low-margin"});
  CHECK(narrow.findings[0].level == Level::warning);
}

TEST_CASE("rule levels can be changed or turned off", "[check][rules]") {
  CheckOptions o = options_for_tests();
  o.rule_levels = {{"decision-mismatch", Level::warning}};
  const std::string other = baseline_winner() == "local" ? "cloud" : "local";
  CHECK(run_check(fenced(other), o).findings[0].level == Level::warning);
  o.rule_levels = {{"decision-mismatch", Level::off}};
  CHECK(run_check(fenced(other), o).findings.empty());
}

TEST_CASE("a rejected or superseded document is parsed but not held to its decision", "[check]") {
  const std::string other = baseline_winner() == "local" ? "cloud" : "local";
  // Only a note says the record was skipped, and why.
  const FileCheck superseded =
      run_check("---\nstatus: superseded by ADR-0009\n---\n" + fenced(other));
  CHECK(rules_of(superseded) == std::vector<std::string>{"not-held"});
  CHECK(superseded.findings.front().level == Level::note);
  CHECK(superseded.findings.front().message ==
        "status 'superseded by adr-0009': the decision no longer holds, so it is not checked "
        "against the criteria");
  CHECK(rules_of(run_check("# T\n\n## Status\n\nRejected\n\n" + fenced(other).substr(4))) ==
        std::vector<std::string>{"not-held"});
  // A front-matter status spread over lines is read as one line (a fuzz
  // finding: the status once kept its line break).
  const FileCheck folded =
      run_check("---\nstatus: \"Rejected\\n  in review\"\n---\n" + fenced(other));
  REQUIRE(rules_of(folded) == std::vector<std::string>{"not-held"});
  CHECK(folded.findings.front().message ==
        "status 'rejected in review': the decision no longer holds, so it is not checked "
        "against the criteria");
  const FileCheck block =
      run_check("---\nstatus: |\n  Accepted\n  2026-11-30\n---\n" + fenced(other));
  REQUIRE(rules_of(block) == std::vector<std::string>{"decision-mismatch"});
  // Broken records are still reported.
  CHECK(rules_of(run_check("---\nstatus: rejected\n---\n" + fenced(other, "colour: x\n"))) ==
        std::vector<std::string>{"unknown-key"});
}

TEST_CASE("records in front matter map to the file's lines", "[check][positions]") {
  const std::string other = baseline_winner() == "local" ? "cloud" : "local";
  const std::string doc = "---\nstatus: accepted\naidecide:\n  decision: " + other +
                          "\n  answers:\n" + record_answers({}, "    ") + "---\n# Title\n";
  const FileCheck c = run_check(doc);
  REQUIRE(c.findings.size() == 1);
  CHECK(c.findings[0].pos.line == 4);
  CHECK(c.findings[0].pos.column == 13);
}

TEST_CASE("indented and tilde fences, CRLF, BOM and multi-byte text keep positions right",
          "[check][positions]") {
  const std::string other = baseline_winner() == "local" ? "cloud" : "local";
  SECTION("indented fence") {
    std::string doc = "# T\n\n  ~~~~ aidecide\n  decision: " + other + "\n  answers:\n" +
                      record_answers({}, "    ") + "  ~~~~\n";
    const FileCheck c = run_check(doc);
    REQUIRE(c.findings.size() == 1);
    CHECK(c.findings[0].pos.line == 4);
    CHECK(c.findings[0].pos.column == 13);
  }
  SECTION("CRLF and a byte-order mark") {
    std::string doc = "\xEF\xBB\xBF" + fenced(other);
    std::string crlf;
    for (char ch : doc) {
      if (ch == '\n') crlf += '\r';
      crlf += ch;
    }
    const FileCheck c = run_check(crlf);
    REQUIRE(c.findings.size() == 1);
    CHECK(c.findings[0].pos.line == 6);
    CHECK(c.findings[0].pos.column == 11);
  }
  SECTION("multi-byte characters count as one column") {
    const std::string doc = "# Zürich\n\n```aidecide\ndecision: " + other +
                            "\nx-note: \"é\" \nanswers:\n" +
                            record_answers({{"team_mlops", "ünknown"}}) + "```\n";
    const FileCheck c = run_check(doc);
    REQUIRE(c.findings.size() == 1);
    CHECK(c.findings[0].rule == "invalid-answer");
    CHECK(c.findings[0].pos.column == 15);
  }
  SECTION("a block inside another fence is not a record") {
    const FileCheck c = run_check("# T\n\n````markdown\n```aidecide\ndecision: edge\n```\n````\n");
    CHECK(c.records.empty());
  }
}

TEST_CASE("GitHub output escapes hostile file names and values into one annotation each",
          "[check][security]") {
  const std::string other = baseline_winner() == "local" ? "cloud" : "local";
  FileCheck c = check_markdown(
      default_model(),
      fenced(other,
             "override:\n  reason: \"x\\n::stop-commands::TOKEN\\r\\n::error::forged, 100%\"\n"),
      "docs/a,line=99::x.md", options_for_tests());
  std::ostringstream out;
  auto r = make_check_renderer(CheckFormat::github, out, default_model(), {});
  r->file(c);
  r->finish({1, 1, {0, 0, 1}});
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  int commands = 0;
  for (const auto& l : lines) {
    if (l.starts_with("::notice ") || l.starts_with("::error ") || l.starts_with("::warning "))
      ++commands;
    CHECK_FALSE(l.starts_with("::stop-commands"));
    CHECK_FALSE(l.starts_with("::error::"));
  }
  CHECK(commands == 1);
  REQUIRE(lines.size() >= 2);
  CHECK(lines[1].starts_with(
      "::notice file=docs/a%2Cline=99%3A%3Ax.md,line=6,col=11,title=aidecide decision-mismatch::"));
  CHECK(lines[1].find("x\\n::stop-commands::TOKEN\\r\\n::error::forged, 100%25") !=
        std::string::npos);
  CHECK(github_escape_message("a%b\r\nc") == "a%25b%0D%0Ac");
  CHECK(github_escape_property("a:b,c%") == "a%3Ab%2Cc%25");
}

TEST_CASE("GitHub output annotates the most severe findings within the caps", "[check]") {
  FileCheck c;
  c.file = "many.md";
  for (int i = 0; i < 15; ++i)
    c.findings.push_back({"low-margin", Level::warning, "many.md", {i + 1, 1}, "w"});
  for (int i = 0; i < 12; ++i)
    c.findings.push_back({"decision-mismatch", Level::error, "many.md", {i + 20, 1}, "e"});
  std::ostringstream out;
  auto r = make_check_renderer(CheckFormat::github, out, default_model(), {});
  r->file(c);
  r->finish({1, 27, {12, 15, 0}});
  const std::string text = out.str();
  std::size_t errors = 0, warnings = 0;
  for (std::size_t p = text.find("::error "); p != std::string::npos;
       p = text.find("::error ", p + 1))
    ++errors;
  for (std::size_t p = text.find("::warning "); p != std::string::npos;
       p = text.find("::warning ", p + 1))
    ++warnings;
  CHECK(errors == 10);
  CHECK(warnings == 10);
  CHECK(text.find("::notice title=aidecide::7 more findings were not annotated") !=
        std::string::npos);
}

TEST_CASE("the check command's exit codes follow the contract", "[check][cli]") {
  const auto run = [](std::vector<std::string> args) {
    args.insert(args.begin(), "aidecide");
    std::istringstream in;
    std::ostringstream out, err;
    cli::Environment env;
    env.today = "2026-11-23";
    const int code = cli::run(args, in, out, err, env);
    return std::tuple{code, out.str(), err.str()};
  };
  SECTION("the project's own ADRs pass") {
    const auto [code, out, err] = run({"check", "docs/adr"});
    CHECK(code == 0);
    CHECK(out.ends_with("Checked 4 records in 4 files: 0 errors, 0 warnings, 1 note.\n"));
  }
  SECTION("fail-on note fails on the override note") {
    CHECK(std::get<0>(run({"check", "--fail-on", "note", "docs/adr"})) == 1);
  }
  SECTION("nothing checked is an error unless allowed") {
    const auto [code, out, err] = run({"check", "README.md"});
    CHECK(code == 2);
    CHECK(err.find("no decision record found") != std::string::npos);
    CHECK(std::get<0>(run({"check", "--allow-empty", "README.md"})) == 0);
  }
  SECTION("a missing path is exit 2") {
    CHECK(std::get<0>(run({"check", "no/such/dir"})) == 2);
  }
  SECTION("an unknown rule is a usage error") {
    const auto [code, out, err] = run({"check", "--rule", "low-margn=off", "docs/adr"});
    CHECK(code == 2);
    CHECK(err ==
          "aidecide: error: --rule low-margn=off: unknown rule 'low-margn'; did you mean "
          "'low-margin'?\n");
  }
  SECTION("JSON output parses and lists findings") {
    const auto [code, out, err] = run({"check", "--format", "json", "docs/adr"});
    CHECK(code == 0);
    const auto doc = nlohmann::json::parse(out);
    CHECK(doc["results"].size() == 4);
    CHECK(doc["findings"].size() == 1);
    CHECK(doc["findings"][0]["rule"] == "decision-mismatch");
    CHECK(doc["findings"][0]["level"] == "note");
  }
}

TEST_CASE("JUnit, SARIF and GitLab outputs stay well-formed with hostile text",
          "[check][formats]") {
  const std::string other = baseline_winner() == "local" ? "cloud" : "local";
  CheckOptions o = options_for_tests();
  const FileCheck hostile = check_markdown(
      default_model(), fenced(other, "x-note: \"<x>&'\\\"\"\ncolour: \"</failure>]]><evil/>\"\n"),
      "docs/<a&b>\".md", o);
  REQUIRE(hostile.findings.size() == 1);  // a broken record is reported, not re-scored
  const FileCheck mismatch = check_markdown(
      default_model(), fenced(other, "x-note: \"<x>&'\\\"\"\n"), "docs/<a&b>\".md", o);
  REQUIRE(mismatch.findings.size() == 1);
  const auto render = [&](CheckFormat format) {
    std::ostringstream out;
    CheckRenderOptions options;
    auto r = make_check_renderer(format, out, default_model(), options);
    r->file(mismatch);
    r->file(hostile);
    r->file(run_check(fenced(baseline_winner())));
    r->file(check_markdown(default_model(), "# No record here\n", "docs/0009-plain.md", o));
    r->finish({2, 2, {2, 0, 0}});
    return out.str();
  };
  SECTION("JUnit") {
    const std::string xml = render(CheckFormat::junit);
    CHECK(xml.find("<evil/>") == std::string::npos);
    CHECK(xml.find("docs/&lt;a&amp;b&gt;&quot;.md") != std::string::npos);
    CHECK(xml.find("tests=\"3\" failures=\"2\"") != std::string::npos);
    CHECK(xml.find("name=\"decision holds\"") != std::string::npos);
    // Unique names: rule and position.
    CHECK(xml.find("name=\"decision-mismatch at 6:11\"") != std::string::npos);
    CHECK(xml.find("name=\"unknown-key at 8:1\"") != std::string::npos);
    // An ADR without a record is no test suite (adr-tools' own folder: nine of ten).
    CHECK(xml.find("0009-plain.md") == std::string::npos);
  }
  SECTION("SARIF") {
    const auto doc = nlohmann::json::parse(render(CheckFormat::sarif));
    CHECK(doc["version"] == "2.1.0");
    const auto& run = doc["runs"][0];
    CHECK(run["columnKind"] == "unicodeCodePoints");
    CHECK(run["tool"]["driver"]["rules"].size() == check_rules().size());
    for (const auto& rule : run["tool"]["driver"]["rules"]) {
      CHECK_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
      CHECK_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
      CHECK_FALSE(rule["help"]["text"].get<std::string>().empty());
    }
    REQUIRE(run["results"].size() == 2);
    std::set<std::string> fingerprints;
    for (const auto& result : run["results"]) {
      CHECK(result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1);
      CHECK(result["locations"][0]["physicalLocation"]["region"]["startColumn"] >= 1);
      fingerprints.insert(result["partialFingerprints"]["aidecideFinding/v1"].get<std::string>());
    }
    CHECK(fingerprints.size() == 2);
  }
  SECTION("SARIF fingerprints survive moved lines") {
    const FileCheck moved =
        check_markdown(default_model(), "\n\n\n" + fenced(other), "docs/<a&b>\".md", o);
    std::ostringstream a, b;
    auto ra = make_check_renderer(CheckFormat::sarif, a, default_model(), {});
    ra->file(check_markdown(default_model(), fenced(other), "docs/<a&b>\".md", o));
    ra->finish({});
    auto rb = make_check_renderer(CheckFormat::sarif, b, default_model(), {});
    rb->file(moved);
    rb->finish({});
    const auto fa = nlohmann::json::parse(a.str())["runs"][0]["results"][0]["partialFingerprints"];
    const auto fb = nlohmann::json::parse(b.str())["runs"][0]["results"][0]["partialFingerprints"];
    CHECK(fa == fb);
  }
  SECTION("GitLab Code Quality") {
    const auto doc = nlohmann::json::parse(render(CheckFormat::gitlab));
    REQUIRE(doc.size() == 2);
    CHECK(doc[0]["severity"] == "major");
    CHECK(doc[0]["check_name"] == "decision-mismatch");
    CHECK(doc[1]["check_name"] == "unknown-key");
    CHECK(doc[0]["location"]["path"] == "docs/<a&b>\".md");
    CHECK(doc[0]["fingerprint"] != doc[1]["fingerprint"]);
  }
}

TEST_CASE("several formats in one run, each to its own file", "[check][cli]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-check-formats";
  fs::create_directories(dir);
  std::istringstream in;
  std::ostringstream out, err;
  cli::Environment env;
  env.today = "2026-11-23";
  const int code = cli::run(
      {"aidecide", "check", "--format", "github", "--format", "sarif=" + (dir / "a.sarif").string(),
       "--format", "junit=" + (dir / "j.xml").string(), "docs/adr"},
      in, out, err, env);
  CHECK(code == 0);
  CHECK(out.str().find("::notice file=docs/adr/0004-support-bot-override.md") != std::string::npos);
  CHECK(fs::file_size(dir / "a.sarif") > 0);
  CHECK(fs::file_size(dir / "j.xml") > 0);
  std::ostringstream out2, err2;
  CHECK(cli::run({"aidecide", "check", "--format", "text", "--format", "json", "docs/adr"}, in,
                 out2, err2, env) == 2);
  CHECK(err2.str() ==
        "aidecide: error: --format: only one format can go to standard output; give the others "
        "=FILE\n");
  fs::remove_all(dir);
}

TEST_CASE("adr writes a record that check holds at once", "[adr]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-adr-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  cli::Environment env;
  env.today = "2026-11-23";
  std::istringstream in;
  for (const auto& entry : fs::directory_iterator("profiles")) {
    const fs::path out = dir / (entry.path().stem().string() + ".md");
    std::ostringstream o, e;
    REQUIRE(cli::run({"aidecide", "adr", entry.path().string(), "--out", out.string()}, in, o, e,
                     env) == 0);
    const std::string text = read_text_file(out.string());
    CHECK(text.starts_with("---\nstatus: proposed\ndate: 2026-11-23\n---\n\n# Where to run "));
    CHECK(text.find("```yaml aidecide\ndecision: ") != std::string::npos);
    const FileCheck c = check_markdown(default_model(), text, out.string(), options_for_tests());
    for (const Finding& f : c.findings) {
      INFO(out.string() << ": " << f.rule << " " << f.message);
      CHECK(f.level != Level::error);
    }
  }
  SECTION("an existing file is kept unless --force") {
    const std::string target = (dir / "startup-prototype.md").string();
    std::ostringstream o, e;
    CHECK(cli::run({"aidecide", "adr", "profiles/startup-prototype.yaml", "--out", target}, in, o,
                   e, env) == 2);
    CHECK(e.str() == "aidecide: error: " + target + " exists; add --force to replace it\n");
    std::ostringstream o2, e2;
    CHECK(cli::run({"aidecide", "adr", "profiles/startup-prototype.yaml", "--out", target,
                    "--force", "--title", "Use an API"},
                   in, o2, e2, env) == 0);
    CHECK(read_text_file(target).find("# Use an API\n") != std::string::npos);
  }
  fs::remove_all(dir);
}

TEST_CASE("a record over 64 KiB is refused with its position", "[check][limits]") {
  std::string doc = "# Big\n\n```aidecide\ndecision: cloud\nx-padding: |\n";
  while (doc.size() < 70 * 1024) doc += "  " + std::string(100, 'x') + "\n";
  doc += "```\n";
  const FileCheck c = run_check(doc);
  REQUIRE(c.findings.size() == 1);
  CHECK(c.findings[0].rule == "malformed-record");
  CHECK(c.findings[0].pos.line == 3);
  CHECK(c.findings[0].message.starts_with("the record is too large ("));
  CHECK(c.findings[0].message.ends_with(" bytes; the limit is 65536)"));
}

TEST_CASE("a record's recorded result says what moved since", "[check][drift]") {
  const Decision today = decide_with({}, 200);
  const std::string winner(to_string(*today.recommendation));
  std::string other = winner == "cloud" ? "local" : "cloud";
  const auto recorded = [&](const std::string& scores, const std::string& costs,
                            const std::string& answers = "0000000000000000") {
    return "recorded:\n  aidecide: \"0.0.1\"\n  criteria_version: 1\n  prices_as_of: 2025-01-01\n"
           "  answers: \"" +
           answers + "\"\n  scores: " + scores + "\n  monthly_usd: " + costs + "\n";
  };
  SECTION("a mismatch says what moved") {
    const FileCheck c = run_check(fenced(other, recorded("{cloud: 90, local: 90, hybrid: 10}",
                                                         "{cloud: 100, local: 100, hybrid: 100}")));
    REQUIRE(rules_of(c) == std::vector<std::string>{"decision-mismatch"});
    const Finding& f = c.findings[0];
    CHECK(f.message.find("; since it was recorded: ") != std::string::npos);
    CHECK(f.message.find("'s monthly cost rose from $100 to ") != std::string::npos);
    CHECK(f.message.find("hybrid's score rose from 10.0 to ") != std::string::npos);
    CHECK(f.message.find("prices of ") != std::string::npos);
    CHECK(f.message.find("(recorded with prices of 2025-01-01)") != std::string::npos);
    CHECK(f.message.find("answers changed") != std::string::npos);
    REQUIRE(f.drift);
    CHECK(f.drift->recorded.scores[index(Option::hybrid)] == 10.0);
    CHECK(f.drift->current.scores == today.scores);
    CHECK(f.drift->current.criteria_version == default_model().questionnaire.version);
  }
  SECTION("a margin that more than halved is a note: drifted") {
    // Recorded with the winner 40 points ahead; today it is less.
    std::string scores = "{cloud: 10, local: 10, hybrid: 10}";
    scores.replace(scores.find(winner) + winner.size() + 2, 2, "50");
    const Profile p = make_profile({});
    const std::string fingerprint = answers_fingerprint(default_model().questionnaire, p);
    const FileCheck c =
        run_check(fenced(winner, recorded(scores, "{cloud: 1, local: 1, hybrid: 1}", fingerprint)));
    const std::vector<std::string> rules = rules_of(c);
    REQUIRE(std::count(rules.begin(), rules.end(), "drifted") == 1);
    const Finding& f = *std::find_if(c.findings.begin(), c.findings.end(),
                                     [](const Finding& x) { return x.rule == "drifted"; });
    CHECK(f.level == Level::note);
    CHECK(f.message.starts_with("declared " + winner +
                                " still holds, but its margin fell from 40.0 to "));
    CHECK(f.message.find("answers unchanged") != std::string::npos);
    REQUIRE(f.drift);
  }
  SECTION("without recorded, or with the result unchanged, nothing is said") {
    CHECK(rules_of(run_check(fenced(winner))).empty());
    std::string same = "{";
    for (Option o : kOptions)
      same += fmt::format("{}{}: {:.1f}", o == Option::cloud ? "" : ", ", to_string(o),
                          today.scores[index(o)]);
    same += "}";
    std::string costs = "{";
    for (Option o : kOptions)
      costs += fmt::format("{}{}: {:.0f}", o == Option::cloud ? "" : ", ", to_string(o),
                           today.cost.options[index(o)].monthly_usd);
    costs += "}";
    const FileCheck c = run_check(fenced(winner, recorded(same, costs)));
    CHECK(rules_of(c).empty());
  }
  SECTION("a malformed recorded block is the record's problem, with its position") {
    const FileCheck c = run_check(fenced(winner, "recorded:\n  scores: {cloud: 1, local: x}\n"));
    CHECK(rules_of(c) == std::vector<std::string>(rules_of(c).size(), "malformed-record"));
    bool found_hybrid = false, found_costs = false;
    for (const Finding& f : c.findings) {
      found_hybrid |= f.message.find("'hybrid'") != std::string::npos;
      found_costs |= f.message.find("'monthly_usd'") != std::string::npos;
    }
    CHECK(found_hybrid);
    CHECK(found_costs);
  }
}

TEST_CASE("a decision that no longer holds draws no override-expired", "[check][rules]") {
  const std::string winner = baseline_winner();
  const std::string other = winner == "cloud" ? "local" : "cloud";
  const std::string text = "- Status: superseded by 0009\n\n" +
                           fenced(other, "override:\n  reason: pilot\n  until: 2020-01-01\n");
  CHECK(rules_of(run_check(text)) == std::vector<std::string>{"not-held"});
}
