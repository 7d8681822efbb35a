// SPDX-License-Identifier: MIT
// `check --format gitlab`: GitLab Code Quality.
#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "aidecide/escape.hpp"
#include "check/output/common.hpp"

namespace aidecide {
namespace {

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

CheckRendererPtr make_gitlab_check_renderer(std::ostream& out, const ScoringModel& model,
                                            const CheckRenderOptions& options) {
  (void)model, (void)options;
  return std::make_unique<GitlabCheckRenderer>(out);
}

}  // namespace aidecide
