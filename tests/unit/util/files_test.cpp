// SPDX-License-Identifier: MIT
// Reading inputs (src/core/util/files.cpp): folder walks that never follow a
// link and report what they leave out, settings files read only as plain
// files, and score's folders.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aidecide/files.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;
namespace fs = std::filesystem;

namespace {
bool is_yaml(const fs::path& p) {
  return p.extension() == ".yaml";
}
}  // namespace

TEST_CASE("a folder walk takes plain files and reports links and special files",
          "[files][hardening]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-walk-test";
  fs::remove_all(dir);
  write(dir / "b.yaml", "x");
  write(dir / "a" / "c.yaml", "x");
  write(dir / "a" / "notes.txt", "x");
  write(dir / ".git" / "d.yaml", "x");
  write(dir / "elsewhere.yaml", "x");
  fs::create_symlink(dir / "elsewhere.yaml", dir / "a" / "link.yaml");
  fs::create_symlink(dir / "a", dir / "folder-link");
  fs::create_symlink(dir / "a" / "notes.txt", dir / "a" / "notes-link.txt");  // not an input
  REQUIRE(::mkfifo((dir / "pipe.yaml").c_str(), 0600) == 0);
  const FolderWalk walk = walk_folder(
      dir.string(),
      {.wanted = is_yaml, .pruned = [](const fs::path& p) { return p.filename() == ".git"; }});
  CHECK(walk.files == std::vector<std::string>{(dir / "a" / "c.yaml").string(),
                                               (dir / "b.yaml").string(),
                                               (dir / "elsewhere.yaml").string()});
  REQUIRE(walk.skipped.size() == 3);
  CHECK(walk.skipped[0].source == (dir / "a" / "link.yaml").string());
  CHECK(walk.skipped[0].message ==
        "skipped: a symbolic link (links in a folder are not followed; name the file or folder "
        "it points to)");
  CHECK(walk.skipped[1].source == (dir / "folder-link").string());
  CHECK(walk.skipped[2].source == (dir / "pipe.yaml").string());
  CHECK(walk.skipped[2].message == "skipped: a named pipe, not a regular file");
  fs::remove_all(dir);
}

TEST_CASE("a folder name with a NUL byte is not walked", "[files][hardening]") {
  // The system reads "docs\0x" as "docs": every entry found would name the
  // same folder again, and the walk would never end.
  const FolderWalk walk = walk_folder(std::string(".\0x", 3), {.wanted = is_yaml});
  CHECK(walk.files.empty());
  REQUIRE(walk.skipped.size() == 1);
  CHECK(walk.skipped[0].message == "cannot list folder: its name holds a NUL byte");
}

TEST_CASE("a folder that cannot be listed is reported, not passed over", "[files][hardening]") {
  // Out of file descriptors (as root, permissions would not stop the walk):
  // the walk must say so rather than return fewer files.
  const fs::path dir = fs::temp_directory_path() / "aidecide-walk-emfile";
  fs::remove_all(dir);
  write(dir / "a.yaml", "x");
  // A "folder" that is a file cannot be listed either (any user, any build).
  const FolderWalk file = walk_folder((dir / "a.yaml").string(), {.wanted = is_yaml});
  REQUIRE(file.skipped.size() == 1);
  CHECK(file.skipped[0].message == "cannot list folder: Not a directory");
#if defined(__SANITIZE_ADDRESS__)
  // The sanitizers' own reports need descriptors of their own: at the
  // limit they report themselves, not the walk.
  fs::remove_all(dir);
  return;
#endif
  rlimit old{};
  REQUIRE(::getrlimit(RLIMIT_NOFILE, &old) == 0);
  // The lowest free descriptor: no new one can be opened below the limit.
  const int lowest = ::dup(0);
  REQUIRE(lowest >= 0);
  ::close(lowest);
  rlimit tight = old;
  tight.rlim_cur = static_cast<rlim_t>(lowest);
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &tight) == 0);
  const FolderWalk walk = walk_folder(dir.string(), {.wanted = is_yaml});
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &old) == 0);
  CHECK(walk.files.empty());
  REQUIRE(walk.skipped.size() == 1);
  CHECK(walk.skipped[0].source == dir.string());
  CHECK(walk.skipped[0].message == "cannot list folder: Too many open files");
  fs::remove_all(dir);
}

TEST_CASE("settings files are read only as plain files, without blocking", "[files][hardening]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-settings-test";
  fs::remove_all(dir);
  write(dir / "plain", "docs/adr\n");
  CHECK(read_settings_file((dir / "plain").string()) == "docs/adr\n");
  fs::create_symlink(dir / "plain", dir / "link");
  const auto message = [](const fs::path& p, std::size_t limit = kMaxInputBytes) {
    try {
      read_settings_file(p.string(), limit);
    } catch (const InputError& e) {
      return e.diagnostics().front().to_string();
    }
    return std::string("read");
  };
  CHECK(message(dir / "link") ==
        (dir / "link").string() +
            ": not read: a symbolic link (settings are read from plain files only)");
  REQUIRE(::mkfifo((dir / "pipe").c_str(), 0600) == 0);
  CHECK(message(dir / "pipe") == (dir / "pipe").string() + ": not read: not a regular file");
  CHECK(message("/dev/zero") == "/dev/zero: not read: not a regular file");
  CHECK(message(dir / "plain", 4) ==
        (dir / "plain").string() + ":1:5: file is too large (the limit is 4 bytes)");
  // A named input may still be a pipe (`score <(...)`): only settings are strict.
  CHECK(read_text_file((dir / "link").string()) == "docs/adr\n");
  fs::remove_all(dir);
}

TEST_CASE("score reads no profile through a link in a folder, and says so", "[files][cli]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-score-links";
  fs::remove_all(dir);
  write(dir / "secret.yaml", "ghp_secret_token: 1\n");
  write(dir / "batch" / "one.yaml", read_text_file("profiles/startup-prototype.yaml"));
  fs::create_symlink(dir / "secret.yaml", dir / "batch" / "two.yaml");
  const CliResult r = run_cli({"score", "--quiet", (dir / "batch").string()});
  CHECK(r.code == 2);
  CHECK(r.err.find((dir / "batch" / "two.yaml").string() + ": skipped: a symbolic link") !=
        std::string::npos);
  CHECK(r.out.find("ghp_secret_token") == std::string::npos);
  CHECK(r.err.find("ghp_secret_token") == std::string::npos);
  // Named on the command line, the link is the user's to follow.
  const CliResult named = run_cli({"score", "--quiet", (dir / "batch" / "two.yaml").string()});
  CHECK(named.code == 2);  // not a profile: its own error
  fs::remove_all(dir);
}

TEST_CASE("a file name never reaches the terminal raw in an error", "[files][hardening]") {
  const CliResult r = run_cli({"score", "x\x1b]52;c;cGF3bmVk\x07\u200b.yaml"});
  CHECK(r.code == 2);
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK(r.err.find('\x07') == std::string::npos);
  CHECK(r.err.find("\u200b") == std::string::npos);
  CHECK(r.err.find("x\\x1b]52;c;cGF3bmVk\\x07\\u200b.yaml") != std::string::npos);
  const CliResult arg = run_cli({"score", "--format", "\x1b[31mred"});
  CHECK(arg.code == 2);
  CHECK(arg.err.find('\x1b') == std::string::npos);
}
