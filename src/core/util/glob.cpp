// SPDX-License-Identifier: MIT
#include "aidecide/glob.hpp"

namespace aidecide {

// Recursive: patterns and paths are short (a pattern may have a few stars).
bool glob_match(std::string_view p, std::string_view s) {
  if (p.empty()) return s.empty();
  if (p.starts_with("**")) {
    std::string_view rest = p.substr(2);
    if (rest.starts_with("/") && glob_match(rest.substr(1), s))
      return true;  // "**/" matches no folder
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (glob_match(rest, s.substr(i))) return true;
    }
    return false;
  }
  if (p[0] == '*') {
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (glob_match(p.substr(1), s.substr(i))) return true;
      if (i < s.size() && s[i] == '/') break;
    }
    return false;
  }
  if (s.empty()) return false;
  if (p[0] == '?' ? s[0] == '/' : p[0] != s[0]) return false;
  return glob_match(p.substr(1), s.substr(1));
}

IgnoreRules IgnoreRules::from_gitignore(std::string_view text) {
  IgnoreRules rules;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string line(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#' || line[0] == '!') continue;
    rules.add(std::move(line));
  }
  return rules;
}

void IgnoreRules::add(std::string pattern) {
  Rule r;
  if (!pattern.empty() && pattern.back() == '/') {
    r.directory_only = true;
    pattern.pop_back();
  }
  if (!pattern.empty() && pattern.front() == '/') {
    r.anchored = true;
    pattern.erase(0, 1);
  } else if (pattern.find('/') != std::string::npos) {
    r.anchored = true;  // git: a slash in the middle anchors the pattern too
  }
  r.pattern = std::move(pattern);
  if (!r.pattern.empty()) m_rules.push_back(std::move(r));
}

bool IgnoreRules::ignored(std::string_view path, bool is_directory) const {
  const std::size_t slash = path.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (const Rule& r : m_rules) {
    if (r.directory_only && !is_directory) continue;
    if (r.anchored ? glob_match(r.pattern, path) : glob_match(r.pattern, base)) return true;
  }
  return false;
}

}  // namespace aidecide
