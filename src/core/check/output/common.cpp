// SPDX-License-Identifier: MIT
#include "check/output/common.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <utility>

namespace aidecide {

std::string fingerprint(const Finding& f, std::size_t occurrence) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  const auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
    h ^= 0xff;
    h *= 0x100000001b3ULL;
  };
  mix(f.file);
  mix(f.rule);
  mix(std::to_string(occurrence));
  return fmt::format("{:016x}", h);
}

std::vector<std::size_t> occurrences(const std::vector<const Finding*>& all) {
  std::map<std::pair<std::string_view, std::string_view>, std::size_t> seen;
  std::vector<std::size_t> out;
  out.reserve(all.size());
  for (const Finding* f : all) out.push_back(seen[{f->file, f->rule}]++);
  return out;
}

std::string summary_line(const CheckSummary& s) {
  return fmt::format("Checked {} {} in {} {}: {} {}, {} {}, {} {}.", s.records,
                     s.records == 1 ? "record" : "records", s.files,
                     s.files == 1 ? "file" : "files", s.by_level[0],
                     s.by_level[0] == 1 ? "error" : "errors", s.by_level[1],
                     s.by_level[1] == 1 ? "warning" : "warnings", s.by_level[2],
                     s.by_level[2] == 1 ? "note" : "notes");
}

std::vector<const Finding*> all_findings(const std::vector<FileCheck>& files) {
  std::vector<const Finding*> all;
  for (const auto& f : files) {
    for (const auto& finding : f.findings) all.push_back(&finding);
  }
  return all;
}

}  // namespace aidecide
