// SPDX-License-Identifier: MIT
#include "aidecide/diagnostic.hpp"

#include "aidecide/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace aidecide {

SourcePos position_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t newline = before.rfind('\n');
  const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
  const auto line = std::count(before.begin(), before.end(), '\n') + 1;
  return {static_cast<int>(line), static_cast<int>(count_code_points(before.substr(start))) + 1};
}

std::string Diagnostic::to_string() const {
  if (pos.line <= 0) return fmt::format("{}: {}", source, message);
  return fmt::format("{}:{}:{}: {}", source, pos.line, pos.column, message);
}

namespace {
std::string join_messages(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += d.to_string();
  }
  return text;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : Error(join_messages(diagnostics)), m_diagnostics(std::move(diagnostics)) {}

void DiagnosticSink::error(SourcePos pos, std::string message) {
  m_diagnostics.push_back({m_source, pos, std::move(message), m_code});
}

void DiagnosticSink::error(SourcePos pos, std::string message, std::string_view code) {
  m_diagnostics.push_back({m_source, pos, std::move(message), std::string(code)});
}

void DiagnosticSink::throw_if_any() {
  if (m_diagnostics.empty()) return;
  // Validators run section by section; people read a file top to bottom.
  std::stable_sort(
      m_diagnostics.begin(), m_diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
      });
  throw InputError(std::move(m_diagnostics));
}

}  // namespace aidecide
