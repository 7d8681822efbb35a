// SPDX-License-Identifier: MIT
// Holds parse_yaml's common-shape reader to yaml-cpp: whatever it accepts,
// yaml-cpp must accept too and build the same tree, positions included.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "../yaml_difference.hpp"
#include "aidecide/text.hpp"
#include "yaml/yaml_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aidecide;
  const std::string_view text = strip_bom({reinterpret_cast<const char*>(data), size});
  if (find_invalid_text(text)) return 0;  // parse_yaml refuses it before either reader
  const YamlLimits limits;
  const std::optional<YamlNode> common = parse_common_yaml(text, limits);
  if (!common) return 0;
  std::string difference;
  try {
    difference = test::yaml_difference(*common, parse_yaml_events(text, "fuzz.yaml", limits));
  } catch (const InputError& e) {
    difference = std::string("yaml-cpp refused it: ") + e.what();
  }
  if (!difference.empty()) {
    std::fprintf(stderr, "the common reader differs from yaml-cpp: %s\n", difference.c_str());
    std::abort();
  }
  return 0;
}
