// SPDX-License-Identifier: MIT
#pragma once
// Decision records in architecture documents (contract section 3): a fenced
// ```aidecide / ```yaml aidecide block, or `aidecide:` in the front matter.
// Every position is the Markdown file's own line and column (code points).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/diagnostic.hpp"
#include "aidecide/names.hpp"
#include "aidecide/profile.hpp"

namespace aidecide {

struct RecordOverride {
  bool present = false;
  std::string reason;
  std::optional<std::string> until;  // YYYY-MM-DD
  SourcePos pos;                     // of the `override` key
  SourcePos until_pos;
};

// What `adr` recorded of the result when it wrote the record (the
// optional `recorded:` block): `check` compares it with today's result to
// say what moved (docs/check.md, "Drift").
struct RecordedResult {
  bool present = false;
  SourcePos pos;             // of the `recorded` key
  std::string aidecide;      // the version that wrote it
  int criteria_version = 0;  // 0: not recorded
  std::string prices_as_of;  // YYYY-MM-DD
  PerOption scores{};
  PerOption monthly_usd{};  // all-in, per option
  std::string answers;      // answers_fingerprint() then
};

struct DecisionRecord {
  std::string source;
  std::string title;  // the document's first "# " heading, or its file name
  SourcePos pos;      // the fence line, or the `aidecide` key of the front matter
  std::optional<Option> decision;
  SourcePos decision_pos;
  std::optional<int> criteria_version;
  SourcePos criteria_version_pos;
  Profile profile;  // answers and weights; name = title
  RecordOverride override_;
  RecordedResult recorded;
  std::string status;  // front matter or ADR status, lower case ("accepted", "superseded by ...")
  bool held = true;    // false for rejected, deprecated and superseded documents
};

// What one Markdown file holds. Problems carry a rule id in `code`
// ("malformed-record", "multiple-records", "missing-answer", ...).
struct RecordScan {
  // The document's first record (none or one): the only one read.
  std::vector<DecisionRecord> records;
  // Records after the first are not read: each is a multiple-records problem
  // (the first few by position, then one line for the rest).
  std::size_t extra_records = 0;
  std::vector<Diagnostic> problems;
};

inline constexpr std::size_t kMaxRecordBytes = 64 * 1024;

RecordScan scan_markdown(std::string_view text, const std::string& source, const Questionnaire& q);

}  // namespace aidecide
