// SPDX-License-Identifier: MIT
#pragma once
// Path patterns for excludes and .gitignore: `*` and `?` within one path
// segment, `**` across segments.

#include <string>
#include <string_view>
#include <vector>

namespace aidecide {

bool glob_match(std::string_view pattern, std::string_view path);

// The subset of .gitignore that matters for finding Markdown files: comments,
// blank lines, anchored (/x) and unanchored patterns, directory patterns (x/).
// Negations (!x) are not supported and are skipped.
class IgnoreRules {
 public:
  static IgnoreRules from_gitignore(std::string_view text);
  void add(std::string pattern);
  // `path` relative to the rules' root, '/'-separated.
  bool ignored(std::string_view path, bool is_directory) const;

 private:
  struct Rule {
    std::string pattern;
    bool anchored = false;
    bool directory_only = false;
  };
  std::vector<Rule> m_rules;
};

}  // namespace aidecide
