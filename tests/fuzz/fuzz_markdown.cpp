// SPDX-License-Identifier: MIT
// Fuzzes the Markdown record extractor and the check rules.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "aidecide/check.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aidecide;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckOptions options;
  options.today = "2026-11-23";
  options.engine.samples = 10;
  options.engine.flip_points = false;
  try {
    (void)check_markdown(fuzz::model(), text, "fuzz.md", options);
  } catch (const InputError&) {
  }
  return 0;
}
