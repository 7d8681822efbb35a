// SPDX-License-Identifier: MIT
#include <iostream>

#include "io/terminal.hpp"
#include "run.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const int code = aidecide::cli::run(argc, argv, std::cin, std::cout, std::cerr,
                                      aidecide::cli::detect_environment());
  // A write to standard output that failed (a full disk, /dev/full) leaves
  // an incomplete result: never exit 0 on it. A closed pipe (`| head`) ends
  // the process quietly by SIGPIPE before this, as for other Unix tools.
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "aidecide: error: cannot write standard output; the output is incomplete\n";
    return 2;
  }
  return code;
}
