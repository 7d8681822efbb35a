// SPDX-License-Identifier: MIT
#include "aidecide/files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aidecide {
namespace fs = std::filesystem;

namespace {
bool is_yaml_name(const fs::path& p) {
  const auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

std::string too_large(std::size_t max_bytes) {
  return fmt::format("file is too large (the limit is {} bytes)", max_bytes);
}

// Reads at most max_bytes + 1 bytes, so a huge or endless input is refused
// without being held in memory.
std::string read_bounded(std::istream& in, const std::string& name, std::size_t max_bytes) {
  std::string text;
  char buffer[65536];
  while (in) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) throw InputError({{name, {}, too_large(max_bytes)}});
  }
  if (in.bad()) throw InputError({{name, {}, "cannot read: input/output error"}});
  return text;
}
}  // namespace

ExpandedInputs expand_inputs(const std::vector<std::string>& args) {
  ExpandedInputs out;
  const auto fail = [&](const std::string& name, std::string message) {
    out.push_back({name, false,
                   std::make_shared<const Diagnostic>(Diagnostic{name, {}, std::move(message)})});
  };
  for (const auto& arg : args) {
    if (arg == "-") {
      out.push_back({"<stdin>", true, nullptr});
      continue;
    }
    std::error_code ec;
    const auto status = fs::status(arg, ec);
    if (ec || !fs::exists(status)) {
      fail(arg, "cannot read: no such file or directory");
      continue;
    }
    if (!fs::is_directory(status)) {
      out.push_back({arg, false, nullptr});
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code type_ec;
      if (it->is_regular_file(type_ec) && is_yaml_name(it->path()))
        found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    if (ec) {
      fail(arg, fmt::format("cannot list directory: {}", ec.message()));
    } else if (found.empty()) {
      fail(arg, "directory holds no .yaml or .yml files");
    }
    out.reserve(out.size() + found.size());
    for (auto& f : found) out.push_back({std::move(f), false, nullptr});
  }
  return out;
}

std::string read_text_file(const std::string& path, std::size_t max_bytes) {
  // One open and one fstat on the descriptor: batches read thousands of
  // files, and every lookup by name walks the path again.
  const auto fail = [&](int error) {
    throw InputError({{path, {}, fmt::format("cannot read: {}", std::strerror(error))}});
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(errno);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail(errno);
  if (S_ISDIR(st.st_mode)) throw InputError({{path, {}, "cannot read: is a directory"}});
  const bool regular = S_ISREG(st.st_mode);
  const auto size = static_cast<std::size_t>(st.st_size);
  if (regular && size > max_bytes) throw InputError({{path, {}, too_large(max_bytes)}});
  // Reads at most max_bytes + 1 bytes, so an input that grows while it is
  // read, or a pipe that never ends, is refused without being held in memory.
  std::string text;
  text.resize(regular ? size + 1 : 65536);
  std::size_t used = 0;
  for (;;) {
    if (used == text.size()) text.resize(std::min(text.size() * 2, max_bytes + 1));
    const ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
    if (used > max_bytes) throw InputError({{path, {}, too_large(max_bytes)}});
    // A plain file that gave exactly the size fstat reported, short of the
    // extra byte asked for, is at its end: no read just to see 0.
    if (regular && used == size && used < text.size()) break;
  }
  text.resize(used);
  return text;
}

void write_file_atomically(const std::string& path, std::string_view content) {
  // Renaming over a device or a folder would replace it: refuse anything
  // that exists and is not a plain file.
  struct stat existing {};
  if (::lstat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
    throw IoError(fmt::format("cannot write {}: it exists and is not a regular file", path));
  }
  // The temporary file is made afresh under an unpredictable name beside the
  // target (mkstemp: O_CREAT | O_EXCL, so nothing planted there, a symlink
  // least of all, is opened or followed), then renamed over it.
  const std::filesystem::path target(path);
  const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
  std::string temporary = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    throw IoError(fmt::format("cannot write {}: {}", path, std::strerror(error)));
  }
  const auto fail = [&](const char* what) {
    const int error = errno;
    ::unlink(temporary.c_str());
    throw IoError(fmt::format("cannot write {}: {} ({})", path, std::strerror(error), what));
  };
  // mkstemp makes it 0600; a report or profile gets the usual 0666 less the umask.
  static const mode_t mode = [] {
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  if (::fchmod(fd, mode) != 0) {
    ::close(fd);
    fail("chmod");
  }
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      fail("write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail("fsync");
  }
  if (::close(fd) != 0) fail("close");
  if (::rename(temporary.c_str(), path.c_str()) != 0) fail("rename");
}

std::string read_input(const InputFile& file, std::istream& stdin_stream, std::size_t max_bytes) {
  if (file.is_stdin) return read_bounded(stdin_stream, file.name, max_bytes);
  return read_text_file(file.name, max_bytes);
}

}  // namespace aidecide
