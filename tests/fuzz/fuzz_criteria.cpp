// SPDX-License-Identifier: MIT
// Fuzzes the criteria loader (and the cost-model wiring of what loads).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "aidecide/cost.hpp"
#include "aidecide/questionnaire.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aidecide;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const Questionnaire q = load_questionnaire(text, "fuzz.yaml");
    (void)CostInputs::resolve(q);
    (void)load_pricing(embedded_pricing_text(), "pricing", q);
  } catch (const InputError&) {
  }
  return 0;
}
