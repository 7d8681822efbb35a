// SPDX-License-Identifier: MIT
// Fuzzes the typed-answer parser of `aidecide ask` against every criterion.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "aidecide/human_input.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aidecide;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const Criterion& c : fuzz::model().questionnaire.criteria) {
    if (c.answerable()) (void)parse_human_answer(text, c);
  }
  return 0;
}
