// SPDX-License-Identifier: MIT
#include "io/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <string_view>

namespace aidecide::cli {

Environment detect_environment() {
  Environment env;
  env.stdout_is_terminal = isatty(STDOUT_FILENO) == 1;
  env.stdin_is_terminal = isatty(STDIN_FILENO) == 1;
  env.stderr_is_terminal = isatty(STDERR_FILENO) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  env.no_color = no_color != nullptr && *no_color != '\0';
  const char* term = std::getenv("TERM");
  env.dumb_terminal = term == nullptr || std::string_view(term) == "dumb";
  env.ci = std::getenv("CI") != nullptr;
  if (const char* accessible = std::getenv("ACCESSIBLE")) env.accessible = *accessible != 0;
  winsize ws{};
  if (env.stdout_is_terminal && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    env.width = ws.ws_col;
  } else if (const char* columns = std::getenv("COLUMNS")) {
    const int c = std::atoi(columns);
    if (c > 0) env.width = c;
  }
  if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY")) env.github_step_summary = summary;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) {
    env.state_dir = std::string(state) + "/aidecide";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    env.state_dir = std::string(home) + "/.local/state/aidecide";
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &local);
  env.today = buffer;
  return env;
}

}  // namespace aidecide::cli
