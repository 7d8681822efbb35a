// SPDX-License-Identifier: MIT
#pragma once
// `aidecide adr`: a MADR-style decision record from a profile.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/engine.hpp"

namespace aidecide {

// The layouts adr writes: MADR (front matter), Nygard's as adr-tools writes
// it ("Date:" and a "## Status" section), and log4brains' ("- Status:" lines).
enum class AdrTemplate { madr, nygard, log4brains };
inline constexpr std::array<std::string_view, 3> kAdrTemplates{"madr", "nygard", "log4brains"};

struct AdrOptions {
  std::string title;  // default: "Where to run <profile name>"
  std::string date;   // YYYY-MM-DD for the front matter
  AdrTemplate layout = AdrTemplate::madr;
};

std::string render_adr(const ScoringModel& model, const Profile& profile, const Decision& d,
                       const AdrOptions& options);

// A `stakeholders:` block as profiles and records hold it (docs/stakeholders.md).
std::string stakeholders_yaml(const Questionnaire& q, const std::vector<Stakeholder>& people);

// The decision record block alone (```yaml aidecide ... ```), as
// render_adr() ends with it.
std::string render_record_block(const ScoringModel& model, const Profile& profile,
                                const Decision& d);

// `document` with `block` inserted at the end of its decision section (an
// ATX heading "Decision" or "Decision Outcome", any level and case, outside
// code blocks: Nygard/adr-tools, MADR, log4brains), else at its end, after
// a blank line; every other byte unchanged (CRLF documents get CRLF).
std::string insert_record(std::string_view document, std::string_view block);

// The record's title: options.title, else "Where to run <profile name>".
std::string adr_title(const Profile& profile, const AdrOptions& options);

// The file name adr-tools would give the next record in a folder holding
// `names`: one more than the highest leading number of a "NNNN-....md" name
// (0001 in a folder without one), four digits at least, then the title in
// lower-case letters and digits joined by '-'.
std::string next_adr_file_name(const std::vector<std::string>& names, std::string_view title);

}  // namespace aidecide
