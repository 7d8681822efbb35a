// SPDX-License-Identifier: MIT
// Glob patterns and .gitignore rules (src/core/util/glob.cpp).
#include <catch2/catch.hpp>

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

namespace {}  // namespace

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
