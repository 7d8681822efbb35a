// SPDX-License-Identifier: MIT
// Report file names in a folder (src/cli/io/unique_names.hpp).
#include <catch2/catch.hpp>

#include <chrono>

#include "io/unique_names.hpp"

using aidecide::cli::UniqueNames;

TEST_CASE("report names are unique, with the first free suffix", "[cli][names]") {
  UniqueNames names({"index"});
  CHECK(names.take("Index") == "index-2");
  CHECK(names.take("Support bot") == "support-bot");
  CHECK(names.take("support-bot-2") == "support-bot-2");
  CHECK(names.take("Support bot") == "support-bot-3");
  CHECK(names.take("SUPPORT BOT") == "support-bot-4");
  CHECK(names.take("../../etc/passwd") == "etc-passwd");
}

TEST_CASE("a batch where every profile has one name is named in linear time",
          "[cli][names][hardening]") {
  // 200,000 equal names: trying every suffix from 2 again for each would
  // take 2e10 look-ups (hours); remembering where each stem stopped, a
  // fraction of a second even under sanitizers.
  UniqueNames names({"index"});
  const auto start = std::chrono::steady_clock::now();
  std::string last;
  for (int i = 0; i < 200000; ++i) last = names.take("Same name");
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  CHECK(last == "same-name-200000");
  CHECK(took.count() < 10.0);
}
