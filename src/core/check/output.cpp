// SPDX-License-Identifier: MIT
// Check output: text for people, JSON for scripts, GitHub annotations for CI.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <fstream>

#include "aidecide/check_output.hpp"

#include <nlohmann/json.hpp>
#include "render/json_output.hpp"
#include "aidecide/text.hpp"
#include "aidecide/escape.hpp"

namespace aidecide {

std::optional<CheckFormat> parse_check_format(std::string_view text) {
  if (text == "text") return CheckFormat::text;
  if (text == "json") return CheckFormat::json;
  if (text == "github") return CheckFormat::github;
  if (text == "junit") return CheckFormat::junit;
  if (text == "sarif") return CheckFormat::sarif;
  if (text == "gitlab") return CheckFormat::gitlab;
  return std::nullopt;
}

namespace {

// Fingerprints identify a finding without its line, so it keeps its
// identity when lines move: file, rule and the n-th such finding in the file.
std::string fingerprint(const Finding& f, std::size_t occurrence) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  const auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
    h ^= 0xff;
    h *= 0x100000001b3ULL;
  };
  mix(f.file);
  mix(f.rule);
  mix(std::to_string(occurrence));
  return fmt::format("{:016x}", h);
}

// Numbers each finding by how many earlier findings share its file and rule.
std::vector<std::size_t> occurrences(const std::vector<const Finding*>& all) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::size_t n = 0;
    for (std::size_t j = 0; j < i; ++j)
      n += all[j]->file == all[i]->file && all[j]->rule == all[i]->rule;
    out.push_back(n);
  }
  return out;
}

std::string summary_line(const CheckSummary& s) {
  return fmt::format("Checked {} {} in {} {}: {} {}, {} {}, {} {}.", s.records,
                     s.records == 1 ? "record" : "records", s.files,
                     s.files == 1 ? "file" : "files", s.by_level[0],
                     s.by_level[0] == 1 ? "error" : "errors", s.by_level[1],
                     s.by_level[1] == 1 ? "warning" : "warnings", s.by_level[2],
                     s.by_level[2] == 1 ? "note" : "notes");
}

class TextCheckRenderer : public CheckRenderer {
 public:
  TextCheckRenderer(std::ostream& out, bool color) : m_out(out), m_color(color) {}
  void file(const FileCheck& check) override {
    for (const Finding& f : check.findings) {
      const std::string level(to_string(f.level));
      const std::string painted = !m_color                    ? level
                                  : f.level == Level::error   ? "\x1b[1;31m" + level + "\x1b[0m"
                                  : f.level == Level::warning ? "\x1b[1;33m" + level + "\x1b[0m"
                                                              : "\x1b[1;36m" + level + "\x1b[0m";
      m_out << fmt::format("{}:{}:{}: {}: {} [{}]\n", escape_for_message(f.file), f.pos.line,
                           f.pos.column, painted, escape_for_message(f.message), f.rule);
    }
  }
  void error(const Diagnostic&) override {}
  void finish(const CheckSummary& s) override { m_out << summary_line(s) << '\n'; }

 private:
  std::ostream& m_out;
  bool m_color;
};

class JsonCheckRenderer : public CheckRenderer {
 public:
  JsonCheckRenderer(std::ostream& out, const ScoringModel& model) : m_out(out), m_model(model) {}
  void file(const FileCheck& check) override { m_files.push_back(check); }
  void error(const Diagnostic& d) override { m_errors.push_back(d); }
  void finish(const CheckSummary& s) override {
    // Indented, one member per line: the document people open in CI artefacts.
    std::string text;
    JsonWriter w(text, 2);
    w.begin_object();
    w.key("tool");
    w.string("aidecide");
    w.key("version");
    w.string(AIDECIDE_VERSION);
    w.key("criteria_version");
    w.integer(static_cast<std::uint64_t>(m_model.questionnaire.version));
    w.key("results");
    w.begin_array();
    const std::string prices_as_of = m_model.pricing.oldest_as_of();
    for (const FileCheck& check : m_files) {
      for (const CheckedRecord& r : check.records) {
        if (!r.decision) continue;
        w.begin_object();
        write_decision_members(w, m_model, *r.decision, prices_as_of);
        w.key("declared");
        r.record.decision ? w.string(to_string(*r.record.decision)) : w.null();
        w.key("status");
        w.string(r.record.status);
        w.key("held");
        w.boolean(r.record.held);
        w.end_object();
      }
    }
    w.end_array();
    w.key("findings");
    w.begin_array();
    for (const FileCheck& check : m_files) {
      for (const Finding& f : check.findings) {
        w.begin_object();
        w.key("rule");
        w.string(f.rule);
        w.key("level");
        w.string(to_string(f.level));
        w.key("file");
        w.string(f.file);
        w.key("line");
        w.integer(static_cast<std::uint64_t>(f.pos.line));
        w.key("column");
        w.integer(static_cast<std::uint64_t>(f.pos.column));
        w.key("message");
        w.string(f.message);
        w.end_object();
      }
    }
    w.end_array();
    w.key("errors");
    w.begin_array();
    for (const Diagnostic& d : m_errors) write_diagnostic(w, d);
    w.end_array();
    w.key("summary");
    w.begin_object();
    const std::array<std::pair<std::string_view, std::size_t>, 5> counts{
        {{"files", s.files},
         {"records", s.records},
         {"errors", s.by_level[0]},
         {"warnings", s.by_level[1]},
         {"notes", s.by_level[2]}}};
    for (const auto& [name, n] : counts) {
      w.key(name);
      w.integer(n);
    }
    w.end_object();
    w.end_object();
    w.finish();
    m_out << text << '\n';
  }

 private:
  std::ostream& m_out;
  const ScoringModel& m_model;
  std::vector<FileCheck> m_files;  // every file's records and findings, written at the end
  std::vector<Diagnostic> m_errors;
};

// GitHub caps annotations (10 errors, 10 warnings per step); the most severe
// are annotated first, the rest printed as plain lines and counted.
class GithubCheckRenderer : public CheckRenderer {
 public:
  GithubCheckRenderer(std::ostream& out, std::string summary_path)
      : m_out(out), m_summary_path(std::move(summary_path)) {}
  void file(const FileCheck& check) override {
    if (!check.findings.empty()) m_files.push_back(check);
  }
  void error(const Diagnostic& d) override { m_errors.push_back(d); }
  void finish(const CheckSummary& s) override {
    // Choose what to annotate: by severity, within the caps.
    std::vector<const Finding*> all;
    for (const auto& f : m_files) {
      for (const auto& finding : f.findings) all.push_back(&finding);
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const Finding* a, const Finding* b) { return a->level < b->level; });
    std::array<std::size_t, 3> used{};
    std::vector<const Finding*> annotated;
    for (const Finding* f : all) {
      std::size_t& n = used[static_cast<std::size_t>(f->level)];
      if (n < kCap && annotated.size() < kJobCap) {
        ++n;
        annotated.push_back(f);
      }
    }
    for (const auto& d : m_errors) {
      m_out << "::error title=aidecide::" << github_escape_message(d.to_string()) << '\n';
    }
    for (const auto& f : m_files) {
      m_out << "::group::" << github_escape_message(f.file) << '\n';
      for (const auto& finding : f.findings) {
        const bool annotate =
            std::find(annotated.begin(), annotated.end(), &finding) != annotated.end();
        if (annotate) {
          m_out << fmt::format("::{} file={},line={},col={},title={}::{}\n", command(finding.level),
                               github_escape_property(finding.file), finding.pos.line,
                               finding.pos.column,
                               github_escape_property("aidecide " + finding.rule),
                               github_escape_message(finding.message));
        } else {
          m_out << fmt::format("{}:{}:{}: {}: {} [{}]\n",
                               github_escape_message(escape_for_message(finding.file)),
                               finding.pos.line, finding.pos.column, to_string(finding.level),
                               github_escape_message(finding.message), finding.rule);
        }
      }
      m_out << "::endgroup::\n";
    }
    const std::size_t left = all.size() - annotated.size();
    if (left > 0) {
      m_out << fmt::format(
          "::notice title=aidecide::{} more {} not annotated (GitHub shows at most {} per level); "
          "see the log above{}\n",
          left, left == 1 ? "finding was" : "findings were", kCap,
          m_summary_path.empty() ? "" : " or the job summary");
    }
    m_out << summary_line(s) << '\n';
    write_step_summary(s, all);
  }

 private:
  static constexpr std::size_t kCap = 10;
  static constexpr std::size_t kJobCap = 50;
  static std::string_view command(Level l) {
    return l == Level::error ? "error" : l == Level::warning ? "warning" : "notice";
  }
  void write_step_summary(const CheckSummary& s, const std::vector<const Finding*>& all) {
    if (m_summary_path.empty()) return;
    std::ofstream out(m_summary_path, std::ios::app);
    if (!out) return;
    out << "## aidecide check\n\n" << summary_line(s) << "\n\n";
    if (all.empty()) return;
    out << "| Level | Rule | File | Line | Message |\n|---|---|---|---:|---|\n";
    std::size_t bytes = 0;
    for (const Finding* f : all) {
      const std::string row =
          fmt::format("| {} | {} | {} | {} | {} |\n", to_string(f->level), f->rule,
                      escape_markdown(f->file), f->pos.line, escape_markdown(f->message));
      bytes += row.size();
      if (bytes > 900 * 1024) break;  // GitHub reads at most 1 MiB per step
      out << row;
    }
  }

  std::ostream& m_out;
  std::string m_summary_path;
  std::vector<FileCheck> m_files;
  std::vector<Diagnostic> m_errors;
};

// JUnit XML: a suite per file, a case per record that holds and per finding;
// a case fails exactly when its finding fails the run. Names are unique
// (GitLab rejects repeated class and name pairs).
class JunitCheckRenderer : public CheckRenderer {
 public:
  JunitCheckRenderer(std::ostream& out, Level fail_on) : m_out(out), m_fail_on(fail_on) {}
  void file(const FileCheck& check) override { m_files.push_back(check); }
  void error(const Diagnostic& d) override { m_errors.push_back(d); }
  void finish(const CheckSummary&) override {
    std::size_t tests = 0, failures = 0;
    std::string suites;
    for (const auto& f : m_files) {
      std::string cases;
      std::size_t suite_tests = 0, suite_failures = 0;
      const std::string file = escape_xml(f.file);
      if (f.findings.empty()) {
        for (std::size_t i = 0; i < f.records.size(); ++i) {
          cases += fmt::format(
              "    <testcase classname=\"{}\" name=\"decision holds{}\" file=\"{}\" line=\"{}\" "
              "time=\"0\"/>\n",
              file, i ? fmt::format(" ({})", i + 1) : "", file, f.records[i].record.pos.line);
          ++suite_tests;
        }
      }
      for (const Finding& finding : f.findings) {
        const bool fails = m_fail_on != Level::off && finding.level <= m_fail_on;
        const std::string name = escape_xml(
            fmt::format("{} at {}:{}", finding.rule, finding.pos.line, finding.pos.column));
        cases += fmt::format(
            "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\" time=\"0\"", file,
            name, file, finding.pos.line);
        if (fails) {
          cases += fmt::format(
              ">\n      <failure message=\"{}\" type=\"{}\">{}:{}:{}: {}</failure>\n    "
              "</testcase>\n",
              escape_xml(finding.message), to_string(finding.level), file, finding.pos.line,
              finding.pos.column, escape_xml(finding.message));
          ++suite_failures;
        } else {
          cases += fmt::format(">\n      <system-out>{}: {}</system-out>\n    </testcase>\n",
                               to_string(finding.level), escape_xml(finding.message));
        }
        ++suite_tests;
      }
      suites += fmt::format(
          "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" "
          "time=\"0\">\n{}  </testsuite>\n",
          file, suite_tests, suite_failures, cases);
      tests += suite_tests;
      failures += suite_failures;
    }
    std::string error_suite;
    if (!m_errors.empty()) {
      std::string cases;
      for (std::size_t i = 0; i < m_errors.size(); ++i) {
        cases += fmt::format(
            "    <testcase classname=\"aidecide\" name=\"{} ({})\" time=\"0\">\n      <error "
            "message=\"{}\"/>\n    </testcase>\n",
            escape_xml(m_errors[i].source), i + 1, escape_xml(m_errors[i].to_string()));
      }
      error_suite = fmt::format(
          "  <testsuite name=\"aidecide\" tests=\"{}\" failures=\"0\" errors=\"{}\" skipped=\"0\" "
          "time=\"0\">\n{}  </testsuite>\n",
          m_errors.size(), m_errors.size(), cases);
    }
    m_out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          << fmt::format(
                 "<testsuites name=\"aidecide check\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
                 "skipped=\"0\" time=\"0\">\n",
                 tests + m_errors.size(), failures, m_errors.size())
          << suites << error_suite << "</testsuites>\n";
  }

 private:
  std::ostream& m_out;
  Level m_fail_on;
  std::vector<FileCheck> m_files;
  std::vector<Diagnostic> m_errors;
};

std::vector<const Finding*> all_findings(const std::vector<FileCheck>& files) {
  std::vector<const Finding*> all;
  for (const auto& f : files) {
    for (const auto& finding : f.findings) all.push_back(&finding);
  }
  return all;
}

// SARIF 2.1.0 for code scanning: rules with descriptions and help, code-point
// columns, fingerprints without line numbers.
class SarifCheckRenderer : public CheckRenderer {
 public:
  explicit SarifCheckRenderer(std::ostream& out) : m_out(out) {}
  void file(const FileCheck& check) override {
    if (!check.findings.empty()) m_files.push_back(check);
  }
  void error(const Diagnostic& d) override { m_errors.push_back(d); }
  void finish(const CheckSummary&) override {
    using Json = nlohmann::ordered_json;
    Json rules = Json::array();
    for (const RuleSpec& r : check_rules()) {
      rules.push_back({{"id", r.id},
                       {"name", r.id},
                       {"shortDescription", {{"text", r.summary}}},
                       {"fullDescription", {{"text", fmt::format("{} {}", r.summary, r.help)}}},
                       {"help", {{"text", r.help}}},
                       {"defaultConfiguration",
                        {{"level", r.level == Level::off ? "none" : to_string(r.level)}}}});
    }
    Json results = Json::array();
    const auto all = all_findings(m_files);
    const auto counts = occurrences(all);
    for (std::size_t i = 0; i < all.size(); ++i) {
      const Finding& f = *all[i];
      std::size_t rule_index = 0;
      for (std::size_t k = 0; k < check_rules().size(); ++k) {
        if (check_rules()[k].id == f.rule) rule_index = k;
      }
      results.push_back(
          {{"ruleId", f.rule},
           {"ruleIndex", rule_index},
           {"level", to_string(f.level)},
           {"message", {{"text", f.message}}},
           {"locations", Json::array({{{"physicalLocation",
                                        {{"artifactLocation", {{"uri", f.file}}},
                                         {"region",
                                          {{"startLine", std::max(1, f.pos.line)},
                                           {"startColumn", std::max(1, f.pos.column)}}}}}}})},
           {"partialFingerprints", {{"aidecideFinding/v1", fingerprint(f, counts[i])}}}});
    }
    Json notifications = Json::array();
    for (const auto& d : m_errors)
      notifications.push_back({{"level", "error"}, {"message", {{"text", d.to_string()}}}});
    Json run = {
        {"tool",
         {{"driver", {{"name", "aidecide"}, {"version", AIDECIDE_VERSION}, {"rules", rules}}}}},
        {"columnKind", "unicodeCodePoints"},
        {"results", results}};
    if (!notifications.empty()) {
      run["invocations"] = Json::array(
          {{{"executionSuccessful", false}, {"toolExecutionNotifications", notifications}}});
    }
    const Json doc = {{"$schema",
                       "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                       "sarif-schema-2.1.0.json"},
                      {"version", "2.1.0"},
                      {"runs", Json::array({run})}};
    m_out << doc.dump(2, ' ', true, Json::error_handler_t::replace) << '\n';
  }

 private:
  std::ostream& m_out;
  std::vector<FileCheck> m_files;
  std::vector<Diagnostic> m_errors;
};

// GitLab Code Quality: a JSON array, unique fingerprints free of line numbers.
class GitlabCheckRenderer : public CheckRenderer {
 public:
  explicit GitlabCheckRenderer(std::ostream& out) : m_out(out) {}
  void file(const FileCheck& check) override {
    if (!check.findings.empty()) m_files.push_back(check);
  }
  void error(const Diagnostic&) override {}
  void finish(const CheckSummary&) override {
    using Json = nlohmann::ordered_json;
    Json issues = Json::array();
    const auto all = all_findings(m_files);
    const auto counts = occurrences(all);
    for (std::size_t i = 0; i < all.size(); ++i) {
      const Finding& f = *all[i];
      issues.push_back(
          {{"description", f.message},
           {"check_name", f.rule},
           {"fingerprint", fingerprint(f, counts[i])},
           {"severity", f.level == Level::error     ? "major"
                        : f.level == Level::warning ? "minor"
                                                    : "info"},
           {"location", {{"path", f.file}, {"lines", {{"begin", std::max(1, f.pos.line)}}}}}});
    }
    m_out << issues.dump(2, ' ', true, Json::error_handler_t::replace) << '\n';
  }

 private:
  std::ostream& m_out;
  std::vector<FileCheck> m_files;
};

}  // namespace

std::unique_ptr<CheckRenderer> make_check_renderer(CheckFormat format, std::ostream& out,
                                                   const ScoringModel& model,
                                                   const CheckRenderOptions& options) {
  switch (format) {
    case CheckFormat::text:
      return std::make_unique<TextCheckRenderer>(out, options.color);
    case CheckFormat::json:
      return std::make_unique<JsonCheckRenderer>(out, model);
    case CheckFormat::github:
      return std::make_unique<GithubCheckRenderer>(out, options.step_summary_path);
    case CheckFormat::junit:
      return std::make_unique<JunitCheckRenderer>(out, options.fail_on);
    case CheckFormat::sarif:
      return std::make_unique<SarifCheckRenderer>(out);
    case CheckFormat::gitlab:
      return std::make_unique<GitlabCheckRenderer>(out);
  }
  throw Error("unknown check format");
}

}  // namespace aidecide
