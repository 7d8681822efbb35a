// SPDX-License-Identifier: MIT
#pragma once
// `aidecide check`: re-scores decision records and reports findings by rule
// (contract section 3; docs/check.md documents every rule).

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/engine.hpp"
#include "aidecide/record.hpp"
#include "aidecide/rules.hpp"

namespace aidecide {

// What moved between the result a record's `recorded:` block holds and
// today's (docs/check.md, "Drift").
struct Drift {
  RecordedResult recorded;
  RecordedResult current;
  std::vector<std::string> changes;  // in words, the largest first
};

struct Finding {
  std::string rule;
  Level level = Level::error;
  std::string file;
  SourcePos pos;
  std::string message;
  std::shared_ptr<const Drift> drift = {};  // decision-mismatch and drifted, when recorded
};

// The changes since `recorded`, in words: monthly costs and scores that
// moved (largest first), the prices' date, the criteria version, and
// whether the answers changed.
Drift drift_since(const RecordedResult& recorded, const RecordedResult& current);

struct CheckOptions {
  std::string today;             // YYYY-MM-DD, for override expiry
  double low_margin_points = 3;  // a decision that holds by less is flagged
  double low_confidence = 0.6;   // ... or with less confidence than this
  std::vector<std::pair<std::string, Level>> rule_levels;  // --rule ID=LEVEL
  EngineOptions engine;
};

struct CheckedRecord {
  DecisionRecord record;
  std::optional<Decision> decision;  // when it could be re-scored
};

struct FileCheck {
  std::string file;
  std::vector<CheckedRecord> records;
  std::vector<Finding> findings;  // in file order
};

// Scans one Markdown text and checks every record in it.
FileCheck check_markdown(const ScoringModel& model, std::string_view text,
                         const std::string& source, const CheckOptions& options);

// The level a rule has after --rule overrides.
Level effective_level(std::string_view rule, const CheckOptions& options);

}  // namespace aidecide
