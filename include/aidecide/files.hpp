// SPDX-License-Identifier: MIT
#pragma once
// Reading inputs: files, directories and standard input, with size limits.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/diagnostic.hpp"

namespace aidecide {

inline constexpr std::size_t kMaxInputBytes = 1024 * 1024;

struct InputFile {
  std::string name;  // as shown in messages: the path as given, or "<stdin>"
  bool is_stdin = false;
  // A path that does not exist or cannot be listed. A pointer, not an
  // optional: a batch holds one InputFile per file, so it must stay small.
  std::shared_ptr<const Diagnostic> error;
};

// In argument order, each directory's files sorted by path.
using ExpandedInputs = std::vector<InputFile>;

// What a walk of a folder found: the files it wanted, sorted by path, and
// every entry left out that may have been meant as an input, with why (a
// symbolic link, which a walk never follows; a named pipe, device or socket;
// a folder that could not be listed). Callers report each as an error.
struct FolderWalk {
  std::vector<std::string> files;
  std::vector<Diagnostic> skipped;
};
struct WalkRules {
  // A regular file (or a link or special file) by this name is an input.
  std::function<bool(const std::filesystem::path&)> wanted;
  // A folder not to enter, without a word (.git, an excluded path).
  std::function<bool(const std::filesystem::path&)> pruned = [](const std::filesystem::path&) {
    return false;
  };
};
// Walks `dir` (paths in the results start with it, as given) folder by
// folder, in linear time in the entries; never follows a link.
FolderWalk walk_folder(const std::string& dir, const WalkRules& rules);

// Files stay as given; directories expand to their *.yaml and *.yml files,
// recursively and sorted by path; "-" is standard input. Links and special
// files inside a directory are not read: each is an InputFile with an error.
ExpandedInputs expand_inputs(const std::vector<std::string>& args);

// Reads a whole file; throws InputError ("path: cannot read: reason") for a
// missing file, a directory, or a file above `max_bytes`.
std::string read_input(const InputFile& file, std::istream& stdin_stream,
                       std::size_t max_bytes = kMaxInputBytes);
std::string read_text_file(const std::string& path, std::size_t max_bytes = kMaxInputBytes);
// A settings file the repository under review holds (.adr-dir,
// .log4brains.yml, .gitignore, a .aidecide.yaml found by looking): read only
// when it is a plain file reached without a symbolic link; a named pipe does
// not block. Throws InputError ("path: not read: why") otherwise.
std::string read_settings_file(const std::string& path, std::size_t max_bytes = kMaxInputBytes);

// Writes `content` to `path` through a temporary file in the same directory
// and a rename, so readers see the old file or the new one, never half of
// it. Throws IoError ("cannot write PATH: reason") and leaves no temporary.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace aidecide
