// SPDX-License-Identifier: MIT
// Build helper: parses a YAML file with the strict tree parser and writes its
// binary form (yaml_tree_blob.cpp) for embedding. A file that does not parse
// fails the build with its position.
#include <fstream>
#include <iostream>
#include <sstream>

#include "yaml/yaml_tree.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: yaml_tree_tool IN.yaml OUT.bin\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    const aidecide::YamlNode root = aidecide::parse_yaml(text.str(), argv[1]);
    std::ofstream out(argv[2], std::ios::binary);
    out << aidecide::serialize_yaml_tree(root);
    return out ? 0 : 2;
  } catch (const aidecide::InputError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.to_string() << '\n';
    return 2;
  }
}
