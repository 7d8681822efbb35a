// SPDX-License-Identifier: MIT
#include "aidecide/glob.hpp"

#include <algorithm>
#include <vector>

namespace aidecide {

// One pass per pattern character over the path's positions (a set of the
// path prefixes the pattern so far can match): O(pattern x path) whatever the
// stars, where backtracking took exponential time on `a*a*a*a*a*a*a*b`.
// `*` and `?` do not match '/'; `**` matches anything; `**/` also nothing.
bool glob_match(std::string_view p, std::string_view s) {
  const std::size_t n = s.size();
  std::vector<char> reach(n + 1, 0), next(n + 1, 0);
  reach[0] = 1;
  for (std::size_t k = 0; k < p.size();) {
    std::fill(next.begin(), next.end(), 0);
    if (p.compare(k, 3, "**/") == 0) {
      // Nothing, or anything that ends with '/'.
      bool seen = false;
      for (std::size_t j = 0; j <= n; ++j) {
        next[j] = reach[j] || (j > 0 && s[j - 1] == '/' && seen);
        seen = seen || reach[j];
      }
      k += 3;
    } else if (p.compare(k, 2, "**") == 0) {
      bool seen = false;
      for (std::size_t j = 0; j <= n; ++j) next[j] = seen = seen || reach[j];
      k += 2;
    } else if (p[k] == '*') {
      for (std::size_t j = 0; j <= n; ++j)
        next[j] = reach[j] || (j > 0 && next[j - 1] && s[j - 1] != '/');
      k += 1;
    } else {
      for (std::size_t j = 0; j < n; ++j) {
        if (reach[j] && (p[k] == '?' ? s[j] != '/' : s[j] == p[k])) next[j + 1] = 1;
      }
      k += 1;
    }
    reach.swap(next);
    if (std::find(reach.begin(), reach.end(), 1) == reach.end()) return false;
  }
  return reach[n] != 0;
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
