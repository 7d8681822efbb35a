// SPDX-License-Identifier: MIT
// `check --format sarif`: SARIF 2.1.0 for code scanning.
#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "aidecide/escape.hpp"
#include "check/output/common.hpp"

namespace aidecide {
namespace {

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

}  // namespace

CheckRendererPtr make_sarif_check_renderer(std::ostream& out, const ScoringModel& model,
                                           const CheckRenderOptions& options) {
  (void)model, (void)options;
  return std::make_unique<SarifCheckRenderer>(out);
}

}  // namespace aidecide
