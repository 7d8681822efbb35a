// SPDX-License-Identifier: MIT
// Check output: text for people, JSON for scripts, GitHub annotations for CI.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "aidecide/check_output.hpp"
#include "aidecide/json_output.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

std::optional<CheckFormat> parse_check_format(std::string_view text) {
  if (text == "text") return CheckFormat::text;
  if (text == "json") return CheckFormat::json;
  if (text == "github") return CheckFormat::github;
  return std::nullopt;
}

std::string github_escape_message(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (char c : github_escape_message(text)) {
    switch (c) {
      case ':':
        out += "%3A";
        break;
      case ',':
        out += "%2C";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

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
  void file(const FileCheck& check) override {
    for (const CheckedRecord& r : check.records) {
      if (!r.decision) continue;
      auto j = decision_to_json(m_model, *r.decision);
      j["declared"] =
          r.record.decision ? nlohmann::ordered_json(to_string(*r.record.decision)) : nullptr;
      j["status"] = r.record.status;
      j["held"] = r.record.held;
      m_results.push_back(std::move(j));
    }
    for (const Finding& f : check.findings) {
      m_findings.push_back({{"rule", f.rule},
                            {"level", to_string(f.level)},
                            {"file", f.file},
                            {"line", f.pos.line},
                            {"column", f.pos.column},
                            {"message", f.message}});
    }
  }
  void error(const Diagnostic& d) override { m_errors.push_back(diagnostic_to_json(d)); }
  void finish(const CheckSummary& s) override {
    nlohmann::ordered_json doc = {{"tool", "aidecide"},
                                  {"version", AIDECIDE_VERSION},
                                  {"criteria_version", m_model.questionnaire.version},
                                  {"results", m_results},
                                  {"findings", m_findings},
                                  {"errors", m_errors},
                                  {"summary",
                                   {{"files", s.files},
                                    {"records", s.records},
                                    {"errors", s.by_level[0]},
                                    {"warnings", s.by_level[1]},
                                    {"notes", s.by_level[2]}}}};
    m_out << doc.dump(2, ' ', true, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  }

 private:
  std::ostream& m_out;
  const ScoringModel& m_model;
  nlohmann::ordered_json m_results = nlohmann::ordered_json::array();
  nlohmann::ordered_json m_findings = nlohmann::ordered_json::array();
  nlohmann::ordered_json m_errors = nlohmann::ordered_json::array();
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
  }
  throw Error("unknown check format");
}

}  // namespace aidecide
