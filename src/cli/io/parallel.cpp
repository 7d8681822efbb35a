// SPDX-License-Identifier: MIT
#include "io/parallel.hpp"

#include <sched.h>

namespace aidecide::cli {

std::size_t available_cores() {
  // The affinity mask, not the machine: containers and `taskset` limit it.
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<std::size_t>(n);
  }
  return std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace aidecide::cli
