// SPDX-License-Identifier: MIT
#pragma once
// A progress line on stderr for batches that take a while: files done, rate
// and time left, redrawn in place at most ten times a second, and erased at
// the end. Silent unless enabled (stderr is a terminal and not --quiet), and
// silent for batches that finish within `delay`.

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace aidecide::cli {

class Progress {
 public:
  using Clock = std::chrono::steady_clock;

  Progress(std::ostream& err, bool enabled, std::size_t total, std::string noun,
           Clock::duration delay = std::chrono::seconds(1));
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // One more item done; `now` is for tests.
  void tick(Clock::time_point now = Clock::now());
  // Erases the line, if one was drawn.
  void finish();

  // The line for `done` of `total` after `elapsed` seconds (without \r).
  static std::string line(std::size_t done, std::size_t total, double elapsed,
                          const std::string& noun);

 private:
  std::ostream& m_err;
  bool m_enabled;
  std::size_t m_total;
  std::string m_noun;
  Clock::duration m_delay;
  Clock::time_point m_start;
  Clock::time_point m_last_draw;
  std::size_t m_done = 0;
  bool m_drawn = false;
};

}  // namespace aidecide::cli
