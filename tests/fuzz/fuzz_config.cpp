// SPDX-License-Identifier: MIT
// Fuzzes what `check` reads to find its inputs in a repository it does not
// trust: the input, split at lines "%%", becomes .aidecide.yaml,
// .adr-dir, .log4brains.yml and .gitignore of a scratch repository (made
// once, in a temporary folder), which is then configured and searched the
// way `check` does. Nothing may be read outside it: a search that returns a
// file must return one inside the scratch repository.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "aidecide/config.hpp"
#include "aidecide/diagnostic.hpp"
#include "commands/check_inputs.hpp"

namespace {
namespace fs = std::filesystem;

const fs::path& scratch() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("aidecide-fuzz-config-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d / ".git");
    fs::create_directories(d / "docs" / "adr");
    std::ofstream(d / "docs" / "adr" / "0001.md") << "# One\n";
    fs::create_directories(d.parent_path() / "aidecide-fuzz-outside");
    std::ofstream(d.parent_path() / "aidecide-fuzz-outside" / "0001.md") << "# Outside\n";
    fs::current_path(d);
    std::atexit([] {
      std::error_code ec;
      const fs::path tmp = fs::temp_directory_path(ec);
      fs::current_path(tmp, ec);
      fs::remove_all(tmp / ("aidecide-fuzz-config-" + std::to_string(::getpid())), ec);
      fs::remove_all(tmp / "aidecide-fuzz-outside", ec);
    });
    return fs::canonical(d);
  }();
  return dir;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aidecide;
  const fs::path& repo = scratch();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const char* names[] = {".aidecide.yaml", ".adr-dir", ".log4brains.yml", ".gitignore"};
  std::size_t at = 0;
  for (const char* name : names) {
    const std::size_t end = std::min(text.find("\n%%\n", at), text.size());
    std::ofstream(repo / name, std::ios::binary | std::ios::trunc)
        << text.substr(std::min(at, text.size()), end - std::min(at, text.size()));
    at = end + 4;
  }
  Config config;
  try {
    const std::string found = find_config(".");
    if (!found.empty()) {
      std::ifstream in(found, std::ios::binary);
      const std::string body((std::istreambuf_iterator<char>(in)), {});
      config = load_config(body, found, ".");
    }
  } catch (const InputError&) {
    return 0;
  }
  const cli::CheckInputs inputs = cli::find_check_inputs({}, config);
  for (const std::string& f : inputs.files) {
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(fs::absolute(f), ec);
    const fs::path rel = real.lexically_relative(repo);
    if (rel.empty() || *rel.begin() == "..") std::abort();  // left the repository
  }
  return 0;
}
