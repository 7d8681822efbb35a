// SPDX-License-Identifier: MIT
// The check rules (docs/check.md).
#include "aidecide/rules.hpp"

#include <array>
#include <string_view>

namespace aidecide {

namespace {
constexpr auto kLevels = std::to_array<Named<Level>>({{Level::error, "error"},
                                                      {Level::warning, "warning"},
                                                      {Level::note, "note"},
                                                      {Level::off, "off"}});

const std::vector<RuleSpec> kRules{
    {"decision-mismatch", Level::error,
     "The recorded decision is not what the criteria recommend today.",
     "Update the decision, or record an override with a reason (and an until date) if the "
     "deviation is deliberate."},
    {"vetoed-decision", Level::error, "The recorded decision is ruled out by a hard constraint.",
     "Change the decision: a hard constraint (for example offline, or data that must stay on "
     "premises) forbids it."},
    {"missing-answer", Level::error, "The record does not answer every question.",
     "Answer each listed criterion, or write unknown to use its documented assumption."},
    {"invalid-answer", Level::error, "An answer or weight is not valid for its criterion.",
     "Use one of the criterion's answers, a number in its range, a range [low, high], or unknown."},
    {"unknown-key", Level::error, "The record has a key the format does not know.",
     "Fix the spelling (the message suggests the closest key), or prefix your own keys with x-."},
    {"duplicate-key", Level::error, "A key is given twice.",
     "Remove one copy: YAML readers disagree on which one wins."},
    {"malformed-record", Level::error, "The record is not valid YAML or lacks required parts.",
     "Fix the YAML so the record is a mapping with decision and answers."},
    {"multiple-records", Level::error, "A document holds more than one decision record.",
     "Keep one record per document; split the decisions into separate ADRs."},
    {"override-without-reason", Level::error, "An override has no reason.",
     "Say in override.reason why the deviation from the recommendation is accepted."},
    {"override-expired", Level::warning, "An override's until date has passed.",
     "Revisit the decision: renew the override with a new date, or change the decision."},
    {"drifted", Level::note,
     "The decision holds, but its margin has more than halved since the record was written.",
     "Read what moved (costs, prices, criteria, answers) and, if the decision still stands, "
     "write the record again with aidecide adr."},
    {"low-margin", Level::warning, "The decision holds, but only narrowly.",
     "Review the flip points and any unknown answers; a small change would alter the "
     "recommendation."},
    {"stale-criteria", Level::warning, "The record was scored with another criteria version.",
     "Re-run aidecide on the record and update criteria_version."},
    {"not-held", Level::note,
     "The record's status (rejected, deprecated, superseded) says the decision no longer holds, "
     "so it is not held to the criteria.",
     "Nothing to do if the status is right; the note shows which records were skipped and why."},
};
}  // namespace

std::span<const Named<Level>> levels() {
  return kLevels;
}

std::string_view to_string(Level level) {
  return name_of(levels(), level);
}

std::optional<Level> parse_level(std::string_view text) {
  return parse_named(levels(), text);
}

std::vector<std::string> fail_on_names() {
  std::vector<std::string> names;
  for (const auto& row : kLevels) names.emplace_back(row.value == Level::off ? "never" : row.name);
  return names;
}

std::optional<Level> parse_fail_on(std::string_view text) {
  if (text == "off") return std::nullopt;
  return text == "never" ? std::optional(Level::off) : parse_level(text);
}

const std::vector<RuleSpec>& check_rules() {
  return kRules;
}

const RuleSpec* find_rule(std::string_view id) {
  for (const auto& r : kRules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace aidecide
