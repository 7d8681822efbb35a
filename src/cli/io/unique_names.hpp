// SPDX-License-Identifier: MIT
#pragma once
// File names for a folder of reports: one per profile, from its name, never
// the same twice in a run.

#include <fmt/format.h>

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "aidecide/escape.hpp"

namespace aidecide::cli {

class UniqueNames {
 public:
  // Names that are taken from the start ("index" for the index page).
  explicit UniqueNames(std::unordered_set<std::string> taken) : m_used(std::move(taken)) {}

  // safe_file_stem(name), else with "-2", "-3" ... the first suffix free.
  // Each stem remembers where its count stopped, so a batch of n profiles
  // with one name takes n steps, not n^2 / 2.
  std::string take(std::string_view name) {
    const std::string stem = safe_file_stem(name);
    if (m_used.insert(stem).second) return stem;
    std::size_t& next = m_next.try_emplace(stem, 2).first->second;
    for (;; ++next) {
      std::string candidate = fmt::format("{}-{}", stem, next);
      if (m_used.insert(candidate).second) {
        ++next;
        return candidate;
      }
    }
  }

 private:
  std::unordered_set<std::string> m_used;
  std::unordered_map<std::string, std::size_t> m_next;
};

}  // namespace aidecide::cli
