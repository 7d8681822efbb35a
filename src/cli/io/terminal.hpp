// SPDX-License-Identifier: MIT
#pragma once
// What the front ends need to know about the process's surroundings,
// gathered once in main() and passed down (no hidden environment reads).

#include <string>

namespace aidecide::cli {

struct Environment {
  bool stdout_is_terminal = false;
  bool stdin_is_terminal = false;
  bool stderr_is_terminal = false;  // progress lines go there
  bool no_color = false;            // NO_COLOR set and non-empty
  bool dumb_terminal = false;       // TERM=dumb or unset
  bool accessible = false;          // ACCESSIBLE set and non-empty: line mode for screen readers
  bool ci = false;                  // CI set
  int width = 80;                   // TIOCGWINSZ, else $COLUMNS, else 80
  std::string today;                // YYYY-MM-DD, local date
  std::string github_step_summary;  // $GITHUB_STEP_SUMMARY
  std::string state_dir;            // $XDG_STATE_HOME/aidecide or ~/.local/state/aidecide
};

Environment detect_environment();

}  // namespace aidecide::cli
