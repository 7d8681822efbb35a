// SPDX-License-Identifier: MIT
// Glob patterns and .gitignore rules (src/core/util/glob.cpp).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "aidecide/config.hpp"
#include "aidecide/glob.hpp"
#include "helpers.hpp"
#include "run.hpp"

using namespace aidecide;
using namespace aidecide::test;
namespace fs = std::filesystem;

namespace {
// The definition, by backtracking (exponential on many stars; fine for
// short patterns): what glob_match() must agree with.
bool reference(std::string_view p, std::string_view s) {
  if (p.empty()) return s.empty();
  if (p.starts_with("**")) {
    const std::string_view rest = p.substr(2);
    if (rest.starts_with("/") && reference(rest.substr(1), s)) return true;
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (reference(rest, s.substr(i))) return true;
    }
    return false;
  }
  if (p[0] == '*') {
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (reference(p.substr(1), s.substr(i))) return true;
      if (i < s.size() && s[i] == '/') break;
    }
    return false;
  }
  if (s.empty()) return false;
  if (p[0] == '?' ? s[0] == '/' : p[0] != s[0]) return false;
  return reference(p.substr(1), s.substr(1));
}
}  // namespace

TEST_CASE("glob patterns", "[glob]") {
  CHECK(glob_match("*.md", "a.md"));
  CHECK_FALSE(glob_match("*.md", "dir/a.md"));
  CHECK(glob_match("**/*.md", "dir/sub/a.md"));
  CHECK(glob_match("**/*.md", "a.md"));
  CHECK(glob_match("docs/**", "docs/a/b.md"));
  CHECK(glob_match("docs/*/x?.md", "docs/adr/x1.md"));
  CHECK_FALSE(glob_match("docs/*/x?.md", "docs/adr/sub/x1.md"));
  CHECK(glob_match("**/x*/y", "a/x1/b/x2/y"));
}

TEST_CASE("gitignore rules", "[glob]") {
  const IgnoreRules rules = IgnoreRules::from_gitignore(
      "# comment\n\nbuild/\n/drafts\n*.tmp.md\n!keep.md\ndocs/old/*.md\n");
  CHECK(rules.ignored("build", true));
  CHECK_FALSE(rules.ignored("build", false));
  CHECK(rules.ignored("drafts", true));
  CHECK_FALSE(rules.ignored("docs/drafts", true));
  CHECK(rules.ignored("docs/adr/x.tmp.md", false));
  CHECK(rules.ignored("docs/old/1.md", false));
  CHECK_FALSE(rules.ignored("keep.md", false));
}

TEST_CASE("glob matching agrees with the definition and stays linear in stars",
          "[glob][hardening]") {
  // Every pattern of up to 5 symbols from {a, /, ?, *, **} against every path
  // of up to 5 symbols from {a, b, /}: the same answer as backtracking.
  const std::vector<std::string> pattern_parts{"a", "/", "?", "*", "**"};
  const std::vector<std::string> path_parts{"a", "b", "/"};
  std::vector<std::string> patterns{""}, paths{""};
  for (int len = 0; len < 4; ++len) {
    const std::size_t count = patterns.size();
    for (std::size_t i = 0; i < count; ++i) {
      for (const auto& part : pattern_parts) patterns.push_back(patterns[i] + part);
    }
  }
  for (int len = 0; len < 5; ++len) {
    const std::size_t count = paths.size();
    for (std::size_t i = 0; i < count; ++i) {
      for (const auto& part : path_parts) paths.push_back(paths[i] + part);
    }
  }
  std::size_t disagreements = 0;
  for (const auto& pattern : patterns) {
    for (const auto& path : paths) {
      if (glob_match(pattern, path) != reference(pattern, path)) {
        if (++disagreements < 5) WARN(pattern << " vs " << path);
      }
    }
  }
  CHECK(disagreements == 0);
  // A 14-byte line with seven stars against a long name, which took minutes
  // by backtracking: well under a second.
  const std::string name(4000, 'a');
  const auto started = std::chrono::steady_clock::now();
  CHECK_FALSE(glob_match("a*a*a*a*a*a*a*b", name));
  CHECK_FALSE(glob_match("**a**a**a**a**a**a**b", name + "/" + name));
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  CHECK(took.count() < 1.0);
}
