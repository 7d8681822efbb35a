// SPDX-License-Identifier: MIT
#pragma once
// Reading inputs: files, directories and standard input, with size limits.

#include <cstddef>
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

// Files stay as given; directories expand to their *.yaml and *.yml files,
// recursively and sorted by path; "-" is standard input. Links to
// directories are not followed.
ExpandedInputs expand_inputs(const std::vector<std::string>& args);

// Reads a whole file; throws InputError ("path: cannot read: reason") for a
// missing file, a directory, or a file above `max_bytes`.
std::string read_input(const InputFile& file, std::istream& stdin_stream,
                       std::size_t max_bytes = kMaxInputBytes);
std::string read_text_file(const std::string& path, std::size_t max_bytes = kMaxInputBytes);

// Writes `content` to `path` through a temporary file in the same directory
// and a rename, so readers see the old file or the new one, never half of
// it. Throws IoError ("cannot write PATH: reason") and leaves no temporary.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace aidecide
