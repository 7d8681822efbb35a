// SPDX-License-Identifier: MIT
#pragma once
// Answers as people type them: "1.2M", "250k", "1,200,000", "2s" or
// "1500ms" for latency, "$250k" for money, "100k-2M" for a range, "not sure".

#include <optional>
#include <string>
#include <string_view>

#include "aidecide/profile.hpp"
#include "aidecide/questionnaire.hpp"

namespace aidecide {

// A number with an optional k/M/B suffix, digit separators, a leading $ for
// money and s/ms for a millisecond criterion. Returns the value in the
// criterion's unit, or an error message for the person typing.
struct HumanNumber {
  std::optional<double> value;
  std::string error;
};
HumanNumber parse_human_number(std::string_view text, const Criterion& c);

// One typed answer: for a choice, its number in the list (1-based) or its id
// or label; for a number, a human number or a range "low-high"; "not sure",
// "unknown" or "?" ... for unknown. Validates against the criterion's limits.
struct HumanAnswer {
  std::optional<Answer> answer;
  std::string error;  // why it was refused, to re-prompt with
};
HumanAnswer parse_human_answer(std::string_view text, const Criterion& c);

}  // namespace aidecide
