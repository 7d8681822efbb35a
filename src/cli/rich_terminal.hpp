// SPDX-License-Identifier: MIT
#pragma once
// The rich renderer's terminal: raw keys from standard input (arrow keys,
// digits, Enter), answer lists redrawn in place (never the alternate
// screen), redraws after a resize, and the terminal always restored: by the
// destructor, and by handlers for Ctrl-C and for crashes.

#include <csignal>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace aidecide::cli {

class RichTerminal {
 public:
  // Puts standard input in raw mode (no echo, no line buffering; Ctrl-C
  // still interrupts). Throws std::runtime_error if it is not a terminal.
  explicit RichTerminal(std::ostream& out, const volatile std::sig_atomic_t* interrupted);
  ~RichTerminal();
  RichTerminal(const RichTerminal&) = delete;
  RichTerminal& operator=(const RichTerminal&) = delete;

  // A list of `labels` with a movable highlight starting at `initial`.
  // Returns the 1-based number chosen ("3"), or the key typed for one of
  // `commands` ("?", "<", "r", "q"); nothing on Ctrl-C or end of input.
  std::optional<std::string> choose(const std::vector<std::string>& labels, std::size_t initial,
                                    const std::string& commands);

  // One line with the terminal's own editing (cooked mode, echo on).
  std::optional<std::string> read_line();

  // Current width in columns.
  int width() const;

 private:
  enum class Key { none, up, down, enter, other, end, interrupted };
  Key read_key(char& ch);
  void draw(const std::vector<std::string>& labels, std::size_t current, bool redraw);

  std::ostream& m_out;
  const volatile std::sig_atomic_t* m_interrupted;
  std::size_t m_drawn = 0;  // lines of the list on screen
};

}  // namespace aidecide::cli
