// SPDX-License-Identifier: MIT
// The progress line of long batches.
#include <catch2/catch.hpp>

#include <sstream>

#include "io/progress.hpp"

using namespace aidecide;

TEST_CASE("the progress line shows done, total, rate and time left", "[perf][progress]") {
  CHECK(cli::Progress::line(250, 1000, 2.0, "profiles") ==
        "[######..................] 250/1,000 profiles  125/s  6s left");
  CHECK(cli::Progress::line(1000, 1000, 4.0, "files") ==
        "[########################] 1,000/1,000 files  250/s  -- left");
  std::ostringstream err;
  {
    cli::Progress p(err, true, 3, "files", std::chrono::seconds(0));
    const auto t = cli::Progress::Clock::now() + std::chrono::seconds(1);
    p.tick(t);
    p.tick(t + std::chrono::seconds(1));
    p.tick(t + std::chrono::seconds(2));
  }
  CHECK(err.str().find("3/3 files") != std::string::npos);
  CHECK(err.str().ends_with("\r\x1b[K"));  // erased at the end
  std::ostringstream quiet;
  {
    cli::Progress p(quiet, false, 3, "files", std::chrono::seconds(0));
    p.tick();
  }
  CHECK(quiet.str().empty());
}
