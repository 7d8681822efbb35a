// SPDX-License-Identifier: MIT
// `check --format junit`: JUnit XML for CI test reports.
#include <fmt/format.h>

#include <algorithm>

#include "aidecide/escape.hpp"
#include "check/output/common.hpp"

namespace aidecide {
namespace {

// JUnit XML: a suite per file holding a record or a finding, a case per
// record that holds and per finding;
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
      // An ADR without a decision record is not a test: no empty suite.
      if (f.records.empty() && f.findings.empty()) continue;
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

}  // namespace

CheckRendererPtr make_junit_check_renderer(std::ostream& out, const ScoringModel& model,
                                           const CheckRenderOptions& options) {
  (void)model, (void)options;
  return std::make_unique<JunitCheckRenderer>(out, options.fail_on);
}

}  // namespace aidecide
