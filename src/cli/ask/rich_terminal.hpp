// SPDX-License-Identifier: MIT
#pragma once
// The rich renderer's terminal: raw keys from standard input (arrow keys,
// digits, Enter), answer lists redrawn in place (never the alternate
// screen), redraws after a resize, and the terminal always restored: by the
// destructor, and by handlers for Ctrl-C and for crashes.

#include <csignal>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace aidecide::cli {

// Where key bytes come from: the terminal, or a test's string.
class KeySource {
 public:
  static constexpr int kEnd = -1;          // end of input
  static constexpr int kInterrupted = -2;  // a signal arrived (Ctrl-C, resize)
  virtual ~KeySource() = default;
  virtual int next() = 0;
};

class RichTerminal {
 public:
  // Puts standard input in raw mode (no echo, no line buffering; Ctrl-C
  // still interrupts). Throws std::runtime_error if it is not a terminal.
  explicit RichTerminal(std::ostream& out, const volatile std::sig_atomic_t* interrupted);
  // For tests: keys from `keys`, the terminal left alone, 80 columns.
  RichTerminal(std::ostream& out, const volatile std::sig_atomic_t* interrupted,
               std::unique_ptr<KeySource> keys);
  ~RichTerminal();
  RichTerminal(const RichTerminal&) = delete;
  RichTerminal& operator=(const RichTerminal&) = delete;

  // A list of `labels` with a movable highlight starting at `initial`.
  // Returns the 1-based number chosen ("3"), or the key typed for one of
  // `commands` ("?", "<", "r", "q"); nothing on Ctrl-C or end of input.
  std::optional<std::string> choose(const std::vector<std::string>& labels, std::size_t initial,
                                    const std::string& commands);

  // One line with the terminal's own editing (cooked mode, echo on).
  // A cooked line; bytes past `max_bytes` are read and dropped.
  std::optional<std::string> read_line(std::size_t max_bytes);

  // Current width in columns.
  int width() const;

 private:
  enum class Key { none, up, down, enter, other, end, interrupted };
  Key read_key(char& ch);
  void draw(const std::vector<std::string>& labels, std::size_t current, bool redraw);

  std::ostream& m_out;
  const volatile std::sig_atomic_t* m_interrupted;
  std::unique_ptr<KeySource> m_keys;
  bool m_owns_terminal = true;
  std::size_t m_drawn = 0;  // lines of the list on screen
};

}  // namespace aidecide::cli
