// SPDX-License-Identifier: MIT
#pragma once
// The rich renderer's terminal: raw keys from standard input, one panel per
// question (paragraphs wrapped at the terminal width, a list that scrolls
// to keep its highlighted row in view, or an input line, an inline message
// and a key line) redrawn in place on every key (never the alternate
// screen), answered questions collapsed into history lines above it, a full
// repaint after a resize, and the terminal always restored: by the
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
  // Whether a byte arrives within `wait_ms` (how a lone Escape is told from
  // the start of a sequence); a string of keys is always ready.
  virtual bool ready(int wait_ms) {
    (void)wait_ms;
    return true;
  }
};

// How long after Escape the rest of a key's sequence may take to arrive.
inline constexpr int kEscapeWaitMs = 30;

// One paragraph of a panel, wrapped at the width: `indent` before the first
// line, `hang` before the others. A paragraph with a `drop` above 0 may be
// left out when the window is too short, the highest first.
struct Paragraph {
  enum class Style { plain, bold, dim, alert };
  std::string text;
  std::size_t indent = 0;
  std::size_t hang = 0;
  Style style = Style::plain;
  int drop = 0;
};

// What a question shows around its list or input line.
struct Panel {
  std::vector<Paragraph> header;  // progress, the question, why, the leaning
  std::string message;            // a bad answer's error, under the list or input
  std::vector<Paragraph> footer;  // the keys
};

class RichTerminal {
 public:
  // Puts standard input in raw mode (no echo, no line buffering; Ctrl-C
  // still interrupts). Throws std::runtime_error if it is not a terminal.
  explicit RichTerminal(std::ostream& out, const volatile std::sig_atomic_t* interrupted);
  // For tests: keys from `keys`, the terminal left alone, `width` x `height`.
  RichTerminal(std::ostream& out, const volatile std::sig_atomic_t* interrupted,
               std::unique_ptr<KeySource> keys, int width = 80, int height = 24);
  ~RichTerminal();
  RichTerminal(const RichTerminal&) = delete;
  RichTerminal& operator=(const RichTerminal&) = delete;

  // A list of `labels` under `panel` with a movable highlight starting at
  // `initial`. Returns the 1-based number chosen ("3"), or the key typed
  // for one of `commands` ("?", "<", "r", "q"); nothing on Ctrl-C or end of
  // input. In a list of more than six, `/` starts a filter (typed text
  // keeps the entries that contain it; Esc clears it).
  std::optional<std::string> choose(const Panel& panel, const std::vector<std::string>& labels,
                                    std::size_t initial, const std::string& commands);
  std::optional<std::string> choose(const std::vector<std::string>& labels, std::size_t initial,
                                    const std::string& commands) {
    return choose(Panel{}, labels, initial, commands);
  }

  // An input line under `panel`, edited here (Backspace, Ctrl-U; at most
  // `max_bytes`, the rest dropped). A key of `commands` typed on an empty
  // line returns at once; nothing on Ctrl-C or end of input.
  // `initial` is the text to start from (a refused answer, to correct).
  std::optional<std::string> edit(const Panel& panel, const std::string& commands,
                                  std::size_t max_bytes, const std::string& initial = "");

  // Replaces the panel by lines that stay (an answered question, collapsed),
  // wrapped at the width; a repaint after a resize shows them again.
  void commit(const std::vector<Paragraph>& lines);

  int width() const;
  int height() const;
  // Colour for the panel's styles (off with NO_COLOR); the highlight is
  // reverse video, not a colour, and stays.
  void set_color(bool on) { m_color = on; }
  // How many panels were drawn (tests, the benchmark).
  std::size_t redraws() const { return m_redraws; }
  // Tests: the window becomes `width` x `height`, as after SIGWINCH.
  void resize_for_test(int width, int height);

 private:
  enum class Key { none, up, down, enter, backspace, escape, other, end, interrupted };
  Key read_key(char& ch);
  // The panel's lines at the current size, with the list or input between
  // header and footer; `focus` gets the row of the input line (or the last).
  struct Frame {
    std::vector<std::string> lines;
    std::size_t focus = 0;
    std::size_t column = 0;
    bool cursor = false;
  };
  // The panel's header and footer wrapped at the current size, paragraphs
  // dropped (the highest `drop` first) until `body` rows are left.
  struct FittedPanel {
    std::vector<std::string> header, footer;
    std::size_t rows = 0;  // the rows a panel may use
  };
  FittedPanel fit(const Panel& panel, const std::vector<Paragraph>& extra, std::size_t body) const;
  void show(const Frame& frame);
  void repaint_if_resized();
  std::vector<std::string> wrap(const Paragraph& p) const;

  std::ostream& m_out;
  const volatile std::sig_atomic_t* m_interrupted;
  std::unique_ptr<KeySource> m_keys;
  bool m_owns_terminal = true;
  int m_test_width = 80;
  int m_test_height = 24;
  std::size_t m_cursor_row = 0;  // where the cursor is, counted from the panel's first line
  bool m_drawn = false;          // a panel is on screen
  Frame m_last;                  // what is on screen, for a repaint
  std::vector<Paragraph> m_history;
  std::size_t m_redraws = 0;
  bool m_color = true;
  int m_pushed_back = KeySource::kInterrupted;  // a byte read after Escape, not yet handled
};

}  // namespace aidecide::cli
