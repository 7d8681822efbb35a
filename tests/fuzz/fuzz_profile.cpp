// SPDX-License-Identifier: MIT
// Fuzzes the profile loader and, for profiles that load, the whole engine.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aidecide;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const Profile p = load_profile(text, "fuzz.yaml", fuzz::model().questionnaire);
    EngineOptions options;
    options.samples = 20;
    (void)decide(fuzz::model(), p, options);
  } catch (const InputError&) {
  }
  return 0;
}
