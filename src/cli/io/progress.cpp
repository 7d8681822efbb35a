// SPDX-License-Identifier: MIT
#include "io/progress.hpp"

#include <fmt/format.h>

#include <cmath>

#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"

namespace aidecide::cli {

Progress::Progress(std::ostream& err, bool enabled, std::size_t total, std::string noun,
                   Clock::duration delay)
    : m_err(err),
      m_enabled(enabled && total > 1),
      m_total(total),
      m_noun(std::move(noun)),
      m_delay(delay),
      m_start(Clock::now()) {}

Progress::~Progress() {
  finish();
}

std::string Progress::line(std::size_t done, std::size_t total, double elapsed,
                           const std::string& noun) {
  constexpr int kBar = 24;
  const double share = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1;
  const int filled = static_cast<int>(share * kBar);
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  std::string left = "--";
  if (rate > 0 && done < total) {
    const auto seconds =
        static_cast<long long>(std::ceil(static_cast<double>(total - done) / rate));
    left = seconds >= 60 ? fmt::format("{}m{:02}s", seconds / 60, seconds % 60)
                         : fmt::format("{}s", seconds);
  }
  return fmt::format("[{}{}] {}/{} {}  {}/s  {} left", std::string(filled, '#'),
                     std::string(kBar - filled, '.'), format_number(static_cast<double>(done)),
                     format_number(static_cast<double>(total)), noun,
                     format_number(std::round(rate)), left);
}

void Progress::tick(Clock::time_point now) {
  ++m_done;
  if (!m_enabled || now - m_start < m_delay) return;
  if (m_drawn && now - m_last_draw < std::chrono::milliseconds(100) && m_done < m_total) return;
  const std::chrono::duration<double> elapsed = now - m_start;
  // \r and erase-line: the line is redrawn in place, never scrolls.
  m_err << "\r\x1b[K" << line(m_done, m_total, elapsed.count(), m_noun) << std::flush;
  m_drawn = true;
  m_last_draw = now;
}

void Progress::finish() {
  if (!m_drawn) return;
  m_err << "\r\x1b[K" << std::flush;
  m_drawn = false;
}

}  // namespace aidecide::cli
