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

namespace {
const std::string kBlock = "```yaml aidecide\ndecision: local\n```\n";

// The document with the block taken out again: what --append must leave.
std::string without(const std::string& text, const std::string& inserted) {
  const std::size_t at = text.find(inserted);
  REQUIRE(at != std::string::npos);
  return text.substr(0, at) + text.substr(at + inserted.size());
}
}  // namespace

TEST_CASE("a record goes at the end of the decision section, nothing else changes", "[adr]") {
  SECTION("adr-tools (Nygard): before ## Consequences") {
    const std::string nygard =
        "# 7. Serve the assistant\n\nDate: 2026-11-02\n\n## Status\n\nAccepted\n\n## Context\n\n"
        "We need it.\n\n## Decision\n\nWe will run it on our GPUs.\n\n## Consequences\n\nOps.\n";
    const std::string out = insert_record(nygard, kBlock);
    CHECK(out.find("We will run it on our GPUs.\n\n```yaml aidecide\ndecision: local\n```\n\n"
                   "## Consequences") != std::string::npos);
    CHECK(without(out, "\n```yaml aidecide\ndecision: local\n```\n") == nygard);
  }
  SECTION("MADR: the Decision Outcome section, its ### subsections included") {
    const std::string madr =
        "---\nstatus: accepted\n---\n# Serve it\n\n## Decision Outcome\n\nChosen option: local.\n\n"
        "### Consequences\n\n* Good\n\n## More Information\n\nNone.\n";
    const std::string out = insert_record(madr, kBlock);
    CHECK(out.find("* Good\n\n```yaml aidecide\ndecision: local\n```\n\n## More Information") !=
          std::string::npos);
    CHECK(without(out, "\n```yaml aidecide\ndecision: local\n```\n") == madr);
  }
  SECTION("log4brains: the last section, so at the end") {
    const std::string log4brains =
        "# Serve it\n\n- Status: accepted\n- Date: 2026-11-02\n\n## Decision Outcome\n\n"
        "Chosen option: \"local\"";  // no final newline
    const std::string out = insert_record(log4brains, kBlock);
    CHECK(out == log4brains + "\n\n```yaml aidecide\ndecision: local\n```\n");
  }
  SECTION("a heading inside a code block is not a section; CRLF stays CRLF") {
    const std::string crlf =
        "# T\r\n\r\n```\r\n## Decision\r\n```\r\n\r\n## Notes\r\n\r\nText.\r\n";
    const std::string out = insert_record(crlf, kBlock);
    CHECK(out == crlf + "\r\n```yaml aidecide\r\ndecision: local\r\n```\r\n");
  }
}

TEST_CASE("adr --append adds the record to an existing ADR once", "[adr][cli]") {
  const fs::path file = fs::temp_directory_path() / "aidecide-append-0007.md";
  const std::string nygard =
      "# 7. Serve the assistant\n\n## Status\n\nAccepted\n\n## Decision\n\nOur GPUs.\n\n"
      "## Consequences\n\nOps.\n";
  { std::ofstream(file) << nygard; }
  const CliResult r =
      run_cli({"adr", "profiles/startup-prototype.yaml", "--append", file.string()});
  CHECK(r.code == 0);
  CHECK(r.err == "aidecide: added the decision record to " + file.string() + "\n");
  const std::string text = read_text_file(file.string());
  const std::size_t open = text.find("```yaml aidecide\n");
  const std::size_t close = text.find("```\n", open + 4);
  REQUIRE(open != std::string::npos);
  REQUIRE(close != std::string::npos);
  CHECK(text.substr(0, open) + text.substr(close + 5) == nygard);  // byte for byte
  CHECK(text.find("recorded:\n") != std::string::npos);
  // check holds it at once; a second append is refused and changes nothing.
  CHECK(run_cli({"check", file.string()}).code == 0);
  const CliResult again =
      run_cli({"adr", "profiles/startup-prototype.yaml", "--append", file.string()});
  CHECK(again.code == 2);
  CHECK(again.err.find(":11:1: already holds a decision record") != std::string::npos);
  CHECK(read_text_file(file.string()) == text);
  fs::remove(file);
}

TEST_CASE("adr writes MADR, Nygard (adr-tools) and log4brains layouts that check holds",
          "[adr][cli]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-adr-templates";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::vector<std::pair<std::string, std::string>> layouts{
      {"madr", "---\nstatus: proposed\ndate: 2026-11-23\n---\n\n# Where to run "},
      {"nygard",
       "# Where to run Startup meeting-notes prototype\n\nDate: 2026-11-23\n\n## "
       "Status\n\nProposed\n\n## Context\n\n"},
      {"log4brains",
       "# Where to run Startup meeting-notes prototype\n\n- Status: proposed\n- "
       "Date: 2026-11-23\n\n## Context and Problem Statement\n\n"}};
  for (const auto& [layout, start] : layouts) {
    INFO(layout);
    const std::string file = (dir / (layout + ".md")).string();
    const CliResult r = run_cli({"adr", "profiles/startup-prototype.yaml", "--template", layout,
                                 "--date", "2026-11-23", "--out", file});
    REQUIRE(r.code == 0);
    const std::string text = read_text_file(file);
    CHECK(text.starts_with(start));
    // The record sits in the decision section, where --append would put it.
    const std::string decision = layout == "nygard"       ? "\n## Decision\n"
                                 : layout == "log4brains" ? "\n## Decision Outcome\n"
                                                          : "\n## Decision record\n";
    CHECK(text.find(decision) < text.find("```yaml aidecide"));
    const CliResult c = run_cli({"check", "--format", "json", file});
    CHECK(c.code == 0);
    CHECK(c.out.find("\"status\": \"proposed\"") != std::string::npos);
    CHECK(c.out.find("\"held\": true") != std::string::npos);
  }
  CHECK(run_cli({"adr", "profiles/startup-prototype.yaml", "--template", "y-statement"}).code == 2);
  fs::remove_all(dir);
}
