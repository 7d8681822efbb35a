// SPDX-License-Identifier: MIT
#include "ask/rich_terminal.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

#include "aidecide/escape.hpp"
#include "aidecide/text.hpp"

namespace aidecide::cli {
namespace {

// The settings to restore, readable from signal handlers.
struct termios g_saved {};
volatile std::sig_atomic_t g_raw = 0;
volatile std::sig_atomic_t g_resized = 0;
volatile std::sig_atomic_t g_resumed = 0;  // back from Ctrl-Z: the screen moved on

void restore_now() {
  if (g_raw) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved);
    g_raw = 0;
  }
  // Show the cursor again whatever state the screen was left in.
  const char show[] = "\x1b[?25h";
  (void)!write(STDERR_FILENO, show, sizeof show - 1);
}

void on_resize(int) {
  g_resized = 1;
}

// A crash must not leave the user's shell without echo: restore, then let
// the default action (core dump) happen.
void on_crash(int sig) {
  restore_now();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void set_raw(bool raw) {
  struct termios t = g_saved;
  if (raw) {
    t.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
  }
  tcsetattr(STDIN_FILENO, TCSANOW, &t);
  g_raw = raw ? 1 : 0;
}

// Ctrl-Z: give the shell its terminal back while stopped, take it again on
// resume, and redraw (the screen may have changed meanwhile).
void on_suspend(int) {
  const bool was_raw = g_raw != 0;
  restore_now();
  std::signal(SIGTSTP, SIG_DFL);
  // The handler runs with SIGTSTP blocked: unblock it so the stop happens
  // now, here, and resumes here on SIGCONT.
  sigset_t tstp;
  sigemptyset(&tstp);
  sigaddset(&tstp, SIGTSTP);
  sigprocmask(SIG_UNBLOCK, &tstp, nullptr);
  std::raise(SIGTSTP);
  struct sigaction again {};
  again.sa_handler = on_suspend;
  sigemptyset(&again.sa_mask);
  sigaction(SIGTSTP, &again, nullptr);
  if (was_raw) set_raw(true);
  g_resumed = 1;
  g_resized = 1;
}

// Bytes from standard input; a signal interrupts the blocking read.
class TerminalKeys : public KeySource {
 public:
  bool ready(int wait_ms) override {
    struct pollfd p {
      STDIN_FILENO, POLLIN, 0
    };
    return poll(&p, 1, wait_ms) > 0;
  }
  int next() override {
    unsigned char ch = 0;
    const ssize_t n = read(STDIN_FILENO, &ch, 1);
    if (n == 1) return ch;
    if (n < 0 && errno == EINTR) return kInterrupted;
    return kEnd;
  }
};

}  // namespace

RichTerminal::RichTerminal(std::ostream& out, const volatile std::sig_atomic_t* interrupted,
                           std::unique_ptr<KeySource> keys, int width, int height)
    : m_out(out),
      m_interrupted(interrupted),
      m_keys(std::move(keys)),
      m_owns_terminal(false),
      m_test_width(width),
      m_test_height(height) {}

RichTerminal::RichTerminal(std::ostream& out, const volatile std::sig_atomic_t* interrupted)
    : m_out(out), m_interrupted(interrupted), m_keys(std::make_unique<TerminalKeys>()) {
  if (tcgetattr(STDIN_FILENO, &g_saved) != 0) throw std::runtime_error("not a terminal");
  struct sigaction resize {};
  resize.sa_handler = on_resize;  // no SA_RESTART: a blocked read returns and redraws
  sigemptyset(&resize.sa_mask);
  sigaction(SIGWINCH, &resize, nullptr);
  for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGTERM, SIGHUP}) std::signal(sig, on_crash);
  struct sigaction suspend {};
  suspend.sa_handler = on_suspend;  // no SA_RESTART: the read returns and the panel redraws
  sigemptyset(&suspend.sa_mask);
  sigaction(SIGTSTP, &suspend, nullptr);
  set_raw(true);
}

RichTerminal::~RichTerminal() {
  if (m_drawn) {  // a panel left on screen (Ctrl-C, end of input): erase it
    m_out << "\r" << (m_cursor_row > 0 ? fmt::format("\x1b[{}A", m_cursor_row) : "") << "\x1b[J"
          << "\x1b[?25h" << std::flush;
  }
  if (!m_owns_terminal) return;
  restore_now();
  std::signal(SIGWINCH, SIG_DFL);
  std::signal(SIGTSTP, SIG_DFL);
  for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGTERM, SIGHUP}) std::signal(sig, SIG_DFL);
}

int RichTerminal::width() const {
  if (!m_owns_terminal) return m_test_width;
  struct winsize ws {};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

void RichTerminal::resize_for_test(int width, int height) {
  m_test_width = width;
  m_test_height = height;
  g_resized = 1;
}

int RichTerminal::height() const {
  if (!m_owns_terminal) return m_test_height;
  struct winsize ws {};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) return ws.ws_row;
  return 24;
}

RichTerminal::Key RichTerminal::read_key(char& ch) {
  int byte = 0;
  for (;;) {
    if (m_interrupted && *m_interrupted) return Key::interrupted;
    if (g_resized) return Key::none;
    if (m_pushed_back != KeySource::kInterrupted) {
      byte = m_pushed_back;
      m_pushed_back = KeySource::kInterrupted;
    } else {
      byte = m_keys->next();
    }
    if (byte == KeySource::kEnd) return Key::end;
    if (byte != KeySource::kInterrupted) break;
  }
  ch = static_cast<char>(byte);
  if (ch == '\r' || ch == '\n') return Key::enter;
  if (ch == 4) return Key::end;  // Ctrl-D
  if (ch == 0x7f || ch == 8) return Key::backspace;
  if (ch != '\x1b') return Key::other;
  // Escape sequences: ESC [ A (up) / ESC [ B (down), also ESC O A/B; a lone
  // ESC (the next byte not a sequence's) is Escape. A signal between the
  // bytes of a sequence must not split it.
  const auto follow = [&] {
    int b = KeySource::kInterrupted;
    for (int tries = 0; b == KeySource::kInterrupted && tries < 8; ++tries) b = m_keys->next();
    return b;
  };
  // A lone Escape: nothing follows at once (a sequence arrives in one go).
  if (!m_keys->ready(kEscapeWaitMs)) return Key::escape;
  const int first = follow();
  if (first != '[' && first != 'O') {
    m_pushed_back = first;  // Escape, then an ordinary key: keep the key
    return Key::escape;
  }
  const int second = follow();
  if (second == 'A') return Key::up;
  if (second == 'B') return Key::down;
  // Other sequences (ESC [ 3 ~, ESC [ 1 ; 5 C): read to their final byte.
  for (int b = second, n = 0; b >= 0 && !(b >= 0x40 && b <= 0x7e) && n < 16; ++n) b = follow();
  return Key::none;
}

std::vector<std::string> RichTerminal::wrap(const Paragraph& p) const {
  // One column short of the width: a line never reaches the last column,
  // so no terminal wraps it and every line is one row.
  const auto room = static_cast<std::size_t>(std::max(10, width() - 1));
  std::vector<std::string> lines = wrap_words(p.text, room, p.indent, p.hang);
  const char* code = p.style == Paragraph::Style::bold    ? "1"
                     : p.style == Paragraph::Style::dim   ? "2"
                     : p.style == Paragraph::Style::alert ? "31"
                                                          : nullptr;
  if (code && m_color) {
    for (auto& line : lines) line = fmt::format("\x1b[{}m{}\x1b[0m", code, line);
  }
  return lines;
}

void RichTerminal::repaint_if_resized() {
  if (!g_resized) return;
  g_resized = 0;
  g_resumed = 0;
  // Lines drawn at the old width may have been reflowed by the terminal:
  // clear the window and draw the history that fits, then the panel (the
  // caller draws it next, from the top of what is left).
  std::vector<std::string> history;
  for (const Paragraph& p : m_history) {
    for (auto& line : wrap(p)) history.push_back(std::move(line));
  }
  const auto keep = static_cast<std::size_t>(std::max(0, height() / 2));
  const std::size_t from = history.size() > keep ? history.size() - keep : 0;
  m_out << "\x1b[H\x1b[2J";
  for (std::size_t i = from; i < history.size(); ++i) m_out << history[i] << "\r\n";
  m_drawn = false;
  m_cursor_row = 0;
}

void RichTerminal::show(const Frame& frame) {
  ++m_redraws;
  std::string s;
  if (m_drawn) {
    s += "\r";
    if (m_cursor_row > 0) s += fmt::format("\x1b[{}A", m_cursor_row);
  }
  s += "\x1b[J";
  for (std::size_t i = 0; i < frame.lines.size(); ++i) {
    if (i > 0) s += "\r\n";
    s += frame.lines[i];
  }
  std::size_t row = frame.lines.empty() ? 0 : frame.lines.size() - 1;
  if (frame.cursor) {
    if (row > frame.focus) s += fmt::format("\x1b[{}A", row - frame.focus);
    s += "\r";
    if (frame.column > 0) s += fmt::format("\x1b[{}C", frame.column);
    row = frame.focus;
    s += "\x1b[?25h";
  } else {
    s += "\x1b[?25l";
  }
  m_out << s << std::flush;
  m_cursor_row = row;
  m_drawn = true;
}

void RichTerminal::commit(const std::vector<Paragraph>& lines) {
  std::string s;
  if (m_drawn) {
    s += "\r";
    if (m_cursor_row > 0) s += fmt::format("\x1b[{}A", m_cursor_row);
    s += "\x1b[J";
  }
  for (const Paragraph& p : lines) {
    for (const auto& line : wrap(p)) s += line + "\r\n";
    m_history.push_back(p);
  }
  m_out << s << "\x1b[?25h" << std::flush;
  m_drawn = false;
  m_cursor_row = 0;
}

namespace {

// Backspace: the last UTF-8 code point, whole.
void pop_code_point(std::string& text) {
  while (!text.empty()) {
    const auto last = static_cast<unsigned char>(text.back());
    text.pop_back();
    if ((last & 0xC0) != 0x80) return;
  }
}

}  // namespace

RichTerminal::FittedPanel RichTerminal::fit(const Panel& panel, const std::vector<Paragraph>& extra,
                                            std::size_t body) const {
  std::vector<Paragraph> header = panel.header, footer = panel.footer;
  header.insert(header.end(), extra.begin(), extra.end());
  if (!panel.message.empty())
    footer.insert(footer.begin(), Paragraph{panel.message, 2, 4, Paragraph::Style::alert, 0});
  FittedPanel out;
  // Room: the window's height less one row (the cursor's line after it).
  out.rows = static_cast<std::size_t>(std::max(3, height() - 1));
  const auto lines_of = [&](const std::vector<Paragraph>& ps) {
    std::size_t n = 0;
    for (const auto& p : ps) n += wrap(p).size();
    return n;
  };
  for (int level = 9; level > 0; --level) {
    if (lines_of(header) + lines_of(footer) + body <= out.rows) break;
    std::erase_if(header, [&](const Paragraph& p) { return p.drop >= level; });
    std::erase_if(footer, [&](const Paragraph& p) { return p.drop >= level; });
  }
  for (const auto& p : header)
    for (auto& line : wrap(p)) out.header.push_back(std::move(line));
  for (const auto& p : footer)
    for (auto& line : wrap(p)) out.footer.push_back(std::move(line));
  return out;
}

std::optional<std::string> RichTerminal::choose(const Panel& panel,
                                                const std::vector<std::string>& labels,
                                                std::size_t initial, const std::string& commands) {
  if (m_owns_terminal) set_raw(true);
  if (labels.empty()) return std::nullopt;
  std::size_t current = initial < labels.size() ? initial : 0;
  std::size_t top = 0;  // first entry of the window
  const bool filterable = labels.size() > 6;
  bool filtering = false;
  std::string filter;
  const auto matches = [&] {
    std::vector<std::size_t> shown;
    const std::string f = ascii_lower(filter);
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (f.empty() || ascii_lower(labels[i]).find(f) != std::string::npos) shown.push_back(i);
    }
    return shown;
  };
  const auto build = [&] {
    const std::vector<std::size_t> shown = matches();
    Frame f;
    std::vector<Paragraph> extra;
    if (filtering)
      extra.push_back(
          Paragraph{fmt::format("/ {}  ({} of {})", filter, shown.size(), labels.size()), 2, 4,
                    Paragraph::Style::plain, 0});
    // Entries wrapped with a hanging indent under their text.
    std::vector<std::vector<std::string>> entries;
    const auto room = static_cast<std::size_t>(std::max(10, width() - 1));
    for (std::size_t i : shown) {
      // Numbers right-aligned, so the labels line up past 9.
      const std::string number =
          fmt::format("{:>{}}) ", i + 1, std::to_string(labels.size()).size());
      entries.push_back(wrap_words(number + labels[i], room, 4, 4 + number.size()));
      if (i == current) entries.back().front().replace(0, 3, "  >");
    }
    const std::size_t want = std::min<std::size_t>(entries.empty() ? 1 : entries.size(), 3);
    FittedPanel fitted = fit(panel, extra, want + 2);
    f.lines = std::move(fitted.header);
    const std::size_t fixed = f.lines.size() + fitted.footer.size();
    const std::size_t body = fitted.rows > fixed ? fitted.rows - fixed : 1;
    // The window: entries from `top` that fit, the current one always in
    // it; a line above and below says what is out of view.
    std::size_t at = 0;  // the current entry's place in `shown`
    for (std::size_t k = 0; k < shown.size(); ++k)
      if (shown[k] == current) at = k;
    const auto height_of = [&](std::size_t from, std::size_t to) {  // entries [from, to)
      std::size_t n = 0;
      for (std::size_t k = from; k < to; ++k) n += entries[k].size();
      return n;
    };
    if (entries.empty()) top = 0, at = 0;
    if (top > at) top = at;
    const auto fits = [&](std::size_t from, std::size_t to) {
      const std::size_t marks = (from > 0 ? 1 : 0) + (to < entries.size() ? 1 : 0);
      return height_of(from, to) + marks <= body;
    };
    while (!entries.empty() && top < at && !fits(top, at + 1)) ++top;
    std::size_t end = entries.empty() ? 0 : at + 1;
    while (end < entries.size() && fits(top, end + 1)) ++end;
    while (top > 0 && fits(top - 1, end)) --top;
    if (top > 0) f.lines.push_back(fmt::format("    \u2191 {} more", top));
    for (std::size_t k = top; k < end; ++k) {
      for (std::size_t l = 0; l < entries[k].size(); ++l) {
        const std::string& line = entries[k][l];
        // The highlight is reverse video on the current entry's lines only.
        f.lines.push_back(shown[k] == current ? "\x1b[7m" + line + "\x1b[0m" : line);
      }
    }
    if (end < entries.size())
      f.lines.push_back(fmt::format("    \u2193 {} more", entries.size() - end));
    if (shown.empty()) f.lines.emplace_back("    (nothing matches; Backspace or Esc)");
    for (auto& line : fitted.footer) f.lines.push_back(std::move(line));
    f.focus = f.lines.size() - 1;
    return f;
  };
  const auto move = [&](int step) {
    const std::vector<std::size_t> shown = matches();
    if (shown.empty()) return;
    std::size_t at = 0;
    for (std::size_t k = 0; k < shown.size(); ++k)
      if (shown[k] == current) at = k;
    at = (at + (step > 0 ? 1 : shown.size() - 1)) % shown.size();
    current = shown[at];
  };
  const auto refilter = [&] {
    const std::vector<std::size_t> shown = matches();
    if (!shown.empty() && std::find(shown.begin(), shown.end(), current) == shown.end())
      current = shown.front();
  };
  const auto done = [&](std::optional<std::string> result) {
    m_out << "\x1b[?25h" << std::flush;
    return result;
  };
  show(build());
  for (;;) {
    char ch = 0;
    const Key key = read_key(ch);
    if (g_resized) {
      repaint_if_resized();
      show(build());
      if (key == Key::none) continue;  // a key read meanwhile still counts
    }
    switch (key) {
      case Key::interrupted:
      case Key::end:
        return done(std::nullopt);
      case Key::up:
        move(-1);
        break;
      case Key::down:
        move(1);
        break;
      case Key::enter:
        if (matches().empty()) break;
        return done(std::to_string(current + 1));
      case Key::escape:
        filtering = false;
        filter.clear();
        break;
      case Key::backspace:
        if (filtering && !filter.empty()) {
          pop_code_point(filter);
          refilter();
        }
        break;
      case Key::other:
        if (filtering) {
          if (static_cast<unsigned char>(ch) >= 0x20 && filter.size() < 64) {
            filter += ch;
            refilter();
          }
          break;
        }
        if (ch == '/' && filterable) {
          filtering = true;
          break;
        }
        if (ch >= '1' && ch <= '9' && static_cast<std::size_t>(ch - '0') <= labels.size())
          return done(std::string(1, ch));
        if (ch == 'k') {
          move(-1);
        } else if (ch == 'j') {
          move(1);
        } else if (commands.find(ch) != std::string::npos) {
          return done(std::string(1, ch));
        }
        break;
      case Key::none:
        break;
    }
    show(build());
  }
}

std::optional<std::string> RichTerminal::edit(const Panel& panel, const std::string& commands,
                                              std::size_t max_bytes, const std::string& initial) {
  if (m_owns_terminal) set_raw(true);
  std::string line = initial.substr(0, std::min(initial.size(), max_bytes));
  const auto build = [&] {
    Frame f;
    FittedPanel fitted = fit(panel, {}, 1);
    f.lines = std::move(fitted.header);
    // The input line shows its end when it is longer than the width.
    const auto room = static_cast<std::size_t>(std::max(10, width() - 1)) - 4;
    std::string shown = escape_for_message(line);
    std::size_t cells = count_code_points(shown);
    while (cells > room - 1) {
      std::size_t cut = 1;
      while (cut < shown.size() && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) ++cut;
      shown.erase(0, cut);
      --cells;
    }
    f.focus = f.lines.size();
    f.column = 4 + cells;
    f.cursor = true;
    f.lines.push_back("  > " + shown);
    for (auto& l : fitted.footer) f.lines.push_back(std::move(l));
    return f;
  };
  show(build());
  for (;;) {
    char ch = 0;
    const Key key = read_key(ch);
    if (g_resized) {
      repaint_if_resized();
      show(build());
      if (key == Key::none) continue;
    }
    switch (key) {
      case Key::interrupted:
        return std::nullopt;
      case Key::end:  // Ctrl-D or the end of input: nothing (the line is not an answer)
        return std::nullopt;
      case Key::enter:
        return line;
      case Key::backspace:
        pop_code_point(line);
        break;
      case Key::other:
        if (line.empty() && commands.find(ch) != std::string::npos) return std::string(1, ch);
        if (ch == 0x15) {  // Ctrl-U
          line.clear();
        } else if (static_cast<unsigned char>(ch) >= 0x20 && line.size() < max_bytes) {
          line += ch;
        }
        break;
      case Key::up:
      case Key::down:
      case Key::escape:
      case Key::none:
        break;
    }
    show(build());
  }
}

}  // namespace aidecide::cli
