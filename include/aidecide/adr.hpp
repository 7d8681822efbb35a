// SPDX-License-Identifier: MIT
#pragma once
// `aidecide adr`: a MADR-style decision record from a profile.

#include <string>

#include "aidecide/engine.hpp"

namespace aidecide {

struct AdrOptions {
  std::string title;  // default: "Where to run <profile name>"
  std::string date;   // YYYY-MM-DD for the front matter
};

std::string render_adr(const ScoringModel& model, const Profile& profile, const Decision& d,
                       const AdrOptions& options);

}  // namespace aidecide
