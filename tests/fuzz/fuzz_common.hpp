// SPDX-License-Identifier: MIT
#pragma once
// Shared set-up for the fuzz targets: the built-in model, loaded once.

#include "aidecide/engine.hpp"

namespace aidecide::fuzz {

inline const ScoringModel& model() {
  static const ScoringModel m = embedded_model();
  return m;
}

}  // namespace aidecide::fuzz
