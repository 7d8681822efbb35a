// SPDX-License-Identifier: MIT
#include <iostream>

#include "io/terminal.hpp"
#include "run.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return aidecide::cli::run(argc, argv, std::cin, std::cout, std::cerr,
                            aidecide::cli::detect_environment());
}
