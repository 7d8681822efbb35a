// SPDX-License-Identifier: MIT
// Fuzzes both price-list importers; whatever an import writes must load as
// a pricing overlay (an import never hands the user a file --pricing refuses).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "aidecide/price_import.hpp"
#include "fuzz_common.hpp"

namespace {

void must_load(const aidecide::PriceImport& r) {
  try {
    (void)aidecide::load_pricing_files({{"overlay.yaml", r.overlay}},
                                       aidecide::fuzz::model().questionnaire);
  } catch (const aidecide::InputError&) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aidecide;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  PriceImportOptions options;
  options.source = "prices";
  options.as_of = "2026-11-30";
  try {
    must_load(import_litellm(text, options));
  } catch (const InputError&) {
  }
  try {
    must_load(import_skypilot(text, options, fuzz::model().pricing));
  } catch (const InputError&) {
  }
  return 0;
}
