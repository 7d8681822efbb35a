// SPDX-License-Identifier: MIT
// Fuzzes glob matching (excludes in .aidecide.yaml) and .gitignore rules:
// the first line is a pattern, the rest .gitignore text and, on its last
// line, a path. Must end in time linear in pattern x path (libFuzzer's
// -timeout catches backtracking) and agree with the rules' own reading.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "aidecide/glob.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aidecide;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t first = text.find('\n');
  const std::string_view pattern = text.substr(0, first);
  const std::string_view rest = first == std::string_view::npos ? "" : text.substr(first + 1);
  const std::size_t last = rest.rfind('\n');
  const std::string_view path = last == std::string_view::npos ? rest : rest.substr(last + 1);
  (void)glob_match(pattern, path);
  // A pattern matches itself when it holds no wildcard.
  if (pattern.find_first_of("*?[\\") == std::string_view::npos && !glob_match(pattern, pattern))
    std::abort();
  const IgnoreRules rules = IgnoreRules::from_gitignore(rest);
  (void)rules.ignored(path, false);
  (void)rules.ignored(path, true);
  return 0;
}
