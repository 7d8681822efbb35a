// SPDX-License-Identifier: MIT
#include "ask/rich_terminal.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

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
                           std::unique_ptr<KeySource> keys)
    : m_out(out), m_interrupted(interrupted), m_keys(std::move(keys)), m_owns_terminal(false) {}

RichTerminal::RichTerminal(std::ostream& out, const volatile std::sig_atomic_t* interrupted)
    : m_out(out), m_interrupted(interrupted), m_keys(std::make_unique<TerminalKeys>()) {
  if (tcgetattr(STDIN_FILENO, &g_saved) != 0) throw std::runtime_error("not a terminal");
  struct sigaction resize {};
  resize.sa_handler = on_resize;  // no SA_RESTART: a blocked read returns and redraws
  sigemptyset(&resize.sa_mask);
  sigaction(SIGWINCH, &resize, nullptr);
  for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGTERM, SIGHUP}) std::signal(sig, on_crash);
  struct sigaction suspend {};
  suspend.sa_handler = on_suspend;  // no SA_RESTART: the read returns and the list redraws
  sigemptyset(&suspend.sa_mask);
  sigaction(SIGTSTP, &suspend, nullptr);
  set_raw(true);
}

RichTerminal::~RichTerminal() {
  if (!m_owns_terminal) return;
  restore_now();
  std::signal(SIGWINCH, SIG_DFL);
  std::signal(SIGTSTP, SIG_DFL);
  for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGTERM, SIGHUP}) std::signal(sig, SIG_DFL);
}

int RichTerminal::width() const {
  if (!m_owns_terminal) return 80;
  struct winsize ws {};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

RichTerminal::Key RichTerminal::read_key(char& ch) {
  int byte = 0;
  for (;;) {
    if (m_interrupted && *m_interrupted) return Key::interrupted;
    if (g_resized) return Key::none;
    byte = m_keys->next();
    if (byte == KeySource::kEnd) return Key::end;
    if (byte != KeySource::kInterrupted) break;
  }
  ch = static_cast<char>(byte);
  if (ch == '\r' || ch == '\n') return Key::enter;
  if (ch == 4) return Key::end;  // Ctrl-D
  if (ch != '\x1b') return Key::other;
  // Escape sequences: ESC [ A (up) / ESC [ B (down), also ESC O A/B.
  // A signal between the bytes of a sequence must not split it.
  const auto follow = [&] {
    int b = KeySource::kInterrupted;
    for (int tries = 0; b == KeySource::kInterrupted && tries < 8; ++tries) b = m_keys->next();
    return b;
  };
  const int first = follow();
  const int second = first < 0 ? first : follow();
  if ((first == '[' || first == 'O') && second == 'A') return Key::up;
  if ((first == '[' || first == 'O') && second == 'B') return Key::down;
  return Key::other;
}

void RichTerminal::draw(const std::vector<std::string>& labels, std::size_t current, bool redraw) {
  // Back to the first line of the list, then every line cleared and written
  // again: the list updates in place and nothing scrolls.
  if (redraw && m_drawn > 0) m_out << fmt::format("\r\x1b[{}A", m_drawn);
  const auto room = static_cast<std::size_t>(std::max(20, width() - 8));
  for (std::size_t i = 0; i < labels.size(); ++i) {
    std::string label = labels[i];
    if (label.size() > room) label = label.substr(0, room - 1) + "~";
    m_out << "\r\x1b[2K"
          << (i == current ? fmt::format("  \x1b[7m> {}) {}\x1b[0m", i + 1, label)
                           : fmt::format("    {}) {}", i + 1, label))
          << '\n';
  }
  m_drawn = labels.size();
  m_out << std::flush;
}

std::optional<std::string> RichTerminal::choose(const std::vector<std::string>& labels,
                                                std::size_t initial, const std::string& commands) {
  if (m_owns_terminal) set_raw(true);
  std::size_t current = initial < labels.size() ? initial : 0;
  m_drawn = 0;
  m_out << "\x1b[?25l";  // hide the cursor while the highlight is the cursor
  draw(labels, current, false);
  const auto done = [&](std::optional<std::string> result) {
    m_out << "\x1b[?25h" << std::flush;
    return result;
  };
  for (;;) {
    char ch = 0;
    const Key key = read_key(ch);
    if (g_resized) {
      g_resized = 0;
      // After a resize the list is redrawn where it is; after Ctrl-Z and fg
      // the shell has written below it, so it is drawn again from here.
      const bool in_place = g_resumed == 0;
      g_resumed = 0;
      draw(labels, current, in_place);
      if (key == Key::none) continue;  // a key read meanwhile still counts
    }
    switch (key) {
      case Key::interrupted:
      case Key::end:
        return done(std::nullopt);
      case Key::up:
        current = current == 0 ? labels.size() - 1 : current - 1;
        draw(labels, current, true);
        break;
      case Key::down:
        current = (current + 1) % labels.size();
        draw(labels, current, true);
        break;
      case Key::enter:
        return done(std::to_string(current + 1));
      case Key::other:
        if (ch >= '1' && ch <= '9' && static_cast<std::size_t>(ch - '0') <= labels.size())
          return done(std::string(1, ch));
        if (ch == 'k') {
          current = current == 0 ? labels.size() - 1 : current - 1;
          draw(labels, current, true);
        } else if (ch == 'j') {
          current = (current + 1) % labels.size();
          draw(labels, current, true);
        } else if (commands.find(ch) != std::string::npos) {
          return done(std::string(1, ch));
        }
        break;
      case Key::none:
        break;
    }
  }
}

std::optional<std::string> RichTerminal::read_line(std::size_t max_bytes) {
  if (m_owns_terminal) set_raw(false);
  std::string line;
  for (;;) {
    if (m_interrupted && *m_interrupted) return std::nullopt;
    const int byte = m_keys->next();
    if (byte == KeySource::kEnd) return line.empty() ? std::nullopt : std::optional(line);
    if (byte == KeySource::kInterrupted) {
      g_resized = 0;  // the terminal redraws a cooked line itself
      continue;
    }
    if (byte == '\n') return line;
    if (line.size() < max_bytes) line += static_cast<char>(byte);
  }
}

}  // namespace aidecide::cli
