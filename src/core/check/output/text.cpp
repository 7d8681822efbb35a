// SPDX-License-Identifier: MIT
// `check --format text`: one line per finding, for people.
#include <fmt/format.h>

#include <algorithm>

#include "aidecide/escape.hpp"
#include "check/output/common.hpp"

namespace aidecide {
namespace {

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

}  // namespace

CheckRendererPtr make_text_check_renderer(std::ostream& out, const ScoringModel& model,
                                          const CheckRenderOptions& options) {
  (void)model, (void)options;
  return std::make_unique<TextCheckRenderer>(out, options.color);
}

}  // namespace aidecide
