// SPDX-License-Identifier: MIT
#pragma once
// Writing a resumed profile back (docs/ask.md, "Nothing lost"): the file
// keeps everything ask does not own (name unless renamed, description,
// owner, tags, weights, models, stakeholders, x- keys, comments and layout);
// only the answers that changed, the new ones and the x-unanswered list are
// written.

#include <string>
#include <string_view>
#include <vector>

#include "aidecide/profile.hpp"
#include "aidecide/questionnaire.hpp"

namespace aidecide::cli {

// What the resumed file said, as loaded when the session began.
struct SavedProfile {
  std::string text;            // the file as read
  Profile profile;             // its answers (missing where open)
  std::vector<bool> answered;  // which answers it gave (x-unanswered ones are open)
};

// `saved.text` with the session's answers (`p`, `answered`) written in:
// a changed answer replaces the value on its line (a comment after it
// stays), a new one goes after the last answer, x-unanswered is rewritten,
// added before `answers:` or removed, and `name:` changes only when the
// session renamed the project. Returns the text unchanged when nothing
// changed.
std::string merge_saved_profile(const Questionnaire& q, const SavedProfile& saved, const Profile& p,
                                const std::vector<bool>& answered);

}  // namespace aidecide::cli
