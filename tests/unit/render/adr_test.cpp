// SPDX-License-Identifier: MIT
// Decision records (src/core/render/adr.cpp): names in an ADR folder, and
// `adr --out FOLDER` through the command line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "aidecide/adr.hpp"
#include "aidecide/files.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;
namespace fs = std::filesystem;

TEST_CASE("the next record in a folder is numbered as adr-tools numbers it", "[adr]") {
  CHECK(next_adr_file_name({}, "Where to run Support bot") == "0001-where-to-run-support-bot.md");
  CHECK(next_adr_file_name({"0001-record-architecture-decisions.md", "0007-use-postgres.md",
                            "README.md", "0009-draft.txt", "template.md", "12.md", "x-0099-y.md"},
                           "Serve it ourselves") == "0008-serve-it-ourselves.md");
  CHECK(next_adr_file_name({"9999-last.md"}, "Next") == "10000-next.md");
  CHECK(next_adr_file_name({"0003-a.md"}, "") == "0004-profile.md");
}

TEST_CASE("adr --out FOLDER writes the folder's next record", "[adr][cli]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-adr-folder";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "0001-record-architecture-decisions.md") << "# Record\n";
  std::ofstream(dir / "0002-use-markdown.md") << "# Markdown\n";
  const CliResult r = run_cli({"adr", "profiles/startup-prototype.yaml", "--date", "2026-11-23",
                               "--out", dir.string() + "/"});
  CHECK(r.code == 0);
  const fs::path written = dir / "0003-where-to-run-startup-meeting-notes-prototype.md";
  CHECK(r.err == "aidecide: wrote " + written.string() + "\n");
  REQUIRE(fs::exists(written));
  CHECK(read_text_file(written.string()).starts_with("---\nstatus: proposed\ndate: 2026-11-23\n"));
  // Again: the next number, never over the first.
  const CliResult again =
      run_cli({"adr", "profiles/startup-prototype.yaml", "--out", dir.string()});
  CHECK(again.code == 0);
  CHECK(fs::exists(dir / "0004-where-to-run-startup-meeting-notes-prototype.md"));
  fs::remove_all(dir);
}
