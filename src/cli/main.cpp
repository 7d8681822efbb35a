// SPDX-License-Identifier: MIT
#include <iostream>

#include "run.hpp"
#include "io/terminal.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return aidecide::cli::run(argc, argv, std::cin, std::cout, std::cerr,
                            aidecide::cli::detect_environment());
}
