// SPDX-License-Identifier: MIT
#pragma once
// `aidecide ask --stakeholder NAME --resume FILE` (docs/stakeholders.md):
// one person's priorities, asked as points per criterion, written into the
// profile as their `stakeholders:` entry; every other byte of the file stays.

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/engine.hpp"

namespace aidecide::cli {

// `text` (the profile `loaded` was read from) with `entry` (the YAML of one
// stakeholder, "  - name: ...\n    ...") in place of `name`'s entry, or after
// the last one, or in a new `stakeholders:` block at the end. Throws
// std::runtime_error when the file's block cannot take an entry.
std::string with_stakeholder(std::string_view text, const Profile& loaded, const std::string& name,
                             const std::string& entry);

struct StakeholderRoundResult {
  enum class Outcome { written, quit, invalid } outcome = Outcome::invalid;
  std::string message;  // what went wrong, or what was written
};

// Asks `name`'s points for each weighted criterion that applies to the
// profile at `path` (one line per answer from `in`, prompts to `err`; Enter
// keeps the value shown) and writes the file back when every answer is read.
// With `pairwise` (criterion ids, 2 to 10): a pairwise round instead, one
// judgement per pair ("a 3": the first matters 3 times as much; "b 5"; "="
// for equal), its consistency ratio reported, written as `pairwise:`.
StakeholderRoundResult ask_stakeholder_round(const ScoringModel& model, const std::string& path,
                                             const std::string& name, std::istream& in,
                                             std::ostream& err, bool interactive,
                                             const std::vector<std::string>& pairwise = {});

}  // namespace aidecide::cli
