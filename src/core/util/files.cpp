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

// At the first byte past the limit, which the reader holds.
InputError too_large(const std::string& name, std::string_view held, std::size_t max_bytes) {
  return InputError({{name, position_at(held, max_bytes),
                      fmt::format("file is too large (the limit is {} bytes)", max_bytes)}});
}

// Reads at most max_bytes + 1 bytes, so a huge or endless input is refused
// without being held in memory.
std::string read_bounded(std::istream& in, const std::string& name, std::size_t max_bytes) {
  std::string text;
  char buffer[65536];
  while (in) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) throw too_large(name, text, max_bytes);
  }
  if (in.bad()) throw InputError({{name, {}, "cannot read: input/output error"}});
  return text;
}
}  // namespace

namespace {
// What kind of non-regular file a mode is, for messages.
std::string_view special_kind(fs::file_type t) {
  switch (t) {
    case fs::file_type::fifo:
      return "a named pipe";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::block:
    case fs::file_type::character:
      return "a device";
    default:
      return "not a regular file";
  }
}

// An entry's own type (a link as a link), from what the listing gave with
// its name where it gave one, as the observers of directory_entry do: an
// lstat per file cost 3 us, 0.3 s of a 100,000-file batch, serial before
// any scoring starts. Where the file system gives no type, it is looked up.
fs::file_type entry_type(const fs::directory_entry& e, std::error_code& ec) {
  if (e.is_symlink(ec)) return fs::file_type::symlink;
  if (ec) return fs::file_type::none;
  // Not a link: these take the entry's own type, not a link's target.
  if (e.is_regular_file(ec)) return fs::file_type::regular;
  if (ec) return fs::file_type::none;
  if (e.is_directory(ec)) return fs::file_type::directory;
  if (ec) return fs::file_type::none;
  // A named pipe, socket or device (rare): which one, for the message.
  return e.symlink_status(ec).type();
}
}  // namespace

FolderWalk walk_folder(const std::string& dir, const WalkRules& rules) {
  FolderWalk out;
  const auto skip = [&](const fs::path& p, std::string message) {
    out.skipped.push_back({p.string(), {}, std::move(message)});
  };
  if (dir.find('\0') != std::string::npos) {
    out.skipped.push_back({dir, {}, "cannot list folder: its name holds a NUL byte"});
    return out;
  }
  std::vector<fs::path> folders{fs::path(dir)};
  while (!folders.empty()) {
    const fs::path folder = std::move(folders.back());
    folders.pop_back();
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      std::error_code type_ec;
      const fs::file_type type = entry_type(*it, type_ec);
      if (type_ec) {
        skip(p, fmt::format("skipped: cannot read its type: {}", type_ec.message()));
      } else if (type == fs::file_type::directory) {
        if (!rules.pruned(p)) folders.push_back(p);
      } else if (type == fs::file_type::regular) {
        if (rules.wanted(p)) out.files.push_back(p.string());
      } else if (type == fs::file_type::symlink) {
        // Named like an input, or leading to a folder that may hold some.
        if (rules.wanted(p) || fs::is_directory(p, type_ec))
          skip(p,
               "skipped: a symbolic link (links in a folder are not followed; name the file "
               "or folder it points to)");
      } else if (rules.wanted(p)) {
        skip(p, fmt::format("skipped: {}, not a regular file", special_kind(type)));
      }
    }
    if (ec) skip(folder, fmt::format("cannot list folder: {}", ec.message()));
  }
  std::sort(out.files.begin(), out.files.end());
  std::sort(out.skipped.begin(), out.skipped.end(),
            [](const Diagnostic& a, const Diagnostic& b) { return a.source < b.source; });
  return out;
}

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
    FolderWalk walk = walk_folder(arg, {.wanted = is_yaml_name});
    if (walk.files.empty() && walk.skipped.empty())
      fail(arg, "directory holds no .yaml or .yml files");
    out.reserve(out.size() + walk.files.size() + walk.skipped.size());
    // Each skipped entry in its place among the files, so the output keeps
    // the order of the paths.
    std::size_t k = 0;
    for (auto& f : walk.files) {
      for (; k < walk.skipped.size() && walk.skipped[k].source < f; ++k)
        fail(walk.skipped[k].source, walk.skipped[k].message);
      out.push_back({std::move(f), false, nullptr});
    }
    for (; k < walk.skipped.size(); ++k) fail(walk.skipped[k].source, walk.skipped[k].message);
  }
  return out;
}

namespace {
// One open and one fstat on the descriptor: batches read thousands of
// files, and every lookup by name walks the path again. `settings`: a file
// the repository holds, read only when it is a plain file reached without a
// link (opened without blocking, so a named pipe cannot hang the run).
std::string read_file(const std::string& path, std::size_t max_bytes, bool settings) {
  const auto fail = [&](int error) {
    throw InputError({{path, {}, fmt::format("cannot read: {}", std::strerror(error))}});
  };
  const int flags = O_RDONLY | O_CLOEXEC | (settings ? O_NOFOLLOW | O_NONBLOCK : 0);
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0 && settings && errno == ELOOP)
    throw InputError(
        {{path, {}, "not read: a symbolic link (settings are read from plain files only)"}});
  if (fd < 0) fail(errno);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail(errno);
  if (S_ISDIR(st.st_mode)) throw InputError({{path, {}, "cannot read: is a directory"}});
  const bool regular = S_ISREG(st.st_mode);
  if (settings && !regular) throw InputError({{path, {}, "not read: not a regular file"}});
  const auto size = static_cast<std::size_t>(st.st_size);
  // Past the limit already: its position needs the bytes up to the limit.
  if (regular && size > max_bytes) {
    std::string head(max_bytes, '\0');
    std::size_t got = 0;
    while (got < max_bytes) {
      const ssize_t n = ::pread(fd, head.data() + got, max_bytes - got, static_cast<off_t>(got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    head.resize(got);
    throw too_large(path, head, max_bytes);
  }
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
    if (used > max_bytes) throw too_large(path, text, max_bytes);
    // A plain file that gave exactly the size fstat reported, short of the
    // extra byte asked for, is at its end: no read just to see 0.
    if (regular && used == size && used < text.size()) break;
  }
  text.resize(used);
  return text;
}
}  // namespace

std::string read_text_file(const std::string& path, std::size_t max_bytes) {
  return read_file(path, max_bytes, false);
}

std::string read_settings_file(const std::string& path, std::size_t max_bytes) {
  return read_file(path, max_bytes, true);
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
