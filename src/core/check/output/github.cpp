// SPDX-License-Identifier: MIT
// `check --format github`: workflow commands (annotations) and the step summary.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>

#include "aidecide/escape.hpp"
#include "check/output/common.hpp"

namespace aidecide {
namespace {

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
      m_out << "::error title=aidecide::" << github_log_text(d.to_string()) << '\n';
    }
    for (const auto& f : m_files) {
      m_out << "::group::" << github_log_text(f.file) << '\n';
      for (const auto& finding : f.findings) {
        const bool annotate =
            std::find(annotated.begin(), annotated.end(), &finding) != annotated.end();
        if (annotate) {
          m_out << fmt::format("::{} file={},line={},col={},title={}::{}\n", command(finding.level),
                               github_log_property(finding.file), finding.pos.line,
                               finding.pos.column, github_log_property("aidecide " + finding.rule),
                               github_log_text(finding.message));
        } else {
          m_out << github_log_line(fmt::format(
                       "{}:{}:{}: {}: {} [{}]", finding.file, finding.pos.line, finding.pos.column,
                       to_string(finding.level), finding.message, finding.rule))
                << '\n';
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

}  // namespace

CheckRendererPtr make_github_check_renderer(std::ostream& out, const ScoringModel& model,
                                            const CheckRenderOptions& options) {
  (void)model, (void)options;
  return std::make_unique<GithubCheckRenderer>(out, options.step_summary_path);
}

}  // namespace aidecide
