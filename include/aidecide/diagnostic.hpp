// SPDX-License-Identifier: MIT
#pragma once
// Errors: positions, diagnostics, the exception family and the exit codes.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aidecide {

// 1-based line and column; the column counts Unicode code points, as people
// and editors do. Zero means "no position" (e.g. a file that cannot be read).
struct SourcePos {
  int line = 0;
  int column = 0;
};

// The position of byte `offset` of `text` (at most its size).
SourcePos position_at(std::string_view text, std::size_t offset);

struct Diagnostic {
  std::string source;  // file name as the user gave it, or "<stdin>"
  SourcePos pos;
  std::string message;
  // What kind of problem, for tools that classify them (`check` rule ids:
  // "missing-answer", "invalid-answer", "unknown-key", "duplicate-key");
  // empty for anything else.
  std::string code = {};

  // "path:line:col: message", or "path: message" without a position.
  std::string to_string() const;
};

// The one exception family, caught once in the CLI.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Invalid input data: carries every problem found in one file.
class InputError : public Error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }

 private:
  std::vector<Diagnostic> m_diagnostics;
};

// The environment failed us: a file could not be written (full disk,
// permissions). Not a bug, and not the input's fault either.
class IoError : public Error {
 public:
  using Error::Error;
};

// Bad usage (options that do not make sense together, unknown names).
class UsageError : public Error {
 public:
  using Error::Error;
};

// Contract section 5.
enum class ExitCode : int {
  success = 0,
  findings = 1,
  invalid_input = 2,
  internal_error = 3,
  interrupted = 130,
};

// Collects diagnostics for one source while a validator runs.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::string source) : m_source(std::move(source)) {}
  void error(SourcePos pos, std::string message);
  void error(SourcePos pos, std::string message, std::string_view code);
  // Errors reported while a CodeScope lives carry its code.
  class CodeScope {
   public:
    CodeScope(DiagnosticSink& sink, std::string code)
        : m_sink(sink), m_saved(std::move(sink.m_code)) {
      sink.m_code = std::move(code);
    }
    ~CodeScope() { m_sink.m_code = std::move(m_saved); }
    CodeScope(const CodeScope&) = delete;
    CodeScope& operator=(const CodeScope&) = delete;

   private:
    DiagnosticSink& m_sink;
    std::string m_saved;
  };
  bool empty() const { return m_diagnostics.empty(); }
  const std::string& source() const { return m_source; }
  // Throws InputError when anything was reported.
  void throw_if_any();

 private:
  std::string m_source;
  std::string m_code;
  std::vector<Diagnostic> m_diagnostics;
};

}  // namespace aidecide
